// End to end, what the release widget lets out of the personal data an admin types: a whole
// invitation (e-mail, name, mobile number and a welcome message) through the dev host's CompanyBot,
// with every console line and every request of the widget's frame recorded. None of them holds any
// of that data, the widget's URL never does, and the welcome message leaves the widget once, inside
// the invite event, and nowhere else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create, fillForm, reloadWidget, type, useDevhost, waitForStatus, widgetRequests } from './widget-driver.mjs';

const host = useDevhost();

const PERSON = {
  email: 'kari.privatsen@firma.no',
  name: 'Kari Privatsen',
  phone: '41234567',
  welcome: 'Velkommen om bord, Kari! Vi sees i Bergen-kontoret.',
};

// Every form in which a piece of the data could show up: as typed, as the widget formats it, and
// URL-encoded.
function needles() {
  const plain = [PERSON.email, PERSON.email.split('@')[0], PERSON.name, 'Privatsen', PERSON.phone, '412 34 567',
    '+4741234567', 'kariprivatsen', PERSON.welcome, 'Bergen-kontoret'];
  return [...new Set(plain.flatMap((p) => [p, encodeURIComponent(p), encodeURIComponent(p).replace(/%20/g, '+')]))];
}

function leaks(text) {
  return needles().filter((n) => String(text).includes(n));
}

describe('privacy: the personal data typed into the widget', () => {
  test('reaches no console line, no request and no URL; the welcome message only the invite event', async () => {
    const { context, page, frame: first, errors } = await host.openHost('?scenario=success');
    const origin = host.widgetOrigin;
    const lines = [];
    const requests = [];
    page.on('console', (msg) => {
      if ((msg.location().url ?? '').startsWith(origin) || msg.text().startsWith('verji')) lines.push(msg.text());
    });
    context.on('request', (request) => {
      let from = '';
      try { from = request.frame().url(); } catch { /* a worker's request */ }
      if (from.startsWith(origin) || request.url().startsWith(origin)) {
        requests.push({ url: request.url(), body: request.postData() ?? '', headers: JSON.stringify(request.headers()) });
      }
    });
    try {
      // The widget logs and fetches as it starts: the recording sees it (a reload, with nothing typed).
      let frame = await reloadWidget(page, first, origin);
      assert.ok(lines.some((l) => l.startsWith('verji invite widget')), `console recorded: ${JSON.stringify(lines)}`);
      assert.ok(requests.some((r) => r.url.endsWith('.wasm')), 'requests recorded');

      await fillForm(page, frame, { email: PERSON.email, name: PERSON.name });
      await type(page, frame, 'phone', PERSON.phone);
      await type(page, frame, 'welcome_message', PERSON.welcome);
      const requestId = await create(page, frame);
      await waitForStatus(frame, `submission=${requestId}`, /Opprettet|Created/);
      // The statuses survive a reload, read back from the room: logged and fetched by nobody either.
      frame = await reloadWidget(page, frame, origin);
      await waitForStatus(frame, `submission=${requestId}`, /Opprettet|Created/);

      for (const line of lines) assert.deepEqual(leaks(line), [], `console: ${line}`);
      for (const r of requests) {
        assert.deepEqual(leaks(r.url), [], `request URL: ${r.url}`);
        assert.deepEqual(leaks(r.body), [], `request body of ${r.url}`);
        assert.deepEqual(leaks(r.headers), [], `request headers of ${r.url}`);
      }
      for (const f of page.frames().filter((x) => x.url().startsWith(origin))) {
        assert.deepEqual(leaks(f.url()), [], `the widget's URL: ${f.url()}`);
      }

      // What the widget asked the host to do: the welcome message is in the invite event alone.
      const asked = await widgetRequests(page);
      const carrying = asked.filter((m) => JSON.stringify(m).includes('Bergen-kontoret'));
      assert.equal(carrying.length, 1, JSON.stringify(carrying.map((m) => m.action)));
      assert.equal(carrying[0].action, 'send_event');
      assert.equal(carrying[0].data.type, 'm.room.message');
      assert.equal(carrying[0].data.content['app.verji.invite'].welcome_message, PERSON.welcome);
      assert.ok(!carrying[0].data.content.body.includes('Bergen-kontoret'), 'not in the plain-text body either');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
