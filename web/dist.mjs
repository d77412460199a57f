// The deployable bundle: the built site (build/<preset>/site) as dist/, ready for any static host,
// and the nginx site that serves it (deploy/nginx/verji-invite.conf.in, filled in).
//
//   dist/index.html            the entry page, its references rewritten to the names below, its
//                              <meta name="verji-allowed-origins"> set to the client origins
//   dist/<name>.<hash>.<ext>   every file the page loads (and widget.wasm, which widget.js loads),
//                              named after the first 16 hex digits of the SHA-256 of its content
//   dist/*.gz, dist/*.br       each of those precompressed: gzip -9 and brotli -q 11 (node's zlib,
//                              the same libraries as the command-line tools)
//
// The client origins (the Matrix clients that may host the widget) are one list written to both
// places that need it: the page's allowlist (the JS bridge answers only those origins) and the CSP
// `frame-ancestors` of the nginx site (the browser lets only those frame the page). The designers'
// preview (site/preview/) is not part of the bundle.
//
//   node web/dist.mjs --site build/wasm-release/site --out build/wasm-release/dist \
//     --nginx build/wasm-release/nginx/verji-invite.conf --origins "https://app.element.io" \
//     [--root /var/www/verji-invite] [--listen 80] [--server-name _]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
export const NGINX_TEMPLATE = path.resolve(here, '../deploy/nginx/verji-invite.conf.in');
export const HASH_LENGTH = 16;
// A hashed name: name.<16 hex digits>.ext (the nginx site's long-caching rule matches the same).
export const HASHED_NAME = new RegExp(`^[A-Za-z0-9_-]+\\.[0-9a-f]{${HASH_LENGTH}}\\.[a-z0-9]+$`);
const ALLOWLIST_META = /(<meta\s+name="verji-allowed-origins"\s+content=")[^"]*("\s*\/?>)/i;
// Local references in the entry page: src="x" and href="x" that name no scheme, path or fragment.
const PAGE_REFERENCE = /\b(src|href)="([^"/:?#][^":?#]*)"/g;

// Origins as the browser serialises them ("https://host[:port]", no path, no trailing slash): the
// form both the bridge's comparison and a CSP source expression need. Anything else is refused, so
// nothing but origins can reach the page's attribute or the policy header.
export function parseOrigins(text) {
  const origins = String(text).split(/\s+/).filter(Boolean);
  if (origins.length === 0) throw new Error('no client origins given (--origins "https://chat.example.com ...")');
  for (const origin of origins) {
    let url = null;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    // The URL parser lets ";", "'" and the like through in a host name: those would end the CSP
    // directive. A host as DNS writes it (IDNs in punycode), an IPv4 or a bracketed IPv6 address.
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin ||
        !/^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:[0-9]+)?$/.test(origin)) {
      throw new Error(`"${origin}" is not an origin: write it as https://host or https://host:port (no path, no trailing /)`);
    }
  }
  return [...new Set(origins)];
}

export function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, HASH_LENGTH);
}

function hashedName(name, bytes) {
  const ext = path.extname(name);
  return `${path.basename(name, ext)}.${contentHash(bytes)}${ext}`;
}

// Replaces the one quoted occurrence of `from` in a script; anything but exactly one is an error
// (the build changed shape and the bundle would load a file that is not there).
function replaceQuoted(text, file, from, to) {
  const quoted = new RegExp(`(["'])${from.replace(/[.]/g, '\\.')}\\1`, 'g');
  const hits = text.match(quoted) ?? [];
  if (hits.length !== 1) throw new Error(`${file}: expected one quoted "${from}", found ${hits.length}`);
  return text.replace(quoted, (_, q) => `${q}${to}${q}`);
}

