// The dev host's scripted CompanyBot (web/devhost/bot.js) and its in-memory room (room.js): each
// scenario's reply script, idempotent duplicates, the Norwegian texts, and the texts themselves
// against docs/invite-protocol.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SCENARIOS, TEXTS, TIMING, createBot, sampleInvite, validateInvite } from '../../web/devhost/bot.js';
import { Room, newEventId } from '../../web/devhost/room.js';

const SERVER = 'verji.example';
const ADMIN = `@admin:${SERVER}`;
const BOT = `@companybot:${SERVER}`;

function inviteContent(overrides = {}) {
  const block = sampleInvite(overrides);
  return { msgtype: 'm.text', body: `Invitasjon til ${block.full_name}`, 'app.verji.invite': block };
}

// Runs a room on a virtual clock: posts `content` as the admin at t=0, lets the bot answer every
// event (its plans are scheduled like the host does), and returns [{t, event}] in room order.
function simulate(scenario, contents = [inviteContent()], { bot = createBot({ server: SERVER, adminUserId: ADMIN }), gapMs = 10000 } = {}) {
  let now = 0;
  const room = new Room({ roomId: `!r:${SERVER}`, now: () => now });
  const queue = [];
  const out = [];
  room.listen((event) => {
    out.push({ t: now, event });
    for (const step of bot.plan(event, scenario)) queue.push({ t: now + step.delayMs, event: step.event });
  });
  contents.forEach((content, i) => queue.push({ t: i * gapMs, event: { type: 'm.room.message', sender: ADMIN, content } }));
  while (queue.length) {
    queue.sort((a, b) => a.t - b.t);
    const next = queue.shift();
    now = next.t;
    room.append(next.event);
  }
  return out;
}

const fromBot = (timeline) => timeline.filter(({ event }) => event.sender === BOT);
const bodies = (timeline) => timeline.map(({ event }) => event.content.body);
const status = (entry) => entry.event.content['app.verji.invite.status'];
const replyTo = (entry) => entry.event.content['m.relates_to']?.['m.in_reply_to']?.event_id;

describe('the room', () => {
  test('gives events Matrix-shaped ids and fields, and lists them newest first with filters', () => {
    let now = 1000;
    const room = new Room({ roomId: '!a:x', now: () => now++ });
    const seen = [];
    room.listen((e) => seen.push(e.event_id));
    const a = room.append({ type: 'm.room.message', sender: '@a:x', content: { msgtype: 'm.text', body: 'a' } });
    const b = room.append({ type: 'm.room.message', sender: '@b:x', content: { msgtype: 'm.notice', body: 'b' } });
    room.append({ type: 'm.room.topic', sender: '@a:x', content: { topic: 't' }, state_key: '' });
    const c = room.append({ type: 'm.room.message', sender: '@a:x', content: { msgtype: 'm.text', body: 'c' } });
    assert.match(a.event_id, /^\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.event_id, b.event_id);
    assert.deepEqual({ room: a.room_id, ts: a.origin_server_ts, unsigned: a.unsigned }, { room: '!a:x', ts: 1000, unsigned: {} });
    assert.deepEqual(seen.length, 4);
    const ids = (list) => list.map((e) => e.event_id);
    assert.deepEqual(ids(room.timeline({ type: 'm.room.message' })), [c.event_id, b.event_id, a.event_id]);
    assert.deepEqual(ids(room.timeline({ type: 'm.room.message', msgtype: 'm.text' })), [c.event_id, a.event_id]);
    assert.deepEqual(ids(room.timeline({ type: 'm.room.message', limit: 1 })), [c.event_id]);
    assert.deepEqual(ids(room.timeline({ type: 'm.room.message', since: b.event_id })), [c.event_id]);
    assert.equal(room.timeline({ type: 'm.room.topic', stateKey: '' }).length, 1);
    assert.equal(room.timeline({ type: 'm.room.topic' }).length, 0, 'state events are not timeline messages');
    room.timeline({ type: 'm.room.message' })[0].content.body = 'changed';
    assert.equal(room.byId(c.event_id).content.body, 'c', 'readers get copies');
    assert.throws(() => new Room({ roomId: 'no-bang' }));
  });

  test('event ids are 43 URL-safe characters after "$"', () => {
    for (let i = 0; i < 50; i++) assert.match(newEventId(), /^\$[A-Za-z0-9_-]{43}$/);
  });
});

