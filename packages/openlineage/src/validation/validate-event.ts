import type { z } from 'zod';
import type { EventKind, EventValidation, FacetWarning, OpenLineageEvent, ValidationProblem } from '../types.js';
import { EVENT_SCHEMAS } from './event-schemas.js';
import { STANDARD_FACETS, type FacetLocation } from './facet-schemas.js';
import { toJsonPointer } from './json-pointer.js';
import { isPlainObject } from './schema-helpers.js';

// Clear, short messages instead of zod's defaults; a missing key says "is required".
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined
      ? 'is required'
      : `must be ${article(issue.expected)}, not ${describe(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `has unexpected ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.join(', ')}`;
  }
  // Our own refinements carry their messages.
  return undefined;
};

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}

/** A batch of 10,000 broken datasets must not become a 2 MB error answer. */
export const MAX_PROBLEMS = 100;

const KIND_IN_SCHEMA_URL = /#\/(?:\$defs|%24defs|definitions)\/(RunEvent|DatasetEvent|JobEvent)$/;

function has(object: Record<string, unknown>, key: string): boolean {
  return object[key] !== undefined;
}

/**
 * The kind an event declares: the `#/$defs/<Kind>` (or older `#/definitions/<Kind>`)
 * fragment of its schemaURL, as Marquez reads it; failing that, its shape.
 */
export function detectEventKind(event: Record<string, unknown>): EventKind {
  const schemaURL = event.schemaURL;
  if (typeof schemaURL === 'string') {
    const match = KIND_IN_SCHEMA_URL.exec(schemaURL);
    if (match) return match[1] as EventKind;
  }
  if (has(event, 'run')) return 'RunEvent';
  if (has(event, 'dataset') && !has(event, 'job')) return 'DatasetEvent';
  // A job without a run is a JobEvent, unless a run state says it is a RunEvent that lost its run.
  if (has(event, 'job') && !has(event, 'eventType')) return 'JobEvent';
  return 'RunEvent';
}

/** What the spec forbids besides missing or mistyped fields (its `not: {required: …}` clauses). */
function exclusivityProblems(kind: EventKind, event: Record<string, unknown>): ValidationProblem[] {
  if (kind === 'JobEvent' && has(event, 'run')) {
    return [{ path: '/run', message: 'must be absent from a JobEvent (an event with a run is a RunEvent)' }];
  }
  if (kind === 'DatasetEvent' && has(event, 'run') && has(event, 'job')) {
    return [{ path: '', message: 'a DatasetEvent must not carry both run and job (that is a RunEvent)' }];
  }
  return [];
}

/**
 * Validates one OpenLineage event (RunEvent, DatasetEvent or JobEvent).
 *
 * Structure is enforced as the spec states it; problems are located by JSON
 * Pointer. Facets never reject an event: a malformed standard facet (or one
 * without `_producer`/`_schemaURL`) is listed in `warnings` and `unusableFacets`
 * and stays in the event as sent; custom facets are kept unchecked.
 */
export function validateEvent(input: unknown): EventValidation {
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: '', message: `must be a JSON object, not ${describe(input)}` }] };
  }
  const kind = detectEventKind(input);
  const parsed = EVENT_SCHEMAS[kind].safeParse(input, { error: errorMap });
  const problems: ValidationProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: toJsonPointer(issue.path), message: issue.message }));
  problems.push(...exclusivityProblems(kind, input));
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.length = MAX_PROBLEMS;
    problems.push({ path: '', message: `${more} more problems not listed` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const warnings: FacetWarning[] = [];
  const unusableFacets = new Set<string>();
  const check = (facets: unknown, location: FacetLocation, pointer: string) => {
    if (facets === undefined) return;
    checkFacets(facets as Record<string, unknown>, location, pointer, warnings, unusableFacets);
  };
  if (kind === 'DatasetEvent') {
    check((input.dataset as Record<string, unknown>).facets, 'dataset', '/dataset/facets');
  } else {
    if (kind === 'RunEvent') check((input.run as Record<string, unknown>).facets, 'run', '/run/facets');
    check((input.job as Record<string, unknown>).facets, 'job', '/job/facets');
    checkDatasets(input.inputs, 'inputs', 'inputFacets', check);
    checkDatasets(input.outputs, 'outputs', 'outputFacets', check);
  }
  return { ok: true, kind, event: input as unknown as OpenLineageEvent, warnings, unusableFacets };
}

function checkDatasets(
  datasets: unknown,
  key: 'inputs' | 'outputs',
  ioFacets: 'inputFacets' | 'outputFacets',
  check: (facets: unknown, location: FacetLocation, pointer: string) => void,
): void {
  if (datasets === undefined) return;
  (datasets as Record<string, unknown>[]).forEach((dataset, index) => {
    check(dataset.facets, 'dataset', `/${key}/${index}/facets`);
    check(dataset[ioFacets], ioFacets, `/${key}/${index}/${ioFacets}`);
  });
}

function checkFacets(
  facets: Record<string, unknown>,
  location: FacetLocation,
  pointer: string,
  warnings: FacetWarning[],
  unusable: Set<string>,
): void {
  const standard = STANDARD_FACETS[location];
  for (const name of Object.keys(facets)) {
    const definition = Object.hasOwn(standard, name) ? standard[name] : undefined;
    if (!definition) continue;
    const result = definition.schema.safeParse(facets[name], { error: errorMap });
    if (result.success) continue;
    const path = pointer + toJsonPointer([name]);
    warnings.push({ path, facet: name, message: summarizeIssues(result.error.issues) });
    unusable.add(path);
  }
}

function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${toJsonPointer(issue.path)} ${issue.message}` : issue.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

/**
 * Parses a request body holding one event and validates it. Non-JSON (or an
 * empty body) is a problem at the root with the position of the syntax error.
 */
export function parseEventJson(text: string): EventValidation {
  const parsed = parseJson(text);
  return parsed.ok ? validateEvent(parsed.value) : { ok: false, problems: [{ path: '', message: parsed.error }] };
}

/** JSON.parse with a message fit for a client: what is wrong and, when known, where. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // /\S/ stops at the first character; trim() would copy a large body.
  if (!/\S/.test(text)) return { ok: false, error: 'body is empty: expected a JSON OpenLineage event' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: `body is not valid JSON${syntaxErrorLocation(text, error)}: ${syntaxErrorReason(error)}`,
    };
  }
}

function syntaxErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 quotes (part of) the body back; the client has it already.
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ at position \d+.*$/s, '');
}

function syntaxErrorLocation(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/** One line for logs and error answers: "/run/runId must be a UUID; /eventTime is required". */
export function describeProblems(problems: readonly ValidationProblem[], limit = 5): string {
  if (problems.length === 0) return 'no problems';
  const shown = problems.slice(0, limit).map((problem) => `${problem.path || '(event)'} ${problem.message}`);
  const more = problems.length > limit ? ` (and ${problems.length - limit} more)` : '';
  return shown.join('; ') + more;
}
