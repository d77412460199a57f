// The dev host's in-memory Matrix room: an append-only timeline of events shaped like the ones a
// homeserver delivers (event_id "$...", origin_server_ts, sender, room_id, unsigned), and listeners
// that hear every new event. No DOM: node's tests and the browser share it.

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// Room v4+ style event id: "$" and 43 URL-safe base64 characters (random here, not a hash).
export function newEventId(random = Math.random) {
  let id = '$';
  for (let i = 0; i < 43; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  return id;
}

export class Room {
  constructor({ roomId, name = '', now = () => Date.now(), random = Math.random } = {}) {
    if (!roomId || roomId[0] !== '!') throw new Error('a room id starts with "!"');
    this.roomId = roomId;
    this.name = name;
    this.events = [];
    this.listeners = new Set();
    this.now = now;
    this.random = random;
  }

  // Appends {type, sender, content[, state_key]} as a new event and tells every listener.
  // Returns the stored event.
  append({ type, sender, content, state_key: stateKey }) {
    if (typeof type !== 'string' || typeof sender !== 'string') throw new Error('an event needs a type and a sender');
    const event = {
      type,
      sender,
      event_id: newEventId(this.random),
      room_id: this.roomId,
      origin_server_ts: this.now(),
      content: structuredClone(content ?? {}),
      unsigned: {},
    };
    if (stateKey !== undefined) event.state_key = stateKey;
    this.events.push(event);
    for (const listener of [...this.listeners]) listener(event);
    return event;
  }

  // Returns a function that removes the listener.
  listen(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Newest first, as read_events answers: message events of `type` (and `msgtype` when given), or
  // state events when `stateKey` is given (true/undefined-key semantics are the caller's). Stops
  // before the event `since` (exclusive) and after `limit` events (0 or less: no limit).
  timeline({ type, msgtype, stateKey, limit = 0, since } = {}) {
    const out = [];
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i];
      if (since !== undefined && event.event_id === since) break;
      if (type !== undefined && event.type !== type) continue;
      if (stateKey === undefined) {
        if (event.state_key !== undefined) continue;
        if (msgtype !== undefined && event.content?.msgtype !== msgtype) continue;
      } else if (event.state_key === undefined || (stateKey !== null && event.state_key !== stateKey)) {
        continue;
      }
      out.push(structuredClone(event));
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  }

  byId(eventId) {
    return this.events.find((e) => e.event_id === eventId);
  }
}
