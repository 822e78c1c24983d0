// Real parts: the built web UI served by the API process (startApi), the test
// Neo4j, the sample lineage of `npm run demo` posted through the batch intake,
// and Debian's Chromium driven by playwright-core. Nothing is faked.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { postDemo } from '@tributary/dev-scripts/demo';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type OpenedPage, openPage as openPageIn } from '../support/browser.js';
import { gqlData } from '../support/graphql.js';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { repoRoot } from '../support/env.js';

const screenshots = join(repoRoot, 'test', 'e2e', 'screenshots');
const suffix = `e2e${randomBytes(3).toString('hex')}`;
const pg = `postgres://shop-db-${suffix}:5432`;
const sf = `snowflake://acme-${suffix}`;
const revenue = `ANALYTICS.REPORTING.DAILY_REVENUE_${suffix.toUpperCase()}`;
const enc = encodeURIComponent;

/** The page's globals the test reads (the test project compiles without the DOM library). */
type GraphGlobals = {
  document: {
    querySelector(selector: string): unknown;
    documentElement: { dataset: Record<string, string | undefined> };
  };
  __tributaryGraph?: {
    ready: boolean;
    nodes: number;
    cy?: {
      nodes(selector?: string): {
        length: number;
        map<T>(fn: (n: { id(): string; data(k: string): unknown }) => T): T[];
      };
      edges(selector?: string): { length: number };
      getElementById(id: string): { emit(event: string): void };
    };
  };
};

let api: ApiProcess;
let browser: Browser;

const graphql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  gqlData<T>(api.url, query, variables);

/** A fresh page that records console errors and uncaught exceptions. */
const openPage = (): Promise<OpenedPage> => openPageIn(browser, { acceptDownloads: true });

async function waitForGraph(page: Page, minNodes = 1): Promise<number> {
  await page.waitForFunction(
    (min) => {
      const graph = (globalThis as unknown as GraphGlobals).__tributaryGraph;
      return (
        graph?.ready === true &&
        graph.nodes >= min &&
        (globalThis as unknown as GraphGlobals).document.querySelector('[data-graph-state="ready"]') !== null
      );
    },
    minNodes,
    { timeout: 30_000 },
  );
  return page.evaluate(() => (globalThis as unknown as GraphGlobals).__tributaryGraph!.nodes);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });

