/** A synthetic lineage graph in the GraphQL `LineageGraph` shape, for the UI render benchmark. */
export type SyntheticGraph = {
  nodes: Array<{
    id: string;
    kind: 'DATASET' | 'JOB';
    namespace: string;
    name: string;
    field: null;
    label: string;
    clusterSize: null;
  }>;
  edges: Array<{ id: string; source: string; target: string; kind: string }>;
  truncated: boolean;
};

/**
 * About `total` nodes, half datasets and half jobs, in alternating layers
 * ~12 datasets deep, like a warehouse: each job reads 1-3 datasets of the
 * layer before and writes 1-2 datasets. Deterministic for a given size.
 */
export function syntheticLineage(total: number): SyntheticGraph {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const layers = 12;
  const perLayer = Math.max(1, Math.round(total / 2 / layers));
  const nodes: SyntheticGraph['nodes'] = [];
  const edges: SyntheticGraph['edges'] = [];
  const dataset = (layer: number, i: number) => `dataset:bench:l${layer}.t${i}`;
  const add = (id: string, kind: 'DATASET' | 'JOB', name: string) =>
    nodes.push({
      id,
      kind,
      namespace: kind === 'JOB' ? 'airflow://bench' : 'postgres://bench:5432',
      name,
      field: null,
      label: name,
      clusterSize: null,
    });
  for (let i = 0; i < perLayer; i++) add(dataset(0, i), 'DATASET', `l0.t${i}`);
  for (let layer = 1; nodes.length < total; layer++) {
    let written = 0;
    for (let j = 0; written < perLayer && nodes.length < total; j++) {
      const job = `job:bench:l${layer}.job${j}`;
      add(job, 'JOB', `l${layer}.job${j}`);
      const reads = 1 + Math.floor(random() * 3);
      for (let r = 0; r < reads; r++) {
        const source = dataset(layer - 1, Math.floor(random() * perLayer));
        if (!edges.some((e) => e.source === source && e.target === job))
          edges.push({ id: `${source}>${job}`, source, target: job, kind: 'INPUT_TO' });
      }
      const writes = 1 + Math.floor(random() * 2);
      for (let w = 0; w < writes && written < perLayer && nodes.length < total; w++, written++) {
        const target = dataset(layer, written);
        add(target, 'DATASET', `l${layer}.t${written}`);
        edges.push({ id: `${job}>${target}`, source: job, target, kind: 'OUTPUTS' });
      }
    }
  }
  return { nodes, edges, truncated: false };
}
