// End to end, every CompanyBot scenario of the dev host (web/devhost) against the built widget in
// headless Chromium: the host page embeds the widget from another origin with the real
// ClientWidgetApi; the test fills the form with clicks and keys, clicks "Opprett", and follows the
// invitation's status line (window.verjiLayout, the widget's published controls) and the room.
// Also: the widget reloaded mid-request, live theme and language changes, same-window mode.
// Screenshots of each final state: $VERJI_ARTIFACTS_DIR/screenshots/e2e-<scenario>.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DARK_BG, LIGHT_BG, pixel, screenshot } from './harness.mjs';
import {
  EMAIL, NAME, bridge, click, control, create, fillForm, nextFrames, postsOf, recordPostMessages, reloadWidget, roomAnswers, roomInvites,
  scrollIntoView, statusTrace, submissions, traceStatuses, type, useDevhost, waitForControl, waitForStatus, widgetFrame,
  widgetRequests,
} from './widget-driver.mjs';

const ADMIN = '@admin:verji.example';
const BOT = '@companybot:verji.example';

const devhost = useDevhost();

// The host page with the widget in it: tall enough that the whole form and its list fit, or (short)
// a laptop's window, where the widget's panel is shorter than the form.
function openHost(query, { short = false } = {}) {
  return devhost.openHost(query, { height: short ? 900 : 1600, initScript: recordPostMessages });
}

// The labels one invitation went through, in order, without repeats.
async function labelsOf(frame, requestId) {
  return (await statusTrace(frame)).filter((t) => t.id === `submission=${requestId}`).map((t) => t.label);
}

// `labels` has a match for each pattern, in this order.
function assertPassesThrough(labels, patterns) {
  let from = 0;
  for (const pattern of patterns) {
    const at = labels.findIndex((label, i) => i >= from && pattern.test(label));
    assert.ok(at >= 0, `${pattern} after ${JSON.stringify(labels.slice(0, from))} in ${JSON.stringify(labels)}`);
    from = at + 1;
  }
}

// When the invitation's status first matched `pattern` (the widget's clock, ms since the epoch).
async function firstTimeOf(frame, requestId, pattern) {
  const hit = (await statusTrace(frame)).find((t) => t.id === `submission=${requestId}` && pattern.test(t.label));
  return hit?.at;
}

// Exactly one invite in the room and one send_event on the wire, both for `requestId`.
async function assertSentOnce(page, requestId) {
  const invites = await roomInvites(page);
  assert.deepEqual(invites.map((i) => [i.sender, i.requestId]), [[ADMIN, requestId]]);
  const sends = (await widgetRequests(page)).filter((r) => r.action === 'send_event');
  assert.equal(sends.length, 1, JSON.stringify(sends));
  assert.equal(sends[0].data.content['app.verji.invite'].request_id, requestId);
  return invites[0];
}

// The bot's last answer to `invite` whose status state is `state`.
async function botAnswer(page, invite, state) {
  const answers = (await roomAnswers(page)).filter((a) => a.sender === BOT && a.replyTo === invite.eventId && a.state === state);
  assert.ok(answers.length > 0, `the bot answered ${state}`);
  return answers[answers.length - 1];
}

const PROCESSING = /^Behandler …$/;

// Scenarios with one invitation: fill, create, follow the status to its end.
const SINGLE = [
  { id: 'success', through: [PROCESSING], final: /^Opprettet: @olanordmann:verji\.example$/, state: 'success' },
  {
    id: 'email_registered', through: [PROCESSING], state: 'email_registered',
    final: /^E-postadressen ola\.nordmann@firma\.no er allerede registrert$/,
    detail: /^Et privat rom med brukeren er opprettet: !dm-ola\.nordmann:verji\.example\n/,
  },
  { id: 'slow', through: [PROCESSING], final: /^Opprettet: @olanordmann:verji\.example$/, state: 'success', timeout: 20000, atLeastMs: 7500 },
  { id: 'silent', query: '&silence=5', through: [PROCESSING], final: /^Ikke svar ennå – vi følger med videre$/, timeout: 20000, atLeastMs: 5000 },
  // In a short panel: "Opprett" and the list are below the fold, and the mouse wheel brings them up.
  { id: 'failure', through: [PROCESSING], final: /^Feilet – CompanyBot svarte:$/, detail: /^«Failed: the licence allows no more users»$/, state: 'failed', short: true },
  // The form filled the keyboard way: a click in the first field, then Tab to the next.
  { id: 'norwegian', through: [PROCESSING], final: /^Opprettet: @olanordmann:verji\.example$/, state: 'success', tab: true },
  { id: 'no_relation', through: [PROCESSING], final: /^Opprettet$/ },
];

