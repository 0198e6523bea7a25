/**
 * Debian's Chromium driven by playwright-core. No browser is ever downloaded: the
 * executable path is fixed. Each page records its uncaught errors and console
 * errors so a failing test can say what the app complained about.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page plus what went wrong in it. */
export interface Tab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions and `console.error` lines, in order. */
  readonly errors: string[];
}

/** Where the client remembers the participant's name and colour (client/src/presence/identity.ts). */
const IDENTITY_KEY = 'ketenkaart:user';

export interface TabOptions {
  /** The participant name this person entered before on this device, so the app does not ask. */
  readonly name?: string;
  readonly color?: string;
  readonly viewport?: { width: number; height: number };
}

/** A fresh browser context (its own storage: another person on another laptop) with one page. */
export async function openTab(browser: Browser, options: TabOptions = {}): Promise<Tab> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    locale: 'nl-NL',
  });
  // Functions sent to the page must not depend on a bundler helper (esbuild's keepNames `__name`).
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  if (options.name !== undefined) {
    const identity = JSON.stringify({ name: options.name, color: options.color ?? '#0969da' });
    await context.addInitScript({
      content: `localStorage.setItem(${JSON.stringify(IDENTITY_KEY)}, ${JSON.stringify(identity)});`,
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return { context, page, errors };
}
