/// <reference types="vite/client" />
/**
 * The bench's reference point: a plain React Flow page with default nodes and edges,
 * no sync, no model. It draws the graph in `graph.json` (written next to the built
 * page by bench/editor.ts) so it shows the same steps at the same places as the editor,
 * with the editor's zoom limits and initial fit. `?visibleOnly` turns on
 * `onlyRenderVisibleElements`, as the editor does. Written without JSX so
 * bench/tsconfig.json type-checks it as it is.
 */
import '@xyflow/react/dist/style.css';
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';

interface Graph {
  readonly nodes: Node[];
  readonly edges: Edge[];
}

function Flow({ graph }: { graph: Graph }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes);
  const [edges, , onEdgesChange] = useEdgesState(graph.edges);
  return h(ReactFlow, {
    nodes,
    edges,
    onNodesChange,
    onEdgesChange,
    onlyRenderVisibleElements: new URLSearchParams(location.search).has('visibleOnly'),
    minZoom: 0.05,
    maxZoom: 2.5,
    fitView: true,
    fitViewOptions: { padding: 0.1, maxZoom: 1 },
  });
}

const graph = (await (await fetch('./graph.json')).json()) as Graph;
createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(Flow, { graph })));
