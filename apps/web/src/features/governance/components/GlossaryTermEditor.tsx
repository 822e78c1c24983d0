import { useState } from 'react';
import type { GlossaryTerm } from '../api/governance.queries.js';

type Props = {
  assigned: GlossaryTerm[];
  terms: GlossaryTerm[];
  busy: boolean;
  onAssign: (term: string) => Promise<boolean>;
  onUnassign: (term: string) => Promise<boolean>;
};

export function GlossaryTermEditor({ assigned, terms, busy, onAssign, onUnassign }: Props) {
  const [choice, setChoice] = useState('');
  const free = terms.filter((term) => !assigned.some((a) => a.name === term.name));
  return (
    <div className="list-editor">
      {assigned.length === 0 && <span className="muted">none</span>}
      {assigned.map((term) => (
        <span key={term.name} className="tag" title={term.definition ?? undefined}>
          <span>{term.name}</span>
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove glossary term ${term.name}`}
            disabled={busy}
            onClick={() => void onUnassign(term.name)}
          >
            ×
          </button>
        </span>
      ))}
      {free.length > 0 ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) void onAssign(choice).then((saved) => saved && setChoice(''));
          }}
        >
          <select
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            aria-label="Glossary term to assign"
          >
            <option value="">choose a term…</option>
            {free.map((term) => (
              <option key={term.name} value={term.name}>
                {term.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !choice}>
            Assign
          </button>
        </form>
      ) : (
        terms.length === 0 && <span className="muted small">The glossary has no terms yet.</span>
      )}
    </div>
  );
}
