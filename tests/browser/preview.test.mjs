// The designers' preview page (site/preview/, from web/preview): every state of states.json in
// frames of the real widget, light and dark, Bokmål and English, at 480 px (a subset at 320 and
// 800). Each frame must report no failed expectation (window.verjiPreview, computed by the widget
// itself) and paint its theme's background; a screenshot of every frame is saved as
// $VERJI_ARTIFACTS_DIR/preview/<state>-<theme>-<lang>-<width>.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import {
  DARK_BG, LIGHT_BG, artifactsDir, hex, pixel, screenshot, siteDir, useSiteAndBrowser, waitForFrames,
} from './harness.mjs';

const ctx = useSiteAndBrowser();
// VERJI_PREVIEW_ONLY=a,b limits the run to some states (while working on them).
const only = process.env.VERJI_PREVIEW_ONLY ? process.env.VERJI_PREVIEW_ONLY.split(',') : null;
const states = JSON.parse(readFileSync(path.join(siteDir, 'preview', 'states.json'), 'utf8'))
  .filter((s) => !only || only.includes(s.name));
const HEIGHT = 1100; // the page's default frame height
const SUBSET = ['empty', 'filled', 'welcome-national-id', 'confirm', 'status-username-taken', 'status-failure'];
const shotDir = path.join(artifactsDir, 'preview');

// Opens the preview page for one state and checks every frame it shows. Returns the frames'
// failures by name (empty when all passed).
async function checkState(page, state, { widths, langs }) {
  const query = new URLSearchParams({ states: state, theme: 'both', lang: langs, width: widths, dpr: '1', height: String(HEIGHT) });
  await page.goto(`${ctx.site.base}preview/?${query}`);
  await page.waitForSelector('figure.cell'); // after states.json arrived
  await page.addStyleTag({ content: '.bar { position: static; }' }); // the sticky bar would cover frames
  const figures = await page.$$('figure.cell');
  const expected = 2 * (langs === 'both' ? 2 : 1) * widths.split(',').length;
  assert.equal(figures.length, expected, `${state}: ${figures.length} frames shown`);
  const failures = {};
  for (const figure of figures) {
    const { theme, lang, width } = await figure.evaluate((f) => ({ ...f.dataset }));
    const name = `${state}-${theme}-${lang}-${width}`;
    await figure.scrollIntoViewIfNeeded();
    const iframe = await figure.waitForSelector('iframe', { timeout: 20000 });
    const frame = await iframe.contentFrame();
    await waitForFrames(frame, 2, 30000);
    await frame.waitForFunction(() => window.verjiPreview !== undefined, null, { timeout: 10000 });
    const result = await frame.evaluate(() => window.verjiPreview);
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
    if (result.failures.length > 0) failures[name] = result.failures;
    await iframe.evaluate((f) => f.remove()); // checked: stop its frames, the next ones draw faster
    if (process.env.VERJI_PREVIEW_VERBOSE) console.log(`${name}: ${Math.round(performance.now())} ms`);
  }
  return failures;
}

async function openPage(width) {
  const context = await ctx.browser.newContext({ viewport: { width, height: HEIGHT + 200 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, errors };
}

function report(all) {
  const lines = Object.entries(all).flatMap(([name, list]) => list.map((f) => `${name}: ${f}`));
  return `${Object.keys(all).length} frames with failed expectations:\n${lines.join('\n')}`;
}

describe('the designers\' preview', () => {
  test('every state at 480 px, light and dark, Bokmål and English, meets its expectations', async () => {
    const { context, page, errors } = await openPage(4 * 500 + 40);
    const all = {};
    try {
      for (const state of states) Object.assign(all, await checkState(page, state.name, { widths: '480', langs: 'both' }));
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(Object.keys(all), [], report(all));
  });

  test('a subset at 320 and 800 px', async () => {
    const { context, page, errors } = await openPage(2 * 340 + 2 * 820 + 60);
    const all = {};
    try {
      for (const state of SUBSET.filter((s) => !only || only.includes(s))) Object.assign(all, await checkState(page, state, { widths: '320,800', langs: 'nb' }));
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(Object.keys(all), [], report(all));
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
      for (const figure of inView) { // what the screenshot shows
        const frame = await (await figure.waitForSelector('iframe', { timeout: 20000 })).contentFrame();
        await waitForFrames(frame, 2, 30000);
        await frame.waitForFunction(() => window.verjiPreview !== undefined, null, { timeout: 10000 });
        assert.deepEqual(await frame.evaluate(() => window.verjiPreview.failures), []);
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
