// Shared pieces of the browser tests: serve a built site, drive Debian's Chromium headless through
// playwright-core, read pixels back from screenshots, save screenshots for people to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { serveOnLoopback } from '../../web/serve.mjs';

export const siteDir = process.env.VERJI_SITE_DIR;
export const artifactsDir = process.env.VERJI_ARTIFACTS_DIR ?? path.resolve('build/artifacts');
if (!siteDir) throw new Error('VERJI_SITE_DIR is not set: run the browser tests through ctest (scripts/test)');

// WebGL in headless Chromium needs ANGLE on SwiftShader; the rest keeps it off the network.
// --disable-gpu-compositing: the page is composited in software, while the widget's WebGL still
// draws on SwiftShader and is read back into it, so screenshots show what the widget drew. Compositing
// every frame on SwiftShader was most of the machine's work (figures: docs/build.md).
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu-compositing',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-default-apps', '--disable-extensions', '--mute-audio',
];

// Serves the built site (or another folder, `root`) on a free loopback port.
// The themes' background colours (src/ui/theme.cpp).
export const LIGHT_BG = fromHex('#ffffff');
export const DARK_BG = fromHex('#101317');

// One site server and one browser for a test file; ctx.site and ctx.browser are set before its tests.
export function useSiteAndBrowser() {
  const ctx = { site: null, browser: null };
  before(async () => {
    ctx.site = await startSite();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.site?.close();
  });
  return ctx;
}

// The widget's controls as it publishes them (id, role, label, state, box in CSS pixels).
export function controlsOf(page) {
  return page.evaluate(() => window.verjiLayout);
}

// Only the text fields among them.
export async function layoutOf(page) {
  return (await controlsOf(page)).filter((c) => c.role === 'textbox');
}

export function startSite({ headers, root = siteDir } = {}) {
  return serveOnLoopback(root, { headers });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.VERJI_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

// Opens the widget and waits until it has drawn `frames` frames. Collects console output and page
// errors so a test can assert there were none.
export async function openWidget(browser, url, { width = 400, height = 720, dpr = 1, frames = 3 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const consoleLines = [];
  const errors = [];
  page.on('console', (msg) => {
    consoleLines.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await waitForFrames(page, frames);
  return { context, page, consoleLines, errors };
}

// `page` may be a Page or a Frame. On a timeout the error says what the widget's page showed.
export async function waitForFrames(page, atLeast, timeout = 20000) {
  try {
    await page.waitForFunction(
      (n) => Number(document.documentElement.dataset.verjiFrames || 0) >= n || document.documentElement.dataset.verjiError,
      atLeast,
      { timeout },
    );
  } catch (error) {
    const seen = await page.evaluate(() => JSON.stringify({
      url: location.href.slice(0, 120), readyState: document.readyState, visibility: document.visibilityState,
      frames: document.documentElement.dataset.verjiFrames ?? null, figures: window.verjiFigures ?? null,
      status: document.getElementById('status-text')?.textContent ?? null,
    })).catch((e) => `(could not read the page: ${e.message})`);
    throw new Error(`fewer than ${atLeast} widget frames within ${timeout} ms; the page: ${seen}`, { cause: error });
  }
  const error = await page.evaluate(() => document.documentElement.dataset.verjiError);
  if (error) throw new Error(`widget reported a fatal error: ${error}`);
}

// Wakes the widget and waits for `count` more frames than now, or until it drew at least one and
// went idle again (it draws only while something may change: then everything queued was applied).
export async function nextFrames(page, count = 3) {
  const now = await page.evaluate(() => {
    window.verjiWake?.();
    return Number(document.documentElement.dataset.verjiFrames || 0);
  });
  await page.waitForFunction(
    ([n, more]) => {
      const frames = Number(document.documentElement.dataset.verjiFrames || 0);
      return frames >= n + more || (frames > n && window.verjiFigures?.idle === 1) || document.documentElement.dataset.verjiError;
    },
    [now, count],
    { timeout: 20000 },
  );
  const error = await page.evaluate(() => document.documentElement.dataset.verjiError);
  if (error) throw new Error(`widget reported a fatal error: ${error}`);
}

// Waits until the system clipboard's text satisfies `wanted` (a string to equal, or a test function;
// the clipboard is written asynchronously), then returns it; after `timeout` ms, returns what it holds.
// Polled from node: a page-side waitForFunction would take readText()'s promise itself as truthy.
export async function waitForClipboard(page, wanted, timeout = 10000) {
  const holds = typeof wanted === 'function' ? wanted : (text) => text === wanted;
  const deadline = Date.now() + timeout;
  for (;;) {
    const now = await page.evaluate(() => navigator.clipboard.readText());
    if (holds(now) || Date.now() > deadline) return now;
    await new Promise((resolve) => { setTimeout(resolve, 50); });
  }
}

export async function screenshot(page, name) {
  const dir = path.join(artifactsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const buffer = await page.screenshot();
  writeFileSync(path.join(dir, `${name}.png`), buffer);
  return PNG.sync.read(buffer);
}

export function pixel(png, x, y) {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return { r: png.data[i], g: png.data[i + 1], b: png.data[i + 2] };
}

export function hex(rgb) {
  return '#' + [rgb.r, rgb.g, rgb.b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

// Counts pixels in a rectangle that differ from `bg` by more than `tolerance` in any channel.
export function inkIn(png, { x0, y0, x1, y1 }, bg, tolerance = 40) {
  let count = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(png.height, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(png.width, Math.ceil(x1)); x++) {
      const p = pixel(png, x, y);
      if (Math.abs(p.r - bg.r) > tolerance || Math.abs(p.g - bg.g) > tolerance || Math.abs(p.b - bg.b) > tolerance) count++;
    }
  }
  return count;
}

export function fromHex(text) {
  const v = parseInt(text.replace('#', ''), 16);
  return { r: (v >> 16) & 255, g: (v >> 8) & 255, b: v & 255 };
}
