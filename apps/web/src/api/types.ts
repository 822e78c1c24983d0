// The shapes the UI's graph code works on. Enums and inputs come from the
// types generated from apps/api/schema.graphql (npm run codegen); the node,
// edge and impact shapes stay loose (tests build them by hand) and the checks
// at the end fail to compile when a generated answer no longer fits them.
import type {
  ImpactQuery,
  LineageGraphFieldsFragment,
  LineageDirection,
  LineageGranularity,
  NodeKind,
  NodeRef,
} from './generated/graphql.js';

export type { LineageDirection, LineageGranularity, NodeKind, NodeRef };

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

type Fits<T extends U, U> = T;
/** What the API answers must be usable where the UI expects these shapes. */
export type GeneratedFits = [
  Fits<LineageGraphFieldsFragment, LineageGraph>,
  Fits<LineageGraphFieldsFragment['nodes'][number], LineageNode>,
  Fits<ImpactQuery['impact']['items'][number], ImpactedItem>,
];
