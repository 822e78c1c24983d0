import type { FeedsRow } from '../graph/read/read-rows.js';
import { TransformationKind } from '../lineage/dto/lineage-enums.js';

const ORDER = [
  TransformationKind.IDENTITY,
  TransformationKind.TRANSFORMATION,
  TransformationKind.MASKED,
  TransformationKind.AGGREGATION,
  TransformationKind.INDIRECT,
];

const STRENGTH = new Map(ORDER.map((kind, index) => [kind, index]));

export function stronger(a: TransformationKind | null, b: TransformationKind | null): TransformationKind | null {
  if (a === null) return b;
  if (b === null) return a;
  return STRENGTH.get(a)! >= STRENGTH.get(b)! ? a : b;
}

function fromTypeSubtype(
  type: string | null | undefined,
  subtype: string | null | undefined,
): TransformationKind | null {
  const t = type?.toUpperCase();
  const s = subtype?.toUpperCase();
  if (t === 'INDIRECT') return TransformationKind.INDIRECT;
  if (s === 'AGGREGATION') return TransformationKind.AGGREGATION;
  if (s === 'TRANSFORMATION') return TransformationKind.TRANSFORMATION;
  if (s === 'IDENTITY') return TransformationKind.IDENTITY;
  return t === 'DIRECT' ? TransformationKind.TRANSFORMATION : null;
}

/**
 * Edge rows of the in-memory column copy are shared by every edge with the
 * same job and mapping, so the thousands of items of an impact answer
 * classify a few hundred distinct rows; rows read from Neo4j are new objects
 * and simply miss.
 */
const classified = new WeakMap<FeedsRow, TransformationKind | null>();

/** The strongest change one column lineage edge makes; null when the producer said nothing about it. */
export function classifyFeeds(edge: FeedsRow | null): TransformationKind | null {
  if (!edge) return null;
  const known = classified.get(edge);
  if (known !== undefined) return known;
  const kind = classifyUncached(edge);
  classified.set(edge, kind);
  return kind;
}

function classifyUncached(edge: FeedsRow): TransformationKind | null {
  let kind = fromTypeSubtype(edge.type, edge.subtype);
  for (const entry of edge.transformations ?? []) {
    const [type, subtype] = entry.split('/');
    kind = stronger(kind, fromTypeSubtype(type, subtype));
  }
  if (edge.masking === true) kind = stronger(kind, TransformationKind.MASKED);
  return kind;
}
