/** The step drawn under a point of the screen (the top-most one), or null. */
export function stepAt(clientX: number, clientY: number): string | null {
  for (const el of document.elementsFromPoint(clientX, clientY)) {
    const node = el.closest<HTMLElement>('.react-flow__node-step');
    const id = node?.dataset['id'];
    if (id !== undefined) return id;
  }
  return null;
}
