import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeEvent, loadCorpus, specDir } from './corpus/index.js';
import { errorPointer, loadOfficialSchemas } from './testing/official-schemas.js';
import type { EventKind } from './types.js';
import { STANDARD_FACETS, type FacetLocation } from './validation/facet-schemas.js';
import { isDateTime } from './validation/formats.js';
import { detectEventKind, validateEvent } from './validation/validate-event.js';

// The validator against the official JSON Schemas (ajv, draft 2020-12, formats
// in full mode) on the whole corpus and on broken variants generated from it.
// Structure is compared against the `$defs/<kind>` the event declares (its
// schemaURL fragment, else its shape), facets one by one against their own files.

const official = loadOfficialSchemas(specDir);
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The corpus as events: raw, placeholders substituted, and completed where fields were missing. */
const corpusEvents: { label: string; event: Json }[] = loadCorpus().flatMap((item) => {
  if (!isObject(item.event)) return [];
  const label = `${item.entry.file}#${item.index}`;
  const completed = completeEvent(item.event);
  return completed.added.length > 0
    ? [
        { label, event: item.event },
        { label: `${label} (completed)`, event: completed.event },
      ]
    : [{ label, event: item.event }];
});

/** The one place we knowingly differ: an eventTime without offset is read as UTC (Marquez does). */
function isOffsetlessEventTime(event: Json, errors: { instancePath: string; keyword: string }[]): boolean {
  return (
    errors.length > 0 &&
    errors.every((error) => error.instancePath === '/eventTime' && error.keyword === 'format') &&
    typeof event.eventTime === 'string' &&
    isDateTime(event.eventTime, false) &&
    !isDateTime(event.eventTime, true)
  );
}

function assertSameStructureVerdict(label: string, event: Json): void {
  const kind = detectEventKind(event);
  const errors = official.structureErrors(event, kind);
  const result = validateEvent(event);
  if (result.ok && errors.length > 0 && isOffsetlessEventTime(event, errors)) return;
  assert.equal(
    result.ok,
    errors.length === 0,
    `${label}: ours ${result.ok ? 'accepts' : 'rejects'}, ajv says ${JSON.stringify(errors.map(errorPointer))}`,
  );
  if (!result.ok) {
    const ours = new Set(result.problems.map((problem) => problem.path));
    for (const error of errors) {
      // `not` (a JobEvent with a run) is about the whole event for ajv, about /run for us.
      if (error.keyword === 'not') continue;
      assert.ok(
        ours.has(errorPointer(error)),
        `${label}: ajv names ${errorPointer(error)}, we name ${[...ours].join(', ')}`,
      );
    }
  }
}

/** Every facet map of an event, with where it sits. */
function facetMaps(event: Json, kind: EventKind): { location: FacetLocation; pointer: string; facets: Json }[] {
  const maps: { location: FacetLocation; pointer: string; facets: Json }[] = [];
  const add = (owner: unknown, key: string, location: FacetLocation, pointer: string) => {
    if (isObject(owner) && isObject(owner[key])) maps.push({ location, pointer, facets: owner[key] });
  };
  if (kind === 'DatasetEvent') add(event.dataset, 'facets', 'dataset', '/dataset/facets');
  if (kind === 'RunEvent') add(event.run, 'facets', 'run', '/run/facets');
  if (kind !== 'DatasetEvent') {
    add(event.job, 'facets', 'job', '/job/facets');
    for (const [key, io] of [
      ['inputs', 'inputFacets'],
      ['outputs', 'outputFacets'],
    ] as const) {
      const datasets = event[key];
      if (!Array.isArray(datasets)) continue;
      datasets.forEach((dataset, index) => {
        add(dataset, 'facets', 'dataset', `/${key}/${index}/facets`);
        add(dataset, io, io, `/${key}/${index}/${io}`);
      });
    }
  }
  return maps;
}

function assertSameFacetVerdicts(label: string, event: Json): number {
  const result = validateEvent(event);
  if (!result.ok) return 0;
  const expected: string[] = [];
  let checked = 0;
  for (const { location, pointer, facets } of facetMaps(event, result.kind)) {
    for (const [name, facet] of Object.entries(facets)) {
      if (!STANDARD_FACETS[location][name]) continue;
      checked++;
      if (official.facetErrors(location, name, facet).length > 0) expected.push(`${pointer}/${name}`);
    }
  }
  assert.deepEqual(result.warnings.map((warning) => warning.path).sort(), expected.sort(), label);
  assert.deepEqual([...result.unusableFacets].sort(), expected.sort(), label);
  return checked;
}

// ---- broken variants ----

const clone = (event: Json): Json => structuredClone(event);

