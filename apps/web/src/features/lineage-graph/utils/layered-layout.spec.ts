import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layeredLayout } from './layered-layout.js';

const box = (id: string) => ({ id, width: 100, height: 30 });

describe('layeredLayout', () => {
  it('puts every edge left to right', () => {
    const edges = [
      { source: 'a', target: 'j' },
      { source: 'b', target: 'j' },
      { source: 'j', target: 'c' },
      { source: 'c', target: 'k' },
      { source: 'k', target: 'd' },
    ];
    const at = layeredLayout(['a', 'b', 'j', 'c', 'k', 'd'].map(box), edges);
    for (const { source, target } of edges) assert.ok(at.get(source)!.x < at.get(target)!.x, `${source} → ${target}`);
    assert.equal(at.get('a')!.x, at.get('b')!.x);
    assert.notEqual(at.get('a')!.y, at.get('b')!.y);
  });

  it('pulls a late source next to its consumer', () => {
    const at = layeredLayout(['a', 'j', 'b', 'k', 'c', 'late'].map(box), [
      { source: 'a', target: 'j' },
      { source: 'j', target: 'b' },
      { source: 'b', target: 'k' },
      { source: 'late', target: 'k' },
      { source: 'k', target: 'c' },
    ]);
    assert.equal(at.get('late')!.x, at.get('b')!.x);
  });

  it('survives cycles, self loops and unknown ids, and places every box without overlap', () => {
    const ids = ['a', 'b', 'c', 'lonely'];
    const at = layeredLayout(ids.map(box), [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'a', target: 'a' },
      { source: 'a', target: 'ghost' },
    ]);
    assert.equal(at.size, 4);
    const seen = new Set([...at.values()].map((p) => `${p.x},${p.y}`));
    assert.equal(seen.size, 4);
  });

  it('lays out 2,000 nodes quickly', () => {
    const boxes = Array.from({ length: 2000 }, (_, i) => box(`n${i}`));
    const edges = boxes.slice(200).map((b, i) => ({ source: `n${(i * 7) % (i + 200)}`, target: b.id }));
    const started = performance.now();
    const at = layeredLayout(boxes, edges);
    assert.equal(at.size, 2000);
    assert.ok(performance.now() - started < 1000);
  });
});