describe('web UI in Chromium against the real API', () => {
  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startApi({ TRIBUTARY_AUTH: 'off' });
    await postDemo(api.url, { suffix });
    // The intake answers once events are spooled; the graph writer drains them shortly after.
    const loaded = await eventually(async () => {
      const data = await graphql<{ job: { runs: { totalCount: number } } | null }>(
        'query($n: String!) { job(namespace: $n, name: "daily_revenue.export_to_bi") { runs { totalCount } } }',
        { n: `airflow-prod-${suffix}` },
      );
      return (data.job?.runs.totalCount ?? 0) >= 5;
    }, 60_000);
    assert.ok(loaded, 'the demo lineage reached Neo4j');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('search → dataset → lineage (expand, column mode, table) → impact → CSV export, without console errors', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${api.url}/`);
    await page.getByRole('heading', { name: 'Data lineage catalog' }).waitFor();
    // The seeded runs are in the activity feed before anyone searches.
    await page.getByRole('table', { name: 'The latest runs, newest first' }).waitFor();
    await shot(page, '01-home');

    // Search as you type, then keyboard selection.
    const box = page.getByRole('combobox', { name: /search/i });
    await box.fill(revenue.slice(-18));
    const option = page.getByRole('option').filter({ hasText: sf }).first();
    await option.waitFor({ timeout: 15_000 });
    assert.match((await page.locator('.search-results mark').first().textContent()) ?? '', /\S/);
    await shot(page, '02-search');
    const options = await page.getByRole('option').allTextContents();
    const index = options.findIndex((text) => text.includes(sf) && text.includes('REPORTING'));
    assert.ok(index >= 0, `our dataset is among the hits: ${options.join(' | ')}`);
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(`**/dataset/${enc(sf)}/${enc(revenue)}`);
    await page.getByRole('heading', { level: 1, name: revenue }).waitFor();
    await page.getByRole('rowheader', { name: 'revenue' }).waitFor();
    // Governance (owners, tags...) loads beside the dataset, so wait for it.
    await page.getByText('team:finance', { exact: true }).first().waitFor();
    await shot(page, '03-dataset');

    // Lineage: default depth 2 both ways, then expand a node upstream.
    await page.getByRole('link', { name: 'Lineage', exact: true }).click();
    await page.waitForURL(/\/lineage\/dataset\//);
    const before = await waitForGraph(page, 3);
    const stgOrders = await page.evaluate(() => {
      const cy = (globalThis as unknown as GraphGlobals).__tributaryGraph!.cy!;
      return cy
        .nodes()
        .map((n) => [n.id(), String(n.data('label'))] as const)
        .find(([, label]) => label === 'ANALYTICS.STAGING.STG_ORDERS')?.[0];
    });
    assert.ok(stgOrders, 'STG_ORDERS is two datasets upstream of the revenue table');
    await page.evaluate(
      (id) => (globalThis as unknown as GraphGlobals).__tributaryGraph!.cy!.getElementById(id).emit('tap'),
      stgOrders,
    );
    await page.waitForURL(/focus=/);
    await page.getByRole('button', { name: /Expand upstream/ }).click();
    const expanded = await waitForGraph(page, before + 2);
    assert.ok(expanded > before, `expanding added nodes (${before} → ${expanded})`);
    const labels = await page.evaluate(() =>
      (globalThis as unknown as GraphGlobals).__tributaryGraph!.cy!.nodes().map((n) => String(n.data('label'))),
    );
    assert.ok(labels.includes('RAW.SHOP.ORDERS'), 'the upstream raw table appeared');
    await shot(page, '04-lineage');

    // Column mode: datasets become compound nodes holding their columns.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.waitForURL(/granularity=COLUMN/);
    await page.waitForFunction(() => {
      const cy = (globalThis as unknown as GraphGlobals).__tributaryGraph?.cy;
      return cy !== undefined && cy.nodes('.field').length > 0 && cy.edges('.feeds').length > 0;
    });
    await waitForGraph(page);
    await shot(page, '05-lineage-columns');

    // The same graph as a table.
    await page.getByRole('button', { name: 'Table' }).click();
    await page.waitForURL(/view=table/);
    await page
      .getByRole('table')
      .filter({ has: page.getByText(/^Nodes \(\d+\)$/) })
      .waitFor();
    assert.ok((await page.getByRole('cell', { name: 'revenue', exact: true }).count()) > 0);
    await shot(page, '06-lineage-table');

    // Impact of one source column, then the CSV of what is shown.
    await page.goto(`${api.url}/dataset/${enc(pg)}/shop.public.payments`);
    await page.getByRole('link', { name: 'Impact of changing amount_cents' }).click();
    await page.waitForURL(/\/impact\/.*columns=amount_cents/);
    await page.getByRole('status').filter({ hasText: 'downstream' }).waitFor();
    await page.getByRole('cell', { name: 'customer_lifetime_value' }).first().waitFor();
    await page.getByLabel('Filter impacted assets').fill('revenue');
    await shot(page, '07-impact');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'distance,kind,namespace,name,field,owners,tags,transformation,lastRun');
    assert.ok(lines.length > 1 && lines.slice(1).every((line) => /revenue/i.test(line)), csv);
    assert.ok(
      lines.some((line) => line.includes(revenue) && line.includes(',revenue,')),
      csv,
    );

    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('renders every route from a cold deep link', async () => {
    const runs = await graphql<{ job: { runs: { items: Array<{ id: string }> } } }>(
      'query($n: String!) { job(namespace: $n, name: "daily_revenue.export_to_bi") { runs(first: 1) { items { id } } } }',
      { n: `airflow-prod-${suffix}` },
    );
    const runId = runs.job.runs.items[0]!.id;
    const routes: Array<[string, string, (page: Page) => Promise<unknown>]> = [
      ['home', '/', (p) => p.getByRole('table', { name: 'The latest runs, newest first' }).waitFor()],
      [
        'search',
        `/search?q=${enc('customer_lifetime')}`,
        (p) =>
          p
            .getByRole('link', { name: /customer_lifetime_value/ })
            .first()
            .waitFor(),
      ],
      [
        'dataset',
        `/dataset/${enc(sf)}/ANALYTICS.MARTS.CUSTOMERS`,
        (p) => p.getByRole('rowheader', { name: 'customer_lifetime_value' }).waitFor(),
      ],
      [
        'job',
        `/job/${enc(`airflow-prod-${suffix}`)}/daily_revenue.export_to_bi`,
        (p) => p.getByText('AccessDenied').first().waitFor(),
      ],
      ['run', `/run/${runId}`, (p) => p.getByRole('heading', { level: 1 }).filter({ hasText: runId }).waitFor()],
      [
        'lineage',
        `/lineage/dataset/${enc(sf)}/ANALYTICS.MARTS.ORDERS?direction=DOWNSTREAM&depth=3&granularity=DATASET`,
        (p) => waitForGraph(p, 4),
      ],
      [
        'impact',
        `/impact/${enc(pg)}/shop.public.orders?depth=10`,
        (p) => p.getByRole('cell', { name: 'ANALYTICS.MARTS.ORDERS' }).first().waitFor(),
      ],
      [
        'flow',
        `/flow/PII?namespace=${enc(pg)}`,
        // Nothing in this catalog's Postgres namespace is classified: the answer is the empty state.
        (p) => p.getByText('No column is classified PII').waitFor(),
      ],
    ];
    for (const [name, path, ready] of routes) {
      const { page, errors } = await openPage();
      await page.goto(`${api.url}${path}`);
      await ready(page);
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, path, `${name} keeps its URL`);
      await shot(page, `route-${name}`);
      assert.deepEqual(errors, [], `${name}: no console errors`);
      await page.context().close();
    }
  });

  it('switches to the dark theme and shows unknown datasets and bad addresses in plain words', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${api.url}/lineage/dataset/${enc(sf)}/ANALYTICS.MARTS.ORDERS`);
    await waitForGraph(page, 3);
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as GraphGlobals).document.documentElement.dataset.theme),
      'dark',
    );
    await shot(page, '08-lineage-dark');

    await page.goto(`${api.url}/lineage/dataset/${enc(sf)}/NO.SUCH.TABLE`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /BAD_USER_INPUT|not found|unknown|no dataset/i);
    await shot(page, '09-error');

    await page.goto(`${api.url}/nowhere/at/all`);
    await page.getByRole('heading', { name: 'Nothing at this address' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
