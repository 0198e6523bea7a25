import { useTranslation } from 'react-i18next';
import { useCanvasActions } from '../canvas/useCanvasActions';
import { useSession } from '../editor/sessionContext';
import { useUi } from '../store/uiStore';
import { useUndoState } from '../sync/hooks';
import { ToolButton } from './ToolButton';

/** Editing commands (editors only). */
export function Toolbar() {
  const { t } = useTranslation();
  const session = useSession();
  const actions = useCanvasActions();
  const { canUndo, canRedo } = useUndoState(session.undo);
  const hasSelection = useUi((s) => s.selected.size > 0);
  const snap = useUi((s) => s.snapToGrid);
  const toggleSnap = useUi((s) => s.toggleSnap);
  return (
    <div className="kk-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      <ToolButton id="add-partner" label={t('toolbar.addPartner')} shortcut="L" onClick={actions.addPartner} />
      <ToolButton id="add-step" label={t('toolbar.addStep')} shortcut="N" onClick={actions.addStep} />
      <span className="kk-sep" />
      <ToolButton id="undo" label={t('toolbar.undo')} shortcut="Ctrl+Z" disabled={!canUndo} onClick={actions.undo} />
      <ToolButton
        id="redo"
        label={t('toolbar.redo')}
        shortcut="Ctrl+Shift+Z"
        disabled={!canRedo}
        onClick={actions.redo}
      />
      <span className="kk-sep" />
      <ToolButton
        id="duplicate"
        label={t('toolbar.duplicate')}
        shortcut="Ctrl+D"
        disabled={!hasSelection}
        onClick={actions.duplicate}
      />
      <ToolButton
        id="delete"
        label={t('toolbar.delete')}
        shortcut="Delete"
        disabled={!hasSelection}
        onClick={actions.deleteSelected}
      />
      <span className="kk-sep" />
      <ToolButton id="zoom-out" label={t('toolbar.zoomOut')} shortcut="-" onClick={actions.zoomOut} />
      <ToolButton id="zoom-in" label={t('toolbar.zoomIn')} shortcut="+" onClick={actions.zoomIn} />
      <ToolButton id="fit" label={t('toolbar.fit')} shortcut="F" onClick={actions.fit} />
      <ToolButton id="snap" label={t('toolbar.snap')} pressed={snap} onClick={toggleSnap} />
    </div>
  );
}
