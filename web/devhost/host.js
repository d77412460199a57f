// The Element-like dev host page: room timeline, the widget in a sandboxed iframe on another origin
// (hosted by matrix-widget-api's ClientWidgetApi through session.js), the wire log, and the switches.
// Every string from the room or the wire is rendered with textContent.
//
// Page parameters (all optional): scenario, theme=light|dark, lang=nb|en, width=320|420|800,
// wait=0|1 (waitForIframeLoad), deny=0|1, widget_origin=http://host:port, silence=<seconds> (passed on
// to the widget's URL: its "no answer yet" timeout, 5-600).

import { SCENARIOS } from './bot.js';
import {
  ROOM_NAME, WIDGET_ID, completeWidgetUrl, createSession, isWidgetApiMessage, widgetStateContent, wireDirection,
} from './session.js';

const mx = window.mxwidgets;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const widgetPort = document.querySelector('meta[name="devhost-widget-port"]').content;
const widgetOrigin = params.get('widget_origin') || `${location.protocol}//${location.hostname}:${widgetPort}`;

// Element's sandbox for widget iframes (AppTile), and its clipboard permissions.
const SANDBOX = 'allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads';
const ALLOW = 'clipboard-write; clipboard-read';

const scenarioIds = SCENARIOS.map(([id]) => id);
const initialScenario = scenarioIds.includes(params.get('scenario')) ? params.get('scenario') : 'success';
const session = createSession({ mx, scenario: initialScenario });
session.theme = params.get('theme') === 'dark' ? 'dark' : 'light';
session.lang = params.get('lang') === 'en' ? 'en' : 'nb';
if (params.has('deny')) session.denyCapabilities = params.get('deny') === '1';
window.devhost = session; // for people in the console and for the browser tests

