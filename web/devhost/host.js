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
  $('wire-clear').addEventListener('click', () => wireLog.clear());
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

// A list drawn in batches, at most five times a second, keeping its newest `limit` entries: a busy
// room (thousands of events, and two wire messages each: the event and the widget's answer) then
// costs the page a few layouts a second rather than one per entry. `flush` draws what is waiting now.
function batchedList(list, limit, toNode, afterDraw = () => {}) {
  const waiting = [];
  const draw = () => {
    const nodes = waiting.splice(0).slice(-limit).map(toNode);
    const element = list();
    element.append(...nodes);
    while (element.children.length > limit) element.firstElementChild.remove();
    afterDraw(nodes);
  };
  return {
    push(entry) {
      waiting.push(entry);
      if (waiting.length === 1) setTimeout(() => requestAnimationFrame(draw), 200);
    },
    flush: draw,
    clear() {
      waiting.length = 0;
      list().replaceChildren();
    },
  };
}

// The timeline scrolls once per batch, to its newest event.
const timeline = batchedList(() => $('timeline'), 1000, eventItem,
  (items) => items.at(-1)?.scrollIntoView({ block: 'nearest' }));
const wireLog = batchedList(() => $('wire'), 1000, wireRow);

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

session.on('event', timeline.push);
session.on('wire', wireLog.push);
// The browser tests read the wire log: this draws what is still waiting for its batch.
session.flushWire = wireLog.flush;
session.on('status', (text) => { $('status').textContent = text; });
setupControls();
loadWidget();
