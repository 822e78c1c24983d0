export const OPENLINEAGE_SPEC_VERSION = '2-0-2';
export * from './types.js';
export {
  validateEvent,
  parseEventJson,
  parseJson,
  describeProblems,
  detectEventKind,
  MAX_PROBLEMS,
} from './validation/validate-event.js';
export { STANDARD_FACETS, type FacetLocation, type StandardFacet } from './validation/facet-schemas.js';
export { isDateTime, isUri, isUuid } from './validation/formats.js';
export { toJsonPointer } from './validation/json-pointer.js';
export {
  DEFAULT_NORMALIZATION_RULES,
  NormalizationRulesError,
  buildNormalizationRules,
  loadNormalizationRules,
  type NormalizationRules,
  type NormalizationRulesFile,
  type PlatformRule,
} from './normalization/normalization-rules.js';
export { normalizeDatasetIdentity, type DatasetIdentity } from './normalization/normalize-dataset.js';
export { normalizeEvent, type NormalizeOptions, type NormalizedEvent } from './normalization/normalize-event.js';
