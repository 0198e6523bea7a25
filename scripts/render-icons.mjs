// Renders the app icons (client/public/icons/*.png) from client/public/favicon.svg with Debian's
// Chromium, as the browser tests start it. The PNGs are committed; run this after changing the SVG:
//   node --import tsx scripts/render-icons.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/support/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = readFileSync(`${root}client/public/favicon.svg`, 'utf8');
/** `any` icons fill their square; the maskable one keeps the drawing inside the 80 % safe zone. */
const ICONS = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.15, background: '#ffffff' },
];

const browser = await launchChromium();
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const pad = Math.round(icon.size * icon.inset);
    const inner = icon.size - 2 * pad;
    await page.setContent(
      `<html><body style="margin:0;background:${icon.background}">` +
        `<div style="padding:${pad}px;width:${inner}px;height:${inner}px">` +
        svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `) +
        '</div></body></html>',
    );
    await page.screenshot({ path: `${root}client/public/icons/${icon.file}`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
