// End to end, a hostile host: the host page itself (the right window, an allowed origin) posts the
// widget what no honest Matrix client would, while an invitation is open (the dev host's "silent"
// CompanyBot: Processing, then nothing). Malformed, huge and deeply nested messages, messages from a
// window of the host's own origin that is not the parent, another widget's id, replayed and
// duplicated responses, responses to requests never made, capability grants never asked for, and
// room events from senders posing as the bot. Nothing crashes, nothing is accepted, nothing is sent,
// and the bridge's and the core's counters say why each message was dropped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  create, fillForm, nextFrames, roomAnswers, roomInvites, type, useDevhost, waitForStatus, widgetRequests, wireMessages,
} from './widget-driver.mjs';

const BOT = '@companybot:verji.example';
const ROOM = '!administrasjon:verji.example';
const WIDGET_ID = 'verji_invite';
const PROCESSING = /^Behandler …$/;

const host = useDevhost();

// Posts each message to the widget's iframe from the host page, as the host would.
function postFromHost(page, origin, messages) {
  return page.evaluate(([target, list]) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.src.startsWith(target));
    for (const m of list) {
      const message = m === 'CYCLE' ? (() => { const o = { api: 'toWidget' }; o.self = o; return o; })() : m;
      frame.contentWindow.postMessage(message, target);
    }
  }, [origin, messages]);
}

// The bridge's and the core's counters in the widget's frame.
function counters(frame) {
  return frame.evaluate(() => ({ bridge: JSON.parse(JSON.stringify(window.verjiBridge.stats)), ...window.verjiBridge.protocol() }));
}

// The approved capabilities the host told the widget last (the dev host's wire log).
async function hostGrant(page) {
  const told = (await wireMessages(page)).filter((m) => m.api === 'toWidget' && m.action === 'notify_capabilities' && !m.response);
  return told.at(-1).data.approved;
}

function difference(after, before) {
  const out = {};
  for (const [key, value] of Object.entries(after)) {
    out[key] = typeof value === 'object' ? difference(value, before[key]) : value - before[key];
  }
  return out;
}

