// Same-window mode: stands in for a native client's webview, where the widget page is the top-level
// document (window.parent === window) and the native side answers by posting into the page itself.
// The dev server adds early.js to the widget's index.html when the URL has ?devhost=same-window;
// early.js loads matrix-widget-api and this module. The host is still the real ClientWidgetApi: it
// posts to `window` and listens on `window`, so the widget sees every message of both sides (its
// own posts too) and must tell them apart by their envelope.
//
// Query parameters: scenario, wait=0|1 (waitForIframeLoad), deny=0|1; the theme comes from the
// widget's own parameters. Nothing is drawn: the room and the wire are logged to the console and
// kept in window.verjiDevhost.

import { SCENARIOS } from './bot.js';
import { WIDGET_ID, createSession, isWidgetApiMessage, widgetStateContent, wireDirection } from './session.js';

const mx = window.mxwidgets;
const params = new URLSearchParams(location.search);
const scenario = SCENARIOS.some(([id]) => id === params.get('scenario')) ? params.get('scenario') : 'success';
const session = createSession({ mx, scenario });
if (params.has('deny')) session.denyCapabilities = params.get('deny') === '1';
// The theme Element announces once the widget is ready is the one the widget's URL was made with
// (its template puts it in the #fragment).
const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
if ((fragment.get('theme') ?? params.get('theme')) === 'dark') session.theme = 'dark';
session.wires = [];
window.verjiDevhost = session;

session.on('event', (event) => console.info('devhost room:', event.sender, JSON.stringify(event.content)));
session.on('status', (text) => console.info('devhost:', text));
session.on('wire', (entry) => session.wires.push(entry));

window.addEventListener('message', (event) => {
  if (event.source === window && isWidgetApiMessage(event.data)) session.wire(wireDirection(event.data), event.data);
});

// What the native side has: the page itself. "load" is the page's load event (a webview's
// didFinishNavigation), fired at once if it is already over.
const frame = {
  contentWindow: window,
  addEventListener(type, listener) {
    if (type !== 'load') return;
    if (document.readyState === 'complete') setTimeout(() => listener(new Event('load')));
    else window.addEventListener('load', listener, { once: true });
  },
};
const definition = { id: WIDGET_ID, creatorUserId: '@admin:verji.example', ...widgetStateContent(location.origin, { waitForIframeLoad: params.get('wait') !== '0' }) };
session.host(new mx.Widget(definition), frame);

// Requests the widget posted before this module ran (early.js kept them): hand them to the host now.
const early = window.verjiDevhostEarly;
window.verjiDevhostEarly = null;
for (const event of early?.stop() ?? []) {
  if (event.data.api === 'fromWidget' && !event.data.response) {
    window.dispatchEvent(new MessageEvent('message', { data: event.data, origin: event.origin, source: window }));
  }
}
