// The DOM layer (src/platform/web/dom_layer.js): a real form of native controls over the drawing.
// What only a browser can show: axe-core finds no violations in the main states in both languages;
// an invitation made with the keyboard alone; IME composition, paste and autofill reaching the app;
// a phone's taps focusing the right native control; the accessibility tree naming every control;
// the status feed announced once per status. Screenshots: $VERJI_ARTIFACTS_DIR/screenshots/dom-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { devices } from 'playwright-core';
import { LIGHT_BG, inkIn, screenshot, waitForFrames } from './harness.mjs';
import {
  EMAIL, NAME, click, controls, fillForm, nextFrames, openConfirm, roomInvites, type, useDevhost,
  waitForControl, waitForStatus,
} from './widget-driver.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const host = useDevhost();
const { openHost } = host;

// The widget on its own page (no Matrix client), as a webview or a tab shows it.
async function openStandalone(query = '', contextOptions = { viewport: { width: 420, height: 900 } }) {
  const context = await host.browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${host.dev.widgetUrl.split('?')[0]}${query}`);
  await waitForFrames(page, 3);
  await page.waitForSelector('#verji-email');
  return { context, page, errors };
}

// axe-core's violations in the widget's document, one line each ("rule: help [targets]"). That axe
// looked at the native controls at all is checked too: its "label" rule passed on each of them.
async function axeViolations(frame) {
  if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(AXE);
  const { violations, labelled, fields } = await frame.evaluate(async () => {
    const result = await window.axe.run(document);
    const label = result.passes.find((p) => p.id === 'label');
    return {
      violations: result.violations.map((v) => `${v.id}: ${v.help} [${v.nodes.map((n) => n.target.join(' ')).join(', ')}]`),
      labelled: label ? label.nodes.length : 0,
      fields: document.querySelectorAll('#verji-dom input, #verji-dom textarea').length,
    };
  });
  assert.equal(labelled, fields, 'axe checked the label of every native field');
  return violations;
}

const active = (frame) => frame.evaluate(() => document.activeElement?.dataset?.verjiId ?? document.activeElement?.tagName);
const valueOf = (frame, id) => frame.evaluate((i) => document.querySelector(`[data-verji-id="${i}"]`)?.value, id);
const statusLabel = async (frame, id) => (await controls(frame)).find((c) => c.id === id)?.label;

describe('the DOM layer: a real form for every admin', { concurrency: 1 }, () => {
  for (const lang of ['nb', 'en']) {
    test(`axe-core finds no violations in the main states (${lang})`, async () => {
      const { context, page, frame, errors } = await openHost(`?scenario=username_taken&lang=${lang}`);
      try {
        const found = {};
        found.empty = await axeViolations(frame);
        // Errors shown: an address left unfinished, and a click on the greyed-out "Opprett".
        await type(page, frame, 'email', 'ola.nordmann');
        await page.keyboard.press('Tab');
        await click(page, frame, 'create', { enabled: false });
        await waitForStatus(frame, 'create.hint', /./);
        assert.equal(await frame.getAttribute('#verji-email', 'aria-invalid'), 'true');
        found.errors = await axeViolations(frame);
        // A sensitive-data warning in the welcome message, with its check box.
        await type(page, frame, 'email', '@firma.no');
        await type(page, frame, 'full_name', NAME);
        await type(page, frame, 'welcome_message', lang === 'en' ? 'Your password is summer' : 'Passordet ditt er sommer');
        await waitForControl(frame, 'confirm_sensitive');
        found.sensitive = await axeViolations(frame);
        await click(page, frame, 'confirm_sensitive');
        // The confirm step.
        await openConfirm(page, frame);
        found.confirm = await axeViolations(frame);
        // The feed: the CompanyBot answered "taken", with other names as buttons.
        await click(page, frame, 'confirm.send');
        await frame.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id.startsWith('pick=')), null,
          { timeout: 20000, polling: 50 });
        found.feed = await axeViolations(frame);
        await screenshot(page, `dom-feed-${lang}`);
        for (const [state, violations] of Object.entries(found)) assert.deepEqual(violations, [], state);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test(`axe-core finds no violations without permission to send (${lang})`, async () => {
      const { context, frame, errors } = await openHost(`?deny=1&lang=${lang}`);
      try {
        await waitForControl(frame, 'request_permission');
        assert.deepEqual(await axeViolations(frame), []);
        // The notice is announced, not only drawn.
        const notice = (await controls(frame)).find((c) => c.id === 'connection').label;
        await frame.waitForFunction((text) => document.getElementById('verji-live').textContent.includes(text), notice);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('an invitation made with the keyboard alone: Tab, Space and Enter; the feed is announced once', async () => {
    const { context, page, frame, errors } = await openHost('?scenario=success');
    try {
      await frame.evaluate(() => {
        window.verjiAnnounced = [];
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.addedNodes) window.verjiAnnounced.push(n.textContent);
        }).observe(document.getElementById('verji-live'), { childList: true });
      });
      // From the host page into the widget: Tab until its first field has focus.
      for (let i = 0; i < 40 && (await active(frame)) !== 'email'; i++) await page.keyboard.press('Tab');
      assert.equal(await active(frame), 'email');
      const visited = ['email'];
      await page.keyboard.type(EMAIL);
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        visited.push(await active(frame));
        if (visited.at(-1) === 'full_name') await page.keyboard.type(NAME);
      }
      // Visual order; a radio group is one stop (its checked radio).
      assert.deepEqual(visited, ['email', 'full_name', 'phone', 'verification=email', 'user_type=standard',
        'welcome_message', 'create', 'copy_notice']);
      // Shift+Tab goes back the same way; arrows move within a group and choose.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
      assert.equal(await active(frame), 'user_type=standard');
      await page.keyboard.press('ArrowDown');
      await nextFrames(frame, 2);
      assert.equal(await active(frame), 'user_type=administrator');
      assert.equal((await controls(frame)).find((c) => c.id === 'user_type=administrator').checked, true);
      await page.keyboard.press('ArrowUp');
      await nextFrames(frame, 2);
      assert.equal((await controls(frame)).find((c) => c.id === 'user_type=standard').checked, true);
      // The drawn focus ring follows: the layout's focused control is the DOM's.
      assert.equal((await controls(frame)).find((c) => c.focused)?.id, 'user_type=standard');
      // Space on "SMS" (Shift+Tab to its group, an arrow, then Space keeps it): no phone, so back to e-mail.
      await page.keyboard.press('Shift+Tab');
      assert.equal(await active(frame), 'verification=email');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await active(frame), 'welcome_message');
      await page.keyboard.press('Tab');
      assert.equal(await active(frame), 'create');
      // Enter on "Opprett" opens the confirm step with focus on "Send invitation"; Escape goes back
      // with focus on "Opprett"; Enter twice more sends, once.
      await page.keyboard.press('Enter');
      await frame.waitForFunction(() => document.activeElement?.dataset?.verjiId === 'confirm.send');
      await page.keyboard.press('Escape');
      await frame.waitForFunction(() => document.activeElement?.dataset?.verjiId === 'create');
      assert.equal(await valueOf(frame, 'email'), EMAIL, 'the form is kept');
      await page.keyboard.press('Enter');
      await frame.waitForFunction(() => document.activeElement?.dataset?.verjiId === 'confirm.send');
      await page.keyboard.press('Enter');
      const invite = await page.waitForFunction(() => (window.devhost?.room.events ?? []).some((e) => e.content?.['app.verji.invite']));
      assert.ok(invite);
      await frame.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id.startsWith('submission=') && /^Opprettet/.test(c.label)),
        null, { timeout: 20000, polling: 50 });
      assert.notEqual(await active(frame), 'BODY', 'focus stays in the widget');
      const invites = await roomInvites(page);
      assert.equal(invites.length, 1, 'sent exactly once');
      assert.equal(invites[0].block.email, EMAIL);
      // Each status of the invitation announced once, in order.
      await nextFrames(frame, 3);
      const announced = await frame.evaluate(() => window.verjiAnnounced);
      const statuses = announced.filter((t) => /^(Sender|Sendt|Behandler|Opprettet)/.test(t));
      assert.ok(statuses.some((t) => t.startsWith('Opprettet')), JSON.stringify(announced));
      assert.equal(new Set(statuses).size, statuses.length, `each once: ${JSON.stringify(announced)}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('IME composition ("Ærlig Østby", a CJK name) reaches the app, underlined while it lasts', async () => {
    const { context, page, errors } = await openStandalone();
    try {
      const cdp = await context.newCDPSession(page);
      await page.click('#verji-full_name');
      const field = (await controls(page)).find((c) => c.id === 'full_name');
      // The composition's underline, in the strip at the bottom of the text line.
      const strip = { x0: field.x + field.padX, y0: field.y + field.padY + field.line - 2, x1: field.x + field.padX + 28,
        y1: field.y + field.padY + field.line };
      for (const [composing, word] of [[['Æ', 'Ær', 'Ærl', 'Ærli', 'Ærlig'], 'Ærlig'], [['Ø', 'Øs', 'Øst', 'Østb', 'Østby'], 'Østby']]) {
        for (const text of composing) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
        if (word === 'Ærlig') {
          await nextFrames(page, 3);
          const during = inkIn(await screenshot(page, 'dom-ime-composing'), strip, LIGHT_BG);
          await cdp.send('Input.insertText', { text: word });
          await nextFrames(page, 3);
          const after = inkIn(await screenshot(page, 'dom-ime-committed'), strip, LIGHT_BG);
          assert.ok(during > after + 20, `underlined while composing: ${during} against ${after} after`);
          await page.keyboard.type(' ');
        } else {
          await cdp.send('Input.insertText', { text: word });
        }
      }
      await nextFrames(page, 3);
      assert.equal(await valueOf(page, 'full_name'), 'Ærlig Østby');
      await page.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id === 'username' && /rlig/.test(c.label)));
      assert.match(await statusLabel(page, 'username'), /aerligoestby|ærligøstby/);

      // A CJK name, one word first: leaving the field says a last name is missing, so the app has it.
      await page.click('#verji-email');
      await page.click('#verji-full_name');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      for (const text of ['や', 'やま', 'やまだ']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await cdp.send('Input.insertText', { text: '山田' });
      await page.keyboard.press('Tab');
      await waitForStatus(page, 'full_name.note0', /fornavn og etternavn/);
      await page.click('#verji-full_name');
      await page.keyboard.press('End');
      await page.keyboard.type(' ');
      for (const text of ['た', 'たろ', 'たろう']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await cdp.send('Input.insertText', { text: '太郎' });
      // Both names: the missing-last-name error is gone; what is left is the notice that no username
      // can be previewed from a name without a to z.
      await waitForStatus(page, 'full_name.note0', /a til z/);
      assert.equal(await valueOf(page, 'full_name'), '山田 太郎');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the page is a form before the wasm has drawn: what is typed there is kept, with focus and caret', async () => {
    const context = await host.browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/widget.wasm', async (route) => { await held; await route.continue(); });
    try {
      await page.goto(`${host.dev.widgetUrl.split('?')[0]}?lang=en`);
      await page.waitForSelector('#verji-email', { state: 'visible' });
      // No frame yet: the early form of index.html, in the page's language, with its own labels.
      assert.equal(await page.evaluate(() => document.documentElement.dataset.verjiFrames), undefined);
      const early = await page.evaluate(() => [...document.querySelectorAll('#verji-dom label')].map((l) => [l.htmlFor, l.textContent]));
      assert.deepEqual(early, [
        ['verji-email', 'E-mail address'], ['verji-full_name', 'Full name'],
        ['verji-phone', 'Mobile number (optional)'], ['verji-welcome_message', 'Welcome message (optional)'],
      ]);
      await screenshot(page, 'dom-early-form');
      await page.click('label[for="verji-email"]');
      await page.keyboard.type(EMAIL);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Ola Nord');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.verjiFrames), undefined, 'still no frame');

      release();
      await waitForFrames(page, 3);
      await page.waitForFunction(() => window.verjiFigures.settled_ms);
      await nextFrames(page, 2);
      // The drawn form took over the very same controls: values, focus and caret kept.
      assert.equal(await active(page), 'full_name');
      assert.equal(await valueOf(page, 'email'), EMAIL);
      await page.keyboard.type('mann');
      await nextFrames(page, 2);
      assert.equal(await valueOf(page, 'full_name'), 'Ola Nordmann');
      // The labels the early form showed are the drawn form's labels (one source: form.inc).
      const drawn = await controls(page);
      for (const [forId, text] of early) {
        assert.equal(drawn.find((c) => `verji-${c.id}` === forId)?.label, text, forId);
      }
      // And the app has what was typed before it started: it draws both values (the native text
      // is invisible now), and the focused field is the one the admin is typing in.
      const fields = drawn.filter((c) => c.role === 'textbox');
      const email = fields.find((c) => c.id === 'email');
      const name = fields.find((c) => c.id === 'full_name');
      assert.equal(name.focused, true);
      const png = await screenshot(page, 'dom-early-adopted');
      for (const box of [email, name]) {
        const ink = inkIn(png, { x0: box.x + 4, y0: box.y + 4, x1: box.x + box.width - 4, y1: box.y + box.height - 4 }, LIGHT_BG);
        assert.ok(ink > 40, `${box.id}: drawn text in its box (${ink} inked pixels)`);
      }
      assert.equal(await page.evaluate(() => document.querySelectorAll('#verji-dom input, #verji-dom textarea').length),
        await page.evaluate(() => window.verjiLayout.filter((c) => c.role === 'textbox' || c.role === 'radio' || c.role === 'checkbox').length),
        'no early control left over beside the adopted ones');
      assert.deepEqual(errors, []);
    } finally {
      release();
      await context.close();
    }
  });

  test('paste, and autofill filling e-mail, name and phone at once', async () => {
    const { context, page, errors } = await openStandalone('?debug=dom');
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.evaluate(() => navigator.clipboard.writeText('Kari Nordmann'));
      await page.click('#verji-full_name');
      await page.keyboard.press('Control+V');
      await page.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id === 'username' && /karinordmann/.test(c.label)));
      assert.equal(await valueOf(page, 'full_name'), 'Kari Nordmann');
      // Undo takes the paste back, as the browser does it.
      await page.keyboard.press('Control+Z');
      await page.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'username'));

      // Autofill: values set and `input` fired on fields without focus, no keys.
      await page.click('#verji-email');
      await page.keyboard.press('Tab');
      await page.evaluate(() => document.activeElement.blur());
      await page.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.focused));
      await page.waitForFunction(() => typeof window.verjiFigures?.phone_startup_ms === 'number');
      await page.evaluate(() => {
        for (const [name, value] of [['email', 'kari@firma.no'], ['name', 'Kari Nordmann'], ['tel', '41234567']]) {
          const el = document.querySelector(`#verji-dom [name="${name}"]`);
          el.value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }
      });
      await page.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id === 'phone.status' && /^\+47 412 34 567/.test(c.label)));
      assert.match(await statusLabel(page, 'username'), /karinordmann/);
      assert.equal((await controls(page)).some((c) => c.id.startsWith('email.note')), false, 'the address is whole');
      assert.equal(await valueOf(page, 'email'), 'kari@firma.no');
      assert.equal(await active(page), 'BODY', 'autofill moved no focus');
      await screenshot(page, 'dom-debug');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('on a phone (touch, 360 px, devicePixelRatio 3) a tap focuses the field\'s own native control', async () => {
    const pixel = devices['Pixel 7'];
    const { context, page, errors } = await openStandalone('?debug=dom', {
      ...pixel, viewport: { width: 360, height: 800 }, deviceScaleFactor: 3,
    });
    try {
      const expected = {
        email: { tag: 'INPUT', inputmode: 'email', autocomplete: 'email', type: 'text' },
        full_name: { tag: 'INPUT', inputmode: null, autocomplete: 'name', type: 'text' },
        phone: { tag: 'INPUT', inputmode: 'tel', autocomplete: 'tel', type: 'tel' },
        welcome_message: { tag: 'TEXTAREA', inputmode: null, autocomplete: null, type: 'textarea' },
      };
      for (const [id, want] of Object.entries(expected)) {
        const c = (await controls(page)).find((x) => x.id === id);
        assert.ok(c.y + c.height < 800, `${id} on screen`);
        await page.touchscreen.tap(c.x + c.width / 2, c.y + c.height / 2);
        await page.waitForFunction((i) => (window.verjiLayout ?? []).some((x) => x.id === i && x.focused), id);
        const got = await page.evaluate(() => {
          const el = document.activeElement;
          return { id: el.dataset.verjiId, tag: el.tagName, inputmode: el.getAttribute('inputmode'),
            autocomplete: el.getAttribute('autocomplete'), type: el.type, font: parseFloat(getComputedStyle(el).fontSize),
            scale: window.visualViewport.scale };
        });
        assert.equal(got.id, id);
        assert.deepEqual({ tag: got.tag, inputmode: got.inputmode, autocomplete: got.autocomplete, type: got.type }, want, id);
        assert.ok(got.font >= 16, `${id}: at least 16 px, so iOS does not zoom (${got.font})`);
        assert.equal(got.scale, 1, 'no page zoom');
      }
      await screenshot(page, 'dom-phone');
      // A finger dragged 200 px up a shorter screen (where the form is taller than it) scrolls the
      // drawing up by as much: it follows the finger.
      await page.setViewportSize({ width: 360, height: 480 });
      await page.waitForFunction(() => window.innerHeight === 480);
      await nextFrames(page, 3);
      const emailY = async () => (await controls(page)).find((x) => x.id === 'email').y;
      const before = await emailY();
      const cdp = await context.newCDPSession(page);
      const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 180, y }] });
      await touch('touchStart', 400);
      for (let y = 380; y >= 200; y -= 20) await touch('touchMove', y);
      await touch('touchEnd');
      await page.waitForFunction((was) => (window.verjiLayout ?? []).find((x) => x.id === 'email').y < was - 150, before);
      await nextFrames(page, 3);
      const moved = before - (await emailY());
      assert.ok(moved > 150 && moved < 250, `scrolled ${moved} px for a 200 px drag`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the accessibility tree holds every control with its name, role, state and description', async () => {
    const { context, page, errors } = await openStandalone();
    try {
      await page.click('#verji-email');
      await page.keyboard.type('ola.nordmann');
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => (window.verjiLayout ?? []).some((c) => c.id === 'email.note0'));
      await page.keyboard.type(NAME);
      await waitForStatus(page, 'username', /olanordmann$/);
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
      const find = (role, name) => nodes.find((n) => !n.ignored && n.role?.value === role && n.name?.value === name);
      const email = find('textbox', 'E-postadresse');
      assert.ok(email, 'the e-mail field');
      assert.match(email.description?.value ?? '', /Invitasjonen sendes hit/);
      assert.match(email.description?.value ?? '', /@/, 'its error is read with it');
      assert.equal(prop(email, 'invalid'), 'true');
      assert.equal(prop(email, 'required'), true);
      const name = find('textbox', 'Fullt navn');
      assert.match(name.description?.value ?? '', /olanordmann/, 'the username preview is read with the name');
      assert.ok(find('textbox', 'Mobilnummer (valgfritt)'));
      assert.ok(find('textbox', 'Velkomstmelding (valgfritt)'));
      for (const label of ['SMS', 'E-post', 'Standard (klient)', 'Administrator (medarbeider)']) {
        assert.ok(find('radio', label), `radio ${label}`);
      }
      assert.equal(prop(find('radio', 'E-post'), 'checked'), 'true');
      assert.ok(nodes.some((n) => n.role?.value === 'group' && n.name?.value === 'Verifiseringskode via'), 'the radio group and its legend');
      const create = find('button', 'Opprett');
      assert.ok(create);
      assert.equal(prop(create, 'disabled'), true);
      assert.ok(find('button', 'Kopier forhåndsvarsel'));
      assert.ok(find('heading', 'Inviter ny bruker'));
      assert.ok(nodes.some((n) => !n.ignored && /^Forhåndsvisning/.test(n.name?.value ?? '')), 'the standalone notice is text');
      assert.ok(!nodes.some((n) => !n.ignored && n.role?.value === 'canvas'), 'the canvas itself is hidden');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
