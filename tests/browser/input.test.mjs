// Input: the widget publishes its controls, takes clicks and typing like a form, checks a phone number
// with libphonenumber after the first frame, and loses no key between frames.
// Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LIGHT_BG, controlsOf, inkIn, layoutOf, nextFrames, openWidget, screenshot, useSiteAndBrowser
} from './harness.mjs';
import { type } from './widget-driver.mjs';

const ctx = useSiteAndBrowser();

describe('the widget page takes input', () => {
  test('publishes every control with its label and state, and radios answer clicks', async () => {
    const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
    try {
      const controls = await controlsOf(page);
      // The title, then a page with no Matrix client says so in a status line.
      assert.deepEqual([controls[0].role, controls[0].id, controls[0].label], ['heading', 'title', 'Inviter ny bruker']);
      assert.equal(controls[1].role, 'status');
      assert.equal(controls[1].id, 'connection');
      assert.match(controls[1].label, /^Forhåndsvisning/);
      assert.deepEqual(controls.filter((c) => c.role !== 'status' && c.role !== 'heading').map((c) => `${c.role}:${c.id}`), [
        'textbox:email', 'textbox:full_name', 'textbox:phone', 'radio:verification=sms', 'radio:verification=email',
        'radio:user_type=standard', 'radio:user_type=administrator', 'textbox:welcome_message', 'button:create',
        'button:copy_notice',
      ]);
      const byId = (list, id) => list.find((c) => c.id === id);
      assert.equal(byId(controls, 'email').label, 'E-postadresse');
      assert.equal(byId(controls, 'email').kind, 'email');
      assert.equal(byId(controls, 'create').label, 'Opprett');
      assert.equal(byId(controls, 'create').disabled, true);
      // No phone number yet: e-mail is preselected.
      assert.equal(byId(controls, 'verification=email').checked, true);

      for (const id of ['verification=sms', 'user_type=administrator']) {
        const c = byId(await controlsOf(page), id);
        await page.mouse.click(c.x + c.height / 2, c.y + c.height / 2);
        await nextFrames(page, 3);
      }
      const after = await controlsOf(page);
      assert.equal(byId(after, 'verification=sms').checked, true);
      assert.equal(byId(after, 'verification=email').checked, false);
      assert.equal(byId(after, 'user_type=administrator').checked, true);
      assert.equal(byId(after, 'user_type=standard').checked, false);
      await screenshot(page, 'choices');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('takes typing, and checks the phone number with libphonenumber after the first frame', async () => {
    const { context, page, consoleLines, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
    try {
      // libphonenumber started after the first frame was presented, and reported how long it took.
      await page.waitForFunction(() => typeof window.verjiFigures?.phone_startup_ms === 'number');
      const figures = await page.evaluate(() => window.verjiFigures);
      assert.ok(figures.phone_startup_ms > 0, JSON.stringify(figures));
      const firstFrameLine = consoleLines.findIndex((l) => l.includes('verji:first-frame'));
      assert.ok(firstFrameLine >= 0);
      console.log(`# figures: first frame at ${figures.first_frame_ms} ms, phone start-up ${figures.phone_startup_ms.toFixed(1)} ms`);

      const layoutBefore = await layoutOf(page);
      const phone = layoutBefore.find((f) => f.id === 'phone');
      // The strip right under the field, above the next label: empty until a status line appears.
      const statusStrip = { x0: phone.x, y0: phone.y + phone.height + 3, x1: phone.x + phone.width, y1: phone.y + phone.height + 15 };
      const before = await screenshot(page, 'phone-before');
      assert.equal(inkIn(before, statusStrip, LIGHT_BG), 0, 'no phone status before typing');

      await page.mouse.click(phone.x + phone.width / 2, phone.y + phone.height / 2);
      await nextFrames(page, 2);
      assert.equal((await layoutOf(page)).find((f) => f.id === 'phone').focused, true);
      await page.keyboard.type('41234567');
      await nextFrames(page, 3);
      const typed = await screenshot(page, 'phone-typed');
      // The digits are in the field ...
      const fieldInk = inkIn(typed, { x0: phone.x + 4, y0: phone.y + 3, x1: phone.x + phone.width - 4, y1: phone.y + phone.height - 3 }, LIGHT_BG);
      assert.ok(fieldInk > 100, `typed digits visible: ${fieldInk}`);
      // ... and libphonenumber's answer is a new line under it, which pushes the rest of the form down.
      const statusInk = inkIn(typed, statusStrip, LIGHT_BG);
      assert.ok(statusInk > 50, `phone status visible under the field: ${statusInk}`);
      const welcomeBefore = layoutBefore.find((f) => f.id === 'welcome_message').y;
      const welcomeAfter = (await layoutOf(page)).find((f) => f.id === 'welcome_message').y;
      assert.ok(welcomeAfter >= welcomeBefore + 10, `status line takes room: ${welcomeBefore} -> ${welcomeAfter}`);

      // Eight quick Backspaces (each pressed and released within a few milliseconds) delete all
      // eight digits: no key press is lost between frames, and the status line goes away.
      for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
      await nextFrames(page, 24);
      const cleared = await screenshot(page, 'phone-cleared');
      assert.equal(inkIn(cleared, statusStrip, LIGHT_BG), 0, 'no phone status after deleting the number');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('shows what is wrong under each field as the admin types, in the admin\'s language', async () => {
    const { context, page, errors } = await openWidget(ctx.browser, `${ctx.site.base}?lang=en`, { width: 420, height: 900 });
    try {
      await page.waitForFunction(() => typeof window.verjiFigures?.phone_startup_ms === 'number');
      // Aims once the field has stopped moving (the notes above it come and go), types once it has
      // the keyboard.
      const typeInto = (id, text) => type(page, page.mainFrame(), id, text);
      const statusLabel = (layout, id) => (layout.find((c) => c.id === id) || {}).label;
      const waitForStatus = (id, pattern) => page.waitForFunction(
        ([want, source]) => (window.verjiLayout || []).some((c) => c.id === want && new RegExp(source).test(c.label)),
        [id, pattern.source]);

      await typeInto('email', 'kari@gmial.com');
      await waitForStatus('email.note0', /^Did you mean kari@gmail\.com\?$/);
      await typeInto('full_name', 'Kari');
      // Not while the name is being typed: the single-name error waits until the field is left.
      await nextFrames(page, 4);
      assert.equal((await controlsOf(page)).some((c) => c.id.startsWith('full_name.note')), false);
      await page.keyboard.press('Tab');
      await waitForStatus('full_name.note0', /last name/);
      await page.waitForFunction(() => (window.verjiLayout || []).some((c) => c.id === 'phone' && c.focused));
      // A click near the field's right end puts the caret after "Kari" (a second click on the spot
      // of the first, this soon, would be a double click, which selects the word).
      const name = (await layoutOf(page)).find((f) => f.id === 'full_name');
      await page.mouse.click(name.x + name.width - 12, name.y + name.height / 2);
      await page.waitForFunction(() => (window.verjiLayout || []).some((c) => c.id === 'full_name' && c.focused));
      await page.keyboard.type(' Nordmann');
      await typeInto('phone', '22 22 22 22');
      await typeInto('welcome_message', 'Your password is summer');
      await waitForStatus('confirm_sensitive', /./);
      await nextFrames(page, 3);
      const layout = await controlsOf(page);
      // The single-name error went away with the last name; the username preview is there.
      assert.equal(layout.some((c) => c.id.startsWith('full_name.note')), false, JSON.stringify(layout.map((c) => c.id)));
      assert.equal(statusLabel(layout, 'username'), 'The username will probably be karinordmann');
      assert.match(statusLabel(layout, 'phone.status'), /^\+47 22 22 22 22 · landline$/);
      // The welcome message: the standing notice and the keyword, and a box to confirm it.
      const welcomeNotes = layout.filter((c) => c.id.startsWith('welcome_message.note')).map((c) => c.label).join('\n');
      assert.match(welcomeNotes, /unencrypted/);
      assert.match(welcomeNotes, /password/);
      assert.equal(layout.find((c) => c.id === 'confirm_sensitive').role, 'checkbox');
      await screenshot(page, 'findings-en');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
