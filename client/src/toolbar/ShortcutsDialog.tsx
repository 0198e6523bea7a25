import { useTranslation } from 'react-i18next';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';

/** Each shortcut: its keys and what it does, both translated (key names differ per language). */
const SHORTCUTS = [
  'addStep',
  'addPartner',
  'connect',
  'edit',
  'delete',
  'copyPaste',
  'duplicate',
  'undo',
  'redo',
  'multi',
  'keyboard',
  'fit',
  'zoom',
  'search',
  'deselect',
  'layoutAll',
  'layoutSelection',
  'help',
] as const;

/** Lists the keyboard shortcuts. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const close = (): void => useUi.getState().openDialog(null);
  return (
    <Modal title={t('shortcuts.title')} onClose={close} testId="shortcuts-dialog">
      <table className="kk-shortcuts">
        <tbody>
          {SHORTCUTS.map((what) => (
            <tr key={what}>
              <td>
                <kbd>{t(`shortcutKeys.${what}`)}</kbd>
              </td>
              <td>{t(`shortcuts.${what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="kk-row kk-end">
        <button type="button" autoFocus onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
