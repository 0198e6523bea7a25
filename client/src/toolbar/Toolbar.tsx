import { useTranslation } from 'react-i18next';
import { useEditCommands } from '../commands/useEditCommands';
import { useViewCommands } from '../commands/useViewCommands';
import { useSession } from '../session/sessionContext';
import { useUndoState } from '../session/undo/useUndoState';
import { useUi } from '../store/uiStore';
import { ToolButton } from './ToolButton';

/** Editing commands (editors only). */
export function Toolbar() {
  const { t } = useTranslation();
  const session = useSession();
  const edit = useEditCommands();
  const view = useViewCommands();
  const { canUndo, canRedo } = useUndoState(session.undo);
  const hasSelection = useUi((s) => s.selected.size > 0);
  const snap = useUi((s) => s.snapToGrid);
  const toggleSnap = useUi((s) => s.toggleSnap);
  return (
    <div className="kk-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <ToolButton id="add-partner" label={t('toolbar.addPartner')} shortcut="L" onClick={edit.addPartner} />
      <ToolButton id="add-step" label={t('toolbar.addStep')} shortcut="N" onClick={edit.addStep} />
      <span className="kk-sep" />
      <ToolButton id="undo" label={t('toolbar.undo')} shortcut="Ctrl+Z" disabled={!canUndo} onClick={edit.undo} />
      <ToolButton id="redo" label={t('toolbar.redo')} shortcut="Ctrl+Shift+Z" disabled={!canRedo} onClick={edit.redo} />
      <span className="kk-sep" />
      <ToolButton
        id="duplicate"
        label={t('toolbar.duplicate')}
        shortcut="Ctrl+D"
        disabled={!hasSelection}
        onClick={edit.duplicate}
      />
      <ToolButton
        id="delete"
        label={t('toolbar.delete')}
        shortcut="Delete"
        disabled={!hasSelection}
        onClick={edit.deleteSelected}
      />
      <span className="kk-sep" />
      <ToolButton id="zoom-out" label={t('toolbar.zoomOut')} shortcut="-" onClick={view.zoomOut} />
      <ToolButton id="zoom-in" label={t('toolbar.zoomIn')} shortcut="+" onClick={view.zoomIn} />
      <ToolButton id="fit" label={t('toolbar.fit')} shortcut="F" onClick={view.fit} />
      <ToolButton id="snap" label={t('toolbar.snap')} pressed={snap} onClick={toggleSnap} />
    </div>
  );
}
