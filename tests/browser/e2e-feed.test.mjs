// End to end, the status feed (issue 5) in the dev host (web/devhost) with headless Chromium:
// a taken username's alternative is one click away and the renamed invitation succeeds; "Invite
// another" empties the form and keeps the list; the processing indicator moves; "Copy advance
// notice" puts the text on the clipboard. Screenshots of a feed with several entries, light and
// dark, in a narrow panel: $VERJI_ARTIFACTS_DIR/screenshots/feed-*.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot, waitForClipboard } from './harness.mjs';
import {
  EMAIL, click, control, controls, create, fillForm, nextFrames, roomInvites, scrollIntoView, submissions, type, waitForControl,
  useDevhost, waitForStatus, widgetFrame,
} from './widget-driver.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const PROCESSING = /^Behandler …$/;
const CREATED = /^Opprettet: @/;
const artifacts = path.join(process.env.VERJI_ARTIFACTS_DIR ?? path.resolve('build/artifacts'), 'screenshots');

const devhost = useDevhost();
const { openHost } = devhost;

// The frame's control `id` in page coordinates, as a screenshot clip.
async function clipOf(frame, id) {
  const c = await control(frame, id);
  const box = await (await frame.frameElement()).boundingBox();
  return { x: box.x + c.x, y: box.y + c.y, width: c.width, height: c.height };
}

function save(name, buffer) {
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, `${name}.png`), buffer);
}

// The alternatives the card of `requestId` offers: [{id, label, fullName}].
async function alternatives(frame, requestId) {
  return (await controls(frame)).filter((c) => c.id.startsWith(`pick=${requestId}/`))
    .map((c) => ({ id: c.id, label: c.label, fullName: c.label.split(' → ')[0] }));
}

