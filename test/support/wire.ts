/**
 * A tap on the page's own WebSockets, installed before any app script runs. The app's
 * y-websocket provider opens its socket through the tapped constructor, so a test can
 * send bytes on exactly the connection the page uses (what someone with devtools open
 * could do) and read what the server answered. The app is not changed or exposed.
 */
import type { Page } from 'playwright-core';

/** y-websocket message types (first varuint of a frame) and the auth sub-type. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AUTH = 2;
export const SYNC_UPDATE = 2;
export const AUTH_PERMISSION_DENIED = 0;

interface Tap {
  sockets: WebSocket[];
  /** Every binary frame received, per socket index, as plain byte arrays. */
  received: number[][][];
  closes: { index: number; code: number }[];
}

declare global {
  interface Window {
    __e2eTap?: Tap;
  }
}

/** The init script: wraps `WebSocket` so every socket the page opens is recorded. */
function installTap(): void {
  const Native = window.WebSocket;
  const tap: Tap = { sockets: [], received: [], closes: [] };
  window.__e2eTap = tap;
  class TappedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const index = tap.sockets.push(this) - 1;
      tap.received[index] = [];
      this.addEventListener('message', (e: MessageEvent) => {
        if (e.data instanceof ArrayBuffer) tap.received[index]!.push(Array.from(new Uint8Array(e.data)));
      });
      this.addEventListener('close', (e: CloseEvent) => tap.closes.push({ index, code: e.code }));
    }
  }
  window.WebSocket = TappedWebSocket;
}

/** Installs the tap in every document the page opens from now on. */
export async function tapWebSockets(page: Page): Promise<void> {
  await page.addInitScript(installTap);
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A y-websocket `sync/update` frame carrying a Yjs update. */
export function updateFrame(update: Uint8Array): number[] {
  return [MESSAGE_SYNC, SYNC_UPDATE, ...varUint(update.byteLength), ...update];
}

/** Sends raw bytes on the page's open sync socket (the newest open one); returns its index. */
export async function sendOnPageSocket(page: Page, frame: readonly number[]): Promise<number> {
  return page.evaluate((bytes) => {
    const tap = window.__e2eTap;
    if (!tap) throw new Error('the WebSocket tap is not installed');
    const index = tap.sockets.findLastIndex((s) => s.readyState === WebSocket.OPEN && s.url.includes('/sync/'));
    if (index < 0) throw new Error('the page has no open sync socket');
    tap.sockets[index]!.send(new Uint8Array(bytes));
    return index;
  }, frame);
}

/** Frames the server sent on socket `index` so far. */
export async function receivedFrames(page: Page, index: number): Promise<number[][]> {
  return page.evaluate((i) => window.__e2eTap?.received[i] ?? [], index);
}

/** Close codes of the page's sockets that closed so far. */
export async function closedSockets(page: Page): Promise<{ index: number; code: number }[]> {
  return page.evaluate(() => window.__e2eTap?.closes ?? []);
}
