import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImpactedItem } from '../../../api/types.js';
import { countBy, filterAndSort, toCsv, toImpactRows } from './impact-table.js';

const item = (name: string, distance: number, owners: string[], namespace = 'wh'): ImpactedItem => ({
  node: { id: `dataset:${namespace}:${name}`, kind: 'DATASET', namespace, name, label: name },
  distance,
  path: [],
  owners,
  tags: ['pii'],
  lastSuccessfulRunAt: null,
});

const rows = toImpactRows([
  item('fct_orders', 2, ['team:analytics']),
  item('stg_orders', 1, ['team:data', 'team:analytics']),
  item('report, "daily"', 3, [], 'bi'),
]);

describe('impact table', () => {
  it('filters by every word and sorts by any column', () => {
    assert.deepEqual(
      filterAndSort(rows, '', 'distance').map((r) => r.name),
      ['stg_orders', 'fct_orders', 'report, "daily"'],
    );
    assert.deepEqual(
      filterAndSort(rows, 'orders analytics', 'name', true).map((r) => r.name),
      ['stg_orders', 'fct_orders'],
    );
  });

  it('counts by owner and namespace', () => {
    assert.deepEqual(countBy(rows, 'owners'), [
      ['team:analytics', 2],
      ['(none)', 1],
      ['team:data', 1],
    ]);
    assert.deepEqual(countBy(rows, 'namespace'), [
      ['wh', 2],
      ['bi', 1],
    ]);
  });

  it('writes RFC 4180 CSV with quoting and formula defusing', () => {
    const csv = toCsv([rows[2]!, { ...rows[0]!, name: '=cmd()' }]);
    assert.equal(
      csv,
      'distance,kind,namespace,name,field,owners,tags,transformation,lastRun\r\n' +
        '3,DATASET,bi,"report, ""daily""",,,pii,,\r\n' +
        "2,DATASET,wh,'=cmd(),,team:analytics,pii,,\r\n",
    );
  });
});
