/** Types for the stock y-websocket v2 server helpers (CommonJS, shipped without types). */
declare module 'y-websocket/bin/utils' {
  import type { IncomingMessage } from 'node:http';
  import type { WebSocket } from 'ws';

  export function setupWSConnection(
    conn: WebSocket,
    req: IncomingMessage,
    options?: { docName?: string; gc?: boolean },
  ): void;
  export const docs: Map<string, unknown>;
}
