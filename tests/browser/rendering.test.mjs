// Rendering: the widget draws real frames in WebGL, in both themes, at any devicePixelRatio and size,
// and inside an iframe sandboxed like Element's widget frames.
// Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DARK_BG, LIGHT_BG, hex, inkIn, layoutOf, nextFrames, openWidget, pixel, screenshot, useSiteAndBrowser
} from './harness.mjs';

const ctx = useSiteAndBrowser();

describe('the widget page renders', () => {
  test('draws the form in WebGL: background, title text and four text fields', async () => {
    const { context, page, consoleLines, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
    try {
      assert.ok(consoleLines.some((l) => l.startsWith('info: verji:first-frame 400x760 dpr=1')),
        `first-frame sentinel missing; console was:\n${consoleLines.join('\n')}`);
      const png = await screenshot(page, 'light-400');
      // Corners are the theme's background; nothing else drew there.
      assert.equal(hex(pixel(png, 2, 2)), hex(LIGHT_BG));
      assert.equal(hex(pixel(png, 397, 757)), hex(LIGHT_BG));
      // The title is drawn at the top: dark ink on white.
      const titleInk = inkIn(png, { x0: 0, y0: 0, x1: 400, y1: 50 }, LIGHT_BG);
      assert.ok(titleInk > 300, `expected title ink at the top, found ${titleInk} pixels`);

      const layout = await layoutOf(page);
      assert.deepEqual(layout.map((f) => f.id), ['email', 'full_name', 'phone', 'welcome_message']);
      for (const f of layout) {
        assert.ok(f.x >= 14 && f.x + f.width <= 386, `${f.id} keeps a margin: ${JSON.stringify(f)}`);
        // The field's border is drawn where the layout says the field is.
        const border = inkIn(png, { x0: f.x - 1, y0: f.y - 1, x1: f.x + f.width + 1, y1: f.y + 2 }, LIGHT_BG, 20);
        assert.ok(border > f.width * 0.5, `${f.id}: border ink ${border}`);
      }
      assert.deepEqual(errors, []);
      const title = await page.title();
      assert.match(title, /Verji/);
    } finally {
      await context.close();
    }
  });

  test('follows the dark theme and English from the URL', async () => {
    const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?theme=dark&lang=en`, { width: 480, height: 760 });
    try {
      const png = await screenshot(page, 'dark-480-en');
      assert.equal(hex(pixel(png, 2, 2)), hex(DARK_BG));
      const ink = inkIn(png, { x0: 0, y0: 0, x1: 480, y1: 50 }, DARK_BG);
      assert.ok(ink > 300, `expected light title ink on dark, found ${ink}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('renders at devicePixelRatio 2 with a backing store of twice the CSS size', async () => {
    const { context, page, consoleLines, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 360, height: 640, dpr: 2 });
    try {
      const size = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
      });
      assert.deepEqual(size, { w: 720, h: 1280, cw: 360, ch: 640 });
      assert.ok(consoleLines.some((l) => l.includes('verji:first-frame 720x1280 dpr=2')));
      // Layout is reported in CSS pixels, so it is the same shape as at dpr 1.
      const layout = await layoutOf(page);
      assert.ok(layout[0].x >= 14 && layout[0].x + layout[0].width <= 346, JSON.stringify(layout[0]));
      // A click in CSS pixels lands on the field drawn in device pixels.
      const email = layout.find((f) => f.id === 'email');
      await page.mouse.click(email.x + 20, email.y + email.height / 2);
      await nextFrames(page, 2);
      assert.equal((await layoutOf(page)).find((f) => f.id === 'email').focused, true);
      await page.keyboard.type('ola@firma.no');
      // Tab moves on to the next field, as in any form.
      await page.keyboard.press('Tab');
      // Queued key events reach ImGui a transition per frame: wait for the focus to move, then
      // check that it moved to the next field and nowhere else.
      await page.waitForFunction(() => window.verjiLayout.some((c) => c.focused && c.id !== 'email'), null,
        { timeout: 10000 }).catch(() => {});
      const focused = (await layoutOf(page)).filter((f) => f.focused).map((f) => f.id);
      assert.deepEqual(focused, ['full_name']);
      await screenshot(page, 'light-360-dpr2');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('sizes the backing store for fractional and large ratios (1.5, 3)', async () => {
    for (const dpr of [1.5, 3]) {
      const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 360, height: 640, dpr });
      try {
        const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
        assert.deepEqual(size, [Math.round(360 * dpr), Math.round(640 * dpr)], `dpr ${dpr}`);
        const png = await screenshot(page, `light-360-dpr${dpr}`);
        assert.ok(inkIn(png, { x0: 0, y0: 0, x1: png.width, y1: 50 * dpr }, LIGHT_BG) > 300 * dpr, `title drawn at dpr ${dpr}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test('follows a resize of the page', async () => {
    const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 320, height: 600 });
    try {
      const narrow = (await layoutOf(page))[0];
      await page.setViewportSize({ width: 1000, height: 700 });
      await nextFrames(page, 3);
      const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert.deepEqual(size, [1000, 700]);
      const wide = (await layoutOf(page))[0];
      assert.ok(wide.width > narrow.width, `field grows with the page: ${narrow.width} -> ${wide.width}`);
      assert.ok(Math.abs(wide.x + wide.width / 2 - 500) <= 2, `column is centred: ${JSON.stringify(wide)}`);
      const png = await screenshot(page, 'light-1000');
      // Every text stays inside the centred column: nothing is drawn between it and the scrollbar.
      const outside = inkIn(png, { x0: wide.x + wide.width + 2, y0: 0, x1: 1000 - 24, y1: 700 }, LIGHT_BG);
      assert.equal(outside, 0, 'ink right of the column');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('fills an iframe sandboxed like Element\'s widget frames, and follows its size', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      // Element Web's sandbox and allow attributes for widget iframes.
      await page.setContent(`<body style="margin:0;background:#888">
        <iframe id="w" src="${ctx.site.base}?theme=dark" style="border:0;width:340px;height:560px"
          sandbox="allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads"
          allow="clipboard-write; clipboard-read"></iframe></body>`);
      const frame = await (await page.$('#w')).contentFrame();
      await frame.waitForFunction(() => Number(document.documentElement.dataset.verjiFrames || 0) >= 3);
      const canvasSize = () => frame.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert.deepEqual(await canvasSize(), [340, 560]);
      const png = await screenshot(page, 'iframe-dark-340');
      assert.equal(hex(pixel(png, 5, 5)), hex(DARK_BG), 'the frame is the dark widget');
      assert.equal(hex(pixel(png, 345, 5)), '#888888', 'nothing drawn outside the frame');

      await page.evaluate(() => { document.getElementById('w').style.width = '420px'; });
      await frame.waitForFunction(() => document.getElementById('canvas').width === 420);
      assert.deepEqual(await canvasSize(), [420, 560]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
