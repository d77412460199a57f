// Deploying: the bundle (web/dist.mjs) served by a real nginx with the repo's site configuration
// (deploy/nginx/verji-invite.conf.in). The bundle is made for this run with one client origin, the
// dev host's; nginx (Debian's package) runs as an unprivileged process on a loopback port, with its
// prefix, pid file, temp folders and error log in a temp folder. Checked: the bundle's names and
// its two origin lists; every header, each encoding's bytes; the widget drawing and taking typing
// under those headers, connecting in the dev host (whose origin is in frame-ancestors), and refused
// by the browser in a page of another origin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startDevhost } from '../../web/devhost/server.mjs';
import { HASHED_NAME, buildDist, contentHash } from '../../web/dist.mjs';
import { LIGHT_BG, inkIn, launchBrowser, openWidget, screenshot, siteDir } from './harness.mjs';
import { bridge, type, waitForStatus, widgetFrame, widgetRequests } from './widget-driver.mjs';

const NGINX = process.env.VERJI_NGINX || '/usr/sbin/nginx';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml; charset=utf-8' };
// [Accept-Encoding sent (null: none), the encoding nginx must answer with]
const ENCODINGS = [[null, null], ['gzip', 'gzip'], ['br', 'br'], ['gzip, deflate, br, zstd', 'br'], ['br;q=0, gzip', 'gzip']];
const policy = (origins) => "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  `connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${origins.join(' ')}`;

// The account an unprivileged nginx runs as when the tests run as root: "nobody" of /etc/passwd.
function unprivileged() {
  if (process.getuid() !== 0) return null;
  const entry = readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.startsWith('nobody:'));
  const [uid, gid] = entry ? entry.split(':').slice(2, 4).map(Number) : [65534, 65534];
  return { uid, gid };
}

function chownTree(dir, { uid, gid }) {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, { uid, gid });
    else chownSync(full, uid, gid);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// GET with exactly the headers given (node's fetch would add and undo an Accept-Encoding itself).
function get(port, urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

// nginx with the bundle's site inside a minimal main configuration (what Debian's nginx.conf is to
// sites-enabled/), everything it writes under `dir`. Resolves once it answers.
async function startNginx(dir, site, port) {
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    'events { worker_connections 64; }',
    'http {',
    '    access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${dir}/temp/${t};`),
    `    include ${site};`,
    '}',
    '',
  ].join('\n'));
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const errorLog = path.join(dir, 'error.log');
  writeFileSync(errorLog, '');
  const account = unprivileged();
  if (account) chownTree(dir, account);
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', conf, '-e', errorLog, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(account ?? {}) });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const orphaned = () => child.kill('SIGTERM'); // should the test end before after() ran
  process.once('exit', orphaned);
  const deadline = Date.now() + 10000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}${readFileSync(errorLog, 'utf8')}`);
    try {
      await get(port, '/');
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx does not answer on port ${port}: ${readFileSync(errorLog, 'utf8')}`);
      await new Promise((resolve) => { setTimeout(resolve, 50); });
    }
  }
  return {
    pid: child.pid,
    errorLog: () => readFileSync(errorLog, 'utf8'),
    stop: async () => {
      process.off('exit', orphaned);
      if (child.exitCode === null) child.kill('SIGTERM'); // fast shutdown; the worker goes with it
      await exited;
    },
  };
}

// A page of another origin: /frame?src=URL frames URL and sets its title once the frame loaded.
function framerPage(url) {
  if (url.pathname !== '/frame') return null;
  return `<!doctype html><title>framer</title><body><script>
    const frame = document.createElement('iframe');
    frame.src = new URLSearchParams(location.search).get('src');
    frame.style.cssText = 'width: 420px; height: 700px; border: 0';
    frame.addEventListener('load', () => { document.title = 'loaded'; });
    document.body.append(frame);
  </script>`;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'verji-deploy-'));
