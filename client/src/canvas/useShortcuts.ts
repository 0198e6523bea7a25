import { useEffect } from 'react';
import { useSession } from '../editor/sessionContext';
import { useUi } from '../store/uiStore';
import type { CanvasActions } from './useCanvasActions';

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Global keyboard shortcuts (listed in the help dialog); ignored while typing or in a dialog. */
export function useShortcuts(actions: CanvasActions): void {
  const { editable } = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (typing(e.target) || useUi.getState().dialog !== null || document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey && editable) actions.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y') && editable) actions.redo();
      else if (mod && key === 'c') actions.copy();
      else if (mod && key === 'v' && editable) actions.paste();
      else if (mod && key === 'd' && editable) actions.duplicate();
      else if (mod && key === 'k') document.getElementById('kk-search')?.focus();
      else if (mod) handled = false;
      else if (key === 'n' && editable) actions.addStep();
      else if (key === 'l' && editable) actions.addPartner();
      else if (key === 'f2' && editable) actions.editSelected();
      else if (key === 'f') actions.fit();
      else if (key === '+' || key === '=') actions.zoomIn();
      else if (key === '-') actions.zoomOut();
      else if (key === '/') document.getElementById('kk-search')?.focus();
      else if (e.key === '?') useUi.getState().openDialog('shortcuts');
      else if (key === 'escape') useUi.getState().select([]);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, editable]);
}
