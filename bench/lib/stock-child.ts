/**
 * Bench child: the stock y-websocket v2 server (`bin/utils` setupWSConnection), in memory,
 * no auth and no persistence. Stats over IPC like our server.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from 'y-websocket/bin/utils';
import { serveStats } from './child-stats.js';

const http = createServer((_req, res) => {
  res.writeHead(200);
  res.end('ok');
});
const wss = new WebSocketServer({ server: http });
wss.on('connection', (conn, req) => setupWSConnection(conn, req));
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveStats(() => docs.size);
  process.send?.({ type: 'listening', url: `http://127.0.0.1:${port}` });
});
