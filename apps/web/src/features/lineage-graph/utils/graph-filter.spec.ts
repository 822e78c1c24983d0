import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph } from '../../../api/types.js';
import { filterGraph, tagCounts, taggedIds } from './graph-filter.js';

const graph: LineageGraph = {
  nodes: [
    { id: 'a', kind: 'DATASET', namespace: 'pg', name: 'a', label: 'a' },
    { id: 'j', kind: 'JOB', namespace: 'dbt', name: 'j', label: 'j' },
    { id: 'b', kind: 'DATASET', namespace: 'wh', name: 'b', label: 'b' },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'j', kind: 'INPUT_TO' },
    { id: 'e2', source: 'j', target: 'b', kind: 'OUTPUTS' },
  ],
  truncated: false,
};

describe('filterGraph', () => {
  it('is the identity with nothing hidden', () => {
    assert.equal(filterGraph(graph, { hiddenNamespaces: new Set(), hiddenKinds: new Set() }), graph);
  });
  it('bridges hidden jobs with dataset-to-dataset edges', () => {
    const out = filterGraph(graph, { hiddenNamespaces: new Set(), hiddenKinds: new Set(['JOB']) });
    assert.deepEqual(
      out.nodes.map((n) => n.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      out.edges.map((e) => [e.source, e.target, e.kind]),
      [['a', 'b', 'VIA_JOB']],
    );
  });
  it('drops a namespace and its edges', () => {
    const out = filterGraph(graph, { hiddenNamespaces: new Set(['wh']), hiddenKinds: new Set() });
    assert.deepEqual(
      out.edges.map((e) => e.id),
      ['e1'],
    );
  });
});

describe('tag filter', () => {
  const columns: LineageGraph = {
    nodes: [
      { id: 'src', kind: 'DATASET', namespace: 'pg', name: 'users', label: 'users' },
      { id: 'src.email', kind: 'FIELD', namespace: 'pg', name: 'users', field: 'email', label: 'email' },
      { id: 'load', kind: 'JOB', namespace: 'dbt', name: 'load', label: 'load' },
      { id: 'dst', kind: 'DATASET', namespace: 'wh', name: 'users', label: 'users' },
      { id: 'dst.email', kind: 'FIELD', namespace: 'wh', name: 'users', field: 'email', label: 'email' },
      { id: 'other', kind: 'DATASET', namespace: 'wh', name: 'other', label: 'other' },
      { id: 'report', kind: 'JOB', namespace: 'dbt', name: 'report', label: 'report' },
    ],
    edges: [
      { id: 'e1', source: 'src', target: 'load', kind: 'INPUT_TO' },
      { id: 'e2', source: 'load', target: 'dst', kind: 'OUTPUTS' },
      { id: 'e3', source: 'src.email', target: 'dst.email', kind: 'FEEDS' },
      { id: 'e4', source: 'other', target: 'report', kind: 'INPUT_TO' },
    ],
    truncated: false,
  };
  const tags = new Map([
    ['src', { tags: ['finance'], classifications: [] }],
    ['src.email', { tags: [], classifications: ['PII'] }],
    ['dst.email', { tags: [], classifications: ['PII'] }],
    ['other', { tags: ['finance', 'daily'], classifications: [] }],
    ['load', { tags: ['daily'], classifications: [] }],
  ]);

  it('counts every tag and classification, most used first', () => {
    assert.deepEqual(tagCounts(columns, tags), [
      { tag: 'daily', count: 2 },
      { tag: 'finance', count: 2 },
      { tag: 'PII', count: 2 },
    ]);
  });

  it('selects nothing without a chosen tag', () => {
    assert.equal(taggedIds(columns, tags, new Set()), undefined);
  });

  it('keeps matching columns with their datasets, the root, and jobs that still connect', () => {
    const only = taggedIds(columns, tags, new Set(['PII']), 'other');
    assert.deepEqual([...only!].sort(), ['dst', 'dst.email', 'other', 'src', 'src.email']);
    const out = filterGraph(columns, { hiddenNamespaces: new Set(), hiddenKinds: new Set(), onlyIds: only! });
    assert.deepEqual(out.nodes.map((n) => n.id).sort(), [
      'dst',
      'dst.email',
      'load',
      'other',
      'report',
      'src',
      'src.email',
    ]);
  });

  it('hides datasets without the tag and the jobs left with nothing shown', () => {
    const only = taggedIds(columns, tags, new Set(['daily']));
    const out = filterGraph(columns, { hiddenNamespaces: new Set(), hiddenKinds: new Set(), onlyIds: only! });
    assert.deepEqual(out.nodes.map((n) => n.id).sort(), ['other', 'report']);
    assert.deepEqual(
      out.edges.map((e) => e.id),
      ['e4'],
    );
  });
});
