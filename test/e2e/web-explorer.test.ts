// Real parts: the built web UI served by the API process (startApi), the test
// Neo4j, events posted through the intake, and Debian's Chromium driven by
// playwright-core. Covers the start page's recent activity and the lineage
// explorer's separate depths, tag filter and time slider.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { launchChromium, type OpenedPage, openPage as openPageIn } from '../support/browser.js';
import { gqlData } from '../support/graphql.js';
import { repoRoot } from '../support/env.js';
import { uniqueNamespace } from '../support/intake.js';

const screenshots = join(repoRoot, 'test', 'e2e', 'screenshots');
const ns = uniqueNamespace('e2e-explore');
const db = `postgres://${ns}:5432`;
const enc = encodeURIComponent;
const DAY = 86_400_000;

type GraphGlobals = {
  document: { querySelector(selector: string): unknown };
  __tributaryGraph?: {
    ready: boolean;
    nodes: number;
    cy?: { nodes(selector?: string): { map<T>(fn: (n: { data(k: string): unknown }) => T): T[] } };
  };
};

let api: ApiProcess;
let browser: Browser;

function event(job: string, inputs: string[], outputs: string[], at: number, runId = randomUUID()) {
  const base = {
    producer: 'https://tributary.test/e2e-explorer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: ns, name: job },
    inputs: inputs.map((name) => ({ namespace: db, name })),
    outputs: outputs.map((name) => ({ namespace: db, name })),
  };
  return [
    { ...base, eventType: 'START', eventTime: new Date(at - 60_000).toISOString() },
    { ...base, eventType: 'COMPLETE', eventTime: new Date(at).toISOString() },
  ];
}

async function post(events: unknown[]): Promise<void> {
  const response = await fetch(`${api.url}/api/v1/lineage/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  assert.equal(response.status, 200, await response.text());
}

const graphql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  gqlData<T>(api.url, query, variables);

const openPage = (): Promise<OpenedPage> => openPageIn(browser);

/** Labels of the dataset nodes once the graph is laid out with exactly `count` nodes. */
async function graphLabels(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => {
      const g = globalThis as unknown as GraphGlobals;
      return (
        g.__tributaryGraph?.ready === true &&
        g.__tributaryGraph.nodes === n &&
        g.document.querySelector('[data-graph-state="ready"]') !== null
      );
    },
    count,
    { timeout: 30_000 },
  );
  return page.evaluate(() =>
    (globalThis as unknown as GraphGlobals)
      .__tributaryGraph!.cy!.nodes()
      .map((n) => String(n.data('label')))
      .sort(),
  );
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}.png`) });

