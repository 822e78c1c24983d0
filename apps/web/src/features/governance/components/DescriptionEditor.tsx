import { useState } from 'react';
import type { GovernanceSource } from '../api/governance.queries.js';
import { SourceBadge } from './SourceBadge.js';

type Props = {
  description: string | null | undefined;
  source: GovernanceSource | null | undefined;
  busy: boolean;
  onSave: (description: string | null) => Promise<boolean>;
};

export function DescriptionEditor({ description, source, busy, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  if (!editing)
    return (
      <div>
        {description ? <span className="description-text">{description}</span> : <span className="muted">none</span>}{' '}
        <SourceBadge source={source} />{' '}
        <button
          type="button"
          onClick={() => {
            setDraft(description ?? '');
            setEditing(true);
          }}
        >
          Edit description
        </button>
      </div>
    );
  return (
    <form
      className="stacked-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(draft.trim() === '' ? null : draft).then((saved) => saved && setEditing(false));
      }}
    >
      <textarea value={draft} onChange={(event) => setDraft(event.target.value)} aria-label="Description" rows={3} />
      <div>
        <button type="submit" disabled={busy}>
          Save description
        </button>{' '}
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>{' '}
        {source === 'STEWARD' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void onSave(null).then((saved) => saved && setEditing(false))}
          >
            Use producer description
          </button>
        )}
      </div>
    </form>
  );
}
