/**
 * Imported first by the entry (`main.tsx`), so the opened page's code is fetched while the rest of
 * the entry still runs (rule CL-Z4). A failed load is shown by `App`, which asks again. A map page
 * also starts fetching the canvas's font, which the browser would otherwise ask for only once the
 * map's first labels are laid out (they stay blank until it is there: `font-display: block`).
 */
import interBold from 'inter-ui/web/Inter-Bold.woff2?url';
import interRegular from 'inter-ui/web/Inter-Regular.woff2?url';
import { locationRoute } from '../routing/route';
import { loadPage } from './pageLoad';

const route = locationRoute(location.pathname, location.hash);
loadPage(route).catch(() => undefined);
if (route.page === 'map') {
  for (const href of [interRegular, interBold]) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'font';
    link.type = 'font/woff2';
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
  }
}
