import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId: string;
}

/**
 * Where focus goes after a dialog when the element that opened it is gone (or was the page
 * itself): the map canvas of the editor (`MapCanvas` has this id and takes focus).
 */
export const FOCUS_FALLBACK_ID = 'kk-canvas';

/** The element focus should return to: the opener while it is still on the page, else the canvas. */
function returnTarget(opener: Element | null): HTMLElement | null {
  if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) return opener;
  return document.getElementById(FOCUS_FALLBACK_ID);
}

/**
 * A modal native <dialog>: focus is trapped and Escape closes it. Mount it only while open.
 * When it closes, focus goes back to whatever opened it, or to the canvas; never to `<body>`.
 */
export function Modal({ title, onClose, children, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // After React has removed the dialog (and perhaps the opener, such as a removed lane's button).
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active && active !== document.body && active.isConnected) return;
        returnTarget(opener)?.focus({ preventScroll: true });
      });
    };
  }, []);
  return (
    <dialog ref={ref} className="kk-dialog" aria-labelledby={titleId} data-testid={testId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
