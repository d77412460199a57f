// Page benchmark of the widget (the release site), side by side with a JavaScript peer: bytes,
// start-up, long tasks, key press to frame, idle work and memory, in one headless-Chromium run with
// cold loads alternating between the pages. Not a pass/fail test: it prints each figure beside its
// budget, met or missed, and writes all of it as JSON. Run through scripts/bench, which builds the
// site first:
//
//   scripts/bench page [--peer DIR] [--loads N] [--idle N] [--keys N] [--out FILE] [--site DIR]
//
//   --peer DIR   a built peer page (../shared/peer-widget: `npm ci && node build.mjs` -> dist/plain)
//   --loads N    cold loads per page (11); --idle N idle windows per page (3); --keys N key presses (40)
//   --out FILE   the JSON (build/bench/page.json); --site DIR the widget's site (build/wasm-release/site)
//
// How each figure is taken (RULES below is printed with the table and written into the JSON):
// every load is in a fresh browser context (empty cache) of one Chromium process, served from
// 127.0.0.1 without compression; one discarded warm-up load per page comes first. In-page figures
// come from probe.js and the pages' own signals, on the page's clock (ms since navigation start).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { compressed } from '../../web/dist.mjs';
import { resolveInside, serveOnLoopback } from '../../web/serve.mjs';
import { tasksOfMarkedThread, traceEvents } from '../../web/trace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

// The flags the peer was measured with (its measure.mjs), so both pages run as they did there.
const CHROMIUM_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 800, height: 1000 };  // the peer's measure.mjs viewport
const KEYS_TEXT = 'kari.nordmann.benchmark@example-firma.no';  // typed into the e-mail field, 40 keys
const TIMEOUT_MS = 30000;
const KB = 1024;

const RULES = [
  'loads: each in a fresh context (empty cache), one browser, 1 discarded warm-up per page, then widget/peer alternating',
  'times: ms from the page\'s navigation start, median (p25-p75) of the cold loads',
  'widget on screen: verjiFigures.first_frame_ms (boot.js: the first frame drawn); peer: window.__formReadyAt (FORM_READY) for all three',
  'widget first frame by the peer\'s rule (a note): a MessageChannel task posted from the first verjiFramePresented call',
  'widget takes input: verjiFigures.input_ready_ms (boot.js: a task after the paint that shows index.html\'s early form; what is typed there is kept, tests/browser/dom-layer)',
  'widget settled: verjiFigures.settled_ms (phone checks ready)',
  'bytes: every response of the slow-link load, each file once, sized from the served file: raw, and gzip -9 and brotli -q 11 (lgwin 24) as web/dist.mjs compresses the bundle',
  'bytes: from one more cold load per page over a slow link (SLOW_LINK: CDP Network.emulateNetworkConditions), not counted in the times',
  'bytes before input: in that slow load, files whose Resource Timing responseEnd is at or before "takes input" (no entry, e.g. the favicon: after); on loopback every file would end before',
  'long tasks: PerformanceObserver longtask (reports only tasks >= 50 ms) in the cold loads, those ending after on-screen, until settled + 1 s',
  'longest task, traced: one more cold load per page under a Chromium trace: its longest top-level task (RunTask) on the page\'s main thread ending after on-screen, with the thread\'s CPU time in it, and the most CPU any such task took',
  'main thread at start-up: CDP Performance.getMetrics TaskDuration from navigation to settled + 1 s',
  'key press to frame: click the e-mail field, then one key at a time; keydown timeStamp to the first verjiFramePresented after its input event (peer: next rAF + MessageChannel task); painted: a MessageChannel task after that frame',
  'idle: fresh load, settled + 2 s, then 5 s untouched: CDP TaskDuration delta; frames = delta of dataset.verjiFrames (peer: n/a, nothing injected)',
  'phone checks (with --peer): one page holding phone_bench_web (our check_phone(), release flags) and the peer\'s libphonenumber-js max bundle; the peer\'s bench/numbers.json, region NO; each side parses, checks validity, type, region and formats E.164 + international; a warm-up pass each, then 7 alternating passes; per number = median pass / numbers',
  'memory: at the end of the idle window: widget wasm memory (verjiBridge.wasmMemory()), JS heap used (CDP JSHeapUsedSize)',
];

