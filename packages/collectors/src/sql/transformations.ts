import type { Transformation } from './types.js';

export const IDENTITY: Transformation = { type: 'DIRECT', subtype: 'IDENTITY' };
export const TRANSFORM: Transformation = { type: 'DIRECT', subtype: 'TRANSFORMATION' };
export const AGGREGATE: Transformation = { type: 'DIRECT', subtype: 'AGGREGATION' };
export const indirect = (subtype: Transformation['subtype']): Transformation => ({ type: 'INDIRECT', subtype });

const DIRECT_RANK: Record<string, number> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/** The transformation of `inner` seen through `outer` (outer applied last). */
export function compose(outer: Transformation, inner: Transformation): Transformation {
  const pick =
    outer.type === 'INDIRECT'
      ? outer
      : inner.type === 'INDIRECT'
        ? inner
        : (DIRECT_RANK[inner.subtype] ?? 0) > (DIRECT_RANK[outer.subtype] ?? 0)
          ? inner
          : outer;
  const masking = pick.type === 'DIRECT' && (outer.masking === true || inner.masking === true);
  return masking ? { type: pick.type, subtype: pick.subtype, masking } : { type: pick.type, subtype: pick.subtype };
}
