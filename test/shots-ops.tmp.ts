import { runCli } from '../server/src/cli/cli.js';
import { startApp } from './support/app.js';
import { launchBrowser, openTab } from './support/browser.js';
import { generatedMap } from './support/generated.js';
import { template } from './support/template.js';

const OUT = '/work/helpers/shots/ops';
const app = await startApp();
const browser = await launchBrowser();
const maps = { template: await app.createMap(template()), large: await app.createMap(generatedMap(300, 12, 7)) };
const sizes = { desktop: { width: 1600, height: 1000 }, phone: { width: 390, height: 844 } } as const;
for (const [name, map] of Object.entries(maps)) {
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const role of ['view', 'edit'] as const) {
      const tab = await openTab(browser, { name: 'Eva', viewport, mobile: size === 'phone' });
      await tab.page.goto(app.href(role === 'view' ? map.viewUrl : map.editUrl));
      await tab.page.getByTestId('editor').waitFor({ timeout: 30000 });
      await tab.page.waitForFunction(() => document.querySelector('[data-testid="connection-status"]')?.textContent !== '', null, { timeout: 30000 }).catch(() => {});
      await tab.page.waitForLoadState('networkidle');
      if (size === 'desktop' || name === 'template') await tab.page.locator('.react-flow__node-step, [data-testid="browse-text"]').first().waitFor({ timeout: 30000 }).catch(() => {});
      await tab.page.waitForTimeout(800);
      await tab.page.screenshot({ path: `${OUT}/${name}-${role}-${size}.png` });
      console.log('shot', name, role, size, tab.errors);
      await tab.context.close();
    }
  }
}
// CL-O3: a device that was away when the map was deleted.
for (const [size, viewport] of Object.entries(sizes)) {
  const gone = await app.createMap({ ...template(), title: 'Weg terwijl weg' });
  const tab = await openTab(browser, { name: 'Eef', viewport, mobile: size === 'phone' });
  await tab.page.goto(app.href(gone.editUrl));
  await tab.page.getByTestId('editor').waitFor();
  await tab.page.waitForLoadState('networkidle');
  await tab.page.waitForTimeout(1500);
  await app.stop();
  await runCli(['delete', gone.id], { DATA_DIR: app.dataDir }, { line: () => {} }, { line: () => {} });
  await app.start();
  await tab.page.getByTestId('copy-dropped').waitFor({ timeout: 30000 });
  await tab.page.screenshot({ path: `${OUT}/deleted-while-away-${size}.png` });
  console.log('shot deleted', size);
  await tab.context.close();
}
await browser.close();
await app.close();
