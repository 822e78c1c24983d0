import type {
  DatasetRename,
  EventKind,
  EventValidation,
  OpenLineageEvent,
  ValidationProblem,
} from '@tributary/openlineage';

/**
 * The validation and normalization rules the intake applies. Interim: a
 * structural check of the required top-level fields until the full validator
 * and the naming rules of `@tributary/openlineage` are committed; then these
 * two functions delegate to them.
 */
export function validateEvent(input: unknown): EventValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
  }
  const event = input as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  const requireString = (value: unknown, path: string): void => {
    if (value === undefined) problems.push({ path, message: 'is required' });
    else if (typeof value !== 'string' || value === '') problems.push({ path, message: 'must be a non-empty string' });
  };
  requireString(event.eventTime, '/eventTime');
  requireString(event.producer, '/producer');
  requireString(event.schemaURL, '/schemaURL');
  const kind: EventKind =
    'run' in event ? 'RunEvent' : 'dataset' in event ? 'DatasetEvent' : 'job' in event ? 'JobEvent' : 'RunEvent';
  if (kind === 'RunEvent') {
    const run = event.run as Record<string, unknown> | undefined;
    if (typeof run !== 'object' || run === null) problems.push({ path: '/run', message: 'is required' });
    else if (
      typeof run.runId !== 'string' ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(run.runId)
    ) {
      problems.push({ path: '/run/runId', message: 'must be a UUID' });
    }
  }
  if (kind !== 'DatasetEvent') {
    const job = event.job as Record<string, unknown> | undefined;
    if (typeof job !== 'object' || job === null) problems.push({ path: '/job', message: 'is required' });
    else {
      requireString(job.namespace, '/job/namespace');
      requireString(job.name, '/job/name');
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, kind, event: input as OpenLineageEvent, warnings: [], unusableFacets: new Set() };
}

export function normalizeEvent(event: OpenLineageEvent): { event: OpenLineageEvent; renamed: DatasetRename[] } {
  return { event, renamed: [] };
}
