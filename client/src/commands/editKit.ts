/**
 * Loads the edit kit (`./edit/`: the commands that change the map, shared's edit ops and
 * zod) for an edit link only (rule CL-Z2). The page of an editor waits for it before it shows
 * the editor, so `kit()` is there whenever an editor can act; a viewer never loads it.
 */
import type * as Kit from './edit/index';

export type EditKit = typeof Kit;

let loaded: EditKit | undefined;
let loading: Promise<EditKit> | undefined;

/** Starts loading the kit (once; a failed load is tried again on the next call). */
export function loadEditKit(): Promise<EditKit> {
  loading ??= import('./edit/index').then(
    (k) => (loaded = k),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The loaded kit; throws when it is not loaded (a viewer's page never edits). */
export function kit(): EditKit {
  if (!loaded) throw new Error('the edit commands are not loaded: only an edit link loads them');
  return loaded;
}
