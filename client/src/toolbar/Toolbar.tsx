import { useTranslation } from 'react-i18next';
import { useEditCommands } from '../commands/useEditCommands';
import { useViewCommands } from '../commands/useViewCommands';
import { useSession } from '../session/sessionContext';
import { useSnapshotValue } from '../session/snapshots/useSnapshot';
import { useUndoState } from '../session/undo/useUndoState';
import { useUi } from '../store/uiStore';
import { MenuButton } from '../ui/MenuButton';
import { useNarrow } from '../ui/useNarrow';
import { LAYOUT_TIME_LIMIT_MS } from '../session/layout/workerLayout';
import { ToolButton } from './ToolButton';

/**
 * Editing commands (editors only). On a phone one row (rule CL-M1): adding, undo, redo and making
 * a flow stay; the rest is in the "more" menu.
 */
export function Toolbar() {
  const { t } = useTranslation();
  const session = useSession();
  const edit = useEditCommands();
  const view = useViewCommands();
  const narrow = useNarrow();
  const { canUndo, canRedo } = useUndoState(session.undo);
  const selected = useUi((s) => s.selected);
  const snap = useUi((s) => s.snapToGrid);
  const toggleSnap = useUi((s) => s.toggleSnap);
  const layout = useUi((s) => s.layout);
  const busy = layout === 'busy';
  const hasSelection = selected.size > 0;
  // Two flags, not the whole snapshot: the toolbar is not drawn again on every edit (CL-R21).
  const stepSelected = useSnapshotValue(session.snapshots, (map) => [...selected].some((id) => map.stepById.has(id)));
  const layoutNotice =
    layout === 'idle' ? null : (
      <span className="kk-layout-status" role={busy ? 'status' : 'alert'} data-testid="layout-status">
        {busy
          ? t('toolbar.layoutBusy')
          : t(layout === 'timeout' ? 'toolbar.layoutTimeout' : 'toolbar.layoutFailed', {
              seconds: LAYOUT_TIME_LIMIT_MS / 1000,
            })}
      </span>
    );
  const [only] = selected;
  const oneStep = useSnapshotValue(
    session.snapshots,
    (map) => selected.size === 1 && only !== undefined && map.stepById.has(only),
  );
  const layoutItems = [
    { id: 'layout-all', label: t('toolbar.layoutAll'), disabled: busy, onSelect: edit.layoutAll },
    {
      id: 'layout-selection',
      label: t('toolbar.layoutSelection'),
      disabled: busy || !stepSelected,
      onSelect: edit.layoutSelection,
    },
  ];
  const openReplace = (): void => useUi.getState().openReplace(null);
  const main = (
    <>
      <ToolButton
        id="add-partner"
        label={t('toolbar.addPartner')}
        text={narrow ? t('toolbar.addPartnerShort') : undefined}
        shortcut="L"
        onClick={edit.addPartner}
      />
      <ToolButton
        id="add-step"
        label={t('toolbar.addStep')}
        text={narrow ? t('toolbar.addStepShort') : undefined}
        shortcut="N"
        onClick={edit.addStep}
      />
      <ToolButton
        id="connect"
        label={t('toolbar.connect')}
        text={narrow ? t('toolbar.connectShort') : undefined}
        shortcut="C"
        disabled={!oneStep}
        onClick={() => edit.openConnect()}
      />
      <span className="kk-sep" />
      <ToolButton
        id="undo"
        label={t('toolbar.undo')}
        text={narrow ? '↶' : undefined}
        shortcut="Ctrl+Z"
        disabled={!canUndo}
        onClick={edit.undo}
      />
      <ToolButton
        id="redo"
        label={t('toolbar.redo')}
        text={narrow ? '↷' : undefined}
        shortcut="Ctrl+Shift+Z"
        disabled={!canRedo}
        onClick={edit.redo}
      />
    </>
  );
  if (narrow) {
    return (
      <div className="kk-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
        {main}
        <MenuButton
          label={t('toolbar.more')}
          text="⋯"
          testId="toolbar-menu"
          items={[
            { id: 'duplicate', label: t('toolbar.duplicate'), disabled: !hasSelection, onSelect: edit.duplicate },
            { id: 'delete', label: t('toolbar.delete'), disabled: !hasSelection, onSelect: edit.deleteSelected },
            { id: 'zoom-out', label: t('toolbar.zoomOut'), onSelect: view.zoomOut },
            { id: 'zoom-in', label: t('toolbar.zoomIn'), onSelect: view.zoomIn },
            { id: 'fit', label: t('toolbar.fit'), onSelect: view.fit },
            { id: 'snap', label: t('toolbar.snap'), checked: snap, onSelect: toggleSnap },
            ...layoutItems,
            { id: 'replace', label: t('replace.open'), onSelect: openReplace },
          ]}
        />
        {layoutNotice}
      </div>
    );
  }
  return (
    <div className="kk-toolbar" role="toolbar" aria-label={t('toolbar.label')} data-testid="toolbar">
      {main}
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
      <MenuButton label={t('toolbar.layout')} text={t('toolbar.layout')} testId="toolbar-layout" items={layoutItems} />
      <span className="kk-sep" />
      <ToolButton id="zoom-out" label={t('toolbar.zoomOut')} shortcut="-" onClick={view.zoomOut} />
      <ToolButton id="zoom-in" label={t('toolbar.zoomIn')} shortcut="+" onClick={view.zoomIn} />
      <ToolButton id="fit" label={t('toolbar.fit')} shortcut="F" onClick={view.fit} />
      <ToolButton id="snap" label={t('toolbar.snap')} pressed={snap} onClick={toggleSnap} />
      {layoutNotice}
    </div>
  );
}
