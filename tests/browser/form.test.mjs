// The form as an administrator meets it, in headless Chromium through the dev host: an error waits
// until the field is left, the e-mail typo is fixed with one click, and the confirm step is worked
// with the keyboard (Escape goes back with the form kept, Enter sends once). Screenshots of the
// confirm step: $VERJI_ARTIFACTS_DIR/screenshots/form-*.png.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot } from './harness.mjs';
import {
  NAME, click, control, controls, editAgain, nextFrames, openConfirm, roomInvites, submissions, type,
  useDevhost, waitForControl, waitForStatus,
} from './widget-driver.mjs';

const { openHost } = useDevhost();

const notesOf = async (frame, field) => (await controls(frame)).filter((c) => c.id.startsWith(`${field}.note`));

describe('the form: errors, the typo fix and the confirm step', () => {
  test('an invalid e-mail is not an error while typed, but is once the field is left', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      await type(page, frame, 'email', 'ola.nordmann');
      await nextFrames(frame, 4);
      assert.deepEqual(await notesOf(frame, 'email'), [], 'no error while typing');
      await page.keyboard.press('Tab');
      await frame.waitForFunction(() => (window.verjiLayout ?? []).find((c) => c.id === 'full_name')?.focused);
      const note = await waitForStatus(frame, 'email.note0', /@/);
      assert.equal(note.role, 'status');
      // Back in the field, the error follows the text and goes when the address is whole.
      await type(page, frame, 'email', '@firma.no');
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id.startsWith('email.note')));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the typo suggestion is taken with one click', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      await type(page, frame, 'email', 'ola.nordmann@gmial.com');
      await waitForStatus(frame, 'email.note0', /^Mente du ola\.nordmann@gmail\.com\?$/);
      const fix = await waitForControl(frame, 'email.suggestion');
      assert.equal(fix.role, 'button');
      assert.equal(fix.label, 'Bruk den');
      await click(page, frame, 'email.suggestion');
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'email.suggestion'));
      assert.deepEqual(await notesOf(frame, 'email'), []);
      // The fixed address is what the confirm step says will be sent.
      await type(page, frame, 'full_name', NAME);
      await waitForControl(frame, 'create');
      const summary = await openConfirm(page, frame);
      assert.match(summary, /^E-post: ola\.nordmann@gmail\.com$/m);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the confirm step: Escape goes back with everything kept, Enter sends once', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      await type(page, frame, 'email', 'ola.nordmann@FIRMA.no');
      await type(page, frame, 'full_name', `  ${NAME}`);
      await type(page, frame, 'phone', '41234567');
      await waitForControl(frame, 'create');
      const summary = await openConfirm(page, frame);
      // What will be sent, normalised.
      assert.match(summary, /^E-post: ola\.nordmann@firma\.no$/m);
      assert.match(summary, /^Fullt navn: Ola Nordmann$/m);
      assert.match(summary, /^Brukernavn \(trolig\): @olanordmann:verji\.example$/m);
      assert.match(summary, /^Mobil: \+47 412 34 567$/m);
      assert.match(summary, /^Verifiseringskode via: SMS$/m);
      // Keyboard focus is on "Send invitation"; nothing was sent yet.
      await frame.waitForFunction(() => (window.verjiLayout ?? []).find((c) => c.id === 'confirm.send')?.focused);
      assert.equal(await control(frame, 'email'), undefined, 'the summary stands in place of the form');
      await screenshot(page, 'form-confirm');
      assert.deepEqual(await roomInvites(page), []);

      await editAgain(page, frame);
      assert.equal(await control(frame, 'confirm.send'), undefined);
      assert.deepEqual(await roomInvites(page), []);
      // The form is as it was (the phone now formatted).
      await waitForStatus(frame, 'phone.status', /^\+47 412 34 567/);
      await waitForStatus(frame, 'username', /@olanordmann:verji\.example/);
      assert.equal((await control(frame, 'create')).focused, true, 'focus back on "Opprett"');

      // Enter on "Opprett" opens the step again, Enter there sends.
      await page.keyboard.press('Enter');
      await waitForControl(frame, 'confirm.send');
      await frame.waitForFunction(() => (window.verjiLayout ?? []).find((c) => c.id === 'confirm.send')?.focused);
      await page.keyboard.press('Enter');
      await frame.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id.startsWith('submission=')));
      await page.keyboard.press('Enter');
      await nextFrames(frame, 4);
      await page.waitForFunction(() => (window.devhost?.room.events ?? []).some((e) => e.content?.['app.verji.invite']));
      const invites = await roomInvites(page);
      assert.equal(invites.length, 1, 'sent exactly once');
      assert.equal(invites[0].block.email, 'ola.nordmann@firma.no');
      assert.equal(invites[0].block.phone, '+4741234567');
      assert.equal((await submissions(frame)).length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
