// Drives the widget as a person would, for the end-to-end tests: finds its frame, clicks a control at
// the centre of the box the widget publishes in window.verjiLayout (the seam a screen-reader layer
// will use), types with the keyboard, and waits for a status line to say something. Reads, never
// calls into the wasm or posts on the widget's behalf. Also: the bridge's counters, and an init
// script that records every postMessage of every frame with its target origin, and useDevhost(): the
// dev host and a browser for a test file.
import { after, before } from 'node:test';
import { startDevhost } from '../../web/devhost/server.mjs';
import { launchBrowser, siteDir } from './harness.mjs';

const DEFAULT_TIMEOUT = 15000;

// The person the tests invite.
export const EMAIL = 'ola.nordmann@firma.no';
export const NAME = 'Ola Nordmann';

// The newest frame of `widgetOrigin` whose widget has drawn its controls and settled (after a reload
// the old frame may linger a moment). In same-window mode the page itself is the widget.
// `match` narrows the choice by URL.
export async function widgetFrame(page, widgetOrigin, { timeout = DEFAULT_TIMEOUT, match = () => true } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frames = page.frames().filter((f) => f.url().startsWith(widgetOrigin) && match(f.url()));
    for (const frame of frames.reverse()) {
      // Drawn and settled (the loop paused): the host's first messages are applied, so the form no
      // longer moves (a "connecting" line above it goes away with the handshake).
      const ready = await frame.evaluate(() => Array.isArray(window.verjiLayout) && window.verjiLayout.length > 0 &&
        Boolean(window.verjiBridge) && window.verjiFigures?.idle === 1).catch(() => false);
      if (ready) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no widget frame of ${widgetOrigin} drew its controls`);
    await page.waitForTimeout(100);
  }
}

// One dev host (web/devhost, serving the built site) and one browser for a test file, started before
// its tests and closed after them. Returns { dev, browser, widgetOrigin, openHost }; the first three
// are set once the file's `before` has run.
// openHost(query) opens the host page (`query`: "?scenario=..."), in a new browser context with a
// 1280 px wide viewport `height` tall, and finds the widget's frame; `initScript` is added to the
// context first, `contextOptions` go to browser.newContext(). Returns { context, page, frame, errors }
// (errors: the page's uncaught errors).
export function useDevhost() {
  const host = { dev: null, browser: null, widgetOrigin: null, openHost };
  before(async () => {
    host.dev = await startDevhost({ site: siteDir, hostPort: 0 });
    host.widgetOrigin = new URL(host.dev.widgetUrl).origin;
    host.browser = await launchBrowser();
  });
  after(async () => {
    await host.browser?.close();
    await host.dev?.close();
  });
  // `ownProcess`: the host page as http://localhost, the widget on 127.0.0.1: two sites, so the
  // widget gets a renderer process (and main thread) of its own, as beside a real Matrix client.
  async function openHost(query, { height = 1600, initScript = null, contextOptions = {}, ownProcess = false } = {}) {
    const context = await host.browser.newContext({ viewport: { width: 1280, height }, ...contextOptions });
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const hostUrl = ownProcess ? host.dev.hostUrl.replace('//127.0.0.1:', '//localhost:') : host.dev.hostUrl;
    const sep = query.includes('?') ? '&' : '?';
    await page.goto(`${hostUrl}${query}${ownProcess ? `${sep}widget_origin=${encodeURIComponent(host.widgetOrigin)}` : ''}`);
    const frame = await widgetFrame(page, host.widgetOrigin);
    return { context, page, frame, errors };
  }
  return host;
}

export function controls(frame) {
  return frame.evaluate(() => JSON.parse(JSON.stringify(window.verjiLayout ?? [])));
}

export async function control(frame, id) {
  return (await controls(frame)).find((c) => c.id === id);
}

// The frame's top-left corner in page coordinates (0,0 for the page itself).
async function frameOffset(frame) {
  const element = await frame.frameElement().catch(() => null);
  if (!element) return { x: 0, y: 0 };
  const box = await element.boundingBox();
  return { x: box.x, y: box.y };
}

// Waits until a control `id` exists and is enabled; returns it.
export async function waitForControl(frame, id, { timeout = DEFAULT_TIMEOUT, enabled = true } = {}) {
  const handle = await frame.waitForFunction(([wanted, mustBeEnabled]) => {
    const c = (window.verjiLayout ?? []).find((x) => x.id === wanted);
    return c && (!mustBeEnabled || !c.disabled) ? JSON.parse(JSON.stringify(c)) : null;
  }, [id, enabled], { timeout, polling: 50 });
  return handle.jsonValue();
}

// Waits until control `id` exists (and is enabled, unless told otherwise) and has stopped moving:
// a view that just changed can still move for a frame or two (ImGui clamps the scroll position the
// frame after the content shrank, a status line appears above). Returns the control where it rests.
export async function waitForSteadyControl(frame, id, options = {}) {
  let c = await waitForControl(frame, id, options);
  for (let i = 0; i < 20; i++) {
    await nextFrames(frame, 2);
    const again = await waitForControl(frame, id, options);
    if (again.x === c.x && again.y === c.y && again.width === c.width && again.height === c.height) return again;
    c = again;
  }
  return c;
}

// Scrolls the widget with the mouse wheel, a notch at a time, until control `id` is inside its
// viewport; returns the control where it is then.
export async function scrollIntoView(page, frame, id, options = {}) {
  let c = await waitForSteadyControl(frame, id, options);
  const offset = await frameOffset(frame);
  const viewport = await frame.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  for (let i = 0; i < 30 && (c.y < 0 || c.y + c.height > viewport.height); i++) {
    await page.mouse.move(offset.x + viewport.width / 2, offset.y + viewport.height / 2);
    await page.mouse.wheel(0, c.y < 0 ? -100 : 100); // one notch in Chromium
    c = await waitForSteadyControl(frame, id, options);
  }
  return c;
}

// Clicks the centre of control `id` (scrolled into view first).
export async function click(page, frame, id, options = {}) {
  const c = await scrollIntoView(page, frame, id, options);
  const offset = await frameOffset(frame);
  await page.mouse.click(offset.x + c.x + c.width / 2, offset.y + c.y + c.height / 2);
  await nextFrames(frame, 2);
  return c;
}

// Clicks text field `id` (which focuses it) and types `text` key by key.
export async function type(page, frame, id, text) {
  await click(page, frame, id);
  await frame.waitForFunction((wanted) => (window.verjiLayout ?? []).some((c) => c.id === wanted && c.focused), id,
    { timeout: DEFAULT_TIMEOUT, polling: 50 });
  await page.keyboard.type(text);
  await nextFrames(frame, 2);
}

// Types the e-mail address and the full name (verification then defaults to e-mail: no phone).
export async function fillForm(page, frame, { email = EMAIL, name = NAME } = {}) {
  await type(page, frame, 'email', email);
  await type(page, frame, 'full_name', name);
}

// Clicks "Opprett", which opens the confirm step, and returns the summary of what will be sent
// (the `confirm.summary` status: "label: value" lines).
export async function openConfirm(page, frame) {
  await click(page, frame, 'create');
  await waitForControl(frame, 'confirm.send', { enabled: false });
  return (await waitForControl(frame, 'confirm.summary', { enabled: false })).label;
}

// Leaves the confirm step with Escape (as a keyboard user would); waits until the form is back.
export async function editAgain(page, frame) {
  await page.keyboard.press('Escape');
  await waitForControl(frame, 'create', { enabled: false });
}

// Clicks "Opprett", then "Send invitation" in the confirm step, and returns the request_id of the
// invitation that appears in the list.
export async function create(page, frame) {
  const known = (await submissions(frame)).map((s) => s.requestId);
  await openConfirm(page, frame);
  await click(page, frame, 'confirm.send');
  const handle = await frame.waitForFunction((old) => {
    const c = (window.verjiLayout ?? []).find((x) => x.id.startsWith('submission=') && !x.id.endsWith('.detail') &&
      !old.includes(x.id.slice(11)));
    return c ? c.id.slice(11) : null;
  }, known, { timeout: DEFAULT_TIMEOUT, polling: 50 });
  return handle.jsonValue();
}

// Waits until a status whose id is `id` (or starts with it, when it ends in "=") has a label
// matching `pattern`; returns that control.
export async function waitForStatus(frame, id, pattern, { timeout = DEFAULT_TIMEOUT } = {}) {
  try {
    const handle = await frame.waitForFunction(([wanted, source, flags]) => {
      const re = new RegExp(source, flags);
      const matches = (c) => (wanted.endsWith('=') ? c.id.startsWith(wanted) : c.id === wanted) && re.test(c.label);
      const c = (window.verjiLayout ?? []).find(matches);
      return c ? JSON.parse(JSON.stringify(c)) : null;
    }, [id, pattern.source, pattern.flags], { timeout, polling: 50 });
    return await handle.jsonValue();
  } catch (error) {
    const seen = (await controls(frame).catch(() => [])).filter((c) => c.role === 'status').map((c) => `${c.id}: ${c.label}`);
    throw new Error(`no status ${id} matching ${pattern} within ${timeout} ms; statuses: ${JSON.stringify(seen)}`, { cause: error });
  }
}

// The invitations the widget lists: [{requestId, label}] (label: the state line), newest first as drawn.
export async function submissions(frame) {
  return (await controls(frame)).filter((c) => c.id.startsWith('submission=') && !c.id.endsWith('.detail'))
    .map((c) => ({ requestId: c.id.slice('submission='.length), label: c.label }));
}

// Starts recording, inside the widget frame, every change of the submission statuses:
// [{at: Date.now(), id, label}]. Read with statusTrace(frame). The widget assigns window.verjiLayout
// on each frame whose controls changed; an accessor records each assignment as it happens, so no
// state is missed however short, and a status seen by waitForStatus is already in the trace.
export function traceStatuses(frame) {
  return frame.evaluate(() => {
    const trace = [];
    const last = new Map();
    window.__e2eTrace = trace;
    const record = (layout) => {
      for (const c of layout ?? []) {
        if (!c.id.startsWith('submission=') || last.get(c.id) === c.label) continue;
        last.set(c.id, c.label);
        trace.push({ at: Date.now(), id: c.id, label: c.label });
      }
    };
    let layout = window.verjiLayout;
    record(layout);
    Object.defineProperty(window, 'verjiLayout', {
      configurable: true,
      enumerable: true,
      get: () => layout,
      set: (value) => { layout = value; record(value); },
    });
  });
}

export function statusTrace(frame) {
  return frame.evaluate(() => JSON.parse(JSON.stringify(window.__e2eTrace ?? [])));
}

export function bridge(frame) {
  return frame.evaluate(() => JSON.parse(JSON.stringify({
    state: window.verjiBridge.state, reason: window.verjiBridge.reason, targetOrigin: window.verjiBridge.targetOrigin,
    stats: window.verjiBridge.stats,
  })));
}

// Wakes the widget and waits for `count` more frames, or until it drew at least one and went idle
// again (it draws only while something may change: then everything queued was applied).
export async function nextFrames(frame, count = 2, timeout = DEFAULT_TIMEOUT) {
  const now = await frame.evaluate(() => {
    window.verjiWake?.();
    return Number(document.documentElement.dataset.verjiFrames || 0);
  });
  await frame.waitForFunction(([n, more]) => {
    const frames = Number(document.documentElement.dataset.verjiFrames || 0);
    return frames >= n + more || (frames > n && window.verjiFigures?.idle === 1);
  }, [now, count], { timeout, polling: 'raf' });
}

// An init script (for context.addInitScript) that records every postMessage each frame makes, as
// window.__e2ePosts = [{to: 'self'|'parent'|'child'|'other', targetOrigin}]. A cross-origin window's
// postMessage cannot be wrapped, so the script hands out a stand-in for each other window (parent,
// iframe.contentWindow, frames[i], MessageEvent.source; the same stand-in each time, so identity
// checks hold) whose postMessage records and forwards.
export function recordPostMessages() {
  const posts = [];
  Object.defineProperty(window, '__e2ePosts', { value: posts });
  const targetOf = (t) => (typeof t === 'string' ? t : t?.targetOrigin ?? '/');
  const own = window.postMessage;
  window.postMessage = function postMessage(message, target, ...rest) {
    posts.push({ to: 'self', targetOrigin: targetOf(target) });
    return own.call(window, message, target, ...rest);
  };
  const standIns = new WeakMap();
  const standIn = (real, to) => {
    if (!real || real === window) return real;
    if (!standIns.has(real)) {
      const send = (message, target, ...rest) => {
        posts.push({ to, targetOrigin: targetOf(target) });
        return real.postMessage(message, target, ...rest);
      };
      const get = (t, prop) => {
        if (prop === 'postMessage') return send;
        const value = Reflect.get(t, prop);
        return typeof value === 'function' ? value.bind(t) : value;
      };
      standIns.set(real, new Proxy(real, { get }));
    }
    return standIns.get(real);
  };
  const realParent = window.parent;
  if (realParent !== window) {
    const parentStandIn = standIn(realParent, 'parent');
    Object.defineProperty(window, 'parent', { get: () => parentStandIn, configurable: true });
  }
  const contentWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
    configurable: true,
    get() { return standIn(contentWindow.get.call(this), 'child'); },
  });
  const source = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'source');
  Object.defineProperty(MessageEvent.prototype, 'source', {
    configurable: true,
    get() {
      const real = source.get.call(this);
      if (!real || real === window || real instanceof MessagePort) return real;
      if (real === realParent) return window.parent;
      let child = false;
      for (let i = 0; i < window.length; i++) child ||= window[i] === real;
      return standIn(real, child ? 'child' : 'other');
    },
  });
}

// What recordPostMessages() saw in `frame`.
export function postsOf(frame) {
  return frame.evaluate(() => JSON.parse(JSON.stringify(window.__e2ePosts ?? [])));
}

// ---- the dev host's side (web/devhost): what reached the room and the wire -------------------------

// The invite events in the dev host's room: [{eventId, sender, requestId, block}]. `host` is the page
// (or frame) whose window has the dev host session (`devhost`, or `verjiDevhost` in same-window mode).
export function roomInvites(host) {
  return host.evaluate(() => {
    const session = window.devhost ?? window.verjiDevhost;
    return session.room.events.filter((e) => e.content?.['app.verji.invite'] !== undefined).map((e) => ({
      eventId: e.event_id, sender: e.sender, ts: e.origin_server_ts,
      requestId: e.content['app.verji.invite'].request_id, block: e.content['app.verji.invite'],
    }));
  });
}

// The bot's (or anyone's) answers in the room: [{eventId, sender, ts, body, state, requestId, replyTo}].
export function roomAnswers(host) {
  return host.evaluate(() => {
    const session = window.devhost ?? window.verjiDevhost;
    return session.room.events.filter((e) => e.content?.['app.verji.invite'] === undefined).map((e) => ({
      eventId: e.event_id, sender: e.sender, ts: e.origin_server_ts, body: e.content?.body,
      state: e.content?.['app.verji.invite.status']?.state, requestId: e.content?.['app.verji.invite.status']?.request_id,
      replyTo: e.content?.['m.relates_to']?.['m.in_reply_to']?.event_id,
    }));
  });
}

// Every message on the wire, both ways, from the dev host page's wire log (#wire, its newest 1000),
// or from verjiDevhost.wires in same-window mode; as JSON.
export function wireMessages(host) {
  return host.evaluate(() => {
    if (window.verjiDevhost) return window.verjiDevhost.wires.map((w) => JSON.parse(JSON.stringify(w.message)));
    window.devhost.flushWire(); // the log is drawn in batches
    return [...document.querySelectorAll('#wire tr')].map((row) => JSON.parse(row.cells[4].querySelector('pre').textContent));
  });
}

// Requests the widget made to the host (wireMessages()): [{action, requestId, data}].
export async function widgetRequests(host) {
  return (await wireMessages(host)).filter((m) => m.api === 'fromWidget' && !m.response)
    .map((m) => ({ action: m.action, requestId: m.requestId, data: m.data }));
}

// The dev host's "Reload widget": waits until the old frame is gone and returns the new one, drawn
// and settled.
export async function reloadWidget(page, frame, widgetOrigin) {
  await page.click('#reload');
  if (!frame.isDetached()) await page.waitForEvent('framedetached', { predicate: (f) => f === frame, timeout: 10000 });
  return widgetFrame(page, widgetOrigin);
}
