import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { opaqueId, redactGraph, restrictNode, RESTRICTED } from './redact.js';

const node = (id: string, namespace: string, name: string, field: string | null = null) => ({
  id,
  kind: field ? 'FIELD' : 'DATASET',
  namespace,
  name,
  field,
  label: field ?? name,
  clusterSize: null as number | null,
  clusterOf: null as string | null,
  aliases: [{ namespace, name: `${name}_alias` }],
});

describe('restrictNode', () => {
  it('keeps kind and counts, hides every name', () => {
    const hidden = restrictNode({ ...node('dataset:b:secret', 'b', 'secret'), clusterSize: 7 });
    assert.equal(hidden.kind, 'DATASET');
    assert.equal(hidden.clusterSize, 7);
    assert.equal(hidden.namespace, RESTRICTED);
    assert.equal(hidden.name, RESTRICTED);
    assert.equal(hidden.label, RESTRICTED);
    assert.equal(hidden.field, null);
    assert.deepEqual(hidden.aliases, []);
    assert.ok(!JSON.stringify(hidden).includes('secret'));
    assert.equal(hidden.id, opaqueId('dataset:b:secret'), 'stable');
  });

  it('hides a field path but keeps that it is a field', () => {
    const hidden = restrictNode(node('field:b:t:ssn', 'b', 't', 'ssn'));
    assert.equal(hidden.kind, 'FIELD');
    assert.equal(hidden.field, RESTRICTED);
  });
});

describe('redactGraph', () => {
  it('rewrites ids consistently so edges still connect and totals stay', () => {
    const graph = {
      nodes: [node('dataset:a:x', 'a', 'x'), node('dataset:b:y', 'b', 'y'), node('dataset:b:z', 'b', 'z')],
      edges: [
        { id: 'dataset:a:x->dataset:b:y', source: 'dataset:a:x', target: 'dataset:b:y', kind: 'DERIVES', job: null },
        { id: 'dataset:b:y->dataset:b:z', source: 'dataset:b:y', target: 'dataset:b:z', kind: 'DERIVES', job: null },
      ],
    };
    const out = redactGraph(graph, (ns) => ns === 'a');
    assert.equal(out.nodes.length, 3);
    assert.equal(out.edges.length, 2);
    const ids = new Set(out.nodes.map((n) => n.id));
    for (const edge of out.edges) {
      assert.ok(ids.has(edge.source) && ids.has(edge.target), 'edges point at nodes in the answer');
    }
    assert.equal(out.nodes[0]?.name, 'x');
    const text = JSON.stringify(out);
    assert.ok(!text.includes('dataset:b:'), text);
  });

  it('returns the graph untouched when everything is readable', () => {
    const graph = { nodes: [node('dataset:a:x', 'a', 'x')], edges: [] };
    assert.equal(
      redactGraph(graph, () => true),
      graph,
    );
  });
});
