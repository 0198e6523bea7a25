/**
 * A tap on the page's own WebSockets, installed before any app script runs. The app's
 * y-websocket provider opens its socket through the tapped constructor, so a test can
 * read what the page sent and what the server answered on exactly the connection the
 * page uses. The app itself is not changed.
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
  /** Every binary frame the page sent, per socket index. */
  sent: number[][][];
}

declare global {
  interface Window {
    __e2eTap?: Tap;
  }
}

/** The init script: wraps `WebSocket` so every socket the page opens is recorded. */
function installTap(): void {
  const Native = window.WebSocket;
  const tap: Tap = { sockets: [], received: [], sent: [] };
  window.__e2eTap = tap;
  class TappedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const index = tap.sockets.push(this) - 1;
      tap.received[index] = [];
      tap.sent[index] = [];
      this.addEventListener('message', (e: MessageEvent) => {
        if (e.data instanceof ArrayBuffer) tap.received[index]!.push(Array.from(new Uint8Array(e.data)));
      });
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      const index = tap.sockets.indexOf(this);
      if (data instanceof Uint8Array) tap.sent[index]!.push(Array.from(data));
      else if (data instanceof ArrayBuffer) tap.sent[index]!.push(Array.from(new Uint8Array(data)));
      super.send(data);
    }
  }
  window.WebSocket = TappedWebSocket;
}

/** Installs the tap in every document the page opens from now on. */
export async function tapWebSockets(page: Page): Promise<void> {
  await page.addInitScript(installTap);
}

/** Frames the server sent on any of the page's sockets so far, in order per socket. */
export async function allReceivedFrames(page: Page): Promise<number[][]> {
  return page.evaluate(() => (window.__e2eTap?.received ?? []).flat());
}

/** Frames the page sent on any of its sockets so far, in order per socket. */
export async function allSentFrames(page: Page): Promise<number[][]> {
  return page.evaluate(() => (window.__e2eTap?.sent ?? []).flat());
}
