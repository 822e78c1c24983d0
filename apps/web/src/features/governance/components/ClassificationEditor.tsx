import { useState } from 'react';
import type { ClassificationAssignment } from '../api/governance.queries.js';

const SUGGESTED = ['PII', 'Confidential', 'Sensitive', 'Internal', 'Public'];

type Props = {
  /** Distinguishes the suggestion lists of several editors on one page. */
  idPrefix: string;
  classifications: ClassificationAssignment[];
  busy: boolean;
  onClassify: (name: string, level: number) => Promise<boolean>;
  onDeclassify: (name: string) => Promise<boolean>;
};

/** Direct classifications (with level, removable) and inherited ones (with where they came from). */
export function ClassificationEditor({ idPrefix, classifications, busy, onClassify, onDeclassify }: Props) {
  const [name, setName] = useState('');
  const [level, setLevel] = useState(3);
  const listId = `${idPrefix}-classifications`;
  return (
    <div className="list-editor">
      {classifications.length === 0 && <span className="muted">none</span>}
      {classifications.map((c) =>
        c.inherited ? (
          <span
            key={`inherited:${c.name}`}
            className="tag classification inherited"
            title={`Inherited along column lineage from ${c.sourceId ?? 'an upstream column'}`}
          >
            {c.name}
            {c.level ? ` · level ${c.level}` : ''} · inherited ({Math.max(c.path.length - 1, 1)} hop
            {c.path.length > 2 ? 's' : ''} upstream)
          </span>
        ) : (
          <span key={c.name} className="tag classification" title={c.setBy ? `Set by ${c.setBy}` : undefined}>
            <span>
              {c.name}
              {c.level ? ` · level ${c.level}` : ''}
            </span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove classification ${c.name}`}
              disabled={busy}
              onClick={() => void onDeclassify(c.name)}
            >
              ×
            </button>
          </span>
        ),
      )}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const value = name.trim();
          if (value) void onClassify(value, level).then((saved) => saved && setName(''));
        }}
      >
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-label="Add classification"
          placeholder="add classification"
          list={listId}
          maxLength={200}
        />
        <datalist id={listId}>
          {SUGGESTED.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
        <select
          value={level}
          onChange={(event) => setLevel(Number(event.target.value))}
          aria-label="Classification level (1 lowest, 5 highest)"
        >
          {[1, 2, 3, 4, 5].map((l) => (
            <option key={l} value={l}>
              level {l}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !name.trim()}>
          Classify
        </button>
      </form>
    </div>
  );
}
