// The web platform layer: no frames when nothing changes (and input, host messages and timers wake
// it), a WebGL context loss survived with the form as it was, paste from and copy to the system
// clipboard, and the dpr= override of devicePixelRatio.
// Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DARK_BG, LIGHT_BG, hex, inkIn, layoutOf, openWidget, pixel, screenshot, useSiteAndBrowser, waitForClipboard,
} from './harness.mjs';

const ctx = useSiteAndBrowser();

const framesOf = (page) => page.evaluate(() => Number(document.documentElement.dataset.verjiFrames || 0));

// Waits until the widget has paused its main loop (window.verjiFigures.idle, web_runner.cpp).
async function waitForIdle(page, timeout = 10000) {
  await page.waitForFunction(() => window.verjiFigures?.idle === 1, null, { timeout, polling: 50 });
}

// Waits until the widget has drawn a frame after `frames` and paused again; returns the frame count.
async function wokeAndSettled(page, frames) {
  await page.waitForFunction((n) => Number(document.documentElement.dataset.verjiFrames) > n, frames,
    { timeout: 10000, polling: 20 });
  await waitForIdle(page);
  return framesOf(page);
}

// Chromium's own counters of main-thread work (seconds), through the DevTools protocol.
async function mainThreadTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

async function clickField(page, id) {
  const f = (await layoutOf(page)).find((c) => c.id === id);
  await page.mouse.click(f.x + f.width / 2, f.y + f.height / 2);
  await page.waitForFunction((want) => window.verjiLayout.some((c) => c.id === want && c.focused), id,
    { timeout: 10000 });
  return f;
}

const waitForLabel = (page, id, pattern) => page.waitForFunction(
  ([want, source]) => (window.verjiLayout || []).some((c) => c.id === want && new RegExp(source).test(c.label)),
  [id, pattern.source], { timeout: 10000 });

