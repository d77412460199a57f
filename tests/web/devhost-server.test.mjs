// The dev host's servers (web/devhost/server.mjs): two origins from one command, the widget's
// origin allowlist rewritten to the host's, matrix-widget-api served from node_modules, the
// same-window script only on request, and no way out of the served folders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rewriteWidgetHtml, startDevhost } from '../../web/devhost/server.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'verji-devhost-'));
const site = path.join(root, 'site');
const SHELL = (head) => `<!doctype html><html><head>\n<meta charset="utf-8">${head}\n<title>w</title>\n</head><body>w</body></html>`;
await import('node:fs').then(({ mkdirSync }) => mkdirSync(site));
writeFileSync(path.join(site, 'index.html'), SHELL('\n<meta name="verji-allowed-origins" content="https://app.element.io https://app.verji.no">'));
writeFileSync(path.join(site, 'bare.html'), SHELL(''));
writeFileSync(path.join(site, 'widget.js'), 'console.log(1)');
writeFileSync(path.join(root, 'secret.txt'), 'outside the site');

let dev;
before(async () => {
  dev = await startDevhost({ site, hostPort: 0 });
});
after(() => dev.close());

function get(port, rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

const allowlist = (html) => [...html.matchAll(/<meta name="verji-allowed-origins" content="([^"]*)">/g)].map((m) => m[1]);

describe('the dev host servers', () => {
  test('serve the host page and the widget on two different origins', async () => {
    assert.notEqual(dev.hostPort, dev.widgetPort);
    assert.equal(dev.hostUrl, `http://127.0.0.1:${dev.hostPort}/`);
    assert.equal(dev.widgetUrl, `http://127.0.0.1:${dev.widgetPort}/`);
    const host = await get(dev.hostPort, '/');
    assert.equal(host.status, 200);
    assert.match(host.body, /<script type="module" src="host.js">/);
    assert.match(host.body, new RegExp(`<meta name="devhost-widget-port" content="${dev.widgetPort}">`), 'the host page learns the widget port');
    const widget = await get(dev.widgetPort, '/?widgetId=verji_invite');
    assert.equal(widget.status, 200);
    assert.match(widget.body, /<body>w<\/body>/);
    assert.equal((await get(dev.hostPort, '/widget.js')).status, 404, 'the widget site is not on the host origin');
  });

  test("rewrite the widget's origin allowlist to the host's origin, as the browser names it, and its loopback twin", async () => {
    // The twin lets a host page on the other loopback name embed it (another site: its own process).
    const both = `http://127.0.0.1:${dev.hostPort} http://localhost:${dev.hostPort}`;
    assert.deepEqual(allowlist((await get(dev.widgetPort, '/')).body), [both]);
    const viaLocalhost = await get(dev.widgetPort, '/index.html', { Host: `localhost:${dev.widgetPort}` });
    assert.deepEqual(allowlist(viaLocalhost.body), [`http://localhost:${dev.hostPort} http://127.0.0.1:${dev.hostPort}`]);
    const viaName = await get(dev.widgetPort, '/index.html', { Host: `widget.test:${dev.widgetPort}` });
    assert.deepEqual(allowlist(viaName.body), [`http://widget.test:${dev.hostPort}`], 'no twin for other names');
    const bare = (await get(dev.widgetPort, '/bare.html')).body;
    assert.deepEqual(allowlist(bare), [both], 'a page without the tag gets one');
    assert.ok(bare.indexOf('verji-allowed-origins') < bare.indexOf('</head>'));
    assert.equal((await get(dev.widgetPort, '/widget.js')).body, 'console.log(1)', 'other files are untouched');
  });

  test('same-window mode: the page allows its own origin and loads the dev host first', async () => {
    const plain = await get(dev.widgetPort, '/');
    assert.doesNotMatch(plain.body, /__devhost/);
    const same = await get(dev.widgetPort, '/?devhost=same-window&widgetId=verji_invite');
    assert.deepEqual(allowlist(same.body), [`http://127.0.0.1:${dev.widgetPort}`]);
    assert.match(same.body, /<head>\n {2}<script src="\/__devhost\/early\.js"><\/script>/);
    const early = await get(dev.widgetPort, '/__devhost/early.js');
    assert.equal(early.status, 200);
    assert.match(early.headers['content-type'], /^text\/javascript/);
    assert.equal((await get(dev.widgetPort, '/__devhost/same-window.js')).status, 200);
  });

  test('serve matrix-widget-api from node_modules on both origins', async () => {
    const pkg = JSON.parse((await import('node:fs')).readFileSync(new URL('../../node_modules/matrix-widget-api/package.json', import.meta.url)));
    assert.equal(pkg.version, '1.19.0', 'the pinned version is installed');
    for (const [port, p] of [[dev.hostPort, '/vendor/matrix-widget-api/api.js'], [dev.widgetPort, '/__devhost/vendor/matrix-widget-api/api.js']]) {
      const res = await get(port, p);
      assert.equal(res.status, 200, p);
      assert.match(res.headers['content-type'], /^text\/javascript/);
      assert.match(res.body, /mxwidgets/, 'the UMD bundle with its global');
      assert.match(res.body, /ClientWidgetApi/);
    }
  });

  test('never serve anything outside the served folders', async () => {
    // README.md exists at the repo root and in node_modules/matrix-widget-api, never in a served folder.
    const probes = [
      [dev.hostPort, '/vendor/matrix-widget-api/../README.md'],
      [dev.hostPort, '/vendor/matrix-widget-api/%2e%2e/README.md'],
      [dev.hostPort, '/vendor/matrix-widget-api/..%2fREADME.md'],
      [dev.hostPort, '/vendor/matrix-widget-api/%2e%2e%5cREADME.md'],
      [dev.hostPort, '/../../README.md'],
      [dev.hostPort, '/%2e%2e/%2e%2e/README.md'],
      [dev.widgetPort, '/../secret.txt'],
      [dev.widgetPort, '/%2e%2e/secret.txt'],
      [dev.widgetPort, '/__devhost/..%2f..%2fREADME.md'],
      [dev.widgetPort, '/__devhost/vendor/matrix-widget-api/..%2fREADME.md'],
    ];
    for (const [port, p] of probes) {
      const res = await get(port, p);
      assert.notEqual(res.status, 200, p);
      assert.doesNotMatch(res.body, /outside the site|^# (matrix-widget-api|Verji invite widget)/m, p);
    }
  });
});

describe('rewriteWidgetHtml', () => {
  test('replaces the allowlist, escaping the attribute, and inserts the tag when there is none', () => {
    const html = SHELL('\n<meta name="verji-allowed-origins" content="@VERJI_ALLOWED_ORIGINS@">');
    const out = rewriteWidgetHtml(html, { origins: ['http://a:1', 'http://b"><script>:2'] });
    assert.deepEqual(allowlist(out), ['http://a:1 http://b&quot;>&lt;script>:2']);
    assert.equal(out.match(/verji-allowed-origins/g).length, 1);
    assert.deepEqual(allowlist(rewriteWidgetHtml(SHELL(''), { origins: ['http://h:8080'] })), ['http://h:8080']);
  });
});

describe('the command', () => {
  const server = fileURLToPath(new URL('../../web/devhost/server.mjs', import.meta.url));
  test('refuses a missing --site and unknown options', () => {
    for (const args of [[], ['--site', path.join(root, 'nope')], ['--site', site, '--frobnicate', '1'], ['--site', site, '--host-port', '70000']]) {
      const run = spawnSync(process.execPath, [server, ...args], { encoding: 'utf8', timeout: 10000 });
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^devhost: /);
    }
  });
});
