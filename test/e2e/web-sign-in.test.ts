// Real parts: the API process with access control on (bootstrap admin token),
// the test Neo4j and Debian's Chromium. `npm start` runs with auth on, so this
// is the first thing a user of the UI meets.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { type ApiProcess, startApi } from '../support/api-process.js';
import { repoRoot } from '../support/env.js';

const screenshots = join(repoRoot, 'test', 'e2e', 'screenshots');
const admin = `admin-${randomBytes(16).toString('hex')}`;

describe('web UI sign-in with access control on', () => {
  let api: ApiProcess;
  let browser: Browser;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('asks for a token, refuses a wrong one in plain words, and shows the catalog after a right one', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${api.url}/search?q=orders`);
    const alert = page.getByRole('alert').filter({ hasText: 'Sign in' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /UNAUTHENTICATED/);
    await shot();

    await page.getByLabel('API token').fill('not-a-real-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /not accepted|unauthorized|invalid/i })
      .last()
      .waitFor();

    await page.getByLabel('API token').fill(admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The page reloads with the session cookie; the refusal is gone and the search ran.
    await page.getByRole('alert').filter({ hasText: 'UNAUTHENTICATED' }).waitFor({ state: 'detached' });
    await page.locator('.result-list, .empty-state').first().waitFor();
    assert.equal(
      new URL(page.url()).pathname + new URL(page.url()).search,
      '/search?q=orders',
      'stays on the page it was on',
    );
    assert.equal(await page.getByRole('alert').filter({ hasText: 'UNAUTHENTICATED' }).count(), 0);
    assert.deepEqual(pageErrors, []);
    await context.close();

    async function shot() {
      await page.screenshot({ path: join(screenshots, '10-sign-in.png') });
    }
  });
});
