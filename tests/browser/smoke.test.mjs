// Smoke tests of the built widget page in Debian's headless Chromium: it draws real frames in
// WebGL, follows the page's size and devicePixelRatio, takes keyboard input, and starts the phone
// library only after the first frame. Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  fromHex, hex, inkIn, launchBrowser, nextFrames, openWidget, pixel, screenshot, siteDir, startSite,
} from './harness.mjs';

// The themes' background colours (src/ui/theme.cpp).
const LIGHT_BG = fromHex('#ffffff');
const DARK_BG = fromHex('#101317');

let site;
let browser;
before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

// The widget's controls as it publishes them (id, role, label, state, box in CSS pixels).
function controlsOf(page) {
  return page.evaluate(() => window.verjiLayout);
}

async function layoutOf(page) {
  return (await controlsOf(page)).filter((c) => c.role === 'textbox');
}

describe('the widget page', () => {
  test('draws the form in WebGL: background, title text and four text fields', async () => {
    const { context, page, consoleLines, errors } = await openWidget(browser, site.base, { width: 400, height: 760 });
    try {
      assert.ok(consoleLines.some((l) => l.startsWith('info: verji:first-frame 400x760 dpr=1')),
        `first-frame sentinel missing; console was:\n${consoleLines.join('\n')}`);
      const png = await screenshot(page, 'smoke-light-400');
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
    const { context, page, errors } = await openWidget(browser, `${site.base}?theme=dark&lang=en`, { width: 480, height: 760 });
    try {
      const png = await screenshot(page, 'smoke-dark-480-en');
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
    const { context, page, consoleLines, errors } = await openWidget(browser, site.base, { width: 360, height: 640, dpr: 2 });
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
      await nextFrames(page, 2);
      const focused = (await layoutOf(page)).filter((f) => f.focused).map((f) => f.id);
      assert.deepEqual(focused, ['full_name']);
      await screenshot(page, 'smoke-light-360-dpr2');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('sizes the backing store for fractional and large ratios (1.5, 3)', async () => {
    for (const dpr of [1.5, 3]) {
      const { context, page, errors } = await openWidget(browser, site.base, { width: 360, height: 640, dpr });
      try {
        const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
        assert.deepEqual(size, [Math.round(360 * dpr), Math.round(640 * dpr)], `dpr ${dpr}`);
        const png = await screenshot(page, `smoke-light-360-dpr${dpr}`);
        assert.ok(inkIn(png, { x0: 0, y0: 0, x1: png.width, y1: 50 * dpr }, LIGHT_BG) > 300 * dpr, `title drawn at dpr ${dpr}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  test('follows a resize of the page', async () => {
    const { context, page, errors } = await openWidget(browser, site.base, { width: 320, height: 600 });
    try {
      const narrow = (await layoutOf(page))[0];
      await page.setViewportSize({ width: 1000, height: 700 });
      await nextFrames(page, 3);
      const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert.deepEqual(size, [1000, 700]);
      const wide = (await layoutOf(page))[0];
      assert.ok(wide.width > narrow.width, `field grows with the page: ${narrow.width} -> ${wide.width}`);
      assert.ok(Math.abs(wide.x + wide.width / 2 - 500) <= 2, `column is centred: ${JSON.stringify(wide)}`);
      const png = await screenshot(page, 'smoke-light-1000');
      // Every text stays inside the centred column: nothing is drawn between it and the scrollbar.
      const outside = inkIn(png, { x0: wide.x + wide.width + 2, y0: 0, x1: 1000 - 24, y1: 700 }, LIGHT_BG);
      assert.equal(outside, 0, 'ink right of the column');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('fills an iframe sandboxed like Element\'s widget frames, and follows its size', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      // Element Web's sandbox and allow attributes for widget iframes.
      await page.setContent(`<body style="margin:0;background:#888">
        <iframe id="w" src="${site.base}?theme=dark" style="border:0;width:340px;height:560px"
          sandbox="allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads"
          allow="clipboard-write; clipboard-read"></iframe></body>`);
      const frame = await (await page.$('#w')).contentFrame();
      await frame.waitForFunction(() => Number(document.documentElement.dataset.verjiFrames || 0) >= 3);
      const canvasSize = () => frame.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert.deepEqual(await canvasSize(), [340, 560]);
      const png = await screenshot(page, 'smoke-iframe-dark-340');
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

  test('runs under a strict Content-Security-Policy: no inline code, no eval, nothing from elsewhere', async () => {
    const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
      "connect-src 'self'; base-uri 'none'; form-action 'none'";
    const strict = await startSite({ headers: { 'Content-Security-Policy': csp } });
    try {
      const { context, page, errors } = await openWidget(browser, strict.base, { width: 400, height: 700 });
      try {
        const png = await screenshot(page, 'smoke-csp');
        assert.ok(inkIn(png, { x0: 0, y0: 0, x1: 400, y1: 50 }, LIGHT_BG) > 300, 'the form is drawn');
        // Chromium reports every violation as a console error ("Refused to ...").
        assert.deepEqual(errors, [], 'no CSP violation or other error');
      } finally {
        await context.close();
      }
    } finally {
      await strict.close();
    }
  });

  test('publishes every control with its label and state, and radios answer clicks', async () => {
    const { context, page, errors } = await openWidget(browser, site.base, { width: 400, height: 760 });
    try {
      const controls = await controlsOf(page);
      assert.deepEqual(controls.map((c) => `${c.role}:${c.id}`), [
        'textbox:email', 'textbox:full_name', 'textbox:phone', 'radio:verification=sms', 'radio:verification=email',
        'radio:user_type=standard', 'radio:user_type=administrator', 'textbox:welcome_message', 'button:create',
      ]);
      const byId = (list, id) => list.find((c) => c.id === id);
      assert.equal(byId(controls, 'email').label, 'E-postadresse');
      assert.equal(byId(controls, 'email').kind, 'email');
      assert.equal(byId(controls, 'create').label, 'Opprett');
      assert.equal(byId(controls, 'create').disabled, true);
      assert.equal(byId(controls, 'verification=sms').checked, true);

      for (const id of ['verification=email', 'user_type=administrator']) {
        const c = byId(await controlsOf(page), id);
        await page.mouse.click(c.x + c.height / 2, c.y + c.height / 2);
        await nextFrames(page, 3);
      }
      const after = await controlsOf(page);
      assert.equal(byId(after, 'verification=email').checked, true);
      assert.equal(byId(after, 'verification=sms').checked, false);
      assert.equal(byId(after, 'user_type=administrator').checked, true);
      assert.equal(byId(after, 'user_type=standard').checked, false);
      await screenshot(page, 'smoke-choices');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('says so, and offers a reload, when the wasm cannot be loaded', async () => {
    // A broken deployment: the same site without widget.wasm.
    const dir = mkdtempSync(path.join(tmpdir(), 'verji-broken-'));
    for (const name of readdirSync(siteDir)) if (name !== 'widget.wasm') copyFileSync(path.join(siteDir, name), path.join(dir, name));
    const broken = await startSite({ root: dir });
    const context = await browser.newContext({ viewport: { width: 400, height: 600 } });
    try {
      const page = await context.newPage();
      await page.goto(`${broken.base}?lang=en`);
      await page.waitForFunction(() => document.documentElement.dataset.verjiError, null, { timeout: 20000 });
      assert.equal(await page.isVisible('#status'), true);
      assert.match(await page.textContent('#status-text'), /^The form could not start\. Reload the page/);
      assert.match(await page.textContent('#status-detail'), /wasm/, 'the technical reason is shown too');
      assert.equal(await page.isVisible('#status-reload'), true);
      await screenshot(page, 'smoke-broken-deployment');
    } finally {
      await context.close();
      await broken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('takes typing, and checks the phone number with libphonenumber after the first frame', async () => {
    const { context, page, consoleLines, errors } = await openWidget(browser, site.base, { width: 400, height: 760 });
    try {
      // libphonenumber started after the first frame was presented, and reported how long it took.
      await page.waitForFunction(() => typeof window.verjiFigures?.phone_startup_ms === 'number');
      const figures = await page.evaluate(() => window.verjiFigures);
      assert.ok(figures.phone_startup_ms > 0, JSON.stringify(figures));
      const firstFrameLine = consoleLines.findIndex((l) => l.includes('verji:first-frame'));
      assert.ok(firstFrameLine >= 0);
      console.log(`# figures: first frame at ${figures.first_frame_ms} ms, phone start-up ${figures.phone_startup_ms.toFixed(1)} ms`);

      const layoutBefore = await layoutOf(page);
      const phone = layoutBefore.find((f) => f.id === 'phone');
      // The strip right under the field, above the next label: empty until a status line appears.
      const statusStrip = { x0: phone.x, y0: phone.y + phone.height + 3, x1: phone.x + phone.width, y1: phone.y + phone.height + 15 };
      const before = await screenshot(page, 'smoke-phone-before');
      assert.equal(inkIn(before, statusStrip, LIGHT_BG), 0, 'no phone status before typing');

      await page.mouse.click(phone.x + phone.width / 2, phone.y + phone.height / 2);
      await nextFrames(page, 2);
      assert.equal((await layoutOf(page)).find((f) => f.id === 'phone').focused, true);
      await page.keyboard.type('41234567');
      await nextFrames(page, 3);
      const typed = await screenshot(page, 'smoke-phone-typed');
      // The digits are in the field ...
      const fieldInk = inkIn(typed, { x0: phone.x + 4, y0: phone.y + 3, x1: phone.x + phone.width - 4, y1: phone.y + phone.height - 3 }, LIGHT_BG);
      assert.ok(fieldInk > 100, `typed digits visible: ${fieldInk}`);
      // ... and libphonenumber's answer is a new line under it, which pushes the rest of the form down.
      const statusInk = inkIn(typed, statusStrip, LIGHT_BG);
      assert.ok(statusInk > 50, `phone status visible under the field: ${statusInk}`);
      const welcomeBefore = layoutBefore.find((f) => f.id === 'welcome_message').y;
      const welcomeAfter = (await layoutOf(page)).find((f) => f.id === 'welcome_message').y;
      assert.ok(welcomeAfter >= welcomeBefore + 10, `status line takes room: ${welcomeBefore} -> ${welcomeAfter}`);

      // Eight quick Backspaces (each pressed and released within a few milliseconds) delete all
      // eight digits: no key press is lost between frames, and the status line goes away.
      for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
      await nextFrames(page, 24);
      const cleared = await screenshot(page, 'smoke-phone-cleared');
      assert.equal(inkIn(cleared, statusStrip, LIGHT_BG), 0, 'no phone status after deleting the number');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
