// The widget's only door to its host (a Matrix client), loaded before everything else on the page.
//
// The Matrix Widget API travels over window.postMessage, which any page can send to any window.
// So every message is a security decision, made here before anything reaches the wasm:
//   - listen from the very start (the host may speak before the wasm has loaded) and queue;
//   - accept a message only from the parent window (or, in a native webview where the page is
//     top-level, from the page itself) and only from an origin allow-listed at deploy time in
//     <meta name="verji-allowed-origins">; the parentUrl parameter only chooses among those;
//   - drop our own messages coming back (same-window hosts deliver them to us too);
//   - hand the core JSON text and nothing else; the core validates the envelope and the content;
//   - post only to the one chosen host origin, never to "*".
// Decisions are counted in window.verjiBridge.stats, for tests and for whoever debugs a deployment.
'use strict';

(function () {
  var MAX_MESSAGE_BYTES = 1 << 20; // the core refuses larger ones too

  function originOf(url) {
    try {
      var u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
    } catch (e) {
      return null;
    }
  }

  function param(name) {
    var hash = window.location.hash.replace(/^#/, '');
    var query = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : hash;
    var value = new URLSearchParams(query).get(name);
    return value !== null ? value : new URLSearchParams(window.location.search).get(name);
  }

  var meta = document.querySelector('meta[name="verji-allowed-origins"]');
  var allowed = (meta ? meta.getAttribute('content') || '' : '')
    .split(/\s+/)
    .map(originOf)
    .filter(function (o) { return o !== null; });
  var sameWindow = window.parent === window;
  var ownOrigin = window.location.origin;
  // The same rule as the core's WidgetConfig::hosted(): a widget id that is not an unfilled "$template".
  var widgetId = param('widgetId') || param('widget_id') || param('matrix_widget_id') || '';
  var hosted = widgetId !== '' && widgetId.charAt(0) !== '$';

  var stats = { accepted: 0, posted: 0, dropped: { source: 0, origin: 0, echo: 0, malformed: 0, oversized: 0 } };
  var bridge = {
    stats: stats,
    state: 'waiting', // waiting (no host yet) | connected (host origin known) | refused | standalone
    reason: '', // why it refused, in English, for the console
    refusedOrigin: '', // the host origin it refused ('' when no origins are configured at all)
    targetOrigin: null,
  };
  var inbound = []; // texts received before the wasm attached
  var outbound = []; // texts the wasm posted before the host's origin was known
  var deliver = null;

  function refuse(origin) {
    bridge.state = 'refused';
    bridge.refusedOrigin = origin;
    bridge.reason = origin
      ? 'the host ' + origin + ' is not among the allowed origins (' + (allowed.join(' ') || 'none configured') + ')'
      : 'no allowed host origins are configured (meta verji-allowed-origins)';
    console.warn('verji:bridge refused: ' + bridge.reason);
  }

  if (!hosted) {
    bridge.state = 'standalone'; // a browser tab or a designer's preview: no host to talk to
  } else if (sameWindow) {
    // A native webview: the native side posts into this very page.
    bridge.targetOrigin = ownOrigin;
    bridge.state = 'connected';
  } else {
    var parentUrl = param('parentUrl');
    var parentOrigin = parentUrl ? originOf(parentUrl) : null;
    // Chromium and Safari tell a frame who frames it; the claim in parentUrl cannot outvote that.
    var ancestors = window.location.ancestorOrigins;
    var framer = ancestors && ancestors.length > 0 ? originOf(ancestors[0]) : null;
    if (parentUrl && (parentOrigin === null || allowed.indexOf(parentOrigin) < 0)) {
      refuse(parentOrigin || parentUrl);
    } else if (framer && allowed.indexOf(framer) < 0) {
      refuse(framer);
    } else if (allowed.length === 0) {
      refuse('');
    } else {
      bridge.targetOrigin = framer || parentOrigin || (allowed.length === 1 ? allowed[0] : null);
      if (bridge.targetOrigin) bridge.state = 'connected';
    }
    // Otherwise: learn the origin from the first message the parent sends from an allowed origin.
  }

  function sendNow(text) {
    var message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return; // the core only produces JSON; nothing to post otherwise
    }
    stats.posted += 1;
    (sameWindow ? window : window.parent).postMessage(message, bridge.targetOrigin);
  }

  function flushOutbound() {
    var queued = outbound;
    outbound = [];
    queued.forEach(sendNow);
  }

  function onMessage(event) {
    if (bridge.state === 'refused' || bridge.state === 'standalone') return;
    if (event.source !== (sameWindow ? window : window.parent)) {
      stats.dropped.source += 1;
      return;
    }
    var originOk = sameWindow
      ? event.origin === ownOrigin
      : allowed.indexOf(event.origin) >= 0 && (!bridge.targetOrigin || event.origin === bridge.targetOrigin);
    if (!originOk) {
      stats.dropped.origin += 1;
      return;
    }
    var data = event.data;
    var text;
    if (typeof data === 'string') {
      text = data; // some native hosts post JSON text
    } else if (data !== null && typeof data === 'object') {
      // Our own requests and responses, as a same-window host shows them to us again.
      var isResponse = Object.prototype.hasOwnProperty.call(data, 'response');
      if ((data.api === 'fromWidget' && !isResponse) || (data.api === 'toWidget' && isResponse)) {
        stats.dropped.echo += 1;
        return;
      }
      try {
        text = JSON.stringify(data);
      } catch (e) {
        text = undefined; // cycles, BigInt: not a widget message
      }
    }
    if (typeof text !== 'string') {
      stats.dropped.malformed += 1;
      return;
    }
    if (text.length > MAX_MESSAGE_BYTES) {
      stats.dropped.oversized += 1;
      return;
    }
    if (!bridge.targetOrigin) {
      bridge.targetOrigin = event.origin;
      bridge.state = 'connected';
      flushOutbound();
    }
    stats.accepted += 1;
    if (deliver) deliver(text);
    else inbound.push(text);
  }

  window.addEventListener('message', onMessage, false);

  // Called once by the wasm (library_verji.js) with a function taking one JSON text.
  bridge.attach = function (fn) {
    deliver = fn;
    var queued = inbound;
    inbound = [];
    queued.forEach(function (text) { fn(text); });
  };

  // Called by the wasm with one JSON text to send to the host.
  bridge.post = function (text) {
    if (bridge.state === 'refused' || bridge.state === 'standalone') return;
    if (bridge.targetOrigin) sendNow(text);
    else outbound.push(text);
  };

  // A widget URL parameter, from the #fragment (query-like after an optional "?") or else the
  // query: the same rule as the widget's own reading of them (app::config_from_url). boot.js
  // uses it too.
  bridge.param = param;

  Object.defineProperty(window, 'verjiBridge', { value: bridge, writable: false, configurable: false });
})();
