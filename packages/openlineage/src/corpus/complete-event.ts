import { detectEventKind } from '../validation/validate-event.js';
import { SAMPLE_DATE_TIME, SAMPLE_URI } from './placeholders.js';

// Subset expectations (INDEX.md "partial", and many templates) omit fields the
// spec requires. Filling them in, and listing what was filled, lets a test
// check that the validator names exactly those fields, and accepts the rest.

export interface CompletedEvent {
  event: Record<string, unknown>;
  /** JSON Pointers of the required fields that were missing and got a value. */
  added: string[];
}

const SAMPLE_RUN_ID = '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `input` with every missing required field of its kind given a plausible value. */
export function completeEvent(input: Record<string, unknown>): CompletedEvent {
  const event = structuredClone(input);
  const added: string[] = [];
  const kind = detectEventKind(event);
  const fill = (target: Record<string, unknown>, pointer: string, key: string, value: unknown) => {
    if (target[key] !== undefined) return;
    target[key] = value;
    added.push(`${pointer}/${key}`);
  };
  fill(event, '', 'eventTime', SAMPLE_DATE_TIME);
  fill(event, '', 'producer', SAMPLE_URI);
  fill(event, '', 'schemaURL', `https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/${kind}`);
  const fillDataset = (dataset: unknown, pointer: string) => {
    if (!isObject(dataset)) return;
    fill(dataset, pointer, 'namespace', 'sample-namespace');
    fill(dataset, pointer, 'name', 'sample.dataset');
  };
  if (kind === 'DatasetEvent') {
    if (event.dataset === undefined)
      fill(event, '', 'dataset', { namespace: 'sample-namespace', name: 'sample.dataset' });
    else fillDataset(event.dataset, '/dataset');
    return { event, added };
  }
  if (kind === 'RunEvent') {
    if (event.run === undefined) fill(event, '', 'run', { runId: SAMPLE_RUN_ID });
    else if (isObject(event.run)) fill(event.run, '/run', 'runId', SAMPLE_RUN_ID);
  }
  if (event.job === undefined) fill(event, '', 'job', { namespace: 'sample-namespace', name: 'sample.job' });
  else if (isObject(event.job)) {
    fill(event.job, '/job', 'namespace', 'sample-namespace');
    fill(event.job, '/job', 'name', 'sample.job');
  }
  for (const key of ['inputs', 'outputs'] as const) {
    const datasets = event[key];
    if (Array.isArray(datasets)) datasets.forEach((dataset, index) => fillDataset(dataset, `/${key}/${index}`));
  }
  return { event, added };
}