// Two groups side by side, each running its tests one after the other: the caret's test, which
// mostly waits (10 s of blinking, then 2 s of nothing) and draws a frame per blink, beside the rest
// (idleness, WebGL, the clipboard, devicePixelRatio). Each test has its own browser context and page.
describe('the web platform layer', { concurrency: 2 }, () => {
  describe('the caret over time', { concurrency: 1 }, () => {
    test('blinks the caret of a focused field with a frame per blink, and stops after 10 s', async (t) => {
      const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
      try {
        await clickField(page, 'email');
        await page.keyboard.type('ola@firma.no');
        await waitForIdle(page);
        const typed = await framesOf(page);
        const typedAt = Date.now();
        // On 0.8 s, off 0.4 s: two frames per 1.2 s.
        await page.waitForTimeout(2400);
        const blinkFrames = (await framesOf(page)) - typed;
        t.diagnostic(`focused field, 2.4 s: ${blinkFrames} frames (caret blink)`);
        assert.ok(blinkFrames >= 2 && blinkFrames <= 6, `caret blink frames: ${blinkFrames}`);
        // Ten seconds after the last key the caret stays on, and nothing more is drawn.
        await page.waitForTimeout(Math.max(0, typedAt + 10600 - Date.now()));
        const stopped = await framesOf(page);
        await page.waitForTimeout(2000);
        assert.equal(await framesOf(page), stopped, 'no frame once the caret stopped blinking');
        const email = (await layoutOf(page)).find((c) => c.id === 'email');
        assert.equal(email.focused, true);
        const png = await screenshot(page, 'platform-caret-steady');
        const ink = inkIn(png, { x0: email.x + 4, y0: email.y + 4, x1: email.x + email.width - 4,
          y1: email.y + email.height - 4 }, LIGHT_BG);
        assert.ok(ink > 100, `the field's text is drawn: ${ink}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });

  describe('idleness, context loss, clipboard and devicePixelRatio', { concurrency: 1 }, () => {
    test('draws no frame when idle; a key, the mouse and a host message wake it, and it settles again', async (t) => {
      // Hosted in the page itself (a native webview's way): messages posted to the window are the host's.
      const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?widgetId=verji_invite&lang=en`,
        { width: 400, height: 760 });
      try {
        await page.waitForFunction(() => typeof window.verjiFigures?.phone_startup_ms === 'number');
        await waitForIdle(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');

        const rested = await framesOf(page);
        const before = await mainThreadTime(cdp);
        await page.waitForTimeout(5000);
        const after = await mainThreadTime(cdp);
        assert.equal(await framesOf(page), rested, 'no frame in 5 s of idleness');
        const idleTask = after.task - before.task;
        const idleScript = after.script - before.script;
        t.diagnostic(`idle 5 s: 0 frames, main thread busy ${(idleTask * 1000).toFixed(1)} ms ` +
          `(script ${(idleScript * 1000).toFixed(1)} ms)`);

        // A key wakes it (Shift: changes nothing in the form), and it settles again.
        let frames = await framesOf(page);
        await page.keyboard.press('Shift');
        frames = await wokeAndSettled(page, frames);
        // So does the mouse.
        await page.mouse.move(200, 300);
        await page.mouse.move(210, 320);
        frames = await wokeAndSettled(page, frames);

        // The host switches to the dark theme: the message wakes it, and the change is drawn.
        await page.evaluate(() => window.postMessage({
          api: 'toWidget', widgetId: 'verji_invite', requestId: 'platform-1', action: 'theme_change', data: { name: 'dark' },
        }, window.location.origin));
        frames = await wokeAndSettled(page, frames);
        const dark = await screenshot(page, 'platform-idle-theme-dark');
        assert.equal(hex(pixel(dark, 2, 2)), hex(DARK_BG), 'the theme change was drawn');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('survives a WebGL context loss: drawn again after the restore, typed text kept', async () => {
      const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
      try {
        const email = await clickField(page, 'email');
        await page.keyboard.type('ola@firma.no');
        await waitForIdle(page);
        const field = { x0: email.x + 4, y0: email.y + 3, x1: email.x + email.width / 2, y1: email.y + email.height - 3 };
        const typedInk = inkIn(await screenshot(page, 'platform-context-before'), field, LIGHT_BG);
        assert.ok(typedInk > 100, `typed text drawn: ${typedInk}`);

        await page.evaluate(() => {
          window.__loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
          window.__loseContext.loseContext();
        });
        await page.waitForFunction(() => window.verjiFigures.context_lost === 1);
        // Input while the context is gone is kept for later, and draws nothing.
        await page.keyboard.type(' x');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Backspace');
        const lostFrames = await framesOf(page);
        await page.waitForTimeout(500);
        assert.equal(await framesOf(page), lostFrames, 'no frame while the context is lost');

        await page.evaluate(() => window.__loseContext.restoreContext());
        await page.waitForFunction(() => window.verjiFigures.context_lost === 0);
        await wokeAndSettled(page, lostFrames);
        const png = await screenshot(page, 'platform-context-restored');
        assert.equal(await page.isVisible('#status'), false, 'no reload notice');
        assert.ok(inkIn(png, { x0: 0, y0: 0, x1: 400, y1: 50 }, LIGHT_BG) > 300, 'the title is drawn again');
        const border = inkIn(png, { x0: email.x - 1, y0: email.y - 1, x1: email.x + email.width + 1, y1: email.y + 2 }, LIGHT_BG, 20);
        assert.ok(border > email.width * 0.5, `field border drawn again: ${border}`);
        const restoredInk = inkIn(png, field, LIGHT_BG);
        assert.ok(Math.abs(restoredInk - typedInk) <= typedInk * 0.1,
          `the same text in the field: ${typedInk} before, ${restoredInk} after`);
        assert.equal((await layoutOf(page)).find((c) => c.id === 'email').focused, true, 'still focused');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('pastes from the system clipboard with Ctrl+V', async () => {
      const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?lang=en`, { width: 420, height: 800 });
      try {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await page.evaluate(() => navigator.clipboard.writeText('Kari Nordmann'));
        await clickField(page, 'full_name');
        await page.keyboard.press('Control+V');
        // The form saw the pasted name: the username preview follows it.
        await waitForLabel(page, 'username', /^The username will probably be karinordmann$/);
        await screenshot(page, 'platform-pasted');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('copies and cuts a field\'s text to the system clipboard with Ctrl+C and Ctrl+X', async () => {
      const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?lang=en`, { width: 420, height: 800 });
      try {
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await page.evaluate(() => navigator.clipboard.writeText('before'));
        await clickField(page, 'email');
        await page.keyboard.type('ola@firma.no');
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Control+C');
        assert.equal(await waitForClipboard(page, 'ola@firma.no'), 'ola@firma.no');

        // Cut from the name field, paste into the e-mail field: the name moves across.
        await clickField(page, 'full_name');
        await page.keyboard.type('Kari Nordmann');
        await waitForLabel(page, 'username', /karinordmann/);
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Control+X');
        assert.equal(await waitForClipboard(page, 'Kari Nordmann'), 'Kari Nordmann');
        await page.waitForFunction(() => !window.verjiLayout.some((c) => c.id === 'username'), null, { timeout: 10000 });
        await clickField(page, 'full_name');
        await page.keyboard.press('Control+V');
        await waitForLabel(page, 'username', /karinordmann/);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('renders at the devicePixelRatio the dpr= parameter asks for, and clicks still land', async () => {
      for (const dpr of [1.5, 3]) {
        const { context, page, consoleLines, errors } = await openWidget(ctx.browser, `${ctx.site.base}?dpr=${dpr}`,
          { width: 360, height: 640, dpr: 1 });
        try {
          const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
          assert.deepEqual(size, [Math.round(360 * dpr), Math.round(640 * dpr)], `dpr=${dpr}`);
          assert.ok(consoleLines.some((l) => l.includes(`dpr=${dpr} `)), `first-frame line names dpr ${dpr}`);
          // The layout is in CSS pixels all the same, and a click lands on the field it names.
          const email = (await layoutOf(page)).find((f) => f.id === 'email');
          assert.ok(email.x >= 14 && email.x + email.width <= 346, JSON.stringify(email));
          await clickField(page, 'email');
          const png = await screenshot(page, `platform-dpr-param-${dpr}`);
          assert.ok(inkIn(png, { x0: 0, y0: 0, x1: 360, y1: 50 }, LIGHT_BG) > 300, `title drawn at dpr=${dpr}`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      }
      // An unusable value is ignored: the screen's ratio.
      const { context, page } = await openWidget(ctx.browser, `${ctx.site.base}?dpr=9`, { width: 360, height: 640, dpr: 2 });
      try {
        assert.equal(await page.evaluate(() => document.getElementById('canvas').width), 720);
      } finally {
        await context.close();
      }
    });

    test('is crisp on screens of ratio 1.5 and 3: a backing-store pixel per screen pixel', async () => {
      for (const dpr of [1.5, 3]) {
        const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?lang=en`,
          { width: 360, height: 640, dpr });
        try {
          const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
          assert.deepEqual(size, [Math.round(360 * dpr), Math.round(640 * dpr)]);
          await clickField(page, 'email');
          await page.keyboard.type('ola@firma.no');
          await waitForIdle(page);
          const png = await screenshot(page, `platform-crisp-dpr${dpr}`);
          assert.equal(png.width, Math.round(360 * dpr));
          // Crisp text has solid ink: some pixels of the title are (nearly) full black, not grey smear.
          let solid = 0;
          for (let y = 0; y < 50 * dpr; y++) {
            for (let x = 0; x < png.width; x++) {
              const p = pixel(png, x, y);
              if (p.r + p.g + p.b < 3 * 80) solid++;
            }
          }
          assert.ok(solid > 100 * dpr * dpr, `solid title ink at dpr ${dpr}: ${solid}`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      }
    });
  });
});
