import type { LineageGraph, LineageNode, RunState } from '../../../api/types.js';

/** What Cytoscape needs of an element; structurally a cytoscape.ElementDefinition. */
export type CyElement = {
  group: 'nodes' | 'edges';
  data: Record<string, string | number | undefined> & { id: string };
  classes: string;
};

export const NODE_HEIGHT = 36;
export const FIELD_HEIGHT = 22;
export const COMPOUND_HEADER = 30;

/** Width a label needs, so layout can run before Cytoscape measures text. */
export function labelWidth(label: string): number {
  return Math.min(240, Math.max(90, Math.round(label.length * 6.8) + 28));
}

/** The dataset that holds a field: by namespace and dataset name, never by parsing ids. */
export function parentDatasetId(field: LineageNode, datasets: Map<string, string>): string {
  return datasets.get(`${field.namespace}\u0000${field.name}`) ?? `dataset:${field.namespace}:${field.name}`;
}

/**
 * Lineage graph → Cytoscape elements. In column mode each field becomes a
 * child of its dataset's compound node (made up when the API sent only the
 * field). `states` colours jobs by their last run.
 */
export function toCyElements(graph: LineageGraph, states: ReadonlyMap<string, RunState> = new Map()): CyElement[] {
  const datasets = new Map<string, string>();
  for (const node of graph.nodes)
    if (node.kind === 'DATASET') datasets.set(`${node.namespace}\u0000${node.name}`, node.id);
  const elements: CyElement[] = [];
  const ids = new Set<string>();
  const push = (element: CyElement) => {
    ids.add(element.data.id);
    elements.push(element);
  };
  const fieldCount = new Map<string, number>();
  for (const node of graph.nodes) {
    if (node.kind !== 'FIELD') continue;
    const parent = parentDatasetId(node, datasets);
    fieldCount.set(parent, (fieldCount.get(parent) ?? 0) + 1);
  }
  for (const node of graph.nodes) {
    if (node.kind === 'FIELD') continue;
    const state = states.get(node.id);
    const classes = [
      node.kind.toLowerCase(),
      node.clusterSize ? 'cluster' : '',
      state ? `state-${state.toLowerCase()}` : '',
    ];
    push({
      group: 'nodes',
      data: {
        id: node.id,
        label: node.label,
        kind: node.kind,
        namespace: node.namespace,
        name: node.name,
        w: labelWidth(node.label),
        h: NODE_HEIGHT,
        ...(state ? { state } : {}),
      },
      classes: classes.filter(Boolean).join(' ') + (fieldCount.has(node.id) ? ' compound' : ''),
    });
  }
  for (const [parent] of fieldCount) {
    if (ids.has(parent)) continue;
    const sample = graph.nodes.find((n) => n.kind === 'FIELD' && parentDatasetId(n, datasets) === parent)!;
    push({
      group: 'nodes',
      data: {
        id: parent,
        label: sample.name,
        kind: 'DATASET',
        namespace: sample.namespace,
        name: sample.name,
        w: labelWidth(sample.name),
        h: NODE_HEIGHT,
      },
      classes: 'dataset compound',
    });
  }
  for (const node of graph.nodes) {
    if (node.kind !== 'FIELD') continue;
    const label = node.field ?? node.label;
    push({
      group: 'nodes',
      data: {
        id: node.id,
        label,
        kind: 'FIELD',
        namespace: node.namespace,
        name: node.name,
        field: label,
        parent: parentDatasetId(node, datasets),
        w: labelWidth(label),
        h: FIELD_HEIGHT,
      },
      classes: 'field',
    });
  }
  for (const edge of graph.edges) {
    // Nesting already shows which dataset holds a field.
    if (edge.kind === 'HAS_FIELD') continue;
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    push({
      group: 'edges',
      data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind },
      classes: edge.kind.toLowerCase(),
    });
  }
  return elements;
}

export type ElementDiff = {
  add: CyElement[];
  remove: string[];
  update: CyElement[];
};

/**
 * What to change so the elements already shown become `next`, by id: the
 * graph view applies this inside one cy.batch() instead of rebuilding.
 */
export function diffElements(current: ReadonlyMap<string, CyElement>, next: readonly CyElement[]): ElementDiff {
  const nextIds = new Set(next.map((element) => element.data.id));
  const diff: ElementDiff = { add: [], remove: [], update: [] };
  for (const id of current.keys()) if (!nextIds.has(id)) diff.remove.push(id);
  for (const element of next) {
    const before = current.get(element.data.id);
    if (!before) diff.add.push(element);
    else if (before.classes !== element.classes || JSON.stringify(before.data) !== JSON.stringify(element.data))
      diff.update.push(element);
  }
  return diff;
}

/** Merges a lazily loaded neighbourhood into what is shown; nodes and edges by id. */
export function mergeGraphs(base: LineageGraph, extra: LineageGraph): LineageGraph {
  const nodes = new Map(base.nodes.map((node) => [node.id, node]));
  for (const node of extra.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const edges = new Map(base.edges.map((edge) => [edge.id, edge]));
  for (const edge of extra.edges) if (!edges.has(edge.id)) edges.set(edge.id, edge);
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: base.truncated || extra.truncated };
}
