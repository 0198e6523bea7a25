/**
 * Debian's Chromium driven by playwright-core. No browser is ever downloaded: the
 * executable path is fixed. Each page records its uncaught errors and console
 * errors so a failing test can say what the app complained about.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach } from 'vitest';

export { launchChromium as launchBrowser } from './chromium.js';

/** A page plus what went wrong in it. */
export interface Tab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions in the page: a test expects none. */
  readonly errors: string[];
  /** `console.error` lines (failed requests while offline land here too): for failure messages. */
  readonly console: string[];
}

/** Where the client remembers the participant's name and colour (client/src/session/presence/identity.ts). */
const IDENTITY_KEY = 'ketenkaart:user';

export interface TabOptions {
  /** The participant name this person entered before on this device, so the app does not ask. */
  readonly name?: string;
  readonly color?: string;
  readonly viewport?: { width: number; height: number };
  /** A phone: touch events, a mobile viewport meta, no hover (`pointer: coarse`). */
  readonly mobile?: boolean;
}

/** A fresh browser context (its own storage: another person on another laptop) with one page. */
export async function openTab(browser: Browser, options: TabOptions = {}): Promise<Tab> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    locale: 'nl-NL',
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // Functions sent to the page must not depend on a bundler helper (esbuild's keepNames `__name`).
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  if (options.name !== undefined) {
    const identity = JSON.stringify({ name: options.name, color: options.color ?? '#0969da' });
    await context.addInitScript({
      content: `try { localStorage.setItem(${JSON.stringify(IDENTITY_KEY)}, ${JSON.stringify(identity)}); } catch {}`,
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return { context, page, errors, console: consoleErrors };
}

/**
 * After a failed test, saves a screenshot and the console errors of each tab to
 * `$E2E_ARTIFACTS` (default: the temp dir's `ketenkaart-e2e`) and prints where.
 * With `E2E_SCREENSHOTS=all` it saves them after every test, for looking at a run.
 */
export function keepScreenshotsOnFailure(tabs: () => readonly (Tab | undefined)[]): void {
  afterEach(async ({ task }) => {
    const failed = (task.result?.errors?.length ?? 0) > 0 || task.result?.state === 'fail';
    if (!failed && process.env.E2E_SCREENSHOTS !== 'all') return;
    const dir = process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'ketenkaart-e2e');
    await mkdir(dir, { recursive: true });
    const base = `${task.file?.name.replace(/\W+/g, '-') ?? 'test'}-${task.name.replace(/\W+/g, '-').slice(0, 60)}`;
    for (const [i, tab] of tabs().entries()) {
      if (!tab || tab.page.isClosed()) continue;
      const path = join(dir, `${base}-${i}.png`);
      await tab.page.screenshot({ path }).catch(() => undefined);
      await writeFile(join(dir, `${base}-${i}.log`), [...tab.errors, ...tab.console].join('\n'));
      console.error(`${failed ? 'failed' : 'after'} "${task.name}": tab ${i} (${tab.page.url()}) -> ${path}`);
    }
  });
}
