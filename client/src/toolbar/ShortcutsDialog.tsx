import { useTranslation } from 'react-i18next';
import { useUi } from '../store/uiStore';
import { Modal } from '../ui/Modal';

const SHORTCUTS = [
  ['N', 'shortcuts.addStep'],
  ['L', 'shortcuts.addPartner'],
  ['F2', 'shortcuts.edit'],
  ['Delete / Backspace', 'shortcuts.delete'],
  ['Ctrl+C / Ctrl+V', 'shortcuts.copyPaste'],
  ['Ctrl+D', 'shortcuts.duplicate'],
  ['Ctrl+Z', 'shortcuts.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'shortcuts.redo'],
  ['Shift+click / Shift+drag', 'shortcuts.multi'],
  ['Tab, Enter, ↑ ↓ ← →', 'shortcuts.keyboard'],
  ['F', 'shortcuts.fit'],
  ['+ / -', 'shortcuts.zoom'],
  ['Ctrl+K, /', 'shortcuts.search'],
  ['Escape', 'shortcuts.deselect'],
  ['?', 'shortcuts.help'],
] as const;

/** Lists the keyboard shortcuts. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const close = (): void => useUi.getState().openDialog(null);
  return (
    <Modal title={t('shortcuts.title')} onClose={close} testId="shortcuts-dialog">
      <table className="kk-shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(what)}</td>
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