function parseArgs(argv) {
  const args = { peer: null, loads: 11, idle: 3, keys: KEYS_TEXT.length, out: path.join(repo, 'build/bench/page.json'),
    site: path.join(repo, 'build/wasm-release/site') };
  for (let i = 0; i < argv.length; i++) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--peer') args.peer = path.resolve(value);
    else if (name === '--loads') args.loads = Number(value);
    else if (name === '--idle') args.idle = Number(value);
    else if (name === '--keys') args.keys = Number(value);
    else if (name === '--out') args.out = path.resolve(value);
    else if (name === '--site') args.site = path.resolve(value);
    else throw new Error(`unknown option ${name}`);
    i++;
  }
  for (const k of ['loads', 'idle', 'keys']) {
    if (!Number.isInteger(args[k]) || args[k] < 1) throw new Error(`--${k} must be a whole number >= 1`);
  }
  for (const dir of [args.site, args.peer].filter(Boolean)) statSync(path.join(dir, 'index.html'));  // throws if missing
  return args;
}

// ---- statistics ---------------------------------------------------------------------------------

const sorted = (a) => [...a].sort((x, y) => x - y);
function quantile(values, q) {  // linear interpolation between closest ranks
  const s = sorted(values);
  if (!s.length) return null;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const round = (x, digits = 1) => (x == null ? null : Number(x.toFixed(digits)));
function stats(values) {
  if (!values.length) return null;
  return { median: round(quantile(values, 0.5), 2), p25: round(quantile(values, 0.25), 2), p75: round(quantile(values, 0.75), 2),
    p95: round(quantile(values, 0.95), 2), min: round(Math.min(...values), 2), max: round(Math.max(...values), 2), n: values.length,
    all: values.map((v) => round(v, 1)) };
}

// ---- the pages ----------------------------------------------------------------------------------

const probeSource = readFileSync(path.join(here, 'probe.js'), 'utf8');

const serve = (root) => serveOnLoopback(root);

// As the deployable bundle compresses it (web/dist.mjs).
function compressedSizes(file) {
  const bytes = readFileSync(file);
  const { gz, br } = compressed(bytes);
  return { raw: bytes.length, gzip: gz.length, brotli: br.length };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

// Opens `page` (a {kind, url, server, emailSelector}) cold: a fresh context, CDP Performance on
// before navigation, waits until it is settled. Returns {ctx, page, cdp, responses, logs, metrics()}.
// The slow link of the bytes load: a phone on a poor mobile connection.
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

async function openCold(browser, target, { trace = false, slow = false } = {}) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.addInitScript({ content: `window.__benchKind = ${JSON.stringify(target.kind)};\n${probeSource}` });
  const responses = [];
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status() }));
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (slow) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  }
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await page.goto(target.url, { waitUntil: 'commit' });
  try {
    await withTimeout(page.evaluate(() => window.__bench.settled), TIMEOUT_MS, `${target.kind} settled`);
    const fatal = await page.evaluate(() => window.__bench.fatal ?? null);
    if (fatal) throw new Error(`${target.kind} did not start`);
  } catch (error) {
    const why = await page.evaluate(() => document.documentElement.dataset.verjiError ?? null).catch(() => null);
    await ctx.close();
    throw new Error(`${error.message}${why ? `; verjiError: ${why}` : ''}; console: ${logs.slice(-8).join(' | ')}`);
  }
  return { ctx, page, cdp, responses, logs, metrics };
}

// The longest main-thread task that ends after `afterMs` (page clock) in a Chromium trace: top-level
// tasks (RunTask) of the thread that wrote the probe's 'bench:clock' mark.
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];
function longestTracedTask(buffer, clockMark, afterMs) {
  const found = tasksOfMarkedThread(traceEvents(buffer), 'bench:clock');
  if (!found) return null;
  const offset = found.mark.ts - clockMark * 1000;  // trace µs = offset + page ms * 1000
  const tasks = found.tasks.filter((e) => e.ts + e.dur > offset + afterMs * 1000);
  if (!tasks.length) return { longestMs: 0, tasks: 0, over50: 0 };
  const longest = tasks.reduce((a, e) => (e.dur > a.dur ? e : a));
  // tdur: the thread's CPU time in the task (Chromium's thread ticks), beside its wall time.
  const cpu = (e) => (typeof e.tdur === 'number' ? e.tdur : null);
  const busiest = tasks.reduce((a, e) => ((cpu(e) ?? -1) > (cpu(a) ?? -1) ? e : a));
  return { longestMs: round(longest.dur / 1000, 2), longestCpuMs: cpu(longest) === null ? null : round(cpu(longest) / 1000, 2),
    atMs: round((longest.ts - offset) / 1000), tasks: tasks.length, over50: tasks.filter((e) => e.dur > 50000).length,
    mostCpuMs: cpu(busiest) === null ? null : round(cpu(busiest) / 1000, 2) };
}

