// Opens conformance.html and the single-file Allure report in headless
// Chromium from file://, with every non-file request blocked and recorded:
// the matrix and a failure's details must render, no hostile string may run
// as script, and nothing may be fetched. Screenshots go to reports/ for a
// human look. Skips when /usr/bin/chromium (Debian's `chromium`) is absent.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { generateAllureReport } from '../cli/report.ts';
import { failingRun, SECRETS } from './fixtures.ts';
import { writeReports } from './writeReports.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const hasPlaywright = await import('playwright-core').then(() => true, () => false);
const reason = !hasChromium ? `${CHROMIUM} not found (apt-get install -y chromium)` : 'playwright-core not installed';
const SHOTS = new URL('../../reports/', import.meta.url);

describe.skipIf(!hasChromium || !hasPlaywright)(hasChromium && hasPlaywright ? 'reports in headless Chromium' : `SKIPPED browser test: ${reason}`, () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let profile: string;
  const blocked: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mfa-browser-'));
    profile = mkdtempSync(join(tmpdir(), 'mfa-chromium-profile-'));
    await writeReports(failingRun(), dir, { secrets: Object.values(SECRETS) });
    generateAllureReport({ results: join(dir, 'allure-results'), out: join(dir, 'allure-report') });
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      viewport: { width: 1400, height: 1000 },
    });
    // Offline means offline: any request that is not file:, data: or blob: is aborted and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    mkdirSync(SHOTS, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('conformance.html renders the matrix and failure details, runs no injected script', async () => {
    await page.goto(pathToFileURL(join(dir, 'conformance.html')).href);
    await expect.poll(() => page.locator('#matrix table tbody tr').count()).toBeGreaterThan(20);
    expect(await page.locator('#matrix .chip.st-failed').count()).toBeGreaterThanOrEqual(3);
    const failure = page.locator('#failures .failure').filter({ hasText: 'body.folder.pattern' });
    expect(await page.locator('#failures .failure').count()).toBe(3);
    expect(await failure.locator('pre.replay').innerText()).toContain('Authorization: Bearer $MFA_TOKEN');
    expect(await failure.locator('pre.request').innerText()).toContain('<script>alert("x\'y")</script>');
    expect(await page.locator('#verdict').innerText()).toBe('FAIL');
    // The coverage filter (inline JS) works from file://.
    await page.locator('button[data-filter="failed"]').click();
    expect(await page.locator('#coverage tbody tr:visible').count()).toBe(3);
    await page.locator('button[data-filter="all"]').click();
    await page.screenshot({ path: new URL('conformance.png', SHOTS).pathname });
    await page.locator('#matrix').screenshot({ path: new URL('conformance-matrix.png', SHOTS).pathname });
    await failure.screenshot({ path: new URL('conformance-failure.png', SHOTS).pathname });
    expect(dialogs).toEqual([]);
    expect(blocked).toEqual([]);
  }, 20_000);

  it('the single-file Allure report opens offline and shows a failing rule with its counterexample', async () => {
    await page.goto(pathToFileURL(join(dir, 'allure-report', 'index.html')).href);
    // ~6 s here: the 4 MB page decodes its base64-embedded data on load.
    await page.getByPlaceholder('Search tests').waitFor({ timeout: 15_000 });
    await page.getByPlaceholder('Search tests').fill('body.folder.pattern');
    await page.getByText('body.folder.pattern', { exact: true }).first().click();
    await expect.poll(() => page.getByText(/counterexample 1: Received: 200/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // Open the request attachment so the screenshot shows the (redacted) request body.
    await page.getByText('request', { exact: true }).first().click();
    const request = page.getByText(/POST \/mfa-servers\?folder=A&token=\[REDACTED\]/).first();
    await request.waitFor();
    await request.scrollIntoViewIfNeeded();
    await page.screenshot({ path: new URL('allure.png', SHOTS).pathname });
    expect(dialogs).toEqual([]);
    expect(blocked).toEqual([]);
  }, 20_000);
});
