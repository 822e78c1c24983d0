import { links } from '../../../routing/routes.js';
import type { SearchHit } from '../api/search.queries.js';

/** Where a search hit leads: fields open their dataset's impact for that column. */
export function hitLink(hit: SearchHit): string {
  if (hit.kind === 'JOB') return links.job(hit.namespace, hit.name);
  if (hit.kind === 'FIELD' && hit.field)
    return `${links.dataset(hit.namespace, hit.name)}#column-${encodeURIComponent(hit.field)}`;
  return links.dataset(hit.namespace, hit.name);
}

export function hitLabel(hit: SearchHit): string {
  return hit.kind === 'FIELD' && hit.field ? `${hit.name}.${hit.field}` : hit.name;
}
