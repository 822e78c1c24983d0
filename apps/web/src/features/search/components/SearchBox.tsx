import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { request } from '../../../api/client.js';
import { navigate } from '../../../app/use-route.js';
import { formatRoute } from '../../../routing/routes.js';
import { SEARCH, type SearchHit, type SearchResult } from '../api/search.queries.js';
import { Highlighted } from './Highlighted.js';
import { hitLabel, hitLink } from './hit-link.js';

/** Instant search as you type: arrows move, Enter opens, Escape closes. */
export function SearchBox({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => setText(initial), [initial]);
  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      request<SearchResult>(SEARCH, { text: query, first: 10 }, controller.signal).then(
        (data) => {
          setHits(data.search.items);
          setActive(-1);
        },
        () => setHits([]),
      );
    }, 120);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const go = (url: string) => {
    setOpen(false);
    input.current?.blur();
    navigate(url);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(hits.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(-1, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      go(hit ? hitLink(hit) : formatRoute({ page: 'search', q: text.trim() }));
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const showList = open && hits.length > 0 && text.trim().length >= 2;
  return (
    <div className="search-box">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search datasets, jobs and columns"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder="Search datasets, jobs, columns…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul id={listId} role="listbox" className="search-results" aria-label="Search results">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.namespace}:${hit.name}:${hit.field ?? ''}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                go(hitLink(hit));
              }}
            >
              <span className={`kind-badge kind-${hit.kind.toLowerCase()}`}>{hit.kind.toLowerCase()}</span>
              <span className="hit-name">
                <Highlighted text={hitLabel(hit)} query={text} />
              </span>
              <span className="hit-namespace">{hit.namespace}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
