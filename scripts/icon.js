#!/usr/bin/env node
/**
 * `npm run icon`: draws the extension's Marketplace and Open VSX icon, `media/icon.png` (128×128,
 * as both ask), from the activity bar glyph (`media/mentoring.svg`): the glyph in white on a
 * rounded square, rendered by headless Chromium (playwright-core) and stored in 256 colours
 * (upng-js). Run it after changing the glyph, and look at the picture before committing it.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const UPNG = require('upng-js');
const { findChromium } = require('./preflight');

const root = path.resolve(__dirname, '..');
const SIZE = 128;
const BACKGROUND = '#1f6f8b';

async function main() {
  const glyph = fs
    .readFileSync(path.join(root, 'media', 'mentoring.svg'), 'utf8')
    .replace(/stroke="[^"]*"/, 'stroke="#ffffff"')
    .replace(/width="24" height="24"/, 'width="88" height="88"');
  const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:${BACKGROUND};display:flex;align-items:center;justify-content:center">${glyph}</div>
</body></html>`;
  const browser = await chromium.launch({ executablePath: findChromium() || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(html);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
    const image = UPNG.decode(png);
    const out = path.join(root, 'media', 'icon.png');
    fs.writeFileSync(out, Buffer.from(UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 256)));
    console.log(`${path.relative(process.cwd(), out)}: ${image.width}×${image.height}, ${fs.statSync(out).size} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`icon: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