function el(tag, { text, className, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function details(summary, value) {
  return el('details', {}, [el('summary', { text: summary }), el('pre', { text: JSON.stringify(value, null, 2) })]);
}

// ---- controls -------------------------------------------------------------------------------------
function setupControls() {
  $('room-name').textContent = ROOM_NAME;
  for (const [id, label] of SCENARIOS) $('scenario').append(el('option', { text: label, attrs: { value: id } }));
  $('scenario').value = session.scenario;
  $('deny').checked = session.denyCapabilities;
  $('wait').checked = params.get('wait') !== '0';
  document.querySelector(`input[name="theme"][value="${session.theme}"]`).checked = true;
  document.querySelector(`input[name="lang"][value="${session.lang}"]`).checked = true;
  const width = ['320', '420', '800'].includes(params.get('width')) ? params.get('width') : '420';
  document.querySelector(`input[name="width"][value="${width}"]`).checked = true;
  applyTheme();
  applyWidth();

  $('scenario').addEventListener('change', () => {
    session.setScenario($('scenario').value);
    $('deny').checked = session.denyCapabilities;
    updateSameWindowLink();
  });
  $('deny').addEventListener('change', () => {
    session.denyCapabilities = $('deny').checked;
    updateSameWindowLink();
  });
  $('wait').addEventListener('change', updateSameWindowLink);
  for (const input of document.querySelectorAll('input[name="theme"]')) {
    input.addEventListener('change', () => { session.setTheme(input.value); applyTheme(); updateSameWindowLink(); });
  }
  for (const input of document.querySelectorAll('input[name="lang"]')) {
    input.addEventListener('change', () => { session.setLanguage(input.value); updateSameWindowLink(); });
  }
  for (const input of document.querySelectorAll('input[name="width"]')) input.addEventListener('change', applyWidth);
  $('reload').addEventListener('click', loadWidget);
  $('wire-clear').addEventListener('click', () => { unwired.length = 0; $('wire').replaceChildren(); });
  updateSameWindowLink();
}

function applyTheme() {
  document.documentElement.dataset.theme = session.theme;
}

function applyWidth() {
  const width = document.querySelector('input[name="width"]:checked').value;
  $('panel').style.setProperty('--panel-width', `${width}px`);
}

function widgetDefinition() {
  return { id: WIDGET_ID, creatorUserId: '@admin:verji.example', ...widgetStateContent(widgetOrigin, { waitForIframeLoad: $('wait').checked }) };
}

function updateSameWindowLink() {
  const widget = new mx.Widget(widgetDefinition());
  $('same-window').href = completeWidgetUrl(widget, {
    theme: session.theme,
    lang: session.lang,
    extraQuery: {
      devhost: 'same-window',
      scenario: session.scenario,
      wait: $('wait').checked ? '1' : '0',
      deny: session.denyCapabilities ? '1' : '0',
    },
  });
}

// ---- the widget -----------------------------------------------------------------------------------
let iframe = null;

function loadWidget() {
  const widget = new mx.Widget(widgetDefinition());
  const extraQuery = params.has('silence') ? { silence: params.get('silence') } : {};
  const url = completeWidgetUrl(widget, { theme: session.theme, lang: session.lang, parentUrl: location.href.split('#')[0], extraQuery });
  $('widget-name').textContent = widget.name;
  $('widget-url').textContent = url;
  iframe?.remove();
  iframe = el('iframe', {
    attrs: { title: widget.name, src: url, sandbox: SANDBOX, allow: ALLOW, id: 'widget-frame' },
  });
  $('frame-slot').append(iframe);
  // ClientWidgetApi posts through frame.contentWindow: a thin stand-in logs each message on its way.
  const frame = iframe;
  const logged = {
    postMessage(message, targetOrigin) {
      session.wire(wireDirection(message), message);
      frame.contentWindow?.postMessage(message, targetOrigin);
    },
  };
  session.host(widget, { contentWindow: logged, addEventListener: (type, fn) => frame.addEventListener(type, fn) });
  session.status(`loading ${url} (waitForIframeLoad: ${widget.waitForIframeLoad})`);
}

window.addEventListener('message', (event) => {
  if (!iframe || event.source !== iframe.contentWindow || !isWidgetApiMessage(event.data)) return;
  session.wire(wireDirection(event.data), event.data);
});

// ---- timeline and wire log ------------------------------------------------------------------------
function senderClass(sender) {
  if (sender === session.bot.userId) return 'sender bot';
  return sender === '@admin:verji.example' ? 'sender' : 'sender other';
}

// The newest events the timeline shows; a busy room (thousands of events) keeps the page usable.
const TIMELINE_LIMIT = 1000;
const unrendered = [];

// Events are drawn in batches, at most five times a second, and the timeline scrolled once per
// batch: a few layouts a second, however many events arrive.
function renderEvent(event) {
  unrendered.push(event);
  if (unrendered.length === 1) setTimeout(() => requestAnimationFrame(renderEvents), 200);
}

function renderEvents() {
  const items = unrendered.splice(0).slice(-TIMELINE_LIMIT).map(eventItem);
  const timeline = $('timeline');
  timeline.append(...items);
  while (timeline.children.length > TIMELINE_LIMIT) timeline.firstElementChild.remove();
  items.at(-1)?.scrollIntoView({ block: 'nearest' });
}

function eventItem(event) {
  const c = event.content ?? {};
  const reply = c['m.relates_to']?.['m.in_reply_to']?.event_id;
  const meta = [
    new Date(event.origin_server_ts).toLocaleTimeString(),
    event.event_id.slice(0, 10) + '…',
    c.msgtype ?? event.type,
    reply ? `reply to ${reply.slice(0, 10)}…` : 'no relation',
  ].join(' · ');
  const li = el('li', { attrs: { 'data-event-id': event.event_id } }, [
    el('span', { text: event.sender, className: senderClass(event.sender) }),
    el('span', { text: ` ${meta}`, className: 'meta' }),
    el('div', { text: String(c.body ?? ''), className: 'body' }),
  ]);
  for (const key of Object.keys(c).filter((k) => k.startsWith('app.verji.invite'))) li.append(details(key, c[key]));
  li.append(details('event JSON', event));
  return li;
}

// The wire log is batched like the timeline: a busy room sends two messages per event (the event and
// the widget's answer), and a row each into a table of a thousand cost the page more than the
// widget's own work.
const WIRE_LIMIT = 1000;
const unwired = [];

function renderWire(entry) {
  unwired.push(entry);
  if (unwired.length === 1) setTimeout(() => requestAnimationFrame(renderWires), 200);
}

function renderWires() {
  const rows = unwired.splice(0).slice(-WIRE_LIMIT).map(wireRow);
  const wire = $('wire');
  wire.append(...rows);
  while (wire.rows.length > WIRE_LIMIT) wire.deleteRow(0);
}

function wireRow({ direction, message, at }) {
  const isError = message.response?.error !== undefined;
  return el('tr', { className: isError ? 'error' : '' }, [
    el('td', { text: new Date(at).toLocaleTimeString() }),
    el('td', { text: direction + (message.response ? ' (response)' : '') }),
    el('td', { text: message.action }),
    el('td', { text: message.requestId }),
    el('td', {}, [el('details', {}, [
      el('summary', { text: JSON.stringify(message) }),
      el('pre', { text: JSON.stringify(message, null, 2) }),
    ])]),
  ]);
}

session.on('event', renderEvent);
session.on('wire', renderWire);
// The browser tests read the wire log: this draws what is still waiting for its batch.
session.flushWire = renderWires;
session.on('status', (text) => { $('status').textContent = text; });
setupControls();
loadWidget();
