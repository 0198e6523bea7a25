import { connect, GEOMETRY, readMap, UNASSIGNED_ID, addStep, type MapSnapshot } from '@ketenkaart/shared';
import { useReactFlow, type Connection, type Node } from '@xyflow/react';
import type { MouseEvent } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../editor/sessionContext';
import { useUi } from '../store/uiStore';
import { addLane, addStepInLane, copySelection, deleteSelection, paste, targetLane, type Clipboard } from './commands';
import { isLaneNodeId, laneNodeId, partnerOfLaneNode } from './derive';

let clipboard: Clipboard | null = null;

export type CanvasActions = ReturnType<typeof useCanvasActions>;

/** The editor's commands, shared by the toolbar, the shortcuts and the canvas events. */
export function useCanvasActions() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  return useMemo(() => {
    const { doc, undo, editable } = session;
    const ui = useUi.getState;
    const map = (): MapSnapshot => readMap(doc);
    const focusNode = (id: string, zoom?: number): void => {
      const node = flow.getNode(id);
      if (!node) return;
      const w = node.width ?? GEOMETRY.stepWidth;
      const h = node.height ?? GEOMETRY.stepHeight;
      void flow.setCenter(node.position.x + Math.min(w, 900) / 2, node.position.y + h / 2, {
        zoom: zoom ?? Math.max(flow.getZoom(), 0.8),
        duration: 300,
      });
    };
    const select = (ids: string[]): void => ui().select(ids);
    return {
      applySelection: (changes: readonly [string, boolean][]): void => {
        const next = new Set(ui().selected);
        for (const [id, on] of changes) {
          if (on) next.add(id);
          else next.delete(id);
        }
        ui().select(next);
      },
      onConnect: (c: Connection): void => {
        if (!editable || !c.source || !c.target || c.source === c.target) return;
        const id = connect(doc, { from: c.source, to: c.target, kind: 'document' });
        select([id]);
        ui().setEditing(id);
      },
      deleteIds: (ids: readonly string[]): void => {
        if (!editable) return;
        deleteSelection(doc, new Set(ids));
        select([...ui().selected].filter((id) => !ids.includes(id) || isLaneNodeId(id)));
      },
      deleteSelected: (): void => {
        if (editable) deleteSelection(doc, ui().selected);
        select([]);
      },
      onNodeDoubleClick: (event: MouseEvent, node: Node): void => {
        if (!editable) return;
        if (!isLaneNodeId(node.id)) {
          ui().setEditing(node.id);
          return;
        }
        const partner = partnerOfLaneNode(node.id);
        if (partner === UNASSIGNED_ID) return;
        const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
        if (p.x < GEOMETRY.laneHeaderWidth) return;
        const id = addStep(doc, {
          partner,
          label: t('step.newLabel'),
          x: Math.round(p.x - GEOMETRY.stepWidth / 2),
          y: Math.max(0, Math.round(p.y - node.position.y - GEOMETRY.stepHeight / 2)),
        });
        select([id]);
        ui().setEditing(id);
      },
      addStep: (): void => {
        const lane = targetLane(map(), ui().selected) ?? addLane(doc, t('partner.newName'));
        const id = addStepInLane(doc, lane, t('step.newLabel'));
        session.snapshots.refresh();
        select([id]);
        ui().setEditing(id);
        requestAnimationFrame(() => focusNode(id));
      },
      addPartner: (): void => {
        const id = addLane(doc, t('partner.newName'));
        session.snapshots.refresh();
        select([laneNodeId(id)]);
        ui().setEditing(laneNodeId(id));
        ui().setPanelOpen(true);
      },
      copy: (): void => {
        clipboard = copySelection(map(), ui().selected) ?? clipboard;
      },
      paste: (): void => {
        if (!editable || !clipboard) return;
        select(paste(doc, clipboard, targetLane(map(), ui().selected)));
      },
      duplicate: (): void => {
        const clip = copySelection(map(), ui().selected);
        if (editable && clip) select(paste(doc, clip, targetLane(map(), ui().selected)));
      },
      editSelected: (): void => {
        const [first] = ui().selected;
        if (editable && first !== undefined && ui().selected.size === 1) ui().setEditing(first);
      },
      undo: () => undo.undo(),
      redo: () => undo.redo(),
      fit: () => void flow.fitView({ padding: 0.1, duration: 300 }),
      zoomIn: () => void flow.zoomIn({ duration: 200 }),
      zoomOut: () => void flow.zoomOut({ duration: 200 }),
      /** Selects a step or lane and brings it into view. */
      jumpTo: (id: string): void => {
        select([id]);
        focusNode(id, isLaneNodeId(id) ? 0.6 : 1);
      },
    };
  }, [session, flow, t]);
}
