/**
 * Imported first by the entry (`main.tsx`), so the opened page's code is fetched while the rest of
 * the entry still runs (rule CL-Z4). A failed load is shown by `App`, which asks again.
 */
import { locationRoute } from '../routing/route';
import { loadPage } from './pageLoad';

loadPage(locationRoute(location.pathname, location.hash)).catch(() => undefined);
