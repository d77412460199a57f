// The static server the run command and the browser tests use: content types, methods, and no way
// out of the site folder.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createStaticServer, resolveInside } from '../../web/serve.mjs';

const root = mkdtempSync(path.join(tmpdir(), 'verji-serve-'));
const site = path.join(root, 'site');
mkdirSync(path.join(site, 'sub'), { recursive: true });
writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(path.join(site, 'widget.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
writeFileSync(path.join(site, 'widget.js'), 'console.log(1)');
writeFileSync(path.join(site, 'sub', 'index.html'), 'sub');
writeFileSync(path.join(root, 'secret.txt'), 'outside the site');

let server;
let port;
before(async () => {
  server = createStaticServer(site);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
after(() => new Promise((resolve) => server.close(resolve)));

// Sends the path exactly as given (no URL normalisation on the client side).
function get(rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files with their content types', async () => {
  const wasm = await get('/widget.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['x-content-type-options'], 'nosniff');
  assert.equal((await get('/widget.js')).headers['content-type'], 'text/javascript; charset=utf-8');
  const index = await get('/?theme=dark');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /^text\/html/);
  assert.equal((await get('/sub/')).body, 'sub');
});

test('never serves anything outside the site folder', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
    const res = await get(p);
    assert.notEqual(res.body, 'outside the site', p);
    assert.notEqual(res.status, 200, p);
  }
  assert.equal(resolveInside(site, '/%E0%A4%A'), null, 'malformed escapes are refused');
  assert.equal(resolveInside(site, '/a%00b'), null, 'NUL bytes are refused');
});

test('answers 404 for missing files and 405 for other methods', async () => {
  assert.equal((await get('/missing.js')).status, 404);
  const post = await get('/index.html', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
  const head = await get('/widget.js', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});
