// Input: the widget publishes its controls, takes clicks and typing like a form, checks a phone number
// with libphonenumber after the first frame, and loses no key between frames.
// Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LIGHT_BG, controlsOf, inkIn, layoutOf, nextFrames, openWidget, screenshot, useSiteAndBrowser
} from './harness.mjs';

const ctx = useSiteAndBrowser();

describe('the widget page takes input', () => {
  test('publishes every control with its label and state, and radios answer clicks', async () => {
    const { context, page, errors } = await openWidget(ctx.browser, ctx.site.base, { width: 400, height: 760 });
    try {
      const controls = await controlsOf(page);
      assert.deepEqual(controls.map((c) => `${c.role}:${c.id}`), [
        'status:connection', 'textbox:email', 'textbox:full_name', 'textbox:phone', 'radio:verification=sms', 'radio:verification=email',
        'radio:user_type=standard', 'radio:user_type=administrator', 'textbox:welcome_message', 'button:create',
      ]);
      const byId = (list, id) => list.find((c) => c.id === id);
      assert.match(byId(controls, 'connection').label, /^Forhåndsvisning: skjemaet er ikke åpnet i et Matrix-rom/,
        'opened on its own, the page says it cannot send');
      assert.equal(byId(controls, 'email').label, 'E-postadresse');
      assert.equal(byId(controls, 'email').kind, 'email');
      assert.equal(byId(controls, 'create').label, 'Opprett');
      assert.equal(byId(controls, 'create').disabled, true);
      // Without a mobile number the code goes by e-mail until somebody chooses otherwise.
      assert.equal(byId(controls, 'verification=email').checked, true);
      assert.equal(byId(controls, 'verification=sms').checked, false);

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
});
