import { useQuery } from '../../../api/use-query.js';
import { Link } from '../../../ui/Link.js';
import { EmptyState, ErrorMessage, Skeleton } from '../../../ui/States.js';
import { SEARCH, type SearchResult } from '../api/search.queries.js';
import { Highlighted } from './Highlighted.js';
import { hitLabel, hitLink } from './hit-link.js';

export function SearchPage({ q }: { q: string }) {
  const text = q.trim();
  const state = useQuery<SearchResult>(SEARCH, { text, first: 50 }, text.length === 0);
  if (text.length === 0)
    return <EmptyState title="Search the catalog">Type a dataset, job or column name above.</EmptyState>;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">
        Results for <q>{text}</q>
      </h1>
      {state.status === 'loading' && <Skeleton lines={6} />}
      {state.status === 'error' && <ErrorMessage error={state.error} title="Search failed" />}
      {state.status === 'done' && state.data.search.items.length === 0 && (
        <EmptyState title="No matches">Nothing is called like that. Try fewer letters.</EmptyState>
      )}
      {state.status === 'done' && state.data.search.items.length > 0 && (
        <ul className="result-list">
          {state.data.search.items.map((hit) => (
            <li key={`${hit.kind}:${hit.namespace}:${hit.name}:${hit.field ?? ''}`}>
              <span className={`kind-badge kind-${hit.kind.toLowerCase()}`}>{hit.kind.toLowerCase()}</span>{' '}
              <Link href={hitLink(hit)}>
                <Highlighted text={hitLabel(hit)} query={text} />
              </Link>{' '}
              <span className="muted">{hit.namespace}</span>
              {hit.description && <p className="muted small">{hit.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
