import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type App, type CreatedMap } from './app.js';
import { keepScreenshotsOnFailure, launchBrowser, openTab, type Tab } from './browser.js';
import { fitWholeMap, openMap } from './map-page.js';
import { template } from './template.js';

/** A fresh server with the template map, and Anna and Bram, each in their own context, on its edit link. */
export interface TwoEditors {
  readonly app: App;
  readonly browser: Browser;
  readonly map: CreatedMap;
  readonly anna: Tab;
  readonly bram: Tab;
}

/**
 * Registers the hooks of a test file in which two people edit one map: starts the server and
 * the browser before all tests, keeps screenshots of both tabs when a test fails, closes
 * everything after. The fields are set in `beforeAll`; read them inside tests.
 */
export function twoEditorsOnTemplate(): TwoEditors {
  const state: { -readonly [K in keyof TwoEditors]?: TwoEditors[K] } = {};
  beforeAll(async () => {
    const app = (state.app = await startApp());
    const browser = (state.browser = await launchBrowser());
    const map = (state.map = await app.createMap(template()));
    state.anna = await openTab(browser, { name: 'Anna' });
    state.bram = await openTab(browser, { name: 'Bram' });
    await openMap(state.anna.page, app.href(map.editUrl));
    await openMap(state.bram.page, app.href(map.editUrl));
    // The map opens legible, which at this size is not all of it (CL-R12): both look at the whole map.
    await fitWholeMap(state.anna.page);
    await fitWholeMap(state.bram.page);
  });
  keepScreenshotsOnFailure(() => [state.anna, state.bram]);
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.close();
  });
  const get = <K extends keyof TwoEditors>(key: K): TwoEditors[K] => {
    const value = state[key];
    if (value === undefined) throw new Error(`two-editors fixture: ${key} is not set up (used outside a test?)`);
    return value;
  };
  return {
    get app() {
      return get('app');
    },
    get browser() {
      return get('browser');
    },
    get map() {
      return get('map');
    },
    get anna() {
      return get('anna');
    },
    get bram() {
      return get('bram');
    },
  };
}
