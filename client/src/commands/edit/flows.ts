import { connect, updateFlow, type FlowPatch } from '@ketenkaart/shared';
import type * as Y from 'yjs';

/** Draws a document flow from one step to another; returns its id. */
export function connectSteps(doc: Y.Doc, from: string, to: string): string {
  return connect(doc, { from, to, kind: 'document' });
}

/** Changes a flow's label, kind, status or note. */
export function editFlow(doc: Y.Doc, id: string, patch: FlowPatch): void {
  updateFlow(doc, id, patch);
}
