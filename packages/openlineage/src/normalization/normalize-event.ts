import type { DatasetRename, OpenLineageEvent } from '../types.js';
import { toJsonPointer } from '../validation/json-pointer.js';
import { normalizeDatasetIdentity, type DatasetIdentity } from './normalize-dataset.js';
import { DEFAULT_NORMALIZATION_RULES, type NormalizationRules } from './normalization-rules.js';

export interface NormalizeOptions {
  /** JSON Pointers of facets to leave raw (validateEvent's `unusableFacets`). */
  unusableFacets?: ReadonlySet<string>;
}

export interface NormalizedEvent<E extends OpenLineageEvent = OpenLineageEvent> {
  event: E;
  /** Every identity that changed, once each: the original stays an alias of the canonical one. */
  renamed: DatasetRename[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Renamer {
  readonly renamed: DatasetRename[] = [];
  // Column lineage repeats a few identities many times: normalize each once per event.
  private readonly known = new Map<string, DatasetIdentity | null>();

  constructor(private readonly rules: NormalizationRules) {}

  /** `holder` with its namespace/name normalized: the same object when nothing changes, else a copy. */
  identity<T extends Json>(holder: T): T {
    const { namespace, name } = holder;
    if (typeof namespace !== 'string' || typeof name !== 'string') return holder;
    const key = `${namespace}\u0000${name}`;
    let to = this.known.get(key);
    if (to === undefined) {
      const normalized = normalizeDatasetIdentity(namespace, name, this.rules);
      to = normalized.namespace === namespace && normalized.name === name ? null : normalized;
      this.known.set(key, to);
      if (to) this.renamed.push({ from: { namespace, name }, to });
    }
    return to ? { ...holder, namespace: to.namespace, name: to.name } : holder;
  }

  /** Maps an array copy-on-write: the same array when no item changes. */
  list(items: unknown, map: (item: Json, index: number) => Json): unknown {
    if (!Array.isArray(items)) return items;
    let changed = false;
    const mapped = items.map((item: unknown, index) => {
      if (!isObject(item)) return item;
      const next = map(item, index);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? mapped : items;
  }
}

/** Dataset identities inside dataset facets: symlinks, column lineage inputs, a renamed table's previous name. */
function normalizeFacets(facets: unknown, pointer: string, renamer: Renamer, skip: ReadonlySet<string>): unknown {
  if (!isObject(facets)) return facets;
  let copy: Json | undefined;
  const set = (key: string, value: unknown) => {
    if (value === facets[key]) return;
    copy ??= { ...facets };
    copy[key] = value;
  };
  const usable = (key: string) => isObject(facets[key]) && !skip.has(pointer + toJsonPointer([key]));

  if (usable('symlinks')) {
    const symlinks = facets.symlinks as Json;
    const identifiers = renamer.list(symlinks.identifiers, (identifier) => renamer.identity(identifier));
    if (identifiers !== symlinks.identifiers) set('symlinks', { ...symlinks, identifiers });
  }
  if (usable('columnLineage')) {
    const lineage = facets.columnLineage as Json;
    let next = lineage;
    if (isObject(lineage.fields)) {
      let fields: Json | undefined;
      for (const [field, entry] of Object.entries(lineage.fields)) {
        if (!isObject(entry)) continue;
        const inputFields = renamer.list(entry.inputFields, (input) => renamer.identity(input));
        if (inputFields === entry.inputFields) continue;
        fields ??= { ...lineage.fields };
        // defineProperty: a column may be called "__proto__".
        Object.defineProperty(fields, field, {
          value: { ...entry, inputFields },
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      if (fields) next = { ...next, fields };
    }
    const dataset = renamer.list(lineage.dataset, (input) => renamer.identity(input));
    if (dataset !== lineage.dataset) next = { ...next, dataset };
    set('columnLineage', next);
  }
  if (usable('lifecycleStateChange')) {
    const change = facets.lifecycleStateChange as Json;
    if (isObject(change.previousIdentifier)) {
      const previous = renamer.identity(change.previousIdentifier);
      if (previous !== change.previousIdentifier)
        set('lifecycleStateChange', { ...change, previousIdentifier: previous });
    }
  }
  return copy ?? facets;
}

function normalizeDataset(dataset: Json, pointer: string, renamer: Renamer, skip: ReadonlySet<string>): Json {
  const renamed = renamer.identity(dataset);
  const facets = normalizeFacets(dataset.facets, `${pointer}/facets`, renamer, skip);
  if (facets === dataset.facets) return renamed;
  return { ...renamed, facets };
}

/**
 * Applies the dataset-identity rules to every dataset of an event (inputs,
 * outputs, a DatasetEvent's dataset, symlink identifiers, column-lineage inputs,
 * a lifecycle change's previous identifier). Pure: the input is not modified;
 * unchanged parts are shared with it.
 */
export function normalizeEvent<E extends OpenLineageEvent>(
  event: E,
  rules: NormalizationRules = DEFAULT_NORMALIZATION_RULES,
  options: NormalizeOptions = {},
): NormalizedEvent<E> {
  const renamer = new Renamer(rules);
  const skip = options.unusableFacets ?? new Set<string>();
  const source = event as unknown as Json;
  const next: Json = { ...source };
  for (const key of ['inputs', 'outputs'] as const) {
    next[key] = renamer.list(source[key], (dataset, index) =>
      normalizeDataset(dataset, `/${key}/${index}`, renamer, skip),
    );
    if (next[key] === undefined && !(key in source)) delete next[key];
  }
  if (isObject(source.dataset)) next.dataset = normalizeDataset(source.dataset, '/dataset', renamer, skip);
  if (renamer.renamed.length === 0) return { event, renamed: [] };
  return { event: next as unknown as E, renamed: renamer.renamed };
}
