// The designers' preview page (site/preview/, from web/preview) in Chromium: what only a browser
// shows. Every state's expectations in both languages are asserted in-process by
// tests/ui/test_preview_states.cpp; here a few states are really drawn in frames of the widget (one
// per connection kind, both themes, both languages, the three widths), each reporting
// window.verjiPreview without a failed expectation, painting its theme's background at its width,
// and the page showing its verdict. Also the page's controls (the URL, frames scaled to real pixels,
// frames made lazily), its screenshot for the README, #preview ignored when hosted and a broken state
// reported. A screenshot of each frame drawn is saved as
// $VERJI_ARTIFACTS_DIR/preview/<state>-<theme>-<lang>-<width>.png (scripts/update-screenshots).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import {
  DARK_BG, LIGHT_BG, artifactsDir, hex, pixel, screenshot, siteDir, useSiteAndBrowser, waitForFrames,
} from './harness.mjs';

const ctx = useSiteAndBrowser();
const states = JSON.parse(readFileSync(path.join(siteDir, 'preview', 'states.json'), 'utf8'));
const HEIGHT = 1100; // the page's default frame height
const shotDir = path.join(artifactsDir, 'preview');

// The frames drawn: a state of each connection kind (docs/preview.md), then the ones the README's
// screenshots come from (scripts/update-screenshots), which add dark, English, 320 and 800 px.
const DRAWN = [
  { state: 'filled', theme: 'light', lang: 'nb', width: '480' }, // connection "ready"
  { state: 'capabilities-denied', theme: 'light', lang: 'en', width: '480' }, // "send_denied"
  { state: 'standalone', theme: 'dark', lang: 'nb', width: '480' }, // "standalone"
  { state: 'welcome-card', theme: 'dark', lang: 'en', width: '480' },
  { state: 'confirm', theme: 'dark', lang: 'nb', width: '320' },
  { state: 'status-username-taken', theme: 'light', lang: 'nb', width: '320' },
  { state: 'status-username-taken', theme: 'dark', lang: 'nb', width: '800' },
];

// VERJI_PREVIEW_SWEEP=all (or =name,name) draws those states in light and dark, Bokmål and English,
// at 480 px instead: a screenshot of each, for someone working on the states.
function sweep() {
  const wanted = process.env.VERJI_PREVIEW_SWEEP;
  if (!wanted) return null;
  const names = wanted === 'all' ? states.map((s) => s.name) : wanted.split(',');
  return names.flatMap((state) => ['light', 'dark'].flatMap((theme) =>
    ['nb', 'en'].map((lang) => ({ state, theme, lang, width: '480' }))));
}

// Waits until the widget in `frame` has drawn and published its preview outcome; returns it.
async function previewOutcome(frame) {
  await waitForFrames(frame, 2, 30000);
  await frame.waitForFunction(() => window.verjiPreview !== undefined, null, { timeout: 10000 });
  return frame.evaluate(() => window.verjiPreview);
}

// Opens the preview page on one frame, `cell` ({state, theme, lang, width}), and checks it: the
// frame plays that state, meets its expectations, paints its theme's background at its width, and
// the page's caption says so. Returns the frame's failed expectations.
async function checkCell(page, cell) {
  const { state, theme, lang, width } = cell;
  const name = `${state}-${theme}-${lang}-${width}`;
  const query = new URLSearchParams({ states: state, theme, lang, width, dpr: '1', height: String(HEIGHT) });
  await page.goto(`${ctx.site.base}preview/?${query}`);
  await page.waitForSelector('figure.cell'); // after states.json arrived
  await page.addStyleTag({ content: '.bar { position: static; }' }); // the sticky bar would cover frames
  const figures = await page.$$('figure.cell');
  assert.equal(figures.length, 1, `${name}: ${figures.length} frames shown`);
  const [figure] = figures;
  assert.deepEqual(await figure.evaluate((f) => ({ ...f.dataset })), { state, theme, lang, width });
  const iframe = await figure.waitForSelector('iframe', { timeout: 20000 });
  const frame = await iframe.contentFrame();
  const result = await previewOutcome(frame);
  assert.equal(result.state, state, `${name}: the frame played another state`);
  assert.equal(result.theme, theme);
  assert.equal(result.lang, lang);
  const buffer = await (await figure.$('.viewport')).screenshot();
  mkdirSync(shotDir, { recursive: true });
  writeFileSync(path.join(shotDir, `${name}.png`), buffer);
  const png = PNG.sync.read(buffer);
  const canvas = await frame.evaluate(() => document.getElementById('canvas').width);
  assert.equal(canvas, Number(width), `${name}: the canvas is ${canvas} pixels wide`);
  for (const [x, y] of [[4, 4], [4, png.height - 4]]) {
    const bg = hex(pixel(png, x, y));
    assert.equal(bg, hex(theme === 'dark' ? DARK_BG : LIGHT_BG), `${name}: background ${bg} at ${x},${y}`);
  }
  // The page read the frame's outcome into the caption.
  await page.waitForFunction((f) => f.matches('.ok, .failed'), figure, { timeout: 10000 });
  const verdict = await figure.$eval('.verdict', (v) => v.textContent);
  assert.equal(verdict, result.failures.length === 0 ? '✓' : `✗ ${result.failures.length} failing`, name);
  if (process.env.VERJI_PREVIEW_VERBOSE) console.log(`${name}: ${Math.round(performance.now())} ms`);
  return result.failures;
}

