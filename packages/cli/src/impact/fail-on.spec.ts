import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../exit-codes.js';
import { evaluateFailOn, parseFailOn } from './fail-on.js';
import type { ImpactItem, ImpactResult } from './impact-report.js';
import { toJsonContract, toMarkdown } from './impact-report.js';

function item(name: string, extra: Partial<ImpactItem> = {}): ImpactItem {
  return {
    kind: 'DATASET',
    namespace: 'postgres://db:5432',
    name,
    field: null,
    distance: 1,
    tags: [],
    classifications: [],
    owners: [],
    ...extra,
  };
}

const result: ImpactResult = {
  items: [
    item('shop.public.orders', { tags: ['critical'] }),
    item('shop.public.customers', { tags: ['tier:gold'], owners: ['team-data'], classifications: ['PII'] }),
    item('load_orders', { kind: 'JOB', namespace: 'airflow' }),
  ],
  totalDatasets: 2,
  totalFields: 0,
  totalJobs: 1,
  truncated: false,
};

describe('--fail-on', () => {
  const holds = (expression: string) => evaluateFailOn(parseFailOn(expression), result) !== undefined;

  it('compares totals', () => {
    assert.equal(holds('datasets>1'), true);
    assert.equal(holds('datasets>2'), false);
    assert.equal(holds('datasets >= 2'), true);
    assert.equal(holds('jobs=1'), true);
    assert.equal(holds('jobs==0'), false);
    assert.equal(holds('fields<1'), true);
    assert.equal(holds('items!=3'), false);
  });

  it('matches tags by value or key, classifications, owners and namespaces, case-insensitively', () => {
    assert.equal(holds('tag:critical'), true);
    assert.equal(holds('tag:CRITICAL'), true);
    assert.equal(holds('tag:crit'), false);
    assert.equal(holds('tag:tier'), true);
    assert.equal(holds('tag:tier:gold'), true);
    assert.equal(holds('tag:tier:silver'), false);
    assert.equal(holds('classification:pii'), true);
    assert.equal(holds('owner:team-*'), true);
    assert.equal(holds('owner:alice'), false);
    assert.equal(holds('namespace:postgres://*'), true);
    assert.equal(holds('namespace:snowflake://*'), false);
  });

  it('says which items made it hold', () => {
    assert.equal(
      evaluateFailOn(parseFailOn('tag:critical'), result),
      'tag:critical holds for 1 impacted item(s): postgres://db:5432 shop.public.orders',
    );
    assert.equal(evaluateFailOn(parseFailOn('datasets>1'), result), 'datasets>1 holds: 2 datasets impacted');
  });

  it('refuses what it cannot read with a bad-input error', () => {
    for (const bad of ['datasets', 'datasets>>2', 'colour:red', 'tag:', '']) {
      assert.throws(
        () => parseFailOn(bad),
        (error: unknown) => error instanceof CliError && error.exitCode === 2,
        bad,
      );
    }
  });
});

describe('impact output', () => {
  it('json keeps exactly the contract keys', () => {
    assert.deepEqual(JSON.parse(toJsonContract(result)), {
      items: [
        { kind: 'DATASET', namespace: 'postgres://db:5432', name: 'shop.public.orders', field: null, distance: 1 },
        { kind: 'DATASET', namespace: 'postgres://db:5432', name: 'shop.public.customers', field: null, distance: 1 },
        { kind: 'JOB', namespace: 'airflow', name: 'load_orders', field: null, distance: 1 },
      ],
      totalDatasets: 2,
      totalFields: 0,
      totalJobs: 1,
    });
  });

  it('markdown escapes pipes so a hostile name cannot break the table', () => {
    const text = toMarkdown({ ...result, items: [item('a|b\nc')] }, '`x`', []);
    assert.match(text, /`a\\\|b c`/);
    assert.equal(text.split('\n').filter((line) => line.startsWith('|')).length, 3);
  });
});
