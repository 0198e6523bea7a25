import type { DragEvent } from 'react';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

/**
 * Handlers that take a file dropped on an element (rule CL-J4). Dragging files over it is
 * accepted, so the browser does not open a dropped file in place of the app; other drags
 * (steps, text) are left alone. Only the first of several files is taken.
 */
export function fileDropHandlers(onFile: (file: File) => void) {
  return {
    onDragOver: (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer.files[0];
      if (file) onFile(file);
    },
  };
}