describe('the designers\' preview', () => {
  test('a state of each connection kind, both themes, both languages and every width: drawn, its expectations met', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1000, height: HEIGHT + 200 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const failed = {};
    try {
      for (const cell of sweep() ?? DRAWN) {
        const failures = await checkCell(page, cell);
        if (failures.length > 0) failed[`${cell.state}-${cell.theme}-${cell.lang}-${cell.width}`] = failures;
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);
    const lines = Object.entries(failed).flatMap(([name, list]) => list.map((f) => `${name}: ${f}`));
    assert.deepEqual(Object.keys(failed), [], `frames with failed expectations:\n${lines.join('\n')}`);
  });

  test('the controls are in the URL, and scale frames to real pixels', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      await page.goto(`${ctx.site.base}preview/?theme=dark&lang=en&width=320&dpr=2&filter=welcome`);
      await page.waitForSelector('figure.cell');
      const shown = await page.$$eval('figure.cell', (fs) => fs.map((f) => f.dataset.state));
      assert.ok(shown.length >= 5 && shown.every((s) => s.startsWith('welcome')), shown.join(' '));
      const box = await page.$eval('figure.cell .viewport', (v) => v.getBoundingClientRect().width);
      assert.equal(box, 2 * 320 + 2); // dpr 2 on a dpr-1 screen: twice the size, one canvas pixel per pixel
      await page.waitForSelector('figure.cell iframe'); // frames are made once their cell is in view
      const src = await page.$eval('figure.cell iframe', (f) => f.getAttribute('src'));
      assert.match(src, /^\.\.\/index\.html\?theme=dark&lang=en&dpr=2#preview=%7B/);
      // Only cells in or near the view have a frame (each is 1.5 screens tall here).
      const made = await page.$$eval('figure.cell iframe', (fs) => fs.length);
      assert.ok(made >= 1 && made < shown.length, `${made} frames for ${shown.length} cells`);
      await page.check('input[name="width"][value="800"]');
      await page.check('input[name="lang"][value="both"]');
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('width'), '320,800');
      assert.equal(url.searchParams.get('lang'), 'both');
      assert.equal(url.searchParams.get('theme'), 'dark');
      assert.equal(url.searchParams.get('filter'), 'welcome');
      // Never more live frames than WebGL contexts the browser keeps.
      const live = await page.$$eval('figure.cell iframe[src]', (fs) => fs.length);
      assert.ok(live <= 12, `${live} live frames`);
    } finally {
      await context.close();
    }
  });

  test('the page shows several states side by side (a screenshot of the page for the README)', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      const shown = ['email-typo', 'confirm-sensitive', 'status-username-taken'];
      await page.goto(`${ctx.site.base}preview/?theme=both&lang=nb&width=320&dpr=1&height=760&states=${shown.join(',')}`);
      await page.waitForSelector('figure.cell');
      const figures = await page.$$('figure.cell');
      assert.equal(figures.length, 2 * shown.length);
      const inView = [];
      for (const figure of figures) {
        const box = await figure.boundingBox();
        if (box && box.y < 860 && box.x + box.width <= 1400) inView.push(figure);
      }
      assert.ok(inView.length >= 2, `${inView.length} frames in view`);
      for (const figure of inView) { // what the screenshot shows, each caption with its verdict
        const frame = await (await figure.waitForSelector('iframe', { timeout: 20000 })).contentFrame();
        assert.deepEqual((await previewOutcome(frame)).failures, []);
        await page.waitForFunction((f) => f.matches('.ok, .failed'), figure, { timeout: 10000 });
        assert.equal(await figure.$eval('.verdict', (v) => v.textContent), '✓');
      }
      await screenshot(page, 'preview-page');
    } finally {
      await context.close();
    }
  });

  test('a hosted widget ignores #preview; a broken state is reported, not thrown', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 480, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      const state = encodeURIComponent(JSON.stringify(states[0]));
      await page.goto(`${ctx.site.base}?widgetId=w1#preview=${state}`);
      await waitForFrames(page, 2);
      assert.equal(await page.evaluate(() => window.verjiPreview), undefined);

      const broken = encodeURIComponent(JSON.stringify({ name: 'broken', title: { nb: 'x', en: 'x' }, script: [{ jump: 1 }], expect: [{ control: 'email' }] }));
      await page.goto(`${ctx.site.base}?lang=en#preview=${broken}`);
      await page.reload(); // a fragment-only change does not reload the page
      await waitForFrames(page, 2);
      const result = await page.evaluate(() => window.verjiPreview);
      assert.equal(result.state, 'broken');
      assert.equal(result.failures.length, 1);
      assert.match(result.failures[0], /script\[0\].*no known verb/);

      // Not a state at all (a number for a name, nothing else): reported too, and the form still draws.
      await page.goto(`${ctx.site.base}?lang=en#preview=${encodeURIComponent('{"name":5}')}`);
      await page.reload();
      await waitForFrames(page, 2);
      const odd = await page.evaluate(() => window.verjiPreview);
      assert.equal(odd.state, '');
      assert.ok(odd.failures.length >= 1, JSON.stringify(odd.failures));
    } finally {
      await context.close();
    }
  });
});
