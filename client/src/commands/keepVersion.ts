import { autoSnapshot } from '../api/history';
import type { EditorSession } from '../session/EditorSession';

/** How long an action waits for the server to keep the map before it goes ahead anyway. */
export const KEEP_VERSION_WAIT_MS = 3_000;

/** This person's name as the others see it (for the snapshot's author). */
export function selfName(session: EditorSession): string {
  return session.presence.participants().find((p) => p.self)?.user.name ?? '';
}

/**
 * Asks the server to keep the map as it is before this person's layout of the whole map (rule
 * CL-V6): cheap (the server does not store a version equal to the newest one) and never in the
 * way: a failure, or no answer within KEEP_VERSION_WAIT_MS, lets the layout go ahead.
 */
export function keepVersionBeforeLayout(session: EditorSession): Promise<void> {
  const asked = autoSnapshot(session.id, session.token, 'layout', selfName(session)).then(
    () => undefined,
    () => undefined,
  );
  const waited = new Promise<void>((resolve) => setTimeout(resolve, KEEP_VERSION_WAIT_MS));
  return Promise.race([asked, waited]);
}