describe('the CompanyBot', () => {
  test('success: Processing, then Success, as rich replies carrying the status block', () => {
    const timeline = simulate('success');
    const invite = timeline[0];
    const replies = fromBot(timeline);
    assert.deepEqual(bodies(replies), ['Processing, please wait...', 'Success']);
    assert.deepEqual(replies.map((r) => r.t), [TIMING.processing, TIMING.outcome]);
    for (const reply of replies) {
      assert.equal(reply.event.content.msgtype, 'm.notice');
      assert.equal(replyTo(reply), invite.event.event_id);
      assert.equal(status(reply).version, 1);
      assert.equal(status(reply).request_id, invite.event.content['app.verji.invite'].request_id);
    }
    assert.deepEqual(replies.map((r) => status(r).state), ['processing', 'success']);
    assert.equal(status(replies[1]).user_id, `@olanordmann:${SERVER}`);
  });

  test('e-mail already registered: the seed text with the address, and the existing user and room', () => {
    const replies = fromBot(simulate('email_registered', [inviteContent({ email: 'ola@firma.no' })]));
    assert.equal(replies[1].event.content.body, 'A user is already registered with the following email: ola@firma.no');
    const s = status(replies[1]);
    assert.equal(s.state, 'email_registered');
    assert.equal(s.email, 'ola@firma.no');
    assert.match(s.user_id, /^@ola:verji\.example$/);
    assert.match(s.room_id, /^!.+:verji\.example$/);
  });

  test('username taken: refused while the name stays, Success once it is renamed', () => {
    const timeline = simulate('username_taken', [
      inviteContent({ request_id: 'a'.repeat(32), username_hint: 'johndoe' }),
      inviteContent({ request_id: 'b'.repeat(32), username_hint: 'johndoe' }),
      inviteContent({ request_id: 'c'.repeat(32), username_hint: 'johndoe2' }),
    ]);
    const outcomes = fromBot(timeline).filter((r) => status(r).state !== 'processing');
    assert.deepEqual(bodies(outcomes), ["UserID 'johndoe' is already occupied", "UserID 'johndoe' is already occupied", 'Success']);
    assert.deepEqual(outcomes.map((r) => status(r).username ?? null), ['johndoe', 'johndoe', null]);
    assert.equal(status(outcomes[2]).user_id, `@johndoe2:${SERVER}`);
  });

  test('a rename that keeps the request_id is processed afresh, not taken as a duplicate', () => {
    const id = 'd'.repeat(32);
    const timeline = simulate('username_taken', [
      inviteContent({ request_id: id, username_hint: 'johndoe' }),
      inviteContent({ request_id: id, username_hint: 'john.doe' }),
    ]);
    assert.deepEqual(bodies(fromBot(timeline)), ['Processing, please wait...', "UserID 'johndoe' is already occupied", 'Processing, please wait...', 'Success']);
  });

  test('slow: the outcome comes about 8 s after the invite', () => {
    const replies = fromBot(simulate('slow'));
    assert.deepEqual(bodies(replies), ['Processing, please wait...', 'Success']);
    assert.ok(replies[1].t >= 7500 && replies[1].t <= 9000, `outcome at ${replies[1].t} ms`);
  });

  test('silent: Processing, then nothing', () => {
    assert.deepEqual(bodies(fromBot(simulate('silent'))), ['Processing, please wait...']);
  });

  test('failure text: "Failed: <reason>" with the reason in the block', () => {
    const outcome = fromBot(simulate('failure'))[1];
    assert.equal(outcome.event.content.body, 'Failed: the licence allows no more users');
    assert.deepEqual([status(outcome).state, status(outcome).message], ['failed', 'the licence allows no more users']);
  });

  test('Norwegian texts: Behandler, then Vellykket', () => {
    const replies = fromBot(simulate('norwegian'));
    assert.deepEqual(bodies(replies), ['Behandler, vennligst vent...', 'Vellykket']);
    assert.deepEqual(replies.map((r) => status(r).state), ['processing', 'success']);
  });

  test('reply without any relation: plain m.text, neither rich reply nor block', () => {
    const replies = fromBot(simulate('no_relation'));
    assert.deepEqual(bodies(replies), ['Processing, please wait...', 'Success']);
    for (const { event } of replies) {
      assert.equal(event.content.msgtype, 'm.text');
      assert.deepEqual(Object.keys(event.content).sort(), ['body', 'msgtype']);
    }
  });

  test("a second admin's request interleaved: Kari invites too, the bot answers both, interleaved", () => {
    const timeline = simulate('interleaved');
    const ours = timeline[0].event;
    const kari = timeline.find(({ event }) => event.sender === `@kari:${SERVER}`).event;
    const kariBlock = kari.content['app.verji.invite'];
    assert.equal(validateInvite(kariBlock), null, "Kari's invite is valid");
    assert.notEqual(kariBlock.request_id, ours.content['app.verji.invite'].request_id);
    const answers = fromBot(timeline).map((r) => [replyTo(r), status(r).request_id, status(r).state]);
    const to = (event) => answers.filter(([id]) => id === event.event_id).map(([, rid, state]) => [rid, state]);
    assert.deepEqual(to(ours), [[ours.content['app.verji.invite'].request_id, 'processing'], [ours.content['app.verji.invite'].request_id, 'success']]);
    assert.deepEqual(to(kari), [[kariBlock.request_id, 'processing'], [kariBlock.request_id, 'success']]);
    // Interleaved: between our invite's Processing and its outcome the bot speaks to Kari.
    const order = answers.map(([id, , state]) => `${id === ours.event_id ? 'ours' : 'kari'}:${state}`);
    const [start, end] = [order.indexOf('ours:processing'), order.indexOf('ours:success')];
    assert.ok(order.slice(start + 1, end).some((x) => x.startsWith('kari:')), order.join(' '));
  });

  test('a status from the wrong sender: Mallory forges a Success before the bot answers', () => {
    const timeline = simulate('wrong_sender');
    const first = timeline[1];
    assert.equal(first.event.sender, `@mallory:${SERVER}`);
    assert.equal(first.event.content.body, 'Success');
    assert.equal(status(first).state, 'success', 'the forgery is complete: only the sender gives it away');
    assert.equal(replyTo(first), timeline[0].event.event_id);
    assert.ok(first.t < fromBot(timeline)[0].t, 'it comes before the real Processing');
    assert.deepEqual(bodies(fromBot(timeline)), ['Processing, please wait...', 'Success']);
  });

  test('429 and denied capabilities are the host driver\'s business: the bot answers normally', () => {
    for (const scenario of ['rate_limited', 'capabilities_denied']) {
      assert.deepEqual(bodies(fromBot(simulate(scenario))), ['Processing, please wait...', 'Success'], scenario);
    }
  });

  test('a duplicate request_id is answered at once with the first outcome, addressed to the duplicate', () => {
    for (const [scenario, expected] of [['success', 'Success'], ['failure', 'Failed: the licence allows no more users'], ['silent', 'Processing, please wait...'], ['no_relation', 'Success']]) {
      const content = inviteContent({ request_id: 'e'.repeat(32) });
      const timeline = simulate(scenario, [content, content]);
      const duplicate = timeline.filter(({ event }) => event.sender === ADMIN)[1];
      const after = fromBot(timeline).filter((r) => r.t >= duplicate.t);
      assert.deepEqual(bodies(after), [expected], scenario);
      assert.equal(after[0].t - duplicate.t, TIMING.duplicate);
      if (scenario !== 'no_relation') assert.equal(replyTo(after[0]), duplicate.event.event_id, scenario);
    }
  });

  test('answers only invites: ignores plain messages and its own, and refuses an invalid block', () => {
    const bot = createBot({ server: SERVER, adminUserId: ADMIN });
    const event = (sender, content) => ({ type: 'm.room.message', sender, event_id: '$x', content });
    assert.deepEqual(bot.plan(event(ADMIN, { msgtype: 'm.text', body: 'hei' }), 'success'), []);
    assert.deepEqual(bot.plan(event(BOT, inviteContent()), 'success'), []);
    assert.deepEqual(bot.plan({ type: 'm.reaction', sender: ADMIN, content: inviteContent() }, 'success'), []);
    const refused = bot.plan(event(ADMIN, inviteContent({ email: 'not-an-address' })), 'success');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].event.content.body, 'Failed: email is not an address');
    assert.equal(refused[0].event.content['app.verji.invite.status'].state, 'failed');
    assert.throws(() => bot.plan(event(ADMIN, inviteContent()), 'no-such-scenario'), /unknown scenario/);
  });

  test('validates every field the protocol names', () => {
    assert.equal(validateInvite(sampleInvite()), null);
    const broken = {
      version: 2, request_id: 'ABC', email: 'x', full_name: ' ', phone: '41234567', verification: 'letter',
      user_type: 'guest', username_hint: 'Ola Nordmann',
    };
    for (const [key, value] of Object.entries(broken)) assert.notEqual(validateInvite(sampleInvite({ [key]: value })), null, key);
    assert.notEqual(validateInvite(sampleInvite({ phone: '', verification: 'sms' })), null, 'sms needs a number');
    assert.equal(validateInvite(sampleInvite({ phone: '', verification: 'email' })), null);
    assert.notEqual(validateInvite(null), null);
  });

  test('every scenario has an id and a label; its texts are the ones docs/invite-protocol.md lists', () => {
    assert.equal(new Set(SCENARIOS.map(([id]) => id)).size, SCENARIOS.length);
    assert.equal(SCENARIOS.length, 12);
    const doc = readFileSync(new URL('../../docs/invite-protocol.md', import.meta.url), 'utf8');
    for (const lang of ['en', 'nb']) {
      const t = TEXTS[lang];
      for (const text of [t.processing(), t.success(), t.email_registered('ola@firma.no'), t.username_taken('johndoe')]) {
        assert.ok(doc.includes('`' + text + '`'), `${lang}: ${text}`);
      }
      assert.ok(doc.includes('`' + t.failed('<reason>') + '`'), `${lang}: failure`);
    }
  });
});
