/**
 * The client address behind reverse proxies (rule SV-O9), for the per-address limits (SV-H12,
 * SV-L5). With `trustProxy` = 0 it is the socket's peer. With n > 0 the peer and the last n - 1
 * entries of `X-Forwarded-For` are trusted proxies, each of which appended the address it saw, so
 * the client is the n-th address from the right; a client can put anything left of that, which is
 * why only the hops the operator names are believed.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The address the limits count for this request (undefined when the socket has none). */
export function clientAddress(req: IncomingMessage, trustProxy: number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustProxy <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const chain = [...forwarded, ...(peer ? [peer] : [])];
  // Fewer entries than trusted hops: the leftmost is the best there is.
  const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)];
  return candidate !== undefined && isIP(candidate) !== 0 ? candidate : peer;
}
