// A small static file server for the widget's site folder (build/<preset>/site): the run command
// and the browser tests use it. No dependencies; loopback only unless told otherwise.
//
//   node web/serve.mjs --root build/wasm-release/site [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Resolves a request path inside root; null when it would leave root or is malformed.
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

// Which folder serves a request path: the longest `mounts` prefix ("/vendor/x/" -> folder), else root.
function locate(root, mounts, urlPath) {
  let best = null;
  for (const [prefix, dir] of mounts) {
    if (urlPath.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, dir];
  }
  return best ? resolveInside(best[1], '/' + urlPath.slice(best[0].length)) : resolveInside(root, urlPath);
}

// `headers` are added to every file response (e.g. a Content-Security-Policy).
// `mounts` maps path prefixes ending in "/" to other folders (the dev host serves node_modules
// files this way). `rewrite({file, body, url, req})` may return a new body (string or Buffer) for a
// file, or undefined to leave it alone.
export function createStaticServer(rootDir, { log = () => {}, headers = {}, mounts = {}, rewrite } = {}) {
  const root = path.resolve(rootDir);
  const mounted = Object.entries(mounts).map(([prefix, dir]) => [prefix, path.resolve(dir)]);
  return createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    const url = new URL(req.url, 'http://localhost');
    let file = locate(root, mounted, url.pathname);
    if (!file) return send(400, 'Bad path\n');
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      let body = await readFile(file);
      const changed = rewrite?.({ file, body, url, req });
      if (changed !== undefined) body = Buffer.from(changed);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      log(`200 ${url.pathname}`);
    } catch {
      send(404, 'Not found\n');
      log(`404 ${url.pathname}`);
    }
  });
}

// `rootDir` served (createStaticServer's options) on a free loopback port, for tests and the page
// benchmark: resolves to {root, base, close()}.
export async function serveOnLoopback(rootDir, options = {}) {
  const server = createStaticServer(rootDir, options);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    root: path.resolve(rootDir),
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function parseArgs(argv) {
  const args = { root: null, port: 8080, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--root') args.root = value;
    else if (name === '--port') args.port = Number(value);
    else if (name === '--host') args.host = value;
    else throw new Error(`unknown option ${name}`);
    i++;
  }
  if (!args.root) throw new Error('--root DIR is required');
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0-65535');
  return args;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(2);
  }
  const server = createStaticServer(args.root);
  server.on('error', (error) => {
    const hint = error.code === 'EADDRINUSE' ? ' (the port is taken: pass --port N, or --port 0 for any free port)' : '';
    console.error(`serve: cannot listen on ${args.host}:${args.port}: ${error.message}${hint}`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const { port } = server.address();
    const base = `http://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}/`;
    console.log(`Serving ${path.resolve(args.root)}`);
    console.log(`Open ${base}`);
    console.log(`  dark, English:  ${base}?theme=dark&lang=en`);
    console.log('Stop with Ctrl+C.');
  });
}
