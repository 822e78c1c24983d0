// The parts of the GraphQL schema (apps/api/schema.graphql) the UI reads,
// written by hand: the issue-4 contract fixes the lineage and impact shapes.

export type NodeKind = 'DATASET' | 'JOB' | 'FIELD';
export type LineageDirection = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
export type LineageGranularity = 'DATASET' | 'COLUMN';

export type NodeRef = { kind: NodeKind; namespace: string; name: string; field?: string | null };

export type LineageNode = {
  id: string;
  kind: NodeKind;
  namespace: string;
  name: string;
  field?: string | null;
  label: string;
  /** Set on a cluster node that stands for this many hidden neighbours. */
  clusterSize?: number | null;
  /** Set on a server cluster node: the node whose neighbours it groups. */
  clusterOf?: string | null;
};

export type LineageEdge = { id: string; source: string; target: string; kind: string };

export type LineageGraph = { nodes: LineageNode[]; edges: LineageEdge[]; truncated: boolean };

export type RunState = 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT' | 'OTHER';

export type ImpactedItem = {
  node: LineageNode;
  distance: number;
  path: string[];
  owners?: string[] | null;
  tags?: string[] | null;
  classifications?: string[] | null;
  lastSuccessfulRunAt?: string | null;
  strongestTransformation?: string | null;
};
