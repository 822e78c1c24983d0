import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRoute, parseRoute, type Route } from './routes.js';

describe('routes', () => {
  const roundTrips: Route[] = [
    { page: 'home' },
    { page: 'search', q: 'ord' },
    { page: 'dataset', namespace: 'postgres://db:5432', name: 'shop.public.orders' },
    { page: 'job', namespace: 'airflow://prod', name: 'daily.load_orders' },
    { page: 'run', id: '0190f0a3-1111-7000-8000-000000000001' },
    {
      page: 'lineage',
      kind: 'dataset',
      namespace: 's3://bucket/a b',
      name: 'x/y.parquet',
      direction: 'DOWNSTREAM',
      depth: 3,
      granularity: 'COLUMN',
      view: 'table',
    },
    {
      page: 'impact',
      namespace: 'postgres://db:5432',
      name: 'shop.public.orders',
      columns: ['id', 'amount'],
      depth: 4,
    },
  ];
  for (const route of roundTrips) {
    it(`round-trips ${route.page}`, () => {
      const url = new URL(formatRoute(route), 'http://x');
      assert.deepEqual(parseRoute(url.pathname, url.search), route);
    });
  }

  it('encodes namespaces with :// so they stay one segment', () => {
    assert.equal(
      formatRoute({ page: 'dataset', namespace: 'postgres://db:5432', name: 'a.b' }),
      '/dataset/postgres%3A%2F%2Fdb%3A5432/a.b',
    );
  });

  it('keeps the column list readable in impact links', () => {
    assert.equal(
      formatRoute({ page: 'impact', namespace: 'n', name: 'd', columns: ['a', 'b'], depth: 10 }),
      '/impact/n/d?columns=a,b&depth=10',
    );
  });

  it('falls back to defaults for bad query values', () => {
    assert.deepEqual(parseRoute('/lineage/job/n/j', '?depth=100&direction=sideways&granularity=x'), {
      page: 'lineage',
      kind: 'job',
      namespace: 'n',
      name: 'j',
      direction: 'BOTH',
      depth: 2,
      granularity: 'DATASET',
    });
  });

  it('reports unknown and malformed paths as not-found', () => {
    assert.equal(parseRoute('/nope').page, 'not-found');
    assert.equal(parseRoute('/dataset/only-one').page, 'not-found');
    assert.equal(parseRoute('/dataset/%E0%A4%A/x').page, 'not-found');
    assert.equal(parseRoute('/lineage/field/n/x').page, 'not-found');
  });
});
