import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inherited, propagate, type PropagationStep } from './propagation.js';

/** An in-memory column lineage: edges "a>b", blocks per column. */
function lineage(edges: string[], blocked: Record<string, string[]> = {}) {
  const steps: PropagationStep[] = edges.map((edge) => {
    const [from = '', to = ''] = edge.split('>');
    return { from, to, jobId: `job-${from}-${to}`, toBlocked: blocked[to] ?? [] };
  });
  return async (ids: string[]) => steps.filter((step) => ids.includes(step.from));
}

describe('propagate', () => {
  it('follows a three-job chain and records the shortest path', async () => {
    const reached = await propagate(
      'PII',
      ['a.email'],
      lineage(['a.email>b.email', 'b.email>c.contact', 'c.contact>d.hash', 'x.other>d.other']),
    );
    assert.deepEqual([...reached.keys()].sort(), ['a.email', 'b.email', 'c.contact', 'd.hash']);
    assert.deepEqual(reached.get('d.hash')?.path, ['a.email', 'b.email', 'c.contact', 'd.hash']);
    assert.equal(reached.get('d.hash')?.distance, 3);
    assert.equal(reached.get('d.hash')?.sourceId, 'a.email');
  });

  it('stops at a blocked column for that classification only', async () => {
    const fetch = lineage(['a>b', 'b>c', 'a>d'], { b: ['PII'], d: ['Confidential'] });
    assert.deepEqual([...(await propagate('PII', ['a'], fetch)).keys()].sort(), ['a', 'd']);
    assert.deepEqual([...(await propagate('Confidential', ['a'], fetch)).keys()].sort(), ['a', 'b', 'c']);
    const all = lineage(['a>b', 'b>c'], { b: ['*'] });
    assert.deepEqual([...(await propagate('PII', ['a'], all)).keys()], ['a']);
  });

  it('still reaches a column through another unblocked path', async () => {
    const fetch = lineage(['a>b', 'b>c', 'a>e', 'e>c'], { b: ['PII'] });
    const reached = await propagate('PII', ['a'], fetch);
    assert.deepEqual(reached.get('c')?.path, ['a', 'e', 'c']);
  });

  it('terminates on cycles and respects the depth cap', async () => {
    const cycle = lineage(['a>b', 'b>c', 'c>a']);
    assert.equal((await propagate('PII', ['a'], cycle)).size, 3);
    const chain = lineage(['a>b', 'b>c', 'c>d']);
    assert.deepEqual([...(await propagate('PII', ['a'], chain, 2)).keys()].sort(), ['a', 'b', 'c']);
  });
});

describe('inherited', () => {
  /** Upstream view of the same in-memory lineage: classifications and blocks per column. */
  function upstream(edges: string[], classified: Record<string, string[]>, blocked: Record<string, string[]> = {}) {
    return async (ids: string[]) =>
      edges
        .map((edge) => edge.split('>') as [string, string])
        .filter(([, to]) => ids.includes(to))
        .map(([from, to]) => ({
          from,
          to,
          fromBlocked: blocked[from] ?? [],
          fromClassifications: classified[from] ?? [],
        }));
  }

  it('agrees with propagate on a chain with a block and a second path', async () => {
    const edges = ['a>b', 'b>c', 'a>e', 'e>c', 'c>d', 'x>d'];
    const blocked = { b: ['PII'] };
    const down = await propagate('PII', ['a'], lineage(edges, blocked));
    for (const column of ['b', 'c', 'd', 'e', 'x']) {
      const found = (
        await inherited(
          column,
          blocked[column as 'b'] ?? [],
          upstream(edges, { a: ['PII'], x: ['Confidential'] }, blocked),
        )
      ).get('PII');
      assert.equal(Boolean(found), down.has(column), column);
      if (found) assert.equal(found.path.length, down.get(column)?.path.length, `${column}: shortest path`);
    }
    const d = await inherited('d', [], upstream(edges, { a: ['PII'], x: ['Confidential'] }, blocked));
    assert.deepEqual([...d.keys()], ['Confidential', 'PII']);
    assert.deepEqual(d.get('PII')?.path, ['a', 'e', 'c', 'd']);
  });

  it('inherits nothing into a column that blocks it', async () => {
    const found = await inherited('b', ['*'], upstream(['a>b'], { a: ['PII'] }));
    assert.equal(found.size, 0);
  });
});