// The page's start-up signals, on its own clock. Notes what had to stand in for a missing signal.
async function signals(page, kind) {
  // boot.js may set first_frame_ms in a task after the first frame, so after the phone's report.
  if (kind === 'widget') {
    await page.waitForFunction(() => typeof window.verjiFigures?.first_frame_ms === 'number', null, { polling: 20, timeout: TIMEOUT_MS });
  }
  const s = await page.evaluate(() => ({
    figures: window.verjiFigures ? { ...window.verjiFigures } : null, formReadyAt: window.__formReadyAt ?? null,
    frames: Number(document.documentElement.dataset.verjiFrames || 0), firstFramePainted: window.__bench.firstFramePainted,
  }));
  if (kind === 'peer') {
    const t = s.formReadyAt;
    return { onScreen: t, input: t, settled: t, fallbacks: [], frames: null, firstFramePainted: null };
  }
  const f = s.figures;
  const fallbacks = [];
  let input = f.input_ready_ms;
  if (typeof input !== 'number') { input = f.first_frame_ms; fallbacks.push('input_ready_ms missing: takes input = first_frame_ms'); }
  let settled = f.settled_ms;
  if (typeof settled !== 'number') {
    settled = f.first_frame_ms + (f.phone_startup_ms ?? 0);
    fallbacks.push('settled_ms missing: settled = first_frame_ms + phone_startup_ms');
  }
  return { onScreen: f.first_frame_ms, input, settled, fallbacks, frames: s.frames, firstFramePainted: s.firstFramePainted,
    phoneStartup: f.phone_startup_ms ?? null };
}

