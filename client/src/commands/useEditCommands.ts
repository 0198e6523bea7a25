import { readMap, type MapSnapshot } from '@ketenkaart/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timedWorkerLayout } from '../session/layout/workerLayout';
import { useSession } from '../session/sessionContext';
import { isLaneNodeId, laneNodeId } from '../store/laneNodeIds';
import { viewingHistory } from '../store/historyUi';
import { useUi } from '../store/uiStore';
import { connectSteps } from './flows';
import { keepVersionBeforeLayout } from './keepVersion';
import { layoutMap } from './layout';
import { addLane } from './partners';
import { copySelection, deleteSelection, paste, targetLane, type Clipboard } from './selection';
import { addStepAt, addStepInLane } from './steps';
import { useViewCommands } from './useViewCommands';

/** What was copied last, shared by every editor on the page. */
let clipboard: Clipboard | null = null;

export type EditCommands = ReturnType<typeof useEditCommands>;

/**
 * The editor's commands on the open map, with the selection and the in-place editing
 * that follow them; shared by the toolbar, the shortcuts and the canvas events.
 */
export function useEditCommands() {
  const { t } = useTranslation();
  const session = useSession();
  const view = useViewCommands();
  return useMemo(() => {
    const { doc, undo } = session;
    // Nothing is edited while the canvas shows an old version or a comparison (CL-V2).
    const editable = (): boolean => session.editable && !viewingHistory();
    const ui = useUi.getState;
    const map = (): MapSnapshot => readMap(doc);
    const select = (ids: string[]): void => ui().select(ids);
    /** Runs one layout at a time, with its busy state and, if it fails, the user told (CL-AL2). */
    const runLayout = (selection?: readonly string[]): void => {
      if (!editable() || ui().layout === 'busy') return;
      ui().setLayout('busy');
      // CL-V6: the server keeps the map as it was before a layout of the whole map.
      const kept = selection ? Promise.resolve() : keepVersionBeforeLayout(session);
      kept
        .then(() => layoutMap(doc, undo, session.snapshots.getSnapshot(), timedWorkerLayout(), selection))
        .then(
          () => ui().setLayout('idle'),
          (e: unknown) => {
            console.error('layout failed', e);
            ui().setLayout(e instanceof Error && e.name === 'LayoutTimeout' ? 'timeout' : 'failed');
          },
        );
    };
    const selectAndEdit = (id: string): void => {
      select([id]);
      ui().setEditing(id);
    };
    return {
      /** Draws a flow between two steps and edits its label. */
      connect: (from: string, to: string): void => {
        if (!editable() || from === to) return;
        selectAndEdit(connectSteps(doc, from, to));
      },
      /** Opens the flow picker from the selected step, or from `focused` (a step with the focus), selected first. */
      openConnect: (focused?: string | null): void => {
        if (!editable()) return;
        const current = map();
        if (focused && current.stepById.has(focused)) select([focused]);
        const [only] = ui().selected;
        if (ui().selected.size === 1 && only !== undefined && current.stepById.has(only)) ui().openDialog('connect');
      },
      deleteIds: (ids: readonly string[]): void => {
        if (!editable()) return;
        deleteSelection(doc, new Set(ids));
        select([...ui().selected].filter((id) => !ids.includes(id) || isLaneNodeId(id)));
      },
      deleteSelected: (): void => {
        if (editable()) deleteSelection(doc, ui().selected);
        select([]);
      },
      /** Adds a step at a place in a lane and edits its label. */
      addStepAt: (partner: string, x: number, y: number): void => {
        if (!editable()) return;
        selectAndEdit(addStepAt(doc, partner, t('step.newLabel'), x, y));
      },
      addStep: (): void => {
        if (!editable()) return;
        const lane = targetLane(map(), ui().selected) ?? addLane(doc, t('partner.newName'));
        const id = addStepInLane(doc, lane, t('step.newLabel'));
        session.snapshots.refresh();
        selectAndEdit(id);
        requestAnimationFrame(() => view.focus(id));
      },
      addPartner: (): void => {
        if (!editable()) return;
        const id = addLane(doc, t('partner.newName'));
        session.snapshots.refresh();
        selectAndEdit(laneNodeId(id));
        ui().setPanelOpen(true);
      },
      copy: (): void => {
        clipboard = copySelection(map(), ui().selected) ?? clipboard;
      },
      paste: (): void => {
        if (!editable() || !clipboard) return;
        select(paste(doc, clipboard, targetLane(map(), ui().selected)));
      },
      duplicate: (): void => {
        const clip = copySelection(map(), ui().selected);
        if (editable() && clip) select(paste(doc, clip, targetLane(map(), ui().selected)));
      },
      editSelected: (): void => {
        const [first] = ui().selected;
        if (editable() && first !== undefined && ui().selected.size === 1) ui().setEditing(first);
      },
      /** Lays out the whole map (CL-AL3). */
      layoutAll: (): void => runLayout(),
      /** Lays out the selected steps; the rest stays put (CL-AL3). */
      layoutSelection: (): void => {
        const steps = [...ui().selected].filter((id) => map().stepById.has(id));
        if (steps.length > 0) runLayout(steps);
      },
      undo: () => undo.undo(),
      redo: () => undo.redo(),
    };
  }, [session, view, t]);
}
