import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  completeEvent,
  corpusEventsDir,
  hasPlaceholder,
  loadCorpus,
  readCorpusIndex,
  specDir,
  type CorpusEvent,
} from './corpus/index.js';
import { errorPointer, loadOfficialSchemas } from './testing/official-schemas.js';
import { detectEventKind, validateEvent } from './validation/validate-event.js';

// Conformance over the shared OpenLineage corpus (../shared/openlineage/events,
// read at run time) with the verdicts INDEX.md calls for; the official JSON
// Schemas (ajv) decide which INVALID files are broken in structure. Real parts only.

const corpus = loadCorpus();
const official = loadOfficialSchemas(specDir);
const byStatus = (status: CorpusEvent['entry']['status']) => corpus.filter((item) => item.entry.status === status);
const label = (item: CorpusEvent) => `${item.entry.file}#${item.index}`;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function containsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return hasPlaceholder(value);
  if (Array.isArray(value)) return value.some(containsPlaceholder);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsPlaceholder);
  return false;
}

function asObject(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), 'an event is a JSON object');
  return value as Record<string, unknown>;
}

/** The fields the validator must name: exactly the missing required ones, each "is required". */
function assertNamesExactlyMissing(item: CorpusEvent, event: Record<string, unknown>): string[] {
  const { event: completed, added } = completeEvent(event);
  const result = validateEvent(event);
  if (added.length === 0) {
    assert.ok(
      result.ok,
      `${label(item)}: nothing is missing, yet rejected: ${JSON.stringify(!result.ok && result.problems)}`,
    );
    return added;
  }
  assert.equal(result.ok, false, `${label(item)} lacks ${added.join(', ')} but was accepted`);
  assert.deepEqual(
    !result.ok && result.problems.map((problem) => `${problem.path} ${problem.message}`).sort(),
    added.map((path) => `${path} is required`).sort(),
    label(item),
  );
  const after = validateEvent(completed);
  assert.ok(after.ok, `${label(item)} still rejected once completed: ${JSON.stringify(!after.ok && after.problems)}`);
  return added;
}

describe('OpenLineage corpus conformance', () => {
  it('INDEX.md lists every file of the corpus, and every listed file exists', () => {
    const listed = readCorpusIndex(corpusEventsDir)
      .map((entry) => entry.file)
      .sort();
    const onDisk = listFiles(corpusEventsDir)
      .map((path) => relative(corpusEventsDir, path))
      .filter((path) => path !== 'INDEX.md')
      .sort();
    assert.deepEqual(listed, onDisk);
    assert.ok(listed.length > 0);
  });

  it('accepts every event of every complete file as it is', () => {
    const complete = byStatus('complete');
    assert.ok(complete.length > 0);
    for (const item of complete) {
      const result = validateEvent(item.event);
      assert.ok(result.ok, `${label(item)}: ${JSON.stringify(!result.ok && result.problems)}`);
    }
  });

  it('accepts every template event once its placeholders are replaced (and the fields the expectation omits are filled in)', () => {
    const templates = byStatus('template');
    assert.ok(templates.length > 0);
    let filled = 0;
    const files = new Set(templates.map((item) => item.entry.file));
    const withPlaceholders = new Set(
      templates.filter((item) => containsPlaceholder(item.raw)).map((item) => item.entry.file),
    );
    assert.deepEqual(
      [...files].filter((file) => !withPlaceholders.has(file)),
      [],
      'template files without a placeholder',
    );
    for (const item of templates) {
      assert.equal(containsPlaceholder(item.event), false, `${label(item)} still holds a placeholder`);
      // Template expectations are subset matches too: a missing field is named exactly, then filled.
      if (assertNamesExactlyMissing(item, asObject(item.event)).length > 0) filled++;
    }
    assert.ok(filled < templates.length, 'some templates are complete events once substituted');
  });

  it('rejects every partial file, naming exactly the fields it lacks, and accepts it once they are added', () => {
    const partials = byStatus('partial');
    assert.ok(partials.length > 0);
    const rejectedFiles = new Set<string>();
    for (const item of partials) {
      const added = assertNamesExactlyMissing(item, asObject(item.event));
      if (added.length > 0) rejectedFiles.add(item.entry.file);
      const topLevel = added.filter((path) => path.lastIndexOf('/') === 0).map((path) => path.slice(1));
      for (const field of topLevel.filter((f) => ['eventTime', 'producer', 'schemaURL'].includes(f))) {
        assert.ok(item.entry.lacks.includes(field), `${label(item)} lacks ${field}, which INDEX.md does not say`);
      }
    }
    assert.deepEqual([...rejectedFiles].sort(), [...new Set(partials.map((item) => item.entry.file))].sort());
  });

  it('rejects INVALID files broken in structure and accepts, with a warning, those whose only fault is a standard facet', () => {
    const invalid = byStatus('invalid');
    assert.ok(invalid.length > 0);
    for (const item of invalid) {
      const event = asObject(item.event);
      const structure = official.structureErrors(event, detectEventKind(event));
      const result = validateEvent(event);
      if (structure.length > 0) {
        assert.equal(result.ok, false, `${label(item)} is broken in structure but was accepted`);
        const ours = new Set(!result.ok ? result.problems.map((problem) => problem.path) : []);
        for (const error of structure)
          assert.ok(ours.has(errorPointer(error)), `${label(item)}: ${errorPointer(error)} not named`);
        continue;
      }
      assert.ok(result.ok, `${label(item)}: ${JSON.stringify(!result.ok && result.problems)}`);
      assert.ok(result.warnings.length > 0, `${label(item)} is INVALID yet no facet was reported`);
      for (const warning of result.warnings) {
        assert.ok(result.unusableFacets.has(warning.path));
        assert.equal(warning.path.split('/').at(-1), warning.facet);
      }
    }
  });

  it('knows the two INVALID fluentd files by the facet at fault', () => {
    const facetsAtFault = Object.fromEntries(
      byStatus('invalid').map((item) => {
        const result = validateEvent(item.event);
        return [item.entry.file, result.ok ? result.warnings.map((warning) => warning.path) : []];
      }),
    );
    assert.deepEqual(facetsAtFault['fluentd-proxy/events_event_invalid_dataset_facet.json'], [
      '/outputs/0/facets/ownership',
    ]);
    assert.deepEqual(facetsAtFault['fluentd-proxy/events_event_invalid_run_facet.json'], ['/run/facets/parent']);
  });
});
