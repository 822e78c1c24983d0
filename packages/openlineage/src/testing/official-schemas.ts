import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { EventKind } from '../types.js';
import { STANDARD_FACETS, type FacetLocation } from '../validation/facet-schemas.js';

// The official OpenLineage JSON Schemas loaded with ajv: the yardstick of the
// conformance tests (test support only; ajv is a devDependency).

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 };

const STUB_FACET = { _producer: 'https://example.com/producer', _schemaURL: 'https://example.com/schema' };

export interface OfficialSchemas {
  /** Errors of the event's structure against the `$defs/<kind>` definition, each facet replaced by a valid stub. */
  structureErrors(event: unknown, kind: EventKind): ErrorObject[];
  /** Errors of one facet against its official definition. */
  facetErrors(location: FacetLocation, name: string, facet: unknown): ErrorObject[];
  /** `$id` of every facet schema file, by file name. */
  facetFiles: ReadonlyMap<string, string>;
}

export function loadOfficialSchemas(specDir: string): OfficialSchemas {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const core = JSON.parse(readFileSync(join(specDir, 'OpenLineage.json'), 'utf8')) as { $id: string };
  // The facet schemas refer to OpenLineage.json by its $id: register it first.
  ajv.addSchema(core);
  const facetFiles = new Map<string, string>();
  for (const file of readdirSync(join(specDir, 'facets'))
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(specDir, 'facets', file), 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    facetFiles.set(file, schema.$id);
  }
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string): ValidateFunction => {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema at ${ref}`);
      compiled.set(ref, validate);
    }
    return validate;
  };
  return {
    facetFiles,
    structureErrors(event, kind) {
      const validate = validator(`${core.$id}#/$defs/${kind}`);
      return validate(stubFacets(event)) ? [] : [...(validate.errors ?? [])];
    },
    facetErrors(location, name, facet) {
      const standard = STANDARD_FACETS[location][name];
      if (!standard) throw new Error(`${name} is not a standard ${location} facet`);
      const id = facetFiles.get(standard.spec.file);
      if (!id) throw new Error(`no spec file ${standard.spec.file}`);
      const validate = validator(`${id}#/$defs/${standard.spec.definition}`);
      return validate(facet) ? [] : [...(validate.errors ?? [])];
    },
  };
}

/** JSON Pointer an ajv error is about (for `required`, the missing property itself). */
export function errorPointer(error: ErrorObject): string {
  if (error.keyword === 'required') {
    return `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`;
  }
  return error.instancePath;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stubMap(owner: unknown, key: string): void {
  if (!isObject(owner) || !isObject(owner[key])) return;
  owner[key] = Object.fromEntries(Object.keys(owner[key]).map((name) => [name, STUB_FACET]));
}

/** A copy of the event whose facets are all valid stubs, so only its structure is judged. */
export function stubFacets(event: unknown): unknown {
  if (!isObject(event)) return event;
  const copy = structuredClone(event);
  stubMap(copy.run, 'facets');
  stubMap(copy.job, 'facets');
  stubMap(copy.dataset, 'facets');
  for (const key of ['inputs', 'outputs']) {
    const datasets = copy[key];
    if (!Array.isArray(datasets)) continue;
    for (const dataset of datasets) {
      stubMap(dataset, 'facets');
      stubMap(dataset, 'inputFacets');
      stubMap(dataset, 'outputFacets');
    }
  }
  return copy;
}