function at(event: Json, pointer: string): { parent: Json | unknown[]; key: string } | undefined {
  const keys = pointer.split('/').slice(1);
  let node: unknown = event;
  for (const key of keys.slice(0, -1)) {
    if (isObject(node)) node = node[key];
    else if (Array.isArray(node)) node = node[Number(key)];
    else return undefined;
  }
  const key = keys.at(-1)!;
  if (isObject(node) && key in node) return { parent: node, key };
  if (Array.isArray(node) && Number(key) < node.length) return { parent: node, key };
  return undefined;
}

function variant(event: Json, pointer: string, change: 'drop' | { value: unknown }): Json | undefined {
  const copy = clone(event);
  const target = at(copy, pointer);
  if (!target) return undefined;
  const { parent, key } = target;
  if (change === 'drop') {
    if (Array.isArray(parent)) return undefined;
    delete parent[key];
  } else if (Array.isArray(parent)) {
    parent[Number(key)] = change.value;
  } else {
    parent[key] = change.value;
  }
  return copy;
}

const REQUIRED: Record<EventKind, string[]> = {
  RunEvent: ['/eventTime', '/producer', '/schemaURL', '/run', '/run/runId', '/job', '/job/namespace', '/job/name'],
  JobEvent: ['/eventTime', '/producer', '/schemaURL', '/job', '/job/namespace', '/job/name'],
  DatasetEvent: ['/eventTime', '/producer', '/schemaURL', '/dataset', '/dataset/namespace', '/dataset/name'],
};
const DATASET_REQUIRED = ['/inputs/0/namespace', '/inputs/0/name', '/outputs/0/namespace', '/outputs/0/name'];

const WRONG_VALUES: [string, unknown][] = [
  ['/eventTime', 20240501],
  ['/eventTime', '2024-13-01T00:00:00Z'],
  ['/eventTime', '2023-02-29T00:00:00Z'],
  ['/eventTime', '2024-05-01T25:00:00Z'],
  ['/eventTime', '2024-05-01T12:00:00+24:00'],
  ['/eventTime', '2024-05-01'],
  ['/eventTime', 'yesterday'],
  ['/eventTime', null],
  ['/producer', 'not a uri'],
  ['/producer', 42],
  ['/schemaURL', 'openlineage.io/spec/2-0-2/OpenLineage.json'],
  ['/run', 'run-1'],
  ['/run/runId', '1234'],
  ['/run/runId', '0190a1b2-c3d4-4e5f-8a9b'],
  ['/run/runId', '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5g'],
  ['/run/runId', 1234],
  ['/run/facets', 'facets'],
  ['/job', []],
  ['/job/name', 7],
  ['/job/namespace', null],
  ['/job/facets', [1]],
  ['/eventType', 'DONE'],
  ['/eventType', 'start'],
  ['/eventType', 1],
  ['/inputs', {}],
  ['/inputs/0', 'orders'],
  ['/inputs/0/name', ['a']],
  ['/inputs/0/facets', 'x'],
  ['/inputs/0/inputFacets', 3],
  ['/outputs/0/namespace', false],
  ['/outputs/0/outputFacets', []],
  ['/dataset', 'x'],
  ['/dataset/name', 1],
];

/** Whether the spec types this path in events of this kind (other kinds let any extra key through). */
function appliesTo(pointer: string, kind: EventKind): boolean {
  const top = pointer.split('/')[1]!;
  if (top === 'run' || top === 'eventType') return kind === 'RunEvent';
  if (top === 'dataset') return kind === 'DatasetEvent';
  if (top === 'job' || top === 'inputs' || top === 'outputs') return kind !== 'DatasetEvent';
  return true;
}

/** Valid, schemaURL-declared bases of each kind from the corpus, a few per file. */
function variantBases(): { label: string; event: Json }[] {
  const seen = new Map<string, number>();
  const bases: { label: string; event: Json }[] = [];
  for (const item of corpusEvents) {
    const event = item.event;
    const file = item.label.split('#')[0]!;
    if ((seen.get(file) ?? 0) >= 2) continue;
    if (!validateEvent(event).ok || official.structureErrors(event, detectEventKind(event)).length > 0) continue;
    seen.set(file, (seen.get(file) ?? 0) + 1);
    bases.push(item);
  }
  return bases;
}

