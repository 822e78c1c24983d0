import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import cytoscape from 'cytoscape';
import type { LineageGraph } from '../../../api/types.js';
import { applyElements } from './apply-elements.js';
import { toCyElements } from './to-cy-elements.js';

// Real Cytoscape, headless: the same calls the graph view makes in the browser.
const graph = (extra: boolean): LineageGraph => ({
  nodes: [
    { id: 'a', kind: 'DATASET', namespace: 'n', name: 'a', label: 'a' },
    { id: 'j', kind: 'JOB', namespace: 'n', name: 'j', label: 'j' },
    { id: 'b', kind: 'DATASET', namespace: 'n', name: 'b', label: 'b' },
    ...(extra ? [{ id: 'c', kind: 'DATASET' as const, namespace: 'n', name: 'c', label: 'c' }] : []),
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'j', kind: 'INPUT_TO' },
    { id: 'e2', source: 'j', target: 'b', kind: 'OUTPUTS' },
    ...(extra ? [{ id: 'e3', source: 'j', target: 'c', kind: 'OUTPUTS' }] : []),
  ],
  truncated: false,
});

describe('applyElements on a headless cytoscape', () => {
  it('adds placed nodes, then applies a diff by id without touching the rest', () => {
    const cy = cytoscape({ headless: true });
    let shown = applyElements(cy, new Map(), toCyElements(graph(true)), new Map([['a', { x: 1, y: 2 }]]));
    assert.equal(cy.nodes().length, 4);
    assert.equal(cy.edges().length, 3);
    assert.deepEqual(cy.getElementById('a').position(), { x: 1, y: 2 });
    const kept = cy.getElementById('b');

    shown = applyElements(cy, shown, toCyElements(graph(false), new Map([['j', 'FAIL']])));
    assert.equal(cy.getElementById('c').length, 0, 'removed');
    assert.equal(cy.getElementById('e3').length, 0, 'its edge too');
    assert.ok(cy.getElementById('j').hasClass('state-fail'), 'updated in place');
    assert.equal(cy.getElementById('b'), kept, 'the same element object, not a rebuild');
    assert.equal(shown.size, 5);
  });

  it('moves nodes already shown when a layout arrives', () => {
    const cy = cytoscape({ headless: true });
    const shown = applyElements(cy, new Map(), toCyElements(graph(false)));
    applyElements(cy, shown, toCyElements(graph(false)), new Map([['j', { x: 50, y: 60 }]]));
    assert.deepEqual(cy.getElementById('j').position(), { x: 50, y: 60 });
  });

  it('nests column-mode fields in their dataset compound', () => {
    const cy = cytoscape({ headless: true });
    applyElements(
      cy,
      new Map(),
      toCyElements({
        nodes: [
          { id: 'f1', kind: 'FIELD', namespace: 'n', name: 't', field: 'x', label: 't.x' },
          { id: 'f2', kind: 'FIELD', namespace: 'n', name: 'u', field: 'y', label: 'u.y' },
        ],
        edges: [{ id: 'e', source: 'f1', target: 'f2', kind: 'FEEDS' }],
        truncated: false,
      }),
    );
    assert.deepEqual(
      cy
        .getElementById('f1')
        .parent()
        .map((node) => node.id()),
      ['dataset:n:t'],
    );
    assert.ok(cy.getElementById('dataset:n:t').isParent());
  });
});
