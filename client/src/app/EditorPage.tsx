import type { Role } from '@ketenkaart/shared';
import { useCallback, useState } from 'react';
import { SessionPage } from './SessionPage';

interface Props {
  readonly route: { readonly id: string; readonly role: Role; readonly token: string };
}

/**
 * Opens one map (edit or view link). A viewer whose write the server refused drops its
 * doc and cache; the map is then opened anew (a new session) from the server.
 */
export function EditorPage({ route }: Props) {
  const [generation, setGeneration] = useState(0);
  const reopen = useCallback(() => setGeneration((g) => g + 1), []);
  return <SessionPage key={generation} route={route} onReset={reopen} />;
}