describe('agreement with the official JSON Schemas', () => {
  it('registers OpenLineage.json and every facet schema, and covers every facet definition of the spec', () => {
    const covered = new Set(
      Object.values(STANDARD_FACETS).flatMap((facets) => Object.values(facets).map((facet) => facet.spec.file)),
    );
    assert.deepEqual(
      [...official.facetFiles.keys()].filter((file) => !covered.has(file)),
      [],
    );
  });

  it('gives the same structure verdict on every corpus event, raw and completed', () => {
    assert.ok(corpusEvents.length > 500);
    for (const { label, event } of corpusEvents) assertSameStructureVerdict(label, event);
  });

  it('knowingly accepts an eventTime without offset, which the schema format rejects', () => {
    const item = corpusEvents.find(({ label }) => label.startsWith('marquez/event_required_no_timezone.json'));
    assert.ok(item);
    const errors = official.structureErrors(item.event, 'RunEvent');
    assert.deepEqual(errors.map(errorPointer), ['/eventTime']);
    assert.equal(validateEvent(item.event).ok, true);
  });

  it('flags exactly the standard facets the facet schemas reject, on every accepted corpus event', () => {
    let checked = 0;
    for (const { label, event } of corpusEvents) checked += assertSameFacetVerdicts(label, event);
    assert.ok(checked > 1000, `only ${checked} standard facets checked`);
  });

  it('rejects each required field dropped, naming it, as ajv does', () => {
    let count = 0;
    for (const base of variantBases()) {
      const kind = detectEventKind(base.event);
      for (const pointer of [...REQUIRED[kind], ...DATASET_REQUIRED]) {
        const broken = variant(base.event, pointer, 'drop');
        if (!broken) continue;
        count++;
        const label = `${base.label} without ${pointer}`;
        assertSameStructureVerdict(label, broken);
        const result = validateEvent(broken);
        assert.equal(result.ok, false, label);
        if (pointer === '/schemaURL') {
          // Without its schemaURL the kind comes from the shape; the missing field is still named.
          assert.ok(!result.ok && result.problems.some((problem) => problem.path === pointer), label);
        } else {
          assert.deepEqual(!result.ok && result.problems, [{ path: pointer, message: 'is required' }], label);
        }
      }
    }
    assert.ok(count > 100, `only ${count} variants`);
  });

  it('rejects wrong types, bad UUIDs, bad timestamps and bad URIs at their path, as ajv does', () => {
    let count = 0;
    for (const base of variantBases()) {
      for (const [pointer, value] of WRONG_VALUES) {
        if (!appliesTo(pointer, detectEventKind(base.event))) continue;
        const broken = variant(base.event, pointer, { value });
        if (!broken) continue;
        count++;
        const label = `${base.label} with ${pointer} = ${JSON.stringify(value)}`;
        assertSameStructureVerdict(label, broken);
        const result = validateEvent(broken);
        assert.equal(result.ok, false, label);
        assert.deepEqual(!result.ok && result.problems.map((problem) => problem.path), [pointer], label);
      }
    }
    assert.ok(count > 200, `only ${count} variants`);
  });

  it('judges struct fields nested deeper than the compiled levels as the schema does', () => {
    const base = variantBases().find((item) => detectEventKind(item.event) === 'RunEvent');
    assert.ok(base);
    const nested = (depth: number, leaf: Json): Json =>
      depth === 0 ? leaf : { name: `level${depth}`, type: 'STRUCT', fields: [nested(depth - 1, leaf)] };
    for (const depth of [1, 3, 4, 5, 8]) {
      for (const leaf of [{ name: 'id', type: 'INT' }, { type: 'INT' }, { name: 'id', ordinal_position: 1.5 }]) {
        const event = clone(base.event);
        event.outputs = [
          {
            namespace: 'n',
            name: 'd',
            facets: {
              schema: {
                _producer: 'https://example.com/p',
                _schemaURL: 'https://example.com/s',
                fields: [nested(depth, leaf)],
              },
            },
          },
        ];
        const label = `depth ${depth} leaf ${JSON.stringify(leaf)}`;
        assertSameFacetVerdicts(label, event);
        const result = validateEvent(event);
        assert.ok(result.ok, label);
        if (!('name' in leaf) || leaf.ordinal_position) {
          const inner = '/fields/0'.repeat(depth + 1);
          const warning = result.warnings.find((item) => item.path === '/outputs/0/facets/schema');
          assert.match(warning?.message ?? '', new RegExp(`^${inner}/(name|ordinal_position) `), label);
        }
      }
    }
  });

  it('keeps the event and flags the facet when a standard facet is broken, as the facet schemas do', () => {
    let count = 0;
    for (const base of variantBases()) {
      const result = validateEvent(base.event);
      assert.ok(result.ok);
      for (const { location, pointer, facets } of facetMaps(base.event, result.kind)) {
        for (const name of Object.keys(facets)) {
          if (!STANDARD_FACETS[location][name]) continue;
          for (const change of ['drop-producer', 'not-object'] as const) {
            const broken =
              change === 'drop-producer'
                ? variant(base.event, `${pointer}/${name}/_producer`, 'drop')
                : variant(base.event, `${pointer}/${name}`, { value: 'oops' });
            if (!broken) continue;
            count++;
            const label = `${base.label} ${change} ${pointer}/${name}`;
            const after = validateEvent(broken);
            assert.ok(after.ok, label);
            assert.ok(after.unusableFacets.has(`${pointer}/${name}`), label);
            const brokenFacet = (at(broken, `${pointer}/${name}`)!.parent as Json)[name];
            assert.ok(official.facetErrors(location, name, brokenFacet).length > 0, label);
            assertSameFacetVerdicts(label, broken);
          }
        }
      }
    }
    assert.ok(count > 50, `only ${count} variants`);
  });
});
