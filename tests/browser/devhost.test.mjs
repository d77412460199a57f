// The dev host (web/devhost) in Chromium, over a test widget built on matrix-widget-api's own
// widget-side class (fixtures/js-widget): the handshake completes, a send_event lands in the room,
// the scripted CompanyBot answers and the answer reaches the widget; in an iframe on another origin
// with waitForIframeLoad on and off, and in same-window mode (a native webview's stand-in).
// The host side is the real ClientWidgetApi, so this also pins how it behaves for the real widget.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDevhost } from '../../web/devhost/server.mjs';
import { launchBrowser, screenshot } from './harness.mjs';

const FIXTURE = fileURLToPath(new URL('./fixtures/js-widget', import.meta.url));
const BOT = '@companybot:verji.example';
const ADMIN = '@admin:verji.example';
const SEND_CAP = 'org.matrix.msc2762.send.event:m.room.message#m.text';

let dev;
let browser;
before(async () => {
  dev = await startDevhost({ site: FIXTURE, hostPort: 0 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await dev?.close();
});

let counter = 0;
function invite(overrides = {}) {
  counter++;
  const block = {
    version: 1, request_id: `${Date.now().toString(16)}${counter}`.padEnd(32, 'a').slice(0, 32), email: 'ola.nordmann@firma.no',
    full_name: 'Ola Nordmann', phone: '+4741234567', verification: 'sms', user_type: 'standard', welcome_message: '',
    username_hint: 'olanordmann', lang: 'nb', client: 'devhost-test', ...overrides,
  };
  return { msgtype: 'm.text', body: 'Invitasjon til Ola Nordmann', 'app.verji.invite': block };
}

async function openPage(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { context, page, errors };
}

// The widget's frame once its handshake is done (the newest one after a reload).
async function readyWidget(page) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const frames = page.frames().filter((f) => f.url().startsWith(dev.widgetUrl));
    const frame = frames[frames.length - 1];
    if (frame && (await frame.evaluate(() => Boolean(window.fixture?.ready && window.fixture.approved)).catch(() => false))) return frame;
    if (Date.now() > deadline) throw new Error('the widget never became ready');
    await page.waitForTimeout(100);
  }
}

const fixture = (target) => target.evaluate(() => JSON.parse(JSON.stringify(window.fixture)));
const send = (target, content) => target.evaluate((c) => window.fixture.send(c), content);

// Waits until the widget has received the bot's answer `body` to `eventId`; returns all it received.
async function waitForAnswer(target, eventId, body) {
  await target.waitForFunction(([id, text]) => window.fixture.received.some((e) =>
    e.content.body === text && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === id), [eventId, body], { timeout: 10000 });
  return (await fixture(target)).received;
}

// The whole round trip: send, see our echo and the bot's two answers tied to our event.
async function roundTrip(target, { success = 'Success', processing = 'Processing, please wait...' } = {}) {
  const content = invite();
  const sent = await send(target, content);
  assert.ok(sent.ok, `send_event answered ${JSON.stringify(sent)}`);
  assert.match(sent.ok.event_id, /^\$/);
  assert.equal(sent.ok.room_id, '!administrasjon:verji.example');
  const received = await waitForAnswer(target, sent.ok.event_id, success);
  const echo = received.find((e) => e.event_id === sent.ok.event_id);
  assert.equal(echo.sender, ADMIN, 'the widget gets its own event back');
  assert.deepEqual(echo.content, content);
  const answers = received.filter((e) => e.sender === BOT && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === sent.ok.event_id);
  assert.deepEqual(answers.map((e) => e.content.body), [processing, success]);
  for (const a of answers) {
    assert.equal(a.type, 'm.room.message');
    assert.equal(a.content.msgtype, 'm.notice');
    assert.equal(a.content['app.verji.invite.status'].request_id, content['app.verji.invite'].request_id);
  }
  return sent.ok.event_id;
}