describe('end to end: the widget in the dev host, driven by clicks and keys', () => {
  for (const scenario of SINGLE) {
    test(`scenario ${scenario.id}`, async () => {
      const { context, page, frame, errors } = await openHost(`?scenario=${scenario.id}${scenario.query ?? ''}`, scenario);
      try {
        if (scenario.tab) {
          await type(page, frame, 'email', EMAIL);
          await page.keyboard.press('Tab');
          await frame.waitForFunction(() => (window.verjiLayout ?? []).find((c) => c.id === 'full_name')?.focused);
          await page.keyboard.type(NAME);
        } else {
          await fillForm(page, frame);
        }
        if (scenario.short) {
          const below = await control(frame, 'create');
          const height = await frame.evaluate(() => window.innerHeight);
          assert.ok(below.y + below.height > height, `"Opprett" starts below the fold: ${below.y} in ${height}`);
        }
        await waitForStatus(frame, 'username', /@olanordmann:verji\.example/);
        await traceStatuses(frame);
        const requestId = await create(page, frame);
        assert.match(requestId, /^[0-9a-f]{32}$/);
        await waitForStatus(frame, `submission=${requestId}`, scenario.final, { timeout: scenario.timeout });
        const labels = await labelsOf(frame, requestId);
        assertPassesThrough(labels, [...scenario.through, scenario.final]);
        if (scenario.detail) assert.match((await control(frame, `submission=${requestId}.detail`)).label, scenario.detail);
        const invite = await assertSentOnce(page, requestId);
        assert.equal(invite.block.email, EMAIL);
        assert.equal(invite.block.full_name, NAME);
        assert.equal(invite.block.username_hint, 'olanordmann');
        const finalAt = await firstTimeOf(frame, requestId, scenario.final);
        if (scenario.state) {
          const answer = await botAnswer(page, invite, scenario.state);
          assert.ok(finalAt >= answer.ts, 'the final state shows only after the bot said it');
        }
        if (scenario.atLeastMs) assert.ok(finalAt - invite.ts >= scenario.atLeastMs, `${finalAt - invite.ts} ms`);
        assert.equal((await submissions(frame)).length, 1);
        if (scenario.short) {
          const shown = await scrollIntoView(page, frame, `submission=${requestId}`, { enabled: false });
          assert.ok(shown.y >= 0 && shown.y + shown.height <= await frame.evaluate(() => window.innerHeight), 'scrolled into view');
        }
        await screenshot(page, `e2e-${scenario.id}`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('scenario username_taken: the name is changed with keys and a new request succeeds', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=username_taken');
    try {
      await fillForm(page, frame);
      await traceStatuses(frame);
      const first = await create(page, frame);
      await waitForStatus(frame, `submission=${first}`, /^Brukernavnet olanordmann er opptatt$/);
      // A middle name: click the name field, go to the end of "Ola" and type.
      await click(page, frame, 'full_name');
      await page.keyboard.press('Home');
      for (let i = 0; i < 'Ola'.length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.type(' Johan');
      await waitForStatus(frame, 'username', /@olajohannordmann:verji\.example|@olanordmann/);
      const preview = (await control(frame, 'username')).label;
      const second = await create(page, frame);
      assert.notEqual(second, first, 'a new request_id for the renamed invitation');
      await waitForStatus(frame, `submission=${second}`, /^Opprettet: @/);
      const invites = await roomInvites(page);
      assert.deepEqual(invites.map((i) => i.requestId), [first, second]);
      assert.equal(invites[1].block.full_name, 'Ola Johan Nordmann');
      assert.notEqual(invites[1].block.username_hint, 'olanordmann');
      assert.ok(preview.includes(invites[1].block.username_hint), `${preview} names ${invites[1].block.username_hint}`);
      assert.equal((await widgetRequests(page)).filter((r) => r.action === 'send_event').length, 2);
      assert.match((await control(frame, `submission=${first}`)).label, /^Brukernavnet olanordmann er opptatt/, 'the first keeps its answer');
      await screenshot(page, 'e2e-username_taken');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("scenario interleaved: another admin's invitation and its answers leave ours alone", async () => {
    const { context, page, frame, errors } = await openHost('?scenario=interleaved');
    try {
      await fillForm(page, frame);
      await traceStatuses(frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /^Opprettet: @olanordmann:verji\.example$/);
      const invites = await roomInvites(page);
      assert.deepEqual(invites.map((i) => i.sender), [ADMIN, '@kari:verji.example']);
      const ours = invites[0];
      assert.equal(ours.requestId, requestId);
      const kariSuccess = (await roomAnswers(page)).find((a) => a.replyTo === invites[1].eventId && a.state === 'success');
      const ourSuccess = await botAnswer(page, ours, 'success');
      assert.ok(kariSuccess.ts < ourSuccess.ts, "Kari's success comes first in this scenario");
      assert.ok((await firstTimeOf(frame, requestId, /^Opprettet/)) >= ourSuccess.ts, 'not taken for ours');
      assertPassesThrough(await labelsOf(frame, requestId), [PROCESSING, /^Opprettet/]);
      assert.deepEqual((await submissions(frame)).map((s) => s.requestId), [requestId], "Kari's is not listed as ours");
      assert.equal((await widgetRequests(page)).filter((r) => r.action === 'send_event').length, 1);
      await screenshot(page, 'e2e-interleaved');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test("scenario wrong_sender: mallory's Success is ignored until the bot's own", async () => {
    const { context, page, frame, errors } = await openHost('?scenario=wrong_sender');
    try {
      await fillForm(page, frame);
      await traceStatuses(frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /^Opprettet: @olanordmann:verji\.example$/);
      const invite = await assertSentOnce(page, requestId);
      const answers = await roomAnswers(page);
      const forged = answers.find((a) => a.sender === '@mallory:verji.example');
      assert.equal(forged.state, 'success');
      const real = await botAnswer(page, invite, 'success');
      assert.ok(forged.ts < real.ts);
      assert.ok((await firstTimeOf(frame, requestId, /^Opprettet/)) >= real.ts, 'Opprettet only after the bot said so');
      assertPassesThrough(await labelsOf(frame, requestId), [PROCESSING, /^Opprettet/]);
      await screenshot(page, 'e2e-wrong_sender');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('scenario rate_limited: 429, then "Send på nytt" resends the same request', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=rate_limited');
    try {
      await fillForm(page, frame);
      await traceStatuses(frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /^For mange forespørsler – prøv igjen om litt$/);
      assert.deepEqual(await roomInvites(page), [], 'nothing reached the room');
      const resend = await waitForControl(frame, `resend=${requestId}`);
      assert.equal(resend.label, 'Send på nytt');
      await screenshot(page, 'e2e-rate_limited-429');
      await click(page, frame, `resend=${requestId}`);
      await waitForStatus(frame, `submission=${requestId}`, /^Opprettet: @olanordmann:verji\.example$/);
      const sends = (await widgetRequests(page)).filter((r) => r.action === 'send_event');
      assert.deepEqual(sends.map((s) => s.data.content['app.verji.invite'].request_id), [requestId, requestId]);
      assert.deepEqual((await roomInvites(page)).map((i) => i.requestId), [requestId]);
      assert.deepEqual((await submissions(frame)).map((s) => s.requestId), [requestId]);
      assert.equal(await control(frame, `resend=${requestId}`), undefined, 'no resend once it went through');
      await screenshot(page, 'e2e-rate_limited');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('scenario capabilities_denied: the notice, "Be om tilgang på nytt" refused again and told, then sending works', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=capabilities_denied');
    try {
      await waitForStatus(frame, 'connection', /^Matrix-klienten har ikke gitt skjemaet lov til å sende meldinger i rommet\.$/);
      await fillForm(page, frame);
      assert.equal((await control(frame, 'create')).disabled, true, 'no sending without the capability');
      const ask = await waitForControl(frame, 'request_permission');
      assert.equal(ask.label, 'Be om tilgang på nytt');
      await screenshot(page, 'e2e-capabilities_denied-notice');
      // Asked again, the person in the client says no again: the widget says so, aloud too.
      await click(page, frame, 'request_permission');
      const refused = await waitForStatus(frame, 'connection', /denne gangen heller/);
      await frame.waitForFunction((text) => document.getElementById('verji-live').textContent.includes(text), refused.label);
      await waitForControl(frame, 'request_permission');
      await screenshot(page, 'e2e-capabilities_refused-again');
      await page.click('#deny'); // the person in the client approves this time
      assert.equal(await page.isChecked('#deny'), false);
      await click(page, frame, 'request_permission');
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'connection'), null, { timeout: 15000 });
      const asked = (await widgetRequests(page)).filter((r) => r.action === 'org.matrix.msc2974.request_capabilities');
      assert.equal(asked.length, 2);
      assert.ok(asked[1].data.capabilities.includes('org.matrix.msc2762.send.event:m.room.message#m.text'));
      await traceStatuses(frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /^Opprettet: @olanordmann:verji\.example$/);
      await assertSentOnce(page, requestId);
      await screenshot(page, 'e2e-capabilities_denied');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('reload mid-request: the invitation is restored from the room and nothing is sent twice', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=slow');
    try {
      await fillForm(page, frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, PROCESSING);
      // The old frame goes away; the new one restores the list with read_events.
      const again = await reloadWidget(page, frame, devhost.widgetOrigin);
      assert.ok(frame.isDetached(), 'the old frame is gone');
      assert.notEqual(again, frame);
      // read_events brings the request back in the state the room shows: "Processing", or already
      // "Success" when the reload took longer than the bot (8 s) on a busy machine.
      const CREATED = /^Opprettet: @olanordmann:verji\.example$/;
      await waitForStatus(again, `submission=${requestId}`, new RegExp(`${PROCESSING.source}|${CREATED.source}`));
      assert.deepEqual((await submissions(again)).map((s) => s.requestId), [requestId]);
      await traceStatuses(again);
      await waitForStatus(again, `submission=${requestId}`, CREATED, { timeout: 20000 });
      const invites = await roomInvites(page);
      assert.deepEqual(invites.map((i) => i.requestId), [requestId], 'one invite for the request');
      assert.equal((await widgetRequests(page)).filter((r) => r.action === 'send_event').length, 1);
      assert.ok((await widgetRequests(page)).some((r) => r.action === 'org.matrix.msc2876.read_events'));
      await screenshot(page, 'e2e-reload');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('theme and language changes in the host apply live', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      const iframe = await (await frame.frameElement()).boundingBox();
      const background = async () => {
        const png = await screenshot(page, 'e2e-theme');
        return pixel(png, iframe.x + iframe.width - 6, iframe.y + 4); // a corner with nothing drawn
      };
      const near = (a, b) => Math.abs(a.r - b.r) + Math.abs(a.g - b.g) + Math.abs(a.b - b.b) <= 6; // not the host's #15191e
      assert.ok(near(await background(), LIGHT_BG), 'light to begin with');
      assert.equal((await control(frame, 'email')).label, 'E-postadresse');
      await page.check('input[name="theme"][value="dark"]');
      // The widget re-styles itself on the host's message (and marks its page dark), then draws.
      await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 10000 });
      await nextFrames(frame, 2);
      const seen = await background();
      assert.ok(near(seen, DARK_BG), `dark background, got ${JSON.stringify(seen)}`);
      await page.check('input[name="lang"][value="en"]');
      await frame.waitForFunction(() => (window.verjiLayout ?? []).find((c) => c.id === 'email')?.label === 'E-mail address',
        null, { timeout: 10000 });
      assert.equal((await control(frame, 'create')).label, 'Create');
      await screenshot(page, 'e2e-theme-language');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('same-window mode (a native webview): success end to end, in the dark theme it was opened with', async () => {
    const context = await devhost.browser.newContext({ viewport: { width: 480, height: 1000 } });
    await context.addInitScript(recordPostMessages);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(`${devhost.dev.hostUrl}?scenario=success&theme=dark`);
      const href = await page.getAttribute('#same-window', 'href');
      await page.goto(href);
      const frame = await widgetFrame(page, devhost.widgetOrigin);
      assert.equal(frame, page.mainFrame());
      await page.waitForFunction(() => window.verjiDevhost?.api !== undefined);
      await fillForm(page, frame);
      await traceStatuses(frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /^Opprettet: @olanordmann:verji\.example$/);
      assertPassesThrough(await labelsOf(frame, requestId), [PROCESSING, /^Opprettet/]);
      await assertSentOnce(page, requestId);
      const state = await bridge(frame);
      assert.equal(state.state, 'connected');
      assert.equal(state.targetOrigin, devhost.widgetOrigin);
      assert.ok(state.stats.dropped.echo > 0, 'the widget saw its own posts and dropped them');
      const posts = await postsOf(frame);
      assert.ok(posts.length > 0);
      assert.ok(posts.every((p) => p.targetOrigin === devhost.widgetOrigin), JSON.stringify(posts));
      // The host announced the theme the page was opened with, not its default light one.
      const png = await screenshot(page, 'e2e-same-window');
      const corner = pixel(png, png.width - 6, 4);
      assert.ok(Math.abs(corner.r - DARK_BG.r) + Math.abs(corner.g - DARK_BG.g) + Math.abs(corner.b - DARK_BG.b) <= 6,
        `dark background, got ${JSON.stringify(corner)}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
