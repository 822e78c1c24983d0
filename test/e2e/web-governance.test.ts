// Real parts: the built web UI served by the API process with access control
// on, the test Neo4j, column lineage posted through the intake, and Debian's
// Chromium driven by playwright-core; each browser context sends a real API
// token (the admin's, or a viewer's made through the token API).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken } from '../support/auth.js';
import { launchChromium, type OpenedPage, openPage as openPageIn } from '../support/browser.js';
import { repoRoot } from '../support/env.js';
import { lineageEvent } from '../support/graphql.js';
import { uniqueNamespace } from '../support/intake.js';

const screenshots = join(repoRoot, 'test', 'e2e', 'screenshots');
const ns = uniqueNamespace('e2e-gov');
const db = `postgres://${ns}-${randomBytes(2).toString('hex')}:5432`;
const enc = encodeURIComponent;
const admin = newAdminToken();

let api: ApiProcess;
let browser: Browser;
let viewer: string;

const openPage = (token: string): Promise<OpenedPage> =>
  openPageIn(browser, { extraHTTPHeaders: { authorization: `Bearer ${token}` } });

/** The dataset-level governance panel (column panels sit in the schema table). */
const datasetPanel = (page: Page): Locator =>
  page.getByRole('region', { name: 'Governance' }).locator('.governance-panel').first();

async function openDataset(page: Page, name: string): Promise<void> {
  await page.goto(`${api.url}/dataset/${enc(db)}/${name}`);
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await datasetPanel(page).getByRole('button', { name: 'Edit description' }).waitFor();
}

/** The tags-and-classifications cell of a column in the schema table. */
const columnTags = (page: Page, column: string): Locator =>
  page.locator(`tr#column-${column}`).getByRole('cell').nth(1);

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });

