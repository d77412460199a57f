// One dev-host session: the Administration room, the CompanyBot listening in it, and the widget
// hosted by matrix-widget-api's real ClientWidgetApi over the dev host's WidgetDriver. Used by the
// Element-like page (host.js, widget in an iframe) and by the same-window mode (same-window.js,
// standing in for a native webview). No DOM beyond the window it is given.

import { createBot } from './bot.js';
import { createDriverClass } from './driver.js';
import { Room } from './room.js';

export const SERVER = 'verji.example';
export const ADMIN = `@admin:${SERVER}`;
export const ROOM_ID = `!administrasjon:${SERVER}`;
export const ROOM_NAME = 'Firma AS 112233445 Administrasjon';
export const WIDGET_ID = 'verji_invite';
export const CLIENT_ID = 'io.element.web';

// The widget's URL template, as it would stand in the room's im.vector.modular.widgets event:
// the client's template variables in the #fragment (they never reach the widget's web server).
export function widgetTemplateUrl(widgetOrigin) {
  return `${widgetOrigin}/#user_id=$matrix_user_id&room_id=$matrix_room_id&widget_id=$matrix_widget_id` +
    '&theme=$org.matrix.msc2873.client_theme&lang=$org.matrix.msc2873.client_language';
}

// The content of the room's widget state event (Element: im.vector.modular.widgets, state_key = id).
export function widgetStateContent(widgetOrigin, { waitForIframeLoad = true } = {}) {
  return {
    type: 'm.custom',
    url: widgetTemplateUrl(widgetOrigin),
    name: 'Inviter ny bruker',
    data: {},
    waitForIframeLoad,
  };
}

// The URL Element loads: the template filled in, then (not in a pop-out) widgetId and parentUrl
// appended to the query, then %24 turned back into "$" (Element's StopGapWidget.runUrlTemplate).
// `extraQuery` lets the same-window mode keep its own switch in the query.
export function completeWidgetUrl(widget, { theme, lang, parentUrl, extraQuery = {} }) {
  const templated = widget.getCompleteUrl({
    widgetRoomId: ROOM_ID,
    currentUserId: ADMIN,
    userDisplayName: 'Admin',
    clientId: CLIENT_ID,
    clientTheme: theme,
    clientLanguage: lang,
  });
  const url = new URL(templated);
  for (const [k, v] of Object.entries(extraQuery)) url.searchParams.set(k, v);
  url.searchParams.set('widgetId', widget.id);
  if (parentUrl) url.searchParams.set('parentUrl', parentUrl);
  return url.toString().replace(/%24/g, '$');
}

// Which way a wire message goes, from its envelope: "to widget" or "from widget".
export function wireDirection(message) {
  const toWidget = message.api === 'toWidget';
  return toWidget !== Boolean(message.response) ? 'host → widget' : 'widget → host';
}

export function isWidgetApiMessage(data) {
  return typeof data === 'object' && data !== null && (data.api === 'toWidget' || data.api === 'fromWidget') &&
    typeof data.action === 'string' && typeof data.requestId === 'string';
}

// createSession({mx, scenario, denyCapabilities}) -> session. Listeners: onEvent(event),
// onWire({direction, message}), onStatus(text).
export function createSession({ mx, scenario = 'success', denyCapabilities = scenario === 'capabilities_denied', setTimer = setTimeout }) {
  const room = new Room({ roomId: ROOM_ID, name: ROOM_NAME });
  const bot = createBot({ server: SERVER, adminUserId: ADMIN });
  const Driver = createDriverClass(mx);
  const listeners = { event: new Set(), wire: new Set(), status: new Set() };
  const emit = (kind, value) => listeners[kind].forEach((l) => l(value));

  const session = {
    mx, room, bot, scenario, denyCapabilities, rateLimitPending: scenario === 'rate_limited',
    api: null,
    theme: 'light',
    lang: 'nb',
    on(kind, listener) {
      listeners[kind].add(listener);
      return () => listeners[kind].delete(listener);
    },
    wire(direction, message) {
      emit('wire', { direction, message, at: Date.now() });
    },
    status(text) {
      emit('status', text);
    },
    setScenario(id) {
      session.scenario = id;
      session.rateLimitPending = id === 'rate_limited';
      session.denyCapabilities = id === 'capabilities_denied';
    },

    // Hosts the widget in `frame` (an iframe, or {contentWindow, addEventListener} standing in for
    // one) and returns the ClientWidgetApi. Stops the previous one, as Element does on reload.
    host(widget, frame) {
      session.api?.stop();
      const driver = new Driver({
        room,
        userId: ADMIN,
        denyCapabilities: () => session.denyCapabilities,
        rateLimitNextSend: () => {
          const refuse = session.rateLimitPending;
          session.rateLimitPending = false;
          if (refuse) session.status('send_event refused with 429 M_LIMIT_EXCEEDED (the next one goes through)');
          return refuse;
        },
      });
      const api = new mx.ClientWidgetApi(widget, frame, driver);
      api.setViewedRoomId(ROOM_ID);
      api.on('preparing', () => session.status('preparing: asking the widget for its capabilities'));
      api.on('ready', () => {
        session.status('ready (the approved capabilities are in notify_capabilities)');
        // Element tells the widget its theme as soon as it is ready.
        api.updateTheme({ name: session.theme }).catch((e) => session.status(`theme_change failed: ${e.message}`));
      });
      api.on('error:preparing', (e) => session.status(`capabilities failed: ${e?.message ?? e}`));
      session.api = api;
      return api;
    },

    setTheme(name) {
      session.theme = name;
      return session.api?.updateTheme({ name }).catch((e) => session.status(`theme_change failed: ${e.message}`));
    },
    setLanguage(lang) {
      session.lang = lang;
      return session.api?.updateLanguage(lang).catch((e) => session.status(`language_change failed: ${e.message}`));
    },
  };

  room.listen((event) => {
    emit('event', event);
    session.api?.feedEvent(event).catch((e) => session.status(`feedEvent failed: ${e.message}`));
    for (const step of bot.plan(event, session.scenario)) {
      setTimer(() => room.append(step.event), step.delayMs);
    }
  });
  return session;
}
