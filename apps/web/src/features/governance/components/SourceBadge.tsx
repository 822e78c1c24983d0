import type { GovernanceSource } from '../api/governance.queries.js';

/** Whether a value came from the producer's OpenLineage facets or from a steward here (which wins). */
export function SourceBadge({ source }: { source?: GovernanceSource | null }) {
  if (!source) return null;
  return source === 'STEWARD' ? (
    <span className="source-badge source-steward" title="Set by a steward in Tributary; wins over producer values">
      steward
    </span>
  ) : (
    <span className="source-badge source-producer" title="Reported by the producer in OpenLineage facets">
      producer
    </span>
  );
}