describe('governance editing in Chromium', () => {
  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    const direct = (name: string) => ({ namespace: db, name, field: 'email', type: 'DIRECT', subtype: 'IDENTITY' });
    const events = [
      lineageEvent({
        namespace: ns,
        job: 'copy',
        eventTime: new Date().toISOString(),
        inputs: [{ namespace: db, name: 'src', fields: ['id:INT', 'email:VARCHAR'] }],
        outputs: [
          {
            namespace: db,
            name: 'dst',
            fields: ['id:INT', 'email:VARCHAR'],
            columnLineage: { email: [direct('src')] },
          },
        ],
      }),
      lineageEvent({
        namespace: ns,
        job: 'mask',
        eventTime: new Date().toISOString(),
        inputs: [{ namespace: db, name: 'dst', fields: ['id:INT', 'email:VARCHAR'] }],
        outputs: [
          { namespace: db, name: 'final', fields: ['email:VARCHAR'], columnLineage: { email: [direct('dst')] } },
        ],
      }),
    ];
    for (const body of events) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body });
      assert.equal(reply.status, 201, reply.body);
    }
    const written = await eventually(async () => {
      const answer = await gql(api.url, admin, 'query($n: NodeRef!) { governance(node: $n) { id } }', {
        n: { kind: 'FIELD', namespace: db, name: 'final', field: 'email' },
      });
      return !answer.errors;
    }, 60_000);
    assert.ok(written, `the column lineage reached Neo4j:\n${api.output()}`);
    viewer = (await createToken(api.url, admin, { name: 'gov-viewer', role: 'viewer', namespace: `${db}*` })).token;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('a steward edits tags and classifications of a dataset, and they stay after a reload', async () => {
    const { page, errors } = await openPage(admin);
    await openDataset(page, 'src');
    const panel = datasetPanel(page);
    await panel.getByRole('textbox', { name: 'New tag' }).fill('gold');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await panel.getByRole('button', { name: 'Remove tag gold' }).waitFor();
    assert.equal(await panel.locator('.source-steward').count(), 1, 'the tags are marked as the steward’s');

    await panel.getByRole('combobox', { name: 'Add classification' }).fill('Confidential');
    await panel.getByRole('combobox', { name: /Classification level/ }).selectOption('2');
    await panel.getByRole('button', { name: 'Classify' }).click();
    await panel.getByText('Confidential · level 2', { exact: true }).waitFor();

    await panel.getByRole('button', { name: 'Edit description' }).click();
    await panel.getByRole('textbox', { name: 'Description' }).fill('Sign-ups, one row per user.');
    await panel.getByRole('button', { name: 'Save description' }).click();
    await panel.getByText('Sign-ups, one row per user.').waitFor();
    await shot(page, 'governance-01-dataset');

    await page.reload();
    await datasetPanel(page).getByRole('button', { name: 'Remove tag gold' }).waitFor();
    await datasetPanel(page).getByText('Confidential · level 2', { exact: true }).waitFor();
    await datasetPanel(page).getByText('Sign-ups, one row per user.').waitFor();
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    await shot(page, 'governance-01-dataset-dark');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('PII on a column shows on the downstream columns, and stops where the steward blocks it', async () => {
    const { page, errors } = await openPage(admin);
    await openDataset(page, 'src');
    await page.getByRole('button', { name: 'Governance of column email' }).click();
    const row = page.locator('tr.governance-row');
    await row.getByRole('button', { name: 'Edit description' }).waitFor();
    await row.getByRole('combobox', { name: 'Add classification' }).fill('PII');
    await row.getByRole('combobox', { name: /Classification level/ }).selectOption('4');
    await row.getByRole('button', { name: 'Classify' }).click();
    await row.getByText('PII · level 4', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Governance of column email' }).click();
    await columnTags(page, 'email').getByText('PII', { exact: true }).waitFor();

    // One job downstream: inherited, and shown as such.
    await openDataset(page, 'dst');
    await columnTags(page, 'email').getByText('PII', { exact: true }).waitFor();
    assert.equal(await columnTags(page, 'id').getByText('PII').count(), 0, 'only the derived column');
    await page.getByRole('button', { name: 'Governance of column email' }).click();
    await row.getByText(/PII · inherited/).waitFor();
    await shot(page, 'governance-02-propagated');

    // Two jobs downstream, then the steward stops it at dst.email.
    await openDataset(page, 'final');
    await columnTags(page, 'email').getByText('PII', { exact: true }).waitFor();

    // "Where does PII flow?": from the badge, then scoped to this test's namespace
    // (other tests classify columns PII in the same catalog).
    await columnTags(page, 'email').getByRole('link', { name: 'Where does PII flow?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Where does PII flow?' }).waitFor();
    await page.goto(`${api.url}/flow/PII?namespace=${enc(db)}`);
    const flow = page.getByRole('table', { name: 'Columns PII reaches, nearest first' });
    await flow.waitFor();
    const rows = (await flow.locator('tbody tr').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    assert.equal(rows.length, 3, rows.join('\n'));
    assert.match(rows[0]!, /^email in src \S+ classified here /);
    assert.match(rows[1]!, /^email in dst \S+ 1 /);
    assert.match(rows[2]!, /^email in final \S+ 2 /);
    await shot(page, 'governance-04-flow');
    await openDataset(page, 'dst');
    await page.getByRole('button', { name: 'Governance of column email' }).click();
    const stop = row.getByRole('checkbox', { name: /Stop propagation here/ });
    // The box shows what the server answered, so it flips once the change is saved.
    await stop.click();
    await row.getByText(/PII · inherited/).waitFor({ state: 'detached' });
    assert.ok(await stop.isChecked());
    await openDataset(page, 'final');
    await page.locator('tr#column-email').waitFor();
    await eventually(async () => (await columnTags(page, 'email').getByText('PII').count()) === 0, 10_000);
    assert.equal(await columnTags(page, 'email').getByText('PII').count(), 0, 'blocked upstream: no PII here');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it("edits a job's governance from its folded section on the job page", async () => {
    const { page, errors } = await openPage(admin);
    await page.goto(`${api.url}/job/${enc(ns)}/copy`);
    await page.getByRole('heading', { level: 1, name: 'copy' }).waitFor();
    await page.getByText(/^Governance: description, owners/).click();
    const panel = page.locator('.job-governance .governance-panel');
    await panel.getByRole('textbox', { name: 'New owner' }).fill('team:data-platform');
    await panel.getByRole('button', { name: 'Add owner' }).click();
    await panel.getByRole('button', { name: 'Remove owner team:data-platform' }).waitFor();
    await page.reload();
    await page.getByText(/^Governance: description, owners/).click();
    await panel.getByRole('button', { name: 'Remove owner team:data-platform' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('tells a viewer in plain words that only a steward may edit', async () => {
    const { page, errors } = await openPage(viewer);
    await openDataset(page, 'dst');
    const panel = datasetPanel(page);
    await panel.getByRole('textbox', { name: 'New tag' }).fill('mine');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    const alert = panel.getByRole('alert');
    await alert.waitFor();
    assert.equal(
      await alert.textContent(),
      `Only a steward of ${db} can change this; your token has no steward role there.`,
    );
    assert.equal(await panel.getByRole('button', { name: 'Remove tag mine' }).count(), 0);
    await shot(page, 'governance-03-forbidden');
    // A refused request is logged by Chromium itself when the API answers 403; the page logs nothing of its own.
    assert.deepEqual(
      errors.filter((error) => !/status of 403/.test(error)),
      [],
    );
    await page.context().close();
  });
});