const distDir = path.join(tmp, 'www');
const siteFile = path.join(tmp, 'verji-invite.conf');
let dev;
let third;
let nginx;
let port;
let bundle;
let browser;
let hostOrigin;
let nginxOrigin;
before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: scripts/bootstrap installs Debian's nginx`);
  dev = await startDevhost({ site: siteDir, hostPort: 0 });
  hostOrigin = new URL(dev.hostUrl).origin;
  third = http.createServer((req, res) => {
    const body = framerPage(new URL(req.url, 'http://third'));
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((resolve) => third.listen(0, '127.0.0.1', resolve));
  // A free port can be taken between asking and nginx's bind: then try another.
  for (let attempt = 1; !nginx; attempt++) {
    port = await freePort();
    bundle = buildDist({ site: siteDir, out: distDir, nginx: siteFile, origins: [hostOrigin], root: distDir,
      listen: `127.0.0.1:${port}`, serverName: 'localhost' });
    try {
      nginx = await startNginx(tmp, siteFile, port);
    } catch (error) {
      if (attempt === 3 || !/Address already in use/.test(error.message)) throw error;
    }
  }
  nginxOrigin = `http://127.0.0.1:${port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
  await new Promise((resolve) => (third ? third.close(resolve) : resolve()));
  await dev?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('deploying: the bundle through nginx', () => {
  test('the bundle: content-hashed names, the page names them, precompressed, one list of origins', async (t) => {
    const names = readdirSync(distDir);
    const files = names.filter((n) => !/\.(gz|br)$/.test(n)).sort();
    assert.deepEqual(bundle.files.map((f) => f.name).sort(), files);
    for (const name of files) {
      assert.ok(name === 'index.html' || HASHED_NAME.test(name), name);
      const bytes = readFileSync(path.join(distDir, name));
      if (name !== 'index.html') assert.equal(name.split('.').at(-2), contentHash(bytes), `${name}: named after its content`);
      assert.deepEqual(gunzipSync(readFileSync(path.join(distDir, `${name}.gz`))), bytes, `${name}.gz`);
      assert.deepEqual(brotliDecompressSync(readFileSync(path.join(distDir, `${name}.br`))), bytes, `${name}.br`);
    }
    assert.equal(names.length, files.length * 3);
    const page = readFileSync(path.join(distDir, 'index.html'), 'utf8');
    const referenced = [...page.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(referenced, files.filter((n) => n !== 'index.html'), 'the page names every file (the wasm in its preload)');
    const wasm = files.find((n) => n.endsWith('.wasm'));
    const script = files.find((n) => /^widget\..*\.js$/.test(n));
    assert.match(readFileSync(path.join(distDir, script), 'utf8'), new RegExp(`"${wasm.replace(/\./g, '\\.')}"`));
    // The one list, in both places.
    const allowlist = page.match(/<meta name="verji-allowed-origins" content="([^"]*)">/)[1];
    assert.equal(allowlist, hostOrigin);
    assert.ok(readFileSync(siteFile, 'utf8').includes(`frame-ancestors ${hostOrigin}" always;`));
    // The build's own bundle (the verji_dist target, the configured origins) agrees with itself too.
    const built = process.env.VERJI_DIST_DIR;
    if (built && existsSync(path.join(built, 'index.html'))) {
      const builtList = readFileSync(path.join(built, 'index.html'), 'utf8').match(/<meta name="verji-allowed-origins" content="([^"]*)">/)[1];
      const builtSite = readFileSync(process.env.VERJI_DIST_NGINX, 'utf8');
      assert.equal(builtSite.match(/frame-ancestors ([^";]*)" always;/)[1], builtList);
      t.diagnostic(`build's bundle: origins ${builtList}`);
    } else {
      assert.fail(`the build's bundle is missing (VERJI_DIST_DIR=${built}): cmake --build --preset wasm-release`);
    }
    t.diagnostic(`bundle bytes: raw ${bundle.totals.raw}, gzip ${bundle.totals.gz}, brotli ${bundle.totals.br}`);
  });

  test('nginx: every header, the right types, and each encoding decodes to the file', async () => {
    const files = readdirSync(distDir).filter((n) => !/\.(gz|br)$/.test(n));
    for (const [urlPath, name] of [['/', 'index.html'], ...files.map((n) => [`/${n}`, n])]) {
      const original = readFileSync(path.join(distDir, name));
      for (const [accept, encoding] of ENCODINGS) {
        const what = `${urlPath} (Accept-Encoding: ${accept})`;
        const res = await get(port, urlPath, accept === null ? {} : { 'accept-encoding': accept });
        assert.equal(res.status, 200, what);
        assert.equal(res.headers['content-type'], TYPES[path.extname(name)], what);
        assert.equal(res.headers['content-security-policy'], policy([hostOrigin]), what);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
        assert.equal(res.headers['referrer-policy'], 'no-referrer', what);
        assert.equal(res.headers['x-frame-options'], undefined, what);
        assert.equal(res.headers['cache-control'], name === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable', what);
        assert.equal(res.headers.vary, 'Accept-Encoding', what);
        assert.equal(res.headers['content-encoding'], encoding ?? undefined, what);
        const decoded = encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
        assert.ok(decoded.equals(original), `${what}: the bytes decode to ${name}`);
        assert.equal(Number(res.headers['content-length']), res.body.length, what);
      }
    }
    // Nothing else: the site's own names are gone, the precompressed copies are not served by name.
    for (const urlPath of ['/widget.wasm', '/widget.js', `/${files.find((n) => n.endsWith('.wasm'))}.br`, '/index.html.gz', '/preview/']) {
      const res = await get(port, urlPath, { 'accept-encoding': 'br' });
      assert.equal(res.status, 404, urlPath);
      assert.equal(res.headers['cache-control'], 'no-store', urlPath);
      assert.equal(res.headers['content-security-policy'], policy([hostOrigin]), urlPath);
    }
  });

  test('the widget draws and takes typing under those headers, with no CSP violation', async (t) => {
    const { context, page, errors } = await openWidget(browser, `${nginxOrigin}/?lang=en`, { width: 420, height: 760 });
    try {
      const png = await screenshot(page, 'deploy-nginx');
      assert.ok(inkIn(png, { x0: 0, y0: 0, x1: 420, y1: 50 }, LIGHT_BG) > 300, 'the form is drawn');
      await type(page, page.mainFrame(), 'email', 'kari@gmial.com');
      await waitForStatus(page.mainFrame(), 'email.note0', /^Did you mean kari@gmail\.com\?$/);
      assert.deepEqual(errors, [], 'no CSP violation or other error');
      // What Chromium was sent: precompressed (brotli or gzip, whichever it offers over plain http).
      const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
        name: new URL(e.name).pathname, transfer: e.transferSize, body: e.decodedBodySize, encoded: e.encodedBodySize })));
      const wasm = entries.find((e) => e.name.endsWith('.wasm'));
      assert.ok(wasm && wasm.encoded < wasm.body / 2, `the wasm came precompressed: ${JSON.stringify(wasm)}`);
      t.diagnostic(`resources: ${JSON.stringify(entries)}`);
    } finally {
      await context.close();
    }
  });

  test('connects in a host page whose origin is in frame-ancestors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(`${dev.hostUrl}?scenario=success&widget_origin=${encodeURIComponent(nginxOrigin)}`);
      const frame = await widgetFrame(page, nginxOrigin);
      const state = await bridge(frame);
      assert.equal(state.state, 'connected');
      assert.equal(state.targetOrigin, hostOrigin);
      assert.ok(state.stats.accepted > 0 && state.stats.posted > 0, JSON.stringify(state));
      // The handshake went through: the host saw the widget's requests and the widget shows no
      // connection notice ("connecting", refused, no permission). Sending: the e2e-* files.
      await frame.waitForFunction(() => !(window.verjiLayout ?? []).some((c) => c.id === 'connection'), null, { timeout: 15000 });
      const actions = (await widgetRequests(page)).map((r) => r.action);
      assert.ok(actions.includes('supported_api_versions') || actions.includes('content_loaded'), JSON.stringify(actions));
      await screenshot(page, 'deploy-nginx-devhost');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a page whose origin is not in frame-ancestors cannot frame it', async () => {
    const thirdOrigin = `http://127.0.0.1:${third.address().port}`;
    const context = await browser.newContext({ viewport: { width: 800, height: 800 } });
    try {
      const page = await context.newPage();
      const consoleLines = [];
      page.on('console', (msg) => consoleLines.push(msg.text()));
      await page.goto(`${thirdOrigin}/frame?src=${encodeURIComponent(`${nginxOrigin}/?widgetId=verji_invite`)}`);
      await page.waitForFunction(() => document.title === 'loaded');
      const child = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(child, 'the frame exists');
      assert.ok(!child.url().startsWith(nginxOrigin), `the frame holds no widget page: ${child.url()}`);
      assert.equal(await child.evaluate(() => document.documentElement.dataset.verjiFrames ?? null).catch(() => null), null,
        'no widget frame was drawn');
      assert.ok(consoleLines.some((l) => l.includes('frame-ancestors') && l.includes(hostOrigin)),
        `Chromium names the policy that refused it; console: ${JSON.stringify(consoleLines)}`);
    } finally {
      await context.close();
    }
  });

  test('nginx logged no error or warning', () => {
    assert.equal(nginx.errorLog(), '');
  });
});
