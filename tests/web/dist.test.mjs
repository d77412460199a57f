// The bundle step (web/dist.mjs) on a small made-up site: names after content, references rewritten,
// both origin lists from one input, what it refuses (an origin that is not one, a folder that is not
// a bundle, a build that changed shape). The real bundle through nginx: tests/browser/deploy.test.mjs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HASHED_NAME, buildDist, contentHash, nginxSite, parseOrigins } from '../../web/dist.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'verji-dist-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function makeSite(name, { widgetJs = 'var wasmBinaryFile;wasmBinaryFile="widget.wasm";' } = {}) {
  const site = path.join(tmp, name);
  mkdirSync(path.join(site, 'preview'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), [
    '<!doctype html><html><head>',
    '<meta name="verji-allowed-origins" content="https://configured.example">',
    '<link rel="stylesheet" href="widget.css">',
    '<link rel="preload" href="widget.wasm" as="fetch" type="application/wasm" crossorigin>',
    '</head><body><a href="#top">top</a><a href="https://elsewhere.example/x.js">x</a>',
    '<script src="boot.js"></script><script src="widget.js" async></script></body></html>',
  ].join('\n'));
  writeFileSync(path.join(site, 'widget.css'), 'body { margin: 0 }\n');
  writeFileSync(path.join(site, 'boot.js'), "'use strict';\n");
  writeFileSync(path.join(site, 'widget.js'), widgetJs);
  writeFileSync(path.join(site, 'widget.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(site, 'preview', 'index.html'), '<!doctype html>');
  return site;
}

describe('the bundle step', () => {
  test('names every file the page loads after its content and rewrites the references', () => {
    const site = makeSite('site');
    const out = path.join(tmp, 'dist');
    const result = buildDist({ site, out, origins: 'https://chat.example.com https://app.element.io', nginx: path.join(tmp, 'site.conf') });
    const names = result.files.map((f) => f.name);
    assert.equal(names.length, 5);
    assert.deepEqual(readdirSync(out).sort(), names.flatMap((n) => [n, `${n}.br`, `${n}.gz`]).sort(), 'no preview, nothing else');
    const byName = (re) => names.find((n) => re.test(n));
    const wasm = byName(/^widget\.[0-9a-f]+\.wasm$/);
    const js = byName(/^widget\.[0-9a-f]+\.js$/);
    for (const name of names.filter((n) => n !== 'index.html')) {
      assert.match(name, HASHED_NAME);
      assert.equal(name.split('.').at(-2), contentHash(readFileSync(path.join(out, name))));
    }
    assert.equal(readFileSync(path.join(out, js), 'utf8'), `var wasmBinaryFile;wasmBinaryFile="${wasm}";`);
    const page = readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.ok(page.includes(`<link rel="stylesheet" href="${byName(/\.css$/)}">`));
    assert.ok(page.includes(`<link rel="preload" href="${wasm}" as="fetch"`));
    assert.ok(page.includes(`<script src="${byName(/^boot\./)}"></script><script src="${js}" async>`));
    assert.ok(page.includes('href="#top"') && page.includes('href="https://elsewhere.example/x.js"'), 'the rest is left alone');
    assert.ok(page.includes('<meta name="verji-allowed-origins" content="https://chat.example.com https://app.element.io">'));
    assert.ok(result.nginx.includes("frame-ancestors https://chat.example.com https://app.element.io\" always;"));
    assert.equal(readFileSync(path.join(tmp, 'site.conf'), 'utf8'), result.nginx);
    assert.ok(!/@[A-Z_]+@/.test(result.nginx), 'every placeholder filled');
    for (const f of result.files) {
      const bytes = readFileSync(path.join(out, f.name));
      assert.deepEqual(gunzipSync(readFileSync(path.join(out, `${f.name}.gz`))), bytes);
      assert.deepEqual(brotliDecompressSync(readFileSync(path.join(out, `${f.name}.br`))), bytes);
    }
    // Made again from the same site: the same names (and a changed file, a new name).
    assert.deepEqual(buildDist({ site, out, origins: 'https://app.element.io' }).files.map((f) => f.name).filter((n) => n !== 'index.html'),
      names.filter((n) => n !== 'index.html'));
    writeFileSync(path.join(site, 'widget.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]));
    const again = buildDist({ site, out, origins: 'https://app.element.io' }).files.map((f) => f.name);
    assert.notEqual(again.find((n) => n.endsWith('.wasm')), wasm);
    assert.notEqual(again.find((n) => /^widget\..*\.js$/.test(n)), js, 'the script naming the wasm changes too');
    assert.equal(readdirSync(out).length, 15, 'the old names are gone');
  });

  test('takes origins only as browsers write them', () => {
    assert.deepEqual(parseOrigins(' https://a.example  http://127.0.0.1:8080 https://a.example https://xn--bcher-kva.example:8443 http://[::1]:9000 '),
      ['https://a.example', 'http://127.0.0.1:8080', 'https://xn--bcher-kva.example:8443', 'http://[::1]:9000']);
    for (const bad of ['https://a.example/', 'https://a.example/room', 'a.example', 'ftp://a.example', "https://a.example;'unsafe-inline'",
      'https://a.example"', 'https://a.example,b', 'https://A.example', 'https://bücher.example', '*', "'self'", '']) {
      assert.throws(() => parseOrigins(bad), /not an origin|no client origins/, bad);
    }
  });

  test('refuses what cannot go into the nginx site, and a folder that is not a bundle', () => {
    assert.throws(() => nginxSite({ origins: ['https://a.example'], root: '/srv/x; include /etc/passwd' }), /VERJI_ROOT/);
    const site = makeSite('site2');
    const foreign = path.join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    assert.throws(() => buildDist({ site, out: foreign, origins: 'https://a.example' }), /not a bundle's \(notes\.txt\)/);
    assert.equal(readFileSync(path.join(foreign, 'notes.txt'), 'utf8'), 'mine');
  });

  test('stops when widget.js does not name widget.wasm exactly once', () => {
    const site = makeSite('site3', { widgetJs: 'fetch(locateFile("other.wasm"))' });
    assert.throws(() => buildDist({ site, out: path.join(tmp, 'dist3'), origins: 'https://a.example' }),
      /widget\.js: expected one quoted "widget\.wasm", found 0/);
  });
});
