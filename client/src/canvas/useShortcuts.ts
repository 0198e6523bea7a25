import { useEffect } from 'react';
import type { EditCommands } from '../commands/useEditCommands';
import type { ViewCommands } from '../commands/useViewCommands';
import { useCanEdit } from '../session/useCanEdit';
import { useUi } from '../store/uiStore';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The step whose node has the keyboard focus, if any. */
function focusedStep(): string | null {
  return document.activeElement?.closest<HTMLElement>('.react-flow__node-step')?.dataset['id'] ?? null;
}

/** Global keyboard shortcuts (listed in the help dialog); ignored while typing or in a dialog. */
export function useShortcuts(edit: EditCommands, view: ViewCommands): void {
  const editable = useCanEdit();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (typing(e.target) || useUi.getState().dialog !== null || document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey && editable) edit.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y') && editable) edit.redo();
      else if (mod && key === 'c') edit.copy();
      else if (mod && key === 'v' && editable) edit.paste();
      else if (mod && key === 'd' && editable) edit.duplicate();
      else if (mod && key === 'k') document.getElementById('kk-search')?.focus();
      else if (mod) handled = false;
      else if (key === 'n' && editable) edit.addStep();
      else if (key === 'l' && editable) edit.addPartner();
      else if (key === 'c' && editable) edit.openConnect(focusedStep());
      else if (key === 'f2' && editable) edit.editSelected();
      else if (key === 'f') view.fit();
      else if (key === 'o' && e.shiftKey && editable) edit.layoutSelection();
      else if (key === 'o' && editable) edit.layoutAll();
      else if (key === '+' || key === '=') view.zoomIn();
      else if (key === '-') view.zoomOut();
      else if (key === '/') document.getElementById('kk-search')?.focus();
      else if (e.key === '?') useUi.getState().openDialog('shortcuts');
      else if (key === 'escape') useUi.getState().select([]);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edit, view, editable]);
}