// One cold load: start-up times, long tasks after on-screen and main-thread time until settled + 1 s;
// with `bytes`, every file fetched and when its response ended.
// With `trace`, the load runs under a Chromium trace and reports the longest task from it.
async function coldLoad(browser, target, { bytes = false, trace = false, slow = false } = {}) {
  const o = await openCold(browser, target, { trace, slow });
  const sig = await signals(o.page, target.kind);
  const wait = sig.settled + 1000 - (await o.page.evaluate(() => performance.now()));
  if (wait > 0) await sleep(wait);
  const m = await o.metrics();
  const probe = await o.page.evaluate(() => ({
    longTasks: window.__bench.longTasks, longTaskError: window.__bench.longTaskError ?? null, clockMark: window.__bench.clockMark,
    timing: [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .map((e) => ({ name: e.name, responseEnd: e.responseEnd })),
  }));
  const after = probe.longTasks.filter((t) => t.start + t.duration > sig.onScreen);
  const result = { ...sig, taskMs: m.TaskDuration * 1000, longTasksAfter: after, longestAfter: after.length ? Math.max(...after.map((t) => t.duration)) : 0,
    longTaskError: probe.longTaskError };
  if (bytes) result.files = fileSizes(target, o.responses, probe.timing, sig.input);
  if (trace) result.traced = longestTracedTask(await browser.stopTracing(), probe.clockMark, sig.onScreen);
  await o.ctx.close();
  return result;
}

// The files a load fetched (each once), sized, and whether the response ended before `inputAt`.
function fileSizes(target, responses, timing, inputAt) {
  const files = new Map();
  for (const r of responses) {
    const url = new URL(r.url);
    if (!r.url.startsWith(target.server.base) || files.has(url.pathname)) continue;
    let file = resolveInside(target.server.root, url.pathname);
    try { if (statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch { file = null; }
    const end = timing.filter((t) => t.name.split('#')[0] === url.href.split('#')[0]).map((t) => t.responseEnd);
    const responseEnd = end.length ? Math.min(...end) : null;
    files.set(url.pathname, { path: url.pathname, status: r.status, ...(file && r.status === 200 ? compressedSizes(file) : { raw: 0, gzip: 0, brotli: 0 }),
      responseEnd: round(responseEnd), beforeInput: responseEnd != null && responseEnd <= inputAt });
  }
  return [...files.values()];
}

// Key press to frame: `count` keys typed into the e-mail field one at a time, each after the
// previous one was painted, on a page settled for a second.
async function keyPresses(browser, target, count) {
  const o = await openCold(browser, target);
  const sig = await signals(o.page, target.kind);
  await sleep(Math.max(0, sig.settled + 1000 - (await o.page.evaluate(() => performance.now()))));
  await o.page.click(target.emailSelector);
  await sleep(300);
  await o.page.evaluate(() => { window.__bench.recording = true; });
  const text = KEYS_TEXT.repeat(Math.ceil(count / KEYS_TEXT.length)).slice(0, count);
  for (let i = 0; i < count; i++) {
    await o.page.keyboard.press(text[i]);
    await withTimeout(o.page.evaluate((n) => window.__bench.keyDone(n), i), 5000, `${target.kind} key ${i} painted`);
    await sleep(60);
  }
  const keys = await o.page.evaluate(() => window.__bench.keys);
  const typed = await o.page.inputValue(target.emailSelector);
  await o.ctx.close();
  if (keys.length !== count) throw new Error(`${target.kind}: ${keys.length} keydown events for ${count} keys`);
  return { typed, toFrame: stats(keys.map((k) => k.frame - k.down)), toPainted: stats(keys.map((k) => k.painted - k.down)),
    toInput: stats(keys.map((k) => k.input - k.down)) };
}

// Idle: settled + 2 s, then 5 s untouched; main-thread time and frames in that window, and memory.
async function idleWindow(browser, target) {
  const o = await openCold(browser, target);
  const sig = await signals(o.page, target.kind);
  await sleep(Math.max(0, sig.settled + 2000 - (await o.page.evaluate(() => performance.now()))));
  const framesOf = () => o.page.evaluate(() => (window.verjiBridge ? Number(document.documentElement.dataset.verjiFrames || 0) : null));
  const f0 = await framesOf();
  const a = await o.metrics();
  const t0 = Date.now();
  await sleep(5000);
  const b = await o.metrics();
  const wallMs = Date.now() - t0;
  const f1 = await framesOf();
  const wasm = await o.page.evaluate(() => window.verjiBridge?.wasmMemory?.() ?? null);
  await o.ctx.close();
  // TaskDuration includes the two getMetrics commands themselves (DevToolsCommandDuration, kept apart).
  return { wallMs, taskMs: (b.TaskDuration - a.TaskDuration) * 1000 * 5000 / wallMs, scriptMs: (b.ScriptDuration - a.ScriptDuration) * 1000,
    devtoolsMs: (b.DevToolsCommandDuration - a.DevToolsCommandDuration) * 1000,
    frames: target.kind === 'widget' ? f1 - f0 : null, wasmMemory: wasm, jsHeapUsed: b.JSHeapUsedSize };
}

// ---- the run ------------------------------------------------------------------------------------

async function measure(args) {
  // The site is measured from a copy taken now: a rebuild of the tree during the run (another
  // build in the same checkout) would otherwise mix two builds' files.
  const copy = mkdtempSync(path.join(os.tmpdir(), 'verji-bench-site-'));
  cpSync(args.site, copy, { recursive: true });
  const servers = { widget: await serve(copy) };
  if (args.peer) servers.peer = await serve(args.peer);
  const targets = [{ kind: 'widget', url: `${servers.widget.base}index.html?lang=en`, server: servers.widget, root: args.site,
    emailSelector: '#verji-email' }];
  if (args.peer) {
    targets.push({ kind: 'peer', url: `${servers.peer.base}index.html`, server: servers.peer, root: args.peer, emailSelector: '[data-field=email]' });
  }
  const browser = await chromium.launch({ executablePath: process.env.VERJI_CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const R = { date: new Date().toISOString(), chromium: browser.version(), node: process.version, cpus: os.cpus().length,
    loadavg: os.loadavg().map((x) => round(x, 2)), viewport: VIEWPORT, args: { ...args }, rules: RULES, pages: {} };
  try {
    const log = (text) => process.stderr.write(`${text}\n`);
    for (const t of targets) await coldLoad(browser, t);  // warm-up of the browser's processes, discarded
    const loads = Object.fromEntries(targets.map((t) => [t.kind, []]));
    for (let i = 0; i < args.loads; i++) {
      for (const t of targets) loads[t.kind].push(await coldLoad(browser, t));
      log(`cold load ${i + 1}/${args.loads}: ${targets.map((t) => `${t.kind} ${round(loads[t.kind][i].onScreen)} ms`).join(', ')}`);
    }
    const slowLoads = {};
    for (const t of targets) slowLoads[t.kind] = await coldLoad(browser, t, { bytes: true, slow: true });
    log('slow-link loads done');
    const traced = {};
    for (const t of targets) traced[t.kind] = await coldLoad(browser, t, { trace: true });
    log('traced loads done');
    const keys = {};
    for (const t of targets) keys[t.kind] = await keyPresses(browser, t, args.keys);
    log('key presses done');
    const idle = Object.fromEntries(targets.map((t) => [t.kind, []]));
    for (let i = 0; i < args.idle; i++) for (const t of targets) idle[t.kind].push(await idleWindow(browser, t));
    log('idle windows done');
    for (const t of targets) R.pages[t.kind] = summarize(t, loads[t.kind], traced[t.kind], keys[t.kind], idle[t.kind], slowLoads[t.kind]);
    if (args.peer) {
      R.phone = await phoneChecks(browser, args);
      log('phone checks done');
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) await s.close();
    rmSync(copy, { recursive: true, force: true });
  }
  return R;
}

function summarize(target, loads, traced, keys, idle, slow) {
  const files = slow.files;
  const sum = (list, k) => list.reduce((a, f) => a + f[k], 0);
  const before = files.filter((f) => f.beforeInput);
  return {
    url: target.url.replace(target.server.base, '/'), root: target.root,
    fallbacks: [...new Set(loads.flatMap((l) => l.fallbacks))],
    files, bytes: { raw: sum(files, 'raw'), gzip: sum(files, 'gzip'), brotli: sum(files, 'brotli'), files: files.length },
    bytesBeforeInput: { raw: sum(before, 'raw'), gzip: sum(before, 'gzip'), brotli: sum(before, 'brotli'), files: before.length },
    onScreenMs: stats(loads.map((l) => l.onScreen)), inputMs: stats(loads.map((l) => l.input)), settledMs: stats(loads.map((l) => l.settled)),
    firstFramePaintedMs: target.kind === 'widget' ? stats(loads.map((l) => l.firstFramePainted).filter((x) => x != null)) : null,
    phoneStartupMs: target.kind === 'widget' ? stats(loads.map((l) => l.phoneStartup).filter((x) => x != null)) : null,
    longestTaskAfterOnScreenMs: stats(loads.map((l) => l.longestAfter)),
    longTasksOver50AfterOnScreen: loads.reduce((a, l) => a + l.longTasksAfter.filter((t) => t.duration > 50).length, 0),
    loadsWithLongTaskAfterOnScreen: loads.filter((l) => l.longTasksAfter.some((t) => t.duration > 50)).length,
    longTaskError: loads[0].longTaskError,
    slowLink: { link: SLOW_LINK, onScreenMs: round(slow.onScreen), inputMs: round(slow.input), settledMs: round(slow.settled) },
    tracedLoad: { onScreenMs: round(traced.onScreen), settledMs: round(traced.settled), longestTaskAfterOnScreen: traced.traced },
    startupTaskMs: stats(loads.map((l) => l.taskMs)),
    keys,
    idle: { reps: idle, taskMsPer5s: stats(idle.map((x) => x.taskMs)), scriptMs: stats(idle.map((x) => x.scriptMs)),
      frames: target.kind === 'widget' ? stats(idle.map((x) => x.frames)) : null },
    wasmMemory: target.kind === 'widget' ? stats(idle.map((x) => x.wasmMemory)) : null,
    jsHeapUsed: stats(idle.map((x) => x.jsHeapUsed)),
  };
}

// ---- phone checks in one page: our check_phone() (wasm) beside libphonenumber-js --------------

// The peer's number list and its libphonenumber-js bundle, from the peer's checkout (DIR/../..).
const PHONE_BENCH = path.join(repo, 'build/wasm-release/bench');
const PHONE_PASSES = 7;

// Both libraries in one page, on the peer's 2,000 numbers, region NO, the same work per number:
// parse, validity, type, E.164 and international format, region. Warm-up pass first, then
// alternating passes; per-number time is a pass's time / the numbers.
async function phoneChecks(browser, args) {
  const peerRoot = path.resolve(args.peer, '../..');
  const numbers = path.join(peerRoot, 'bench/numbers.json');
  const bundle = path.join(peerRoot, 'node_modules/libphonenumber-js/bundle/libphonenumber-max.js');
  for (const f of [numbers, bundle, path.join(PHONE_BENCH, 'phone_bench_web.js')]) {
    try { statSync(f); } catch { return { skipped: `${f} is missing` }; }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verji-bench-phone-'));
  try {
    for (const f of ['phone_bench_web.js', 'phone_bench_web.wasm']) cpSync(path.join(PHONE_BENCH, f), path.join(dir, f));
    cpSync(bundle, path.join(dir, 'libphonenumber-max.js'));
    cpSync(numbers, path.join(dir, 'numbers.json'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>phone checks</title>' +
      '<script src="libphonenumber-max.js"></script><script src="phone_bench_web.js"></script>');
    const server = await serve(dir);
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(`${server.base}index.html`);
      return await page.evaluate(async (passes) => {
        const list = await (await fetch('numbers.json')).json();
        const numbersOf = Array.isArray(list) ? list : list.numbers;
        const M = await window.VerjiPhoneBench();
        const n = M.ccall('pb_set', 'number', ['string'], [JSON.stringify(numbersOf)]);
        const startupMs = M.ccall('pb_warm', 'number', [], []);
        const lib = window.libphonenumber;
        let jsValid = 0;
        let sink = 0;
        const jsPass = () => {
          const t0 = performance.now();
          let valid = 0;
          for (const text of numbersOf) {
            const number = lib.parsePhoneNumberFromString(text, 'NO');
            if (!number) continue;
            const ok = number.isValid();
            if (ok) valid++;
            sink += String(number.getType()).length + (ok ? number.format('E.164').length + number.formatInternational().length : 0) + String(number.country).length;
          }
          jsValid = valid;
          return performance.now() - t0;
        };
        const wasmPass = () => M.ccall('pb_run', 'number', [], []);
        jsPass();
        wasmPass();  // warm-up: JIT tiers, lazily compiled patterns and caches on both sides
        const js = [];
        const wasm = [];
        for (let i = 0; i < passes; i++) {
          wasm.push(wasmPass());
          js.push(jsPass());
        }
        return { numbers: n, startupMs, wasmPassMs: wasm, jsPassMs: js, wasmValid: M.ccall('pb_valid', 'number', [], []), jsValid, sink };
      }, PHONE_PASSES);
    } finally {
      await ctx.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the table ----------------------------------------------------------------------------------

const kb = (b) => `${(b / KB).toFixed(1)} KB`;
const ms = (s, k = 'median') => (s ? `${s[k].toFixed(1)} ms` : 'n/a');
const spread = (s) => (s ? `${s.median.toFixed(0)} (${s.p25.toFixed(0)}-${s.p75.toFixed(0)}) ms` : 'n/a');
const mb = (b) => `${(b / (KB * KB)).toFixed(1)} MB`;

// Rows of [figure, widget text, peer text, ratio, budget text, met (true/false/null), key for JSON].
function rows(R) {
  const w = R.pages.widget;
  const p = R.pages.peer;
  const ratio = (a, b) => (p && b ? (a / b).toFixed(2) : '');
  const out = [];
  const row = (figure, wText, pText, r, budget, met, value) => out.push({ figure, widget: wText, peer: p ? pText : undefined, ratio: r, budget, met, value });
  const meets = (ok) => (ok ? 'met' : 'MISSED');
  const peerReady = p?.onScreenMs.median;
  const vsPeer = (s, factor, label) => {
    if (!p) return [`<= ${factor}x peer FORM_READY`, 'needs --peer'];
    const limit = factor * peerReady;
    return [`<= ${factor}x peer FORM_READY (${limit.toFixed(0)} ms)`, meets(s.median <= limit)];
  };
  for (const [k, label] of [['raw', 'raw'], ['gzip', 'gzip -9'], ['brotli', 'brotli -q 11']]) {
    const budget = k === 'brotli' ? ['<= 250 KB', meets(w.bytes.brotli <= 250 * KB)] : ['', ''];
    row(`bytes fetched, ${label} (${w.bytes.files}${p ? `/${p.bytes.files}` : ''} files)`, kb(w.bytes[k]), p && kb(p.bytes[k]), ratio(w.bytes[k], p?.bytes[k]), ...budget);
  }
  row('bytes before the form takes input, brotli', kb(w.bytesBeforeInput.brotli), p && kb(p.bytesBeforeInput.brotli),
    ratio(w.bytesBeforeInput.brotli, p?.bytesBeforeInput.brotli), '<= 150 KB', meets(w.bytesBeforeInput.brotli <= 150 * KB));
  const slowText = (x) => `input ${x.slowLink.inputMs.toFixed(0)}, on screen ${x.slowLink.onScreenMs.toFixed(0)} ms`;
  row('one load over the slow link (1.6 Mbit/s, 150 ms RTT)', slowText(w), p && slowText(p), ratio(w.slowLink.inputMs, p?.slowLink.inputMs), '', '');
  row('form on screen', spread(w.onScreenMs), p && spread(p.onScreenMs), ratio(w.onScreenMs.median, peerReady), ...vsPeer(w.onScreenMs, 0.5));
  row(`form takes input${w.fallbacks.some((f) => f.startsWith('input')) ? ' *' : ''}`, spread(w.inputMs), p && spread(p.inputMs), ratio(w.inputMs.median, peerReady), ...vsPeer(w.inputMs, 0.5));
  row(`settled (phone checks ready)${w.fallbacks.some((f) => f.startsWith('settled')) ? ' *' : ''}`, spread(w.settledMs), p && spread(p.settledMs), ratio(w.settledMs.median, peerReady), ...vsPeer(w.settledMs, 0.6));
  // The longtask API reports only tasks of 50 ms or more: a load without one counts as 0 here.
  const longest = (x) => (x.longestTaskAfterOnScreenMs.max > 0
    ? `${x.longestTaskAfterOnScreenMs.median.toFixed(0)} ms (max ${x.longestTaskAfterOnScreenMs.max.toFixed(0)}); ` +
      `${x.longTasksOver50AfterOnScreen} over 50 in ${x.loadsWithLongTaskAfterOnScreen}/${x.longestTaskAfterOnScreenMs.n} loads`
    : 'none >= 50 ms');
  row('longest main-thread task after on screen (median, max)', longest(w), p && longest(p), ratio(w.longestTaskAfterOnScreenMs.median, p?.longestTaskAfterOnScreenMs.median),
    'none > 50 ms', meets(w.longTasksOver50AfterOnScreen === 0));
  const traced = (x) => {
    const t = x.tracedLoad.longestTaskAfterOnScreen;
    if (!t) return 'no trace mark';
    const cpu = t.longestCpuMs == null ? '' : ` (CPU ${t.longestCpuMs.toFixed(1)})`;
    const most = t.mostCpuMs == null ? '' : `; most CPU ${t.mostCpuMs.toFixed(1)} ms`;
    return `${t.longestMs.toFixed(1)} ms${cpu}${t.longestMs ? ` at ${t.atMs.toFixed(0)} ms` : ''}; ${t.over50} over 50${most}`;
  };
  row('longest main-thread task after on screen, one traced load', traced(w), p && traced(p),
    ratio(w.tracedLoad.longestTaskAfterOnScreen?.longestMs, p?.tracedLoad.longestTaskAfterOnScreen?.longestMs), '', '');
  row('main-thread time, navigation to settled + 1 s', spread(w.startupTaskMs), p && spread(p.startupTaskMs), ratio(w.startupTaskMs.median, p?.startupTaskMs.median), '', '');
  row(`key press to frame, median (${w.keys.toFrame.n} keys)`, ms(w.keys.toFrame), p && ms(p.keys.toFrame), ratio(w.keys.toFrame.median, p?.keys.toFrame.median), '<= 16 ms', meets(w.keys.toFrame.median <= 16));
  row('key press to frame, p95', ms(w.keys.toFrame, 'p95'), p && ms(p.keys.toFrame, 'p95'), ratio(w.keys.toFrame.p95, p?.keys.toFrame.p95), '<= 33 ms', meets(w.keys.toFrame.p95 <= 33));
  row('key press to painted (task after frame), median / p95', `${ms(w.keys.toPainted)} / ${ms(w.keys.toPainted, 'p95')}`,
    p && `${ms(p.keys.toPainted)} / ${ms(p.keys.toPainted, 'p95')}`, ratio(w.keys.toPainted.median, p?.keys.toPainted.median), '', '');
  row(`idle: frames per 5 s (most in ${w.idle.reps.length} windows)`, String(w.idle.frames.max), p && 'n/a', '', '0', meets(w.idle.frames.max === 0));
  row(`idle: main-thread time per 5 s (median (min-max) of ${w.idle.reps.length})`, `${w.idle.taskMsPer5s.median.toFixed(2)} ms (${w.idle.taskMsPer5s.min.toFixed(2)}-${w.idle.taskMsPer5s.max.toFixed(2)})`,
    p && `${p.idle.taskMsPer5s.median.toFixed(2)} ms (${p.idle.taskMsPer5s.min.toFixed(2)}-${p.idle.taskMsPer5s.max.toFixed(2)})`,
    ratio(w.idle.taskMsPer5s.median, p?.idle.taskMsPer5s.median), '<= 1.5 ms', meets(w.idle.taskMsPer5s.median <= 1.5));
  row('wasm memory', mb(w.wasmMemory.max), p && 'n/a', '', '<= 32 MB', meets(w.wasmMemory.max <= 32 * KB * KB));
  row('JS heap used', mb(w.jsHeapUsed.median), p && mb(p.jsHeapUsed.median), ratio(w.jsHeapUsed.median, p?.jsHeapUsed.median), '', '');
  const ph = R.phone;
  if (ph && !ph.skipped) {
    const perNumber = (list) => quantile(list, 0.5) * 1000 / ph.numbers;  // µs
    const w1 = perNumber(ph.wasmPassMs);
    const j1 = perNumber(ph.jsPassMs);
    row(`phone check per number, one page (${ph.numbers} numbers, median of ${ph.wasmPassMs.length} passes; valid ${ph.wasmValid} / ${ph.jsValid})`,
      `${w1.toFixed(2)} µs`, `${j1.toFixed(2)} µs (libphonenumber-js)`, (w1 / j1).toFixed(2), '<= 0.75x libphonenumber-js', meets(w1 <= 0.75 * j1));
  } else if (p) {
    row('phone check per number, one page', 'n/a', 'n/a', '', '<= 0.75x libphonenumber-js', ph?.skipped ?? 'not measured');
  }
  return out;
}

function table(list, withPeer) {
  const head = ['figure', 'widget', ...(withPeer ? ['peer', 'ratio'] : []), 'budget', 'met?'];
  const body = list.map((r) => [r.figure, r.widget, ...(withPeer ? [r.peer, r.ratio] : []), r.budget, r.met]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function report(R, seconds) {
  const withPeer = Boolean(R.pages.peer);
  const list = rows(R);
  R.table = list;
  const w = R.pages.widget;
  const lines = [];
  lines.push(`Page benchmark, ${R.date}: Chromium ${R.chromium}, node ${R.node}, ${R.cpus} cores (load average ${R.loadavg.join(' ')}), ` +
    `${R.args.loads} cold loads per page, ${R.args.idle} idle windows, viewport ${VIEWPORT.width}x${VIEWPORT.height}`);
  lines.push(`widget: ${w.root} ${w.url} (measured from a copy taken at the start)${withPeer ? `\npeer:   ${R.pages.peer.root} ${R.pages.peer.url}` : ''}`);
  lines.push('');
  lines.push(table(list, withPeer));
  lines.push('');
  lines.push(`${withPeer ? 'Ratios are widget / peer (medians; bytes: totals). ' : ''}Times: median (p25-p75) of the cold loads. KB = 1024 B, MB = 1024 KB.`);
  for (const f of w.fallbacks) lines.push(`* ${f} (this build does not report it yet)`);
  if (w.firstFramePaintedMs) lines.push(`widget first frame, by the peer's rule (a task after the frame): ${spread(w.firstFramePaintedMs)}; phone start-up ${spread(w.phoneStartupMs)}`);
  lines.push(`key press to input event, median: widget ${ms(w.keys.toInput)}${withPeer ? `, peer ${ms(R.pages.peer.keys.toInput)}` : ''}`);
  lines.push('');
  for (const [kind, page] of Object.entries(R.pages)) {
    lines.push(`${kind} files (the slow-link load; "before" = response ended before the form took input):`);
    for (const f of page.files) {
      lines.push(`  ${f.path.padEnd(28)} ${String(f.raw).padStart(9)} raw ${String(f.gzip).padStart(8)} gz ${String(f.brotli).padStart(8)} br` +
        `  ${f.status !== 200 ? `HTTP ${f.status} ` : ''}${f.beforeInput ? 'before' : 'after'} (responseEnd ${f.responseEnd ?? 'none'})`);
    }
  }
  lines.push('');
  lines.push('Rules:');
  for (const r of RULES) lines.push(`  - ${r}`);
  lines.push('');
  lines.push(`measured in ${seconds.toFixed(0)} s; JSON: ${R.args.out}`);
  return lines.join('\n');
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench page: ${error.message}`);
  process.exit(2);
}
const started = Date.now();
const R = await measure(args);
const seconds = (Date.now() - started) / 1000;
R.seconds = round(seconds);
const text = report(R, seconds);
mkdirSync(path.dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(R, null, 1)}\n`);
console.log(text);