describe('end to end: the status feed', () => {
  test('username_taken: an alternative name is one click, and the renamed invitation succeeds', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=username_taken');
    try {
      await fillForm(page, frame);
      const first = await create(page, frame);
      await waitForStatus(frame, `submission=${first}`, /^Brukernavnet olanordmann er opptatt$/);
      await waitForStatus(frame, `submission=${first}.detail`, /^Endre navnet/);
      const offered = await alternatives(frame, first);
      assert.ok(offered.length > 0, 'the core offers at least one other name');
      assert.equal(offered[0].id, `pick=${first}/0`);
      assert.match(offered[0].label, / → [a-z0-9.]+$/);
      const before = (await control(frame, 'username')).label;
      await click(page, frame, offered[0].id);
      // Back in the form with the name changed: the username preview follows the new name.
      const username = offered[0].label.split(' → ')[1];
      await waitForStatus(frame, 'username', new RegExp(`@${username.replace(/\./g, '\\.')}:verji\\.example`));
      assert.notEqual((await control(frame, 'username')).label, before);
      await waitForControl(frame, 'create');
      const second = await create(page, frame);
      assert.notEqual(second, first);
      await waitForStatus(frame, `submission=${second}`, CREATED);
      const invites = await roomInvites(page);
      assert.deepEqual(invites.map((i) => i.requestId), [first, second]);
      assert.equal(invites[1].block.full_name, offered[0].fullName);
      assert.equal(invites[1].block.email, EMAIL, 'the rest of the form stayed');
      assert.deepEqual((await submissions(frame)).map((s) => s.requestId), [second, first], 'newest first, both listed');
      await screenshot(page, 'feed-username_taken-picked');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('success: "Invite another" empties the form and keeps the invitation listed', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      await fillForm(page, frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, CREATED);
      assert.ok(await control(frame, 'username'), 'the username preview shows while the form is filled');
      await click(page, frame, 'invite_another');
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'username'), null,
        { timeout: 10000 });
      assert.equal((await control(frame, 'create')).disabled, true, 'an empty form cannot be sent');
      assert.equal(await control(frame, 'invite_another'), undefined, 'nothing left to clear');
      assert.deepEqual((await submissions(frame)).map((s) => s.requestId), [requestId]);
      assert.match((await control(frame, `submission=${requestId}`)).label, CREATED);
      // The name field is empty: what is typed now is the whole name.
      await type(page, frame, 'full_name', 'Kari Hansen');
      await waitForStatus(frame, 'username', /@karihansen:verji\.example/);
      await screenshot(page, 'feed-invite-another');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('processing: the indicator beside the state moves', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=slow');
    try {
      await fillForm(page, frame);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, PROCESSING);
      const clip = await clipOf(frame, `submission=${requestId}`);
      // The dots follow the clock while the widget keeps drawing: a few frames later they are elsewhere.
      const shots = [await page.screenshot({ clip })];
      const a = PNG.sync.read(shots[0]);
      let differing = 0;
      for (const deadline = Date.now() + 5000; differing <= 4 && Date.now() < deadline;) {
        await nextFrames(frame, 2);
        shots[1] = await page.screenshot({ clip });
        const b = PNG.sync.read(shots[1]);
        assert.equal(a.width, b.width);
        differing = 0;
        for (let i = 0; i < a.data.length; i += 4) {
          if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) > 30) differing++;
        }
      }
      assert.match((await control(frame, `submission=${requestId}`)).label, PROCESSING, 'still processing');
      save('feed-spinner-1', shots[0]);
      save('feed-spinner-2', shots[1]);
      assert.ok(differing > 4, `the indicator changed between the screenshots (${differing} pixels)`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  // The wording in both languages is the app's (tests/ui/test_feed_view.cpp); here the system clipboard.
  test('copy advance notice: the text is on the system clipboard, with the SMS sentence only for SMS', async () => {
    // The widget page on its own (top level), so the clipboard needs no iframe permission.
    const context = await devhost.browser.newContext({ viewport: { width: 420, height: 1400 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: devhost.widgetOrigin });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await page.goto(`${devhost.dev.widgetUrl}?lang=nb`);
      const frame = await widgetFrame(page, devhost.widgetOrigin);
      await page.evaluate(() => navigator.clipboard.writeText('before'));
      await click(page, frame, 'copy_notice');
      await waitForStatus(frame, 'copy_notice.done', /^Kopiert$/);
      const plain = await waitForClipboard(page, (t) => t !== 'before', 15000);
      assert.match(plain, /Verji/);
      assert.match(plain, /e-post/);
      assert.match(plain, /lenken/);
      assert.doesNotMatch(plain, /SMS/);
      await screenshot(page, 'feed-copied-nb');

      await type(page, frame, 'phone', '41234567');
      await click(page, frame, 'verification=sms');
      await waitForControl(frame, 'verification=sms');
      await click(page, frame, 'copy_notice');
      const withSms = await waitForClipboard(page, (t) => t.includes('SMS'), 15000);
      assert.ok(withSms.startsWith(plain), 'the same text, and a sentence about the SMS code');
      // The "Copied" note goes away by itself.
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'copy_notice.done'), null,
        { timeout: 10000 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const theme of ['light', 'dark']) {
    test(`several invitations in a narrow panel (${theme}): newest first, each with its state`, async () => {
      const { context, page, frame, errors } = await openHost(`?scenario=username_taken&theme=${theme}`);
      try {
        await page.evaluate(() => { document.querySelector('.widget-pane').style.width = '361px'; }); // 1 px of border
        await frame.waitForFunction(() => window.innerWidth === 360, null, { timeout: 15000 });
        await fillForm(page, frame);
        const taken = await create(page, frame);
        await waitForStatus(frame, `submission=${taken}`, /opptatt/);
        await click(page, frame, (await alternatives(frame, taken))[0].id);
        await waitForControl(frame, 'create');
        const created = await create(page, frame);
        await waitForStatus(frame, `submission=${created}`, CREATED);
        await click(page, frame, 'invite_another');
        await page.selectOption('#scenario', 'failure');
        await fillForm(page, frame, { email: 'kari.hansen@firma.no', name: 'Kari Hansen' });
        const failed = await create(page, frame);
        await waitForStatus(frame, `submission=${failed}`, /^Feilet/);
        await page.selectOption('#scenario', 'email_registered');
        const registered = await create(page, frame);
        await waitForStatus(frame, `submission=${registered}`, /allerede registrert/);
        assert.deepEqual((await submissions(frame)).map((s) => s.requestId), [registered, failed, created, taken]);
        // The list in view, down to "Copy advance notice".
        await scrollIntoView(page, frame, 'copy_notice');
        await page.mouse.move(0, 0);
        await nextFrames(frame, 3);
        const element = await frame.frameElement();
        save(`feed-several-${theme}-360`, await element.screenshot());
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
