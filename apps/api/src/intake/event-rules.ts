import type { DatasetRename, OpenLineageEvent } from '@tributary/openlineage';

/** The validation and normalization rules the intake applies. */
export { validateEvent } from '@tributary/openlineage';

/** Interim: identity until the naming rules of `@tributary/openlineage` are committed; then this delegates to them. */
export function normalizeEvent(event: OpenLineageEvent): { event: OpenLineageEvent; renamed: DatasetRename[] } {
  return { event, renamed: [] };
}
