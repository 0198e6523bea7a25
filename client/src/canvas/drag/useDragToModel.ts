import { UNASSIGNED_ID, type LaneBand, type StepMove } from '@ketenkaart/shared';
import type { Node, XYPosition } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { moveLane } from '../../commands/partners';
import { placeSteps } from '../../commands/steps';
import { useSession } from '../../session/sessionContext';
import { isLaneNodeId, partnerOfLaneNode } from '../../store/laneNodeIds';
import { useUi } from '../../store/uiStore';
import { DragCoalescer } from './dragCoalescer';
import { laneAt, laneIndexAt } from './laneHitTest';

export type Overrides = ReadonlyMap<string, XYPosition>;

const accept = (partner: string): boolean => partner !== UNASSIGNED_ID;

/**
 * Turns a React Flow drag into model ops: the dragged nodes follow the pointer from
 * local overrides (so remote updates never move them), positions stream to the doc at
 * most once per frame, and the drop decides the lane from the bands at drag start.
 */
export function useDragToModel(bands: readonly LaneBand[]) {
  const session = useSession();
  const setDragging = useUi((s) => s.setDragging);
  const [overrides, setOverrides] = useState<Overrides>(new Map());
  const frozen = useRef<readonly LaneBand[]>(bands);
  const bandsRef = useRef(bands);
  useEffect(() => {
    bandsRef.current = bands;
  }, [bands]);

  const coalescer = useMemo(
    () => new DragCoalescer<StepMove>((batch) => placeSteps(session.doc, batch)),
    [session.doc],
  );
  useEffect(() => () => coalescer.dispose(), [coalescer]);

  const toMove = useCallback((id: string, p: XYPosition): StepMove | null => {
    const lane = laneAt(frozen.current, p.y, accept);
    return lane ? { id, x: Math.round(p.x), y: lane.y, partner: lane.partner } : null;
  }, []);

  /** The moves of the steps (not lanes) among React Flow's positions. */
  const stepMoves = useCallback(
    (positions: ReadonlyMap<string, XYPosition>): StepMove[] =>
      [...positions]
        .filter(([id]) => !isLaneNodeId(id))
        .map(([id, p]) => toMove(id, p))
        .filter((m): m is StepMove => m !== null),
    [toMove],
  );

  const onDragStart = useCallback(
    (nodes: readonly Node[]) => {
      frozen.current = bandsRef.current;
      session.undo.beginGesture();
      session.snapshots.holdLocal(true);
      setDragging(nodes.map((n) => n.id));
    },
    [session.undo, session.snapshots, setDragging],
  );

  /** Positions from React Flow's position changes (drag or keyboard). */
  const onPositions = useCallback(
    (positions: ReadonlyMap<string, XYPosition>, dragging: boolean) => {
      if (dragging) {
        setOverrides((old) => {
          const next = new Map(old);
          for (const [id, p] of positions) next.set(id, isLaneNodeId(id) ? { x: 0, y: p.y } : p);
          return next;
        });
        coalescer.push(stepMoves(positions));
        return;
      }
      // The end of a drag is handled by onDragStop.
      if (useUi.getState().dragging.size > 0) return;
      // Not a drag (e.g. keyboard arrows): one move now, against the current bands.
      frozen.current = bandsRef.current;
      const moves = stepMoves(positions);
      if (moves.length > 0) placeSteps(session.doc, moves);
    },
    [coalescer, session.doc, stepMoves],
  );

  const onDragStop = useCallback(
    (nodes: readonly Node[]) => {
      const moves: StepMove[] = [];
      for (const n of nodes) {
        if (isLaneNodeId(n.id)) {
          const partner = partnerOfLaneNode(n.id);
          moveLane(session.doc, partner, laneIndexAt(frozen.current, partner, n.position.y));
        } else {
          const m = toMove(n.id, n.position);
          if (m) moves.push(m);
        }
      }
      coalescer.finish(moves);
      session.undo.endGesture();
      session.snapshots.holdLocal(false);
      session.snapshots.refresh();
      setOverrides(new Map());
      setDragging([]);
    },
    [coalescer, session, setDragging, toMove],
  );

  return useMemo(
    () => ({ overrides, onDragStart, onPositions, onDragStop }),
    [overrides, onDragStart, onPositions, onDragStop],
  );
}

export type DragToModel = ReturnType<typeof useDragToModel>;
