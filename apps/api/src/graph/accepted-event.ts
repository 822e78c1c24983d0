import type { DatasetRename, EventKind, OpenLineageEvent } from '@tributary/openlineage';

/**
 * An event the intake validated, normalized and stored durably: the only
 * shape the graph writer accepts. The intake produces it, the spool keeps it
 * (it is plain JSON), the writer turns it into nodes and edges.
 */
export interface AcceptedEvent {
  event: OpenLineageEvent;
  kind: EventKind;
  /** JSON Pointers (e.g. "/outputs/0/facets/schema") of malformed standard facets: kept raw, never extracted. */
  unusableFacets: string[];
  /** Dataset identities rewritten by normalization; the original names stay findable as `originalNames`. */
  renamed: DatasetRename[];
  /** When the intake accepted the event (RFC 3339, UTC). */
  receivedAt: string;
}