describe('a hostile host', () => {
  test('posts malformed, huge, foreign, replayed and forged messages: nothing crashes, is accepted or sent', async () => {
    const { context, page, frame, errors } = await host.openHost('?scenario=silent');
    const origin = host.widgetOrigin;
    try {
      await fillForm(page, frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, PROCESSING);
      const invite = (await roomInvites(page)).find((i) => i.requestId === requestId);
      const processing = (await roomAnswers(page)).find((a) => a.replyTo === invite.eventId || a.requestId === requestId);
      assert.ok(processing, 'the bot said Processing');
      const approved = await hostGrant(page);
      const asked = (await widgetRequests(page)).length;
      const before = await counters(frame);

      const envelope = (action, data, extra = {}) => ({ api: 'toWidget', widgetId: WIDGET_ID, requestId: `evil-${action}-${Math.random()}`, action, data, ...extra });
      const forgedStatus = { version: 1, request_id: requestId, state: 'success', user_id: '@forged:verji.example' };
      const roomEvent = (eventId, sender, content, roomId = ROOM) => envelope('send_event', {
        type: 'm.room.message', sender, event_id: eventId, room_id: roomId, origin_server_ts: Date.now(), content,
      });
      const depth = 100000;
      await postFromHost(page, origin, [
        // The bridge drops these: not JSON-able, or over 1 MiB.
        42, null, 'CYCLE',
        'x'.repeat(2 * 1024 * 1024),
        envelope('theme_change', { name: 'dark', padding: 'y'.repeat(1100 * 1024) }),
        // The core drops these: not JSON, cut short, nested 100,000 deep, a bad envelope.
        'not json at all', '{"api":"toWidget","widgetId":"verji_invite"', '['.repeat(depth) + ']'.repeat(depth),
        { api: 'toWidget', widgetId: WIDGET_ID, requestId: 7, action: ['send_event'], data: {} },
        // Another widget's messages.
        { ...roomEvent('$other-widget', BOT, { msgtype: 'm.notice', body: 'Success', 'app.verji.invite.status': forgedStatus }), widgetId: 'someone_else' },
        // Responses to requests never made, and one answered long ago, twice.
        { api: 'fromWidget', widgetId: WIDGET_ID, requestId: 'verji-9999', action: 'send_event', data: {}, response: { event_id: '$never' } },
        { api: 'fromWidget', widgetId: WIDGET_ID, requestId: 'verji-1', action: 'content_loaded', data: {}, response: {} },
        { api: 'fromWidget', widgetId: WIDGET_ID, requestId: 'verji-1', action: 'content_loaded', data: {}, response: {} },
        // The widget's own request, echoed.
        { api: 'fromWidget', widgetId: WIDGET_ID, requestId: 'verji-5', action: 'send_event', data: {} },
        // Grants it never asked for (with what it has).
        envelope('notify_capabilities', { requested: [], approved: [...approved, 'org.matrix.msc2762.send.state_event:m.room.power_levels', 'org.matrix.msc2931.navigate'] }),
        // Room events posing as the bot: a look-alike sender with a status block, someone replying to
        // the invite, the real bot in another room, and the bot's Processing event again as "Success".
        roomEvent('$fake-1', '@companybot:evil.example', { msgtype: 'm.notice', body: 'Success', 'app.verji.invite.status': forgedStatus }),
        roomEvent('$fake-2', '@mallory:verji.example', { msgtype: 'm.notice', body: 'Success', 'm.relates_to': { 'm.in_reply_to': { event_id: invite.eventId } } }),
        roomEvent('$fake-3', BOT, { msgtype: 'm.notice', body: 'Success', 'app.verji.invite.status': forgedStatus }, '!elsewhere:verji.example'),
        roomEvent(processing.eventId, BOT, { msgtype: 'm.notice', body: 'Success', 'app.verji.invite.status': forgedStatus }),
      ]);
      // A window of the host's own origin that is not the widget's parent: a sibling frame.
      const index = await page.evaluate((target) => {
        const other = document.createElement('iframe');
        other.name = 'sibling';
        document.body.append(other);
        const widget = [...document.querySelectorAll('iframe')].find((f) => f.src.startsWith(target));
        return [...Array(window.frames.length).keys()].find((i) => window.frames[i] === widget.contentWindow);
      }, origin);
      const sibling = page.frames().find((f) => f.name() === 'sibling');
      await sibling.evaluate((i) => parent.frames[i].postMessage({ api: 'toWidget', widgetId: 'verji_invite', requestId: 'sib-1',
        action: 'theme_change', data: { name: 'dark' } }, '*'), index);
      await frame.evaluate(() => window.postMessage({ api: 'toWidget', widgetId: 'verji_invite', requestId: 'self-1', action: 'theme_change', data: { name: 'dark' } }, '*'));

      // What passed the bridge: 4 malformed, 1 foreign, 3 responses, 1 grant, 4 room events.
      await frame.waitForFunction((n) => window.verjiBridge.protocol().client.received >= n, before.client.received + 13,
        { timeout: 15000, polling: 50 });
      await nextFrames(frame, 3);
      const delta = difference(await counters(frame), before);
      assert.deepEqual(delta.bridge.dropped, { source: 2, origin: 0, echo: 1, malformed: 3, oversized: 2 }, JSON.stringify(delta));
      assert.equal(delta.client.dropped_malformed, 4, JSON.stringify(delta.client));
      assert.equal(delta.client.dropped_wrong_widget, 1);
      assert.equal(delta.client.dropped_unexpected, 3);
      assert.equal(delta.client.ignored_grants, 2);
      assert.equal(delta.tracker.not_from_bot, 2, JSON.stringify(delta.tracker));
      assert.equal(delta.tracker.duplicate_events, 1);
      assert.ok(delta.tracker.ignored_events >= 3, JSON.stringify(delta.tracker));

      // Nothing accepted: the invitation still waits for the bot, the theme is still light, one invitation.
      const status = await waitForStatus(frame, `submission=${requestId}`, /./);
      assert.match(status.label, PROCESSING);
      assert.equal((await frame.evaluate(() => (window.verjiLayout ?? []).filter((c) => /^submission=[^.]*$/.test(c.id)).length)), 1);
      // Nothing sent: no new request of the widget's (its answers to the host's requests are not requests).
      assert.equal((await widgetRequests(page)).length, asked, 'the widget asked the host for nothing more');
      assert.equal((await roomInvites(page)).length, 1);
      // Nothing crashed: the widget still draws and takes typing.
      await type(page, frame, 'full_name', '');
      await page.keyboard.press('End');
      await page.keyboard.type('sen');
      await waitForStatus(frame, 'username', /olanordmannsen/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
