// The dev host's servers: one command, two origins, as in production (Element on one origin, the
// widget on another).
//   host   (default http://127.0.0.1:8080): web/devhost, the Element-like page, and
//          /vendor/matrix-widget-api/ from node_modules (never copied into the repo).
//   widget (default http://127.0.0.1:8081): the built site (--site), with its index.html's
//          <meta name="verji-allowed-origins"> rewritten to the host's origin; with
//          ?devhost=same-window also the same-window host (early.js), and /__devhost/ for its files.
//
//   node web/devhost/server.mjs --site build/wasm-release/site [--host-port 8080] [--widget-port 8081] [--bind 127.0.0.1]
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from '../serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
export const WIDGET_API_DIST = path.join(repo, 'node_modules/matrix-widget-api/dist');
export const DEVHOST_PREFIX = '/__devhost/';

const ALLOWLIST_META = /<meta\s+name="verji-allowed-origins"\s+content="[^"]*"\s*\/?>/i;

function escapeAttr(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// The widget page with its origin allowlist set to `origins` (the tag is added before </head> when
// the page has none) and, for the same-window mode, the dev host's first script after <head>.
export function rewriteWidgetHtml(html, { origins, sameWindow = false }) {
  const meta = `<meta name="verji-allowed-origins" content="${escapeAttr(origins.join(' '))}">`;
  let out = ALLOWLIST_META.test(html) ? html.replace(ALLOWLIST_META, meta) : html.replace(/<\/head>/i, `  ${meta}\n</head>`);
  if (sameWindow) out = out.replace(/<head>/i, `<head>\n  <script src="${DEVHOST_PREFIX}early.js"></script>`);
  return out;
}

// The origin a browser sees for `port` on the host name it used for this request.
function originFor(req, port) {
  const hostname = new URL(`http://${req.headers.host || '127.0.0.1'}`).hostname;
  return `http://${hostname}:${port}`;
}

// http://localhost:port for a request to 127.0.0.1, and the other way round; none otherwise.
function loopbackTwins(req, port) {
  const hostname = new URL(`http://${req.headers.host || '127.0.0.1'}`).hostname;
  const twin = { '127.0.0.1': 'localhost', localhost: '127.0.0.1' }[hostname];
  return twin ? [`http://${twin}:${port}`] : [];
}

// Starts both servers; resolves to {hostUrl, widgetUrl, hostPort, widgetPort, close()}.
export async function startDevhost({ site, hostPort = 8080, widgetPort, bind = '127.0.0.1', log = () => {} }) {
  if (!site || !existsSync(site)) throw new Error(`--site ${site ?? ''}: no such folder (build the widget first)`);
  if (widgetPort === undefined) widgetPort = hostPort === 0 ? 0 : hostPort + 1;
  const ports = { host: 0, widget: 0 };
  const htmlFile = (file) => file.endsWith('.html');

  const host = createStaticServer(here, {
    log,
    mounts: { '/vendor/matrix-widget-api/': WIDGET_API_DIST },
    rewrite: ({ file, body }) => {
      if (file !== path.join(here, 'index.html')) return undefined;
      return body.toString().replace('<meta name="devhost-widget-port" content="">',
        `<meta name="devhost-widget-port" content="${ports.widget}">`);
    },
  });
  const widget = createStaticServer(site, {
    log,
    mounts: { [DEVHOST_PREFIX]: here, [`${DEVHOST_PREFIX}vendor/matrix-widget-api/`]: WIDGET_API_DIST },
    rewrite: ({ file, body, url, req }) => {
      if (!htmlFile(file) || !file.startsWith(path.resolve(site) + path.sep)) return undefined;
      const sameWindow = url.searchParams.get('devhost') === 'same-window';
      // In a webview the native side posts into the page itself: the sender's origin is the page's.
      const origins = sameWindow ? [originFor(req, ports.widget)] : [originFor(req, ports.host)];
      // The host page may use the other loopback name, so that the widget is another site and gets
      // a renderer process of its own (a test's busy host page then does not share its main thread).
      if (!sameWindow) origins.push(...loopbackTwins(req, ports.host));
      return rewriteWidgetHtml(body.toString(), { origins, sameWindow });
    },
  });

  const listen = (server, port) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => resolve(server.address().port));
  });
  try {
    ports.host = await listen(host, hostPort);
    ports.widget = await listen(widget, widgetPort);
  } catch (error) {
    host.close();
    widget.close();
    throw error;
  }
  const shown = bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '[::1]' : bind.includes(':') ? `[${bind}]` : bind;
  const close = () => Promise.all([host, widget].map((s) => new Promise((resolve) => s.close(resolve))));
  return {
    hostUrl: `http://${shown}:${ports.host}/`,
    widgetUrl: `http://${shown}:${ports.widget}/`,
    hostPort: ports.host,
    widgetPort: ports.widget,
    close,
  };
}

function parseArgs(argv) {
  const args = { site: null, hostPort: 8080, widgetPort: undefined, bind: '127.0.0.1' };
  const port = (name, value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be 0-65535`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--site') args.site = value;
    else if (name === '--host-port') args.hostPort = port(name, value);
    else if (name === '--widget-port') args.widgetPort = port(name, value);
    else if (name === '--bind') args.bind = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!args.site) throw new Error('--site DIR is required');
  return args;
}

// Run as a command (also through a symlinked checkout).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (!existsSync(path.join(WIDGET_API_DIST, 'api.js'))) throw new Error('node_modules/matrix-widget-api is missing: run npm ci (scripts/bootstrap)');
    const dev = await startDevhost(args);
    console.log(`Widget site ${path.resolve(args.site)} on ${dev.widgetUrl}`);
    console.log(`Open the dev host: ${dev.hostUrl}`);
    console.log(`  dark, English, waitForIframeLoad off: ${dev.hostUrl}?theme=dark&lang=en&wait=0`);
    console.log(`  same-window mode (a native webview): the page's "Same-window mode" link, or ${dev.widgetUrl}` +
      '?devhost=same-window&scenario=success&widgetId=verji_invite#user_id=%40admin%3Averji.example&room_id=!administrasjon%3Averji.example&lang=en');
    console.log('Stop with Ctrl+C.');
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ' (a port is taken: pass --host-port N / --widget-port N, or 0 for any free port)' : '';
    console.error(`devhost: ${error.message}${hint}`);
    process.exit(error.code === 'EADDRINUSE' ? 1 : 2);
  }
}
