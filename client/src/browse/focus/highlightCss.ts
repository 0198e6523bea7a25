import { laneNodeId } from '../../store/laneNodeIds';
import type { LitSets } from './litSets';

/** How much of a dimmed step, flow or lane still shows: enough to see the map's shape. */
export const DIM_STEP = 0.25;
export const DIM_FLOW = 0.15;

const sel = (id: string): string => `[data-id="${CSS.escape(id)}"]`;
const labelSel = (id: string): string => `[data-flow-id="${CSS.escape(id)}"]`;

/**
 * The style sheet that lights `lit` and dims the rest of the canvas (rule CL-B3). A style sheet
 * rather than props on the nodes: recomputing it touches no React Flow node, and it holds for
 * nodes that React Flow draws later (it draws only those in view).
 */
export function highlightCss(lit: LitSets | null): string {
  if (!lit) return '';
  const root = '#kk-canvas';
  const rules: string[] = [
    `${root} .react-flow__node-step{opacity:${DIM_STEP}}`,
    `${root} .react-flow__edge{opacity:${DIM_FLOW}}`,
    `${root} .kk-flow-label{opacity:${DIM_STEP}}`,
  ];
  const steps = [...lit.steps].map(sel);
  const flows = [...lit.flows].map(sel);
  if (steps.length > 0) rules.push(`${root} .react-flow__node-step:is(${steps.join(',')}){opacity:1}`);
  if (flows.length > 0) {
    rules.push(`${root} .react-flow__edge:is(${flows.join(',')}){opacity:1}`);
    rules.push(`${root} .react-flow__edge:is(${flows.join(',')}) .react-flow__edge-path{stroke-width:3px}`);
    rules.push(`${root} .kk-flow-label:is(${[...lit.flows].map(labelSel).join(',')}){opacity:1}`);
  }
  const focused = sel(lit.focus.kind === 'partner' ? laneNodeId(lit.focus.id) : lit.focus.id);
  if (lit.focus.kind === 'step')
    rules.push(`${root} .react-flow__node${focused} .kk-step{box-shadow:0 0 0 3px #fff,0 0 0 6px var(--kk-accent)}`);
  if (lit.focus.kind === 'partner')
    rules.push(`${root} .react-flow__node-lane${focused} .kk-lane{box-shadow:inset 0 0 0 3px var(--kk-accent)}`);
  return rules.join('\n');
}
