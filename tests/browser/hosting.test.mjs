// Hosting: the page runs under a strict Content-Security-Policy and explains a broken deployment.
// Screenshots land in $VERJI_ARTIFACTS_DIR/screenshots.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  LIGHT_BG, inkIn, openWidget, screenshot, siteDir, startSite, useSiteAndBrowser
} from './harness.mjs';

const ctx = useSiteAndBrowser();

describe('the widget page as deployed', () => {
  test('runs under a strict Content-Security-Policy: no inline code, no eval, nothing from elsewhere', async () => {
    const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
      "connect-src 'self'; base-uri 'none'; form-action 'none'";
    const strict = await startSite({ headers: { 'Content-Security-Policy': csp } });
    try {
      const { context, page, errors } = await openWidget(ctx.browser, strict.base, { width: 400, height: 700 });
      try {
        const png = await screenshot(page, 'csp');
        assert.ok(inkIn(png, { x0: 0, y0: 0, x1: 400, y1: 50 }, LIGHT_BG) > 300, 'the form is drawn');
        // Chromium reports every violation as a console error ("Refused to ...").
        assert.deepEqual(errors, [], 'no CSP violation or other error');
      } finally {
        await context.close();
      }
    } finally {
      await strict.close();
    }
  });

  test('says so, and offers a reload, when the wasm cannot be loaded', async () => {
    // A broken deployment: the same site without widget.wasm.
    const dir = mkdtempSync(path.join(tmpdir(), 'verji-broken-'));
    for (const entry of readdirSync(siteDir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name !== 'widget.wasm') copyFileSync(path.join(siteDir, entry.name), path.join(dir, entry.name));
    }
    const broken = await startSite({ root: dir });
    const context = await ctx.browser.newContext({ viewport: { width: 400, height: 600 } });
    try {
      const page = await context.newPage();
      await page.goto(`${broken.base}?lang=en`);
      await page.waitForFunction(() => document.documentElement.dataset.verjiError, null, { timeout: 20000 });
      assert.equal(await page.isVisible('#status'), true);
      assert.match(await page.textContent('#status-text'), /^The form could not start\. Reload the page/);
      assert.match(await page.textContent('#status-detail'), /wasm/, 'the technical reason is shown too');
      assert.equal(await page.isVisible('#status-reload'), true);
      await screenshot(page, 'broken-deployment');
    } finally {
      await context.close();
      await broken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
