import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRoute, lineageDepths, parseRoute, withDepths, type Route } from './routes.js';

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
      page: 'lineage',
      kind: 'job',
      namespace: 'airflow://prod',
      name: 'load',
      direction: 'BOTH',
      depth: 3,
      up: 3,
      down: 1,
      granularity: 'DATASET',
      tags: ['PII', 'finance'],
    },
    {
      page: 'impact',
      namespace: 'postgres://db:5432',
      name: 'shop.public.orders',
      columns: ['id', 'amount'],
      depth: 4,
    },
    { page: 'flow', classification: 'PII' },
    { page: 'flow', classification: 'Confidential/HR data', namespace: 'postgres://db:5432' },
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

  describe('separate upstream and downstream depths', () => {
    const lineage = (search: string) => {
      const route = parseRoute('/lineage/dataset/n/d', search);
      assert.equal(route.page, 'lineage');
      return route as Extract<Route, { page: 'lineage' }>;
    };

    it('reads old links as before: direction + depth', () => {
      assert.deepEqual(lineageDepths(lineage('?direction=BOTH&depth=3')), { up: 3, down: 3 });
      assert.deepEqual(lineageDepths(lineage('?direction=UPSTREAM&depth=4')), { up: 4, down: 0 });
      assert.deepEqual(lineageDepths(lineage('?direction=DOWNSTREAM&depth=2')), { up: 0, down: 2 });
      assert.deepEqual(lineageDepths(lineage('')), { up: 2, down: 2 });
    });

    it('lets up and down win over direction and depth, a missing side meaning none', () => {
      assert.deepEqual(lineageDepths(lineage('?direction=BOTH&depth=2&up=5&down=1')), { up: 5, down: 1 });
      assert.deepEqual(lineageDepths(lineage('?up=3')), { up: 3, down: 0 });
      assert.deepEqual(lineageDepths(lineage('?down=4&up=0')), { up: 0, down: 4 });
    });

    it('keeps up and down in the URL only when direction + depth cannot say it', () => {
      assert.deepEqual(withDepths({ up: 2, down: 2 }), { direction: 'BOTH', depth: 2, up: undefined, down: undefined });
      assert.deepEqual(withDepths({ up: 0, down: 3 }), {
        direction: 'DOWNSTREAM',
        depth: 3,
        up: undefined,
        down: undefined,
      });
      assert.deepEqual(withDepths({ up: 4, down: 1 }), { direction: 'BOTH', depth: 4, up: 4, down: 1 });
      const url = formatRoute({ ...lineage(''), ...withDepths({ up: 1, down: 3 }) });
      assert.equal(url, '/lineage/dataset/n/d?direction=BOTH&depth=3&granularity=DATASET&up=1&down=3');
      assert.equal(formatRoute({ ...lineage(''), ...withDepths({ up: 0, down: 3 }) }).includes('up='), false);
    });

    it('normalises an up/down link that direction + depth can say, and ignores bad values', () => {
      const route = lineage('?up=3&down=0');
      assert.equal(route.direction, 'UPSTREAM');
      assert.equal(route.depth, 3);
      assert.equal(route.up, undefined);
      assert.deepEqual(lineageDepths(lineage('?direction=UPSTREAM&depth=2&up=-1&down=x')), { up: 2, down: 0 });
      assert.deepEqual(lineageDepths(lineage('?up=99&down=2')), { up: 0, down: 2 });
    });
  });
});
