import { Background, BackgroundVariant, ReactFlow, SelectionMode, useStore, type Node } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditCommands } from '../commands/useEditCommands';
import { useViewCommands } from '../commands/useViewCommands';
import { useHistoryView } from '../history/HistoryContext';
import { RemoteCursors } from '../presence/RemoteCursors';
import { RemoteSelections } from '../presence/RemoteSelections';
import { useConnectionState } from '../session/connection/useConnectionState';
import { useSession } from '../session/sessionContext';
import { useCanEdit } from '../session/useCanEdit';
import { useUi } from '../store/uiStore';
import './canvasFont.css';
import { ArrowDefs } from './ArrowDefs';
import { CanvasTextsContext, useBuildCanvasTexts } from './canvasTexts';
import { applyOverrides } from './derive/applyOverrides';
import type { FlowEdge as FlowEdgeType, MapNode } from './derive/flowTypes';
import { useDragToModel } from './drag/useDragToModel';
import { contentKnown, initialViewport, MAX_ZOOM, MIN_ZOOM } from './initialViewport';
import { useTabOrder } from './keyboard/useTabOrder';
import { LaneLabels, lanesPinned } from './LaneLabels';
import { FlowEdge } from './nodes/FlowEdge';
import { LaneNode } from './nodes/LaneNode';
import { StepNode } from './nodes/StepNode';
import { Overview } from './overview/Overview';
import { useAriaLabels } from './useAriaLabels';
import { useCanvasEvents } from './useCanvasEvents';
import { useDerived } from './useDerived';
import { useElementSize } from './useElementSize';
import { RoutesContext } from './useFlowGeometry';
import { useFlowChanges } from './useFlowChanges';
import { useOpeningPanel } from './useOpeningPanel';
import { usePresenceSync } from './usePresenceSync';
import { usePrintFit } from './usePrintFit';
import { useShortcuts } from './useShortcuts';

const nodeTypes = { lane: LaneNode, step: StepNode };
const edgeTypes = { flow: FlowEdge };
const GRID: [number, number] = [10, 10];
// Props that React Flow copies into its store must keep their identity between renders:
// every new value is a store update that re-runs the selectors of every node and edge.
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
/** Below this zoom texts are unreadable anyway: they (and dashes) are not drawn, which keeps big maps fluid. */
const LOW_DETAIL_ZOOM = 0.3;

/** The top-left corner of the left-most step: where the chain begins. */
function firstStep(nodes: readonly MapNode[]): { x: number; y: number } | undefined {
  let first: { x: number; y: number } | undefined;
  for (const n of nodes) if (n.type === 'step' && (!first || n.position.x < first.x)) first = n.position;
  return first;
}