describe('lineage explorer and start page in Chromium', () => {
  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startApi({ TRIBUTARY_AUTH: 'off' });
    const now = Date.now();
    // raw → j0 → src → j1 → mid → j2 → out → j3 → final, and `evolve`, whose input changed 10 days ago.
    await post([
      ...event('j0', ['raw'], ['src'], now - 5 * 60_000),
      ...event('j1', ['src'], ['mid'], now - 4 * 60_000),
      ...event('j2', ['mid'], ['out'], now - 3 * 60_000),
      ...event('j3', ['out'], ['final'], now - 2 * 60_000),
      ...event('evolve', ['old_input'], ['evolved'], now - 30 * DAY),
      ...event('evolve', ['new_input'], ['evolved'], now - 10 * DAY),
    ]);
    const loaded = await eventually(async () => {
      const data = await graphql<{
        j3: { runs: { totalCount: number } } | null;
        e: { runs: { totalCount: number } } | null;
      }>(
        'query($n: String!) { j3: job(namespace: $n, name: "j3") { runs { totalCount } } e: job(namespace: $n, name: "evolve") { runs { totalCount } } }',
        { n: ns },
      );
      return data.j3?.runs.totalCount === 1 && data.e?.runs.totalCount === 2;
    }, 60_000);
    assert.ok(loaded, 'the seeded lineage reached Neo4j');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('shows the latest runs on the start page, newest first, linking job, run and written datasets', async () => {
    const runId = randomUUID();
    await post(event('j3', ['out'], ['final'], Date.now(), runId));
    assert.ok(
      await eventually(async () => {
        const data = await graphql<{ recentRuns: Array<{ id: string }> }>(
          'query($n: String) { recentRuns(namespace: $n, first: 1) { id } }',
          { n: ns },
        );
        return data.recentRuns[0]?.id === runId;
      }, 60_000),
    );
    const { page, errors } = await openPage();
    await page.goto(`${api.url}/`);
    const activity = page.getByRole('table', { name: 'The latest runs, newest first' });
    await activity.waitFor();
    const row = activity.getByRole('row').filter({ has: page.getByRole('link', { name: `Run ${runId} of j3` }) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /COMPLETE/);
    assert.match((await row.textContent()) ?? '', new RegExp(ns));
    await shot(page, 'explorer-01-home-activity');
    await row.getByRole('link', { name: 'final' }).click();
    await page.waitForURL(`**/dataset/${enc(db)}/final`);
    await page.getByRole('heading', { level: 1, name: 'final' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('reaches upstream and downstream to separate depths, kept in the URL', async () => {
    const { page, errors } = await openPage();
    // An old link: both directions, depth 1.
    await page.goto(`${api.url}/lineage/dataset/${enc(db)}/mid?direction=BOTH&depth=1&granularity=DATASET`);
    assert.deepEqual(await graphLabels(page, 5), ['j1', 'j2', 'mid', 'out', 'src']);
    const down = page.getByRole('spinbutton', { name: 'Downstream depth in hops' });
    assert.equal(await page.getByRole('spinbutton', { name: 'Upstream depth in hops' }).inputValue(), '1');
    await down.fill('2');
    await page.waitForURL(/up=1&down=2/);
    assert.deepEqual(await graphLabels(page, 7), ['final', 'j1', 'j2', 'j3', 'mid', 'out', 'src']);
    await shot(page, 'explorer-02-depths');

    // None upstream: the URL says it with the plain direction + depth.
    await page.getByRole('spinbutton', { name: 'Upstream depth in hops' }).fill('0');
    await page.waitForURL(/direction=DOWNSTREAM&depth=2/);
    assert.doesNotMatch(page.url(), /up=/);
    assert.deepEqual(await graphLabels(page, 5), ['final', 'j2', 'j3', 'mid', 'out']);

    // A cold deep link with separate depths shows the same as the controls did.
    await page.goto(`${api.url}/lineage/dataset/${enc(db)}/mid?direction=BOTH&depth=2&granularity=DATASET&up=2&down=1`);
    assert.deepEqual(await graphLabels(page, 7), ['j0', 'j1', 'j2', 'mid', 'out', 'raw', 'src']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('filters the graph by tag, keeping the root and the jobs that still connect', async () => {
    await graphql(
      `
        mutation ($a: NodeRef!, $b: NodeRef!) {
          a: setTags(node: $a, tags: ["gold"]) {
            id
          }
          b: setTags(node: $b, tags: ["gold", "kpi"]) {
            id
          }
        }
      `,
      { a: { kind: 'DATASET', namespace: db, name: 'src' }, b: { kind: 'DATASET', namespace: db, name: 'final' } },
    );
    const { page, errors } = await openPage();
    await page.goto(`${api.url}/lineage/dataset/${enc(db)}/mid?direction=BOTH&depth=2&granularity=DATASET`);
    assert.equal((await graphLabels(page, 9)).length, 9);
    await page.getByText('Filters', { exact: true }).click();
    const gold = page.getByRole('checkbox', { name: 'Only nodes tagged gold' });
    await gold.waitFor();
    await gold.check();
    await page.waitForURL(/tags=gold/);
    // src and final carry the tag, mid is the root; raw and out go, the jobs stay while they touch a node shown.
    assert.deepEqual(await graphLabels(page, 7), ['final', 'j0', 'j1', 'j2', 'j3', 'mid', 'src']);
    await shot(page, 'explorer-03-tag-filter');

    // The filter survives a reload from the URL.
    await page.reload();
    assert.equal((await graphLabels(page, 7)).includes('out'), false);
    assert.ok(await page.getByRole('checkbox', { name: 'Only nodes tagged gold' }).isChecked());
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('shows the lineage as it stood at a past date when the time slider moves', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${api.url}/lineage/dataset/${enc(db)}/evolved?direction=UPSTREAM&depth=1&granularity=DATASET`);
    assert.deepEqual(await graphLabels(page, 3), ['evolve', 'evolved', 'new_input']);
    const slider = page.getByRole('slider', { name: 'Show lineage as of a past date' });
    await slider.focus();
    for (let i = 0; i < 20; i++) await slider.press('ArrowLeft');
    assert.equal(await slider.getAttribute('aria-valuetext'), '20 days ago');
    await page.waitForURL(/asOf=/);
    assert.deepEqual(await graphLabels(page, 3), ['evolve', 'evolved', 'old_input']);
    await page.getByText(/as of \d{4}-\d{2}-\d{2}/).waitFor();
    await shot(page, 'explorer-04-as-of');

    // Back to now: the current input again.
    for (let i = 0; i < 20; i++) await slider.press('ArrowRight');
    await page.waitForFunction(
      () => !(globalThis as unknown as { location: { search: string } }).location.search.includes('asOf'),
    );
    assert.deepEqual(await graphLabels(page, 3), ['evolve', 'evolved', 'new_input']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
