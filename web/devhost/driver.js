// The dev host's WidgetDriver: what Element's StopGapWidgetDriver does, over the in-memory Room.
// ClientWidgetApi (matrix-widget-api, the class Element uses) calls it for capabilities, sending and
// reading; the host pushes new room events to the widget with ClientWidgetApi.feedEvent.
//
// `mx` is the library's UMD global (window.mxwidgets); it is passed in so this module has no
// global of its own.

// Capabilities Element approves without asking (io.element.requires_client and friends).
const AUTO_APPROVED = new Set(['io.element.requires_client']);

// A failed Matrix request, as matrix-js-sdk's MatrixError carries it.
export class MatrixRequestError extends Error {
  constructor(httpStatus, errcode, error, extra = {}) {
    super(`${errcode}: ${error}`);
    this.httpStatus = httpStatus;
    this.errcode = errcode;
    this.data = { errcode, error, ...extra };
  }
}

// options: {room, userId, denyCapabilities(): bool, rateLimitNextSend(): bool, onSent(event)}
export function createDriverClass(mx) {
  return class DevhostDriver extends mx.WidgetDriver {
    constructor(options) {
      super();
      this.options = options;
    }

    // Element asks the user; here the "deny capabilities" switch answers for them.
    async validateCapabilities(requested) {
      if (!this.options.denyCapabilities()) return new Set(requested);
      return new Set([...requested].filter((c) => AUTO_APPROVED.has(c)));
    }

    async sendEvent(eventType, content, stateKey = null, roomId = null) {
      const { room, userId } = this.options;
      if (roomId && roomId !== room.roomId) throw new Error(`unknown room ${roomId}`);
      if (this.options.rateLimitNextSend()) {
        throw new MatrixRequestError(429, 'M_LIMIT_EXCEEDED', 'Too Many Requests', { retry_after_ms: 2000 });
      }
      // The homeserver's echo reaches the widget (through the room listener) before this resolves,
      // as it can in Element.
      const event = room.append({ type: eventType, sender: userId, content, ...(stateKey !== null ? { state_key: stateKey } : {}) });
      this.options.onSent?.(event);
      return { roomId: room.roomId, eventId: event.event_id };
    }

    async readRoomTimeline(roomId, eventType, msgtype, stateKey, limit, since) {
      const { room } = this.options;
      if (roomId !== room.roomId) return [];
      return room.timeline({ type: eventType, msgtype, stateKey: stateKey === undefined ? undefined : stateKey, limit, since });
    }

    async readRoomState(roomId, eventType, stateKey) {
      const { room } = this.options;
      if (roomId !== room.roomId) return [];
      // Latest event per state key.
      const latest = new Map();
      for (const e of room.timeline({ type: eventType, stateKey: stateKey ?? null })) {
        if (!latest.has(e.state_key)) latest.set(e.state_key, e);
      }
      return [...latest.values()];
    }

    getKnownRooms() {
      return [this.options.room.roomId];
    }

    // Element: `error instanceof MatrixError ? {matrix_api_error: error.asWidgetApiErrorData()} : undefined`.
    processError(error) {
      if (!(error instanceof MatrixRequestError)) return undefined;
      return {
        matrix_api_error: {
          http_status: error.httpStatus,
          http_headers: {},
          url: `https://matrix.example/_matrix/client/v3/rooms/${encodeURIComponent(this.options.room.roomId)}/send/m.room.message/txn`,
          response: error.data,
        },
      };
    }
  };
}