/** The chain map: lanes, steps and flows over React Flow, driven by the doc. */
export function MapCanvas() {
  const { t } = useTranslation();
  const session = useSession();
  const history = useHistoryView();
  // CL-V2: an old version or a comparison is shown read-only; CL-B1: so is the map while browsing.
  const canEdit = useCanEdit();
  const editable = canEdit && !history;
  const derived = useDerived();
  const snap = useUi((s) => s.snapToGrid);
  const drag = useDragToModel(derived.bands);
  const edit = useEditCommands();
  const view = useViewCommands();
  const events = useCanvasEvents(edit, derived);
  const presence = usePresenceSync();
  const ariaLabelConfig = useAriaLabels();
  const texts = useBuildCanvasTexts();
  const label = useMemo(() => t('canvas.label'), [t]);
  const container = useRef<HTMLDivElement>(null);
  const size = useElementSize(container);
  const { status, cacheLoaded } = useConnectionState(session.connection);
  const lowDetail = useStore((s) => s.transform[2] < LOW_DETAIL_ZOOM);
  const laneLeft = derived.laneLeft;
  const pinned = useStore((s) => lanesPinned(s.transform, laneLeft));
  const { onNodesChange, onEdgesChange } = useFlowChanges(drag.onPositions, editable);
  useShortcuts(edit, view);
  useTabOrder(container);
  usePrintFit();
  // React Flow is mounted once the map's content is known (from the cache or the first sync)
  // and the canvas is measured, already fitted: mounting at zoom 1 and fitting afterwards
  // would insert most nodes one by one among the few first drawn (slow on big maps).
  const known = contentKnown({ hasLanes: derived.bands.length > 0, status, cacheLoaded });
  const nodes = useMemo(() => applyOverrides(derived.nodes, drag.overrides), [derived.nodes, drag.overrides]);
  const opening = { ...derived, start: firstStep(nodes) };
  // CL-R19: the details panel may close first, so that the whole map fits legibly.
  const area = useOpeningPanel(container, size, opening, known);
  const ready = area.ready && size !== null && known;

  // The flows whose route changed are told after the render that derived it, with React Flow's
  // own store updates (also effects), so a moved step and its flows are drawn in the same frame.
  useEffect(() => derived.routes.publish(), [derived]);

  const { onDragStart, onDragStop } = drag;
  const onNodeDragStart = useCallback((_e: unknown, _n: Node, dragged: Node[]) => onDragStart(dragged), [onDragStart]);
  const onNodeDragStop = useCallback((_e: unknown, _n: Node, dragged: Node[]) => onDragStop(dragged), [onDragStop]);
  // Read by React Flow only when it mounts.
  const defaultViewport = area.visible ? initialViewport(opening, area.visible) : undefined;

  return (
    <div
      ref={container}
      className="kk-canvas"
      id="kk-canvas"
      data-testid="canvas"
      data-detail={lowDetail ? 'low' : 'full'}
      data-connecting={events.connecting || undefined}
      data-lane-names={pinned ? 'pinned' : 'lanes'}
      data-history={history?.mode.kind}
      tabIndex={-1}
      onDoubleClick={events.onPaneDoubleClick}
      onPointerMove={presence.onPointerMove}
      onPointerLeave={presence.onPointerLeave}
    >
      <RoutesContext.Provider value={derived.routes}>
        <CanvasTextsContext.Provider value={texts}>
          {ready && (
            <ReactFlow<MapNode, FlowEdgeType>
              nodes={nodes}
              edges={derived.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStart={onNodeDragStart}
              onNodeDragStop={onNodeDragStop}
              onConnect={events.onConnect}
              onConnectEnd={events.onConnectEnd}
              onDelete={events.onDelete}
              onNodeDoubleClick={events.onNodeDoubleClick}
              onMove={presence.onMove}
              nodesDraggable={editable}
              nodesConnectable={editable}
              elementsSelectable
              edgesFocusable
              nodesFocusable
              deleteKeyCode={editable ? DELETE_KEYS : null}
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              selectionKeyCode="Shift"
              selectionMode={SelectionMode.Full}
              zoomOnDoubleClick={false}
              snapToGrid={snap}
              snapGrid={GRID}
              elevateNodesOnSelect={false}
              elevateEdgesOnSelect
              onlyRenderVisibleElements
              minZoom={MIN_ZOOM}
              maxZoom={MAX_ZOOM}
              {...(defaultViewport ? { defaultViewport } : {})}
              disableKeyboardA11y={false}
              ariaLabelConfig={ariaLabelConfig}
              aria-label={label}
              proOptions={PRO_OPTIONS}
            >
              <Background variant={BackgroundVariant.Dots} gap={20} />
              <Overview
                nodes={derived.nodes}
                bands={derived.bands}
                laneLeft={derived.laneLeft}
                laneWidth={derived.laneWidth}
              />
              <RemoteSelections nodes={nodes} />
              <RemoteCursors />
            </ReactFlow>
          )}
        </CanvasTextsContext.Provider>
      </RoutesContext.Provider>
      {ready && <LaneLabels bands={derived.bands} laneLeft={derived.laneLeft} />}
      <ArrowDefs />
    </div>
  );
}