// The .gz and .br of a file, as the bundle ships them (the page benchmark sizes files this way too).
export function compressed(bytes) {
  return {
    gz: gzipSync(bytes, { level: 9 }),
    br: brotliCompressSync(bytes, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 11,
        [zlib.BROTLI_PARAM_LGWIN]: 24,
        [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  };
}

// Refuses to empty a folder that is not a bundle: only index.html, hashed names and their .gz/.br.
function clearOut(out) {
  if (!existsSync(out)) return;
  const foreign = readdirSync(out).filter((name) => {
    const base = name.replace(/\.(gz|br)$/, '');
    return base !== 'index.html' && !HASHED_NAME.test(base);
  });
  if (foreign.length) throw new Error(`${out} holds files that are not a bundle's (${foreign.slice(0, 3).join(', ')}): refusing to empty it`);
  rmSync(out, { recursive: true });
}

// The nginx site: the template with the origins, the web root, the listen address and the name.
export function nginxSite({ origins, root, listen = '80', serverName = '_', template = NGINX_TEMPLATE }) {
  const values = {
    VERJI_FRAME_ANCESTORS: origins.join(' '),
    VERJI_ROOT: root,
    VERJI_LISTEN: listen,
    VERJI_SERVER_NAME: serverName,
    VERJI_HASH_LENGTH: String(HASH_LENGTH),
  };
  for (const [name, value] of Object.entries(values)) {
    if (/[;"{}\\\n]/.test(value)) throw new Error(`${name}: ${JSON.stringify(value)} cannot go into an nginx configuration`);
  }
  const text = readFileSync(template, 'utf8').replace(/@([A-Z_]+)@/g, (whole, name) => {
    if (!(name in values)) throw new Error(`${template}: unknown placeholder ${whole}`);
    return values[name];
  });
  return text;
}

// Builds the bundle. Returns {files: [{name, source, raw, gz, br}], totals: {raw, gz, br}, origins,
// nginx: the site's text (also written to `nginx` when given)}.
export function buildDist({ site, out, origins, nginx, root = '/var/www/verji-invite', listen, serverName }) {
  const list = Array.isArray(origins) ? parseOrigins(origins.join(' ')) : parseOrigins(origins);
  const siteDir = path.resolve(site);
  const read = (name) => {
    const file = path.join(siteDir, name);
    if (!existsSync(file)) throw new Error(`${file} does not exist: build the site first (cmake --build --preset wasm-release)`);
    return readFileSync(file);
  };

  let page = read('index.html').toString();
  if (!ALLOWLIST_META.test(page)) throw new Error(`${siteDir}/index.html has no <meta name="verji-allowed-origins">`);
  page = page.replace(ALLOWLIST_META, (_, open, close) => `${open}${list.join(' ')}${close}`);

  // What the page loads, and what those load in turn: widget.js fetches widget.wasm. Files that
  // others name are hashed first, so that a name inside a file is final when that file is hashed.
  const referenced = [...new Set([...page.matchAll(PAGE_REFERENCE)].map((m) => m[2]))];
  const loads = { 'widget.js': ['widget.wasm'] };
  const names = new Map(); // site name -> hashed name
  const files = [];
  const emit = (name) => {
    if (names.has(name)) return;
    let bytes = read(name);
    for (const inner of loads[name] ?? []) {
      emit(inner);
      bytes = Buffer.from(replaceQuoted(bytes.toString(), name, inner, names.get(inner)));
    }
    const hashed = hashedName(name, bytes);
    names.set(name, hashed);
    files.push({ name: hashed, source: name, bytes });
  };
  for (const name of referenced) emit(name);
  page = page.replace(PAGE_REFERENCE, (whole, attr, name) => `${attr}="${names.get(name)}"`);
  files.push({ name: 'index.html', source: 'index.html', bytes: Buffer.from(page) });

  const outDir = path.resolve(out);
  clearOut(outDir);
  mkdirSync(outDir, { recursive: true });
  const totals = { raw: 0, gz: 0, br: 0 };
  const listed = files.map(({ name, source, bytes }) => {
    const { gz, br } = compressed(bytes);
    writeFileSync(path.join(outDir, name), bytes);
    writeFileSync(path.join(outDir, `${name}.gz`), gz);
    writeFileSync(path.join(outDir, `${name}.br`), br);
    totals.raw += bytes.length;
    totals.gz += gz.length;
    totals.br += br.length;
    return { name, source, raw: bytes.length, gz: gz.length, br: br.length };
  });

  const site_ = nginxSite({ origins: list, root, listen, serverName });
  if (nginx) {
    mkdirSync(path.dirname(path.resolve(nginx)), { recursive: true });
    writeFileSync(nginx, site_);
  }
  return { files: listed, totals, origins: list, nginx: site_ };
}

function parseArgs(argv) {
  const args = {};
  const known = { '--site': 'site', '--out': 'out', '--nginx': 'nginx', '--origins': 'origins', '--root': 'root',
    '--listen': 'listen', '--server-name': 'serverName' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (!(name in known)) throw new Error(`unknown option ${name}`);
    if (value === undefined) throw new Error(`${name} needs a value`);
    args[known[name]] = value;
  }
  for (const need of ['site', 'out', 'origins']) {
    if (!args[need]) throw new Error(`--${need} is required`);
  }
  return args;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const result = buildDist(args);
    const row = (a, b, c, d) => `${a.padEnd(32)} ${String(b).padStart(9)} ${String(c).padStart(9)} ${String(d).padStart(9)}`;
    console.log(row('file', 'raw', 'gzip', 'brotli'));
    for (const f of result.files) console.log(row(f.name, f.raw, f.gz, f.br));
    console.log(row('total', result.totals.raw, result.totals.gz, result.totals.br));
    console.log(`client origins (allowlist and frame-ancestors): ${result.origins.join(' ')}`);
    console.log(`bundle: ${path.resolve(args.out)}${args.nginx ? `\nnginx site: ${path.resolve(args.nginx)}` : ''}`);
  } catch (error) {
    console.error(`dist: ${error.message}`);
    process.exit(2);
  }
}
