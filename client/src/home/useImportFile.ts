import type { Problem } from '@ketenkaart/shared';
import { useState } from 'react';
import { ApiError, createMap } from '../api/api';
import { openCreated } from './openCreated';

/** Where an import on the home page stands. */
export type ImportState =
  | { readonly kind: 'idle' | 'busy' | 'failed' | 'notJson' }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

function isProblemBody(body: unknown): body is { problems: Problem[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { problems?: unknown }).problems);
}

/**
 * Imports a chosen or dropped file as a new map (rules CL-I3, CL-J4): checked in a worker
 * (`readMapFile`), created by the server (which lays out a map without positions, SV-J1), then
 * opened. Problems come from the file's validation or, for an older client, from the server.
 */
export function useImportFile(): { state: ImportState; importFile: (file: File) => Promise<void> } {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const importFile = async (file: File): Promise<void> => {
    if (state.kind === 'busy') return;
    setState({ kind: 'busy' });
    try {
      // The model and its validation load when a file is given, not with the home page (CL-O12).
      const { readMapFile } = await import('../session/import/readMapFile');
      const reading = await readMapFile(file);
      if (reading.kind === 'notJson') return setState({ kind: 'notJson' });
      if (reading.kind === 'invalid') return setState({ kind: 'invalid', problems: reading.problems });
      openCreated(await createMap(reading.file), reading.file.title);
    } catch (error) {
      if (error instanceof ApiError && isProblemBody(error.body))
        setState({ kind: 'invalid', problems: error.body.problems });
      else setState({ kind: 'failed' });
    }
  };
  return { state, importFile };
}
