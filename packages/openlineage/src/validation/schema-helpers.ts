import { z } from 'zod';
import { isDateTime, isUri, isUuid } from './formats.js';

// Small zod building blocks that mirror JSON Schema keywords of the spec.

export const uriString = z.string().refine(isUri, { error: 'must be an absolute URI (RFC 3986)' });
export const uuidString = z.string().refine(isUuid, { error: 'must be a UUID' });
/** RFC 3339 date-time with an offset, as `format: date-time` requires. */
export const dateTimeString = z.string().refine((text) => isDateTime(text, true), {
  error: 'must be an RFC 3339 date-time with an offset (e.g. 2024-05-01T12:00:00.000Z)',
});
export const integer = z.number().refine(Number.isInteger, { error: 'must be an integer' });

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"type": "object"}` without looking inside: facet maps are checked facet by facet. */
export const anyObject = z.custom<Record<string, unknown>>(isPlainObject, { error: 'must be an object' });

/** `additionalProperties: <schema>`: an object whose every value matches. */
export function objectOf<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value);
}

/** JSON Schema `oneOf`: exactly one alternative matches. */
export function oneOf(alternatives: readonly z.ZodType[], what: string) {
  return z.unknown().superRefine((value, ctx) => {
    let matches = 0;
    for (const alternative of alternatives) if (alternative.safeParse(value).success) matches++;
    if (matches !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: matches === 0 ? `is not a valid ${what}` : `matches more than one kind of ${what}`,
      });
    }
  });
}

// ---- the base facets of OpenLineage.json ----

const baseFacetShape = { _producer: uriString, _schemaURL: uriString };

/** `BaseFacet`: `_producer` and `_schemaURL` (URIs) are required on every facet. */
export const baseFacet = z.object(baseFacetShape);
/** `JobFacet` and `DatasetFacet` also type `_deleted`. */
export const deletableFacet = z.object({ ...baseFacetShape, _deleted: z.boolean().optional() });

/** A facet: its base (`BaseFacet` or the deletable one) plus its own properties. */
export function facet<S extends z.core.$ZodShape>(base: 'base' | 'deletable', shape: S) {
  return (base === 'base' ? baseFacet : deletableFacet).extend(shape);
}
