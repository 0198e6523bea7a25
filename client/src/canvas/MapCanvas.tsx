import {
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlow,
  SelectionMode,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../editor/sessionContext';
import { RemoteCursors } from '../presence/RemoteCursors';
import { RemoteSelections } from '../presence/RemoteSelections';
import { useUi } from '../store/uiStore';
import type { FlowEdge as FlowEdgeType, MapNode } from './derive';
import { applyOverrides } from './applyOverrides';
import { ArrowDefs } from './ArrowDefs';
import { FlowEdge } from './FlowEdge';
import { LaneLabels } from './LaneLabels';
import { LaneNode } from './LaneNode';
import { StepNode } from './StepNode';
import { useAriaLabels } from './useAriaLabels';
import { useCanvasActions } from './useCanvasActions';
import { useDerived } from './useDerived';
import { useDragToModel } from './useDragToModel';
import { usePresenceSync } from './usePresenceSync';
import { useShortcuts } from './useShortcuts';

const nodeTypes = { lane: LaneNode, step: StepNode };
const edgeTypes = { flow: FlowEdge };
const GRID: [number, number] = [10, 10];

/** The chain map: lanes, steps and flows over React Flow, driven by the doc. */
export function MapCanvas() {
  const { t } = useTranslation();
  const session = useSession();
  const editable = session.editable;
  const derived = useDerived();
  const snap = useUi((s) => s.snapToGrid);
  const drag = useDragToModel(derived.bands);
  const actions = useCanvasActions();
  const presence = usePresenceSync();
  const ariaLabelConfig = useAriaLabels();
  useShortcuts(actions);

  const nodes = useMemo(() => applyOverrides(derived.nodes, drag.overrides), [derived.nodes, drag.overrides]);

  const onNodesChange = useCallback(
    (changes: NodeChange<MapNode>[]) => {
      const positions = new Map<string, XYPosition>();
      let dragging = false;
      const select: [string, boolean][] = [];
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          positions.set(c.id, c.position);
          dragging ||= c.dragging === true;
        } else if (c.type === 'select') select.push([c.id, c.selected]);
      }
      if (positions.size > 0 && editable) drag.onPositions(positions, dragging);
      if (select.length > 0) actions.applySelection(select);
    },
    [actions, drag, editable],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdgeType>[]) => {
      const select: [string, boolean][] = [];
      for (const c of changes) if (c.type === 'select') select.push([c.id, c.selected]);
      if (select.length > 0) actions.applySelection(select);
    },
    [actions],
  );

  return (
    <div
      className="kk-canvas"
      id="kk-canvas"
      data-testid="canvas"
      onPointerMove={presence.onPointerMove}
      onPointerLeave={presence.onPointerLeave}
    >
      <ReactFlow<MapNode, FlowEdgeType>
        nodes={nodes}
        edges={derived.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={drag.onDragStart}
        onNodeDragStop={(_e: unknown, _n: Node, dragged: Node[]) => drag.onDragStop(dragged)}
        onConnect={actions.onConnect}
        onDelete={({ nodes: n, edges: e }: { nodes: Node[]; edges: Edge[] }) =>
          actions.deleteIds([...n, ...e].map((x) => x.id))
        }
        onNodeDoubleClick={actions.onNodeDoubleClick}
        onMove={presence.onMove}
        nodesDraggable={editable}
        nodesConnectable={editable}
        elementsSelectable
        edgesFocusable
        nodesFocusable
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        selectionMode={SelectionMode.Full}
        zoomOnDoubleClick={false}
        snapToGrid={snap}
        snapGrid={GRID}
        elevateNodesOnSelect={false}
        elevateEdgesOnSelect
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2.5}
        fitView
        fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
        disableKeyboardA11y={false}
        ariaLabelConfig={ariaLabelConfig}
        aria-label={t('canvas.label')}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} />
        <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} data-testid="minimap" />
        <RemoteSelections nodes={nodes} />
        <RemoteCursors />
      </ReactFlow>
      <LaneLabels bands={derived.bands} />
      <ArrowDefs />
    </div>
  );
}

function minimapColor(node: Node): string {
  if (node.type === 'lane') return `${String((node.data as { partner: { color: string } }).partner.color)}33`;
  return String((node.data as { color?: string }).color ?? '#57606a');
}