describe('the dev host', () => {
  test('iframe on another origin, waitForIframeLoad on: handshake, send, the bot answers, switches reach the widget', async () => {
    const { context, page, errors } = await openPage(`${dev.hostUrl}?scenario=success&width=420`);
    try {
      const frame = await readyWidget(page);
      const state = await fixture(frame);
      assert.equal(state.sameWindow, false);
      const hostOrigin = new URL(dev.hostUrl).origin;
      assert.deepEqual(state.allowed, [hostOrigin, hostOrigin.replace('//127.0.0.1:', '//localhost:')],
        'the dev server set the allowlist to the host origin (and its loopback twin)');
      assert.equal(state.clientOrigin, new URL(dev.hostUrl).origin);
      assert.ok(state.approved.includes(SEND_CAP));
      assert.match(state.contentLoaded, /^error: Improper sequence/, 'with waitForIframeLoad the host starts on the load event');
      assert.deepEqual(state.toWidget, [{ action: 'theme_change', data: { name: 'light' } }], 'Element sends the theme once ready');

      const iframe = page.locator('#widget-frame');
      assert.equal(await iframe.getAttribute('sandbox'),
        'allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads');
      assert.equal(await iframe.getAttribute('allow'), 'clipboard-write; clipboard-read');
      const src = new URL(await iframe.getAttribute('src'));
      assert.equal(src.origin, new URL(dev.widgetUrl).origin);
      assert.equal(src.searchParams.get('widgetId'), 'verji_invite');
      assert.equal(src.searchParams.get('parentUrl'), `${dev.hostUrl}?scenario=success&width=420`);
      assert.match(src.hash, /user_id=%40admin%3Averji\.example&room_id=!administrasjon%3Averji\.example&widget_id=verji_invite&theme=light&lang=nb$/);

      const eventId = await roundTrip(frame);
      // The timeline is drawn in batches: wait for the three events to be shown.
      await page.waitForFunction(() => document.querySelectorAll('#timeline li').length >= 3);
      const timeline = await page.locator('#timeline li').allTextContents();
      assert.equal(timeline.length, 3);
      assert.match(timeline[0], /@admin:verji\.example/);
      assert.match(timeline[2], /@companybot:verji\.example.*m\.notice · reply to.*Success/s);
      await page.evaluate(() => window.devhost.flushWire()); // the wire log is drawn in batches too
      const wire = await page.locator('#wire tr').evaluateAll((rows) => rows.map((r) => [...r.cells].slice(1, 4).map((c) => c.textContent)));
      const has = (direction, action) => wire.some(([d, a]) => d === direction && a === action);
      for (const action of ['capabilities', 'notify_capabilities', 'send_event', 'theme_change']) assert.ok(has('host → widget', action), action);
      for (const action of ['capabilities', 'send_event', 'content_loaded']) assert.ok(has('widget → host (response)', action) || has('widget → host', action), action);
      assert.ok(has('widget → host', 'send_event') && has('host → widget (response)', 'send_event'), 'both halves of send_event');

      // History for a widget that reloads: read_events answers newest first, filtered by msgtype.
      const notices = await frame.evaluate(() => window.fixture.readEvents('m.notice'));
      assert.deepEqual(notices.map((e) => e.content.body), ['Success', 'Processing, please wait...']);
      assert.equal(notices[0].content['m.relates_to']['m.in_reply_to'].event_id, eventId);

      await page.check('input[name="theme"][value="dark"]');
      await page.check('input[name="lang"][value="en"]');
      await frame.waitForFunction(() => window.fixture.toWidget.length >= 3);
      assert.deepEqual((await fixture(frame)).toWidget.slice(1), [
        { action: 'theme_change', data: { name: 'dark' } }, { action: 'language_change', data: { lang: 'en' } },
      ]);
      await page.check('input[name="width"][value="800"]');
      assert.equal(Math.round((await iframe.boundingBox()).width), 800 - 1, 'the panel is 800 px (1 px border)');
      await screenshot(page, 'devhost-iframe');

      // Reload: a new iframe, a new handshake, the room kept; the new theme is in the URL.
      await page.click('#reload');
      await page.waitForFunction(() => document.querySelector('#widget-frame')?.src.includes('theme=dark'));
      const again = await readyWidget(page);
      assert.match(again.url(), /theme=dark&lang=en$/);
      assert.equal((await again.evaluate(() => window.fixture.readEvents('m.notice'))).length, 2);
      assert.deepEqual((await again.evaluate(() => window.fixture.readEvents('m.text'))).map((e) => e.event_id), [eventId]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('iframe, waitForIframeLoad off: the widget starts with content_loaded; Norwegian answers', async () => {
    const { context, page, errors } = await openPage(`${dev.hostUrl}?scenario=norwegian&wait=0`);
    try {
      const frame = await readyWidget(page);
      assert.equal((await fixture(frame)).contentLoaded, 'ok');
      await roundTrip(frame, { processing: 'Behandler, vennligst vent...', success: 'Vellykket' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('same-window mode: the widget page is the top window and the host answers in it', async () => {
    const { context, page, errors } = await openPage(`${dev.hostUrl}?scenario=success&wait=0`);
    try {
      const href = await page.getAttribute('#same-window', 'href');
      assert.match(href, /devhost=same-window/);
      for (const wait of ['0', '1']) {
        await page.goto(href.replace(/wait=[01]/, `wait=${wait}`));
        await page.waitForFunction(() => window.fixture?.ready && window.fixture.approved, null, { timeout: 15000 });
        const state = await fixture(page);
        assert.equal(state.sameWindow, true);
        assert.equal(state.clientOrigin, new URL(dev.widgetUrl).origin, 'a webview posts from the page\'s own origin');
        assert.equal(state.contentLoaded, wait === '0' ? 'ok' : 'error: Improper sequence: not expecting ContentLoaded event if waitForIframeLoad is true (default=true)');
        await roundTrip(page);
        assert.ok((await fixture(page)).ownEchoes > 0, 'in a webview the widget sees its own posts');
        const room = await page.evaluate(() => window.verjiDevhost.room.events.map((e) => e.sender));
        assert.deepEqual(room, [ADMIN, BOT, BOT]);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('429 on send reaches the widget as matrix_api_error; the retry goes through', async () => {
    const { context, page } = await openPage(`${dev.hostUrl}?scenario=rate_limited`);
    try {
      const frame = await readyWidget(page);
      const refused = await send(frame, invite());
      assert.equal(refused.data.matrix_api_error.http_status, 429);
      assert.equal(refused.data.matrix_api_error.response.errcode, 'M_LIMIT_EXCEEDED');
      assert.equal(await page.evaluate(() => window.devhost.room.events.length), 0, 'nothing was posted');
      await roundTrip(frame);
    } finally {
      await context.close();
    }
  });

  test('capabilities denied: only io.element.requires_client is approved and sending is refused', async () => {
    const { context, page } = await openPage(`${dev.hostUrl}?scenario=capabilities_denied`);
    try {
      assert.equal(await page.isChecked('#deny'), true);
      const frame = await readyWidget(page);
      assert.deepEqual((await fixture(frame)).approved, ['io.element.requires_client']);
      const refused = await send(frame, invite());
      assert.equal(refused.error, 'Cannot send room events of this type');
      assert.equal(await page.evaluate(() => window.devhost.room.events.length), 0, 'nothing was posted');
    } finally {
      await context.close();
    }
  });
});
