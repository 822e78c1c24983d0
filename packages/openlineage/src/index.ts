export const OPENLINEAGE_SPEC_VERSION = '2-0-2';
export * from './types.js';
export { validateEvent, parseEventJson, parseJson, describeProblems, detectEventKind } from './validation/validate-event.js';
export { STANDARD_FACETS, type FacetLocation, type StandardFacet } from './validation/facet-schemas.js';
export { isDateTime, isUri, isUuid } from './validation/formats.js';
export { toJsonPointer } from './validation/json-pointer.js';
