import { useState } from 'react';

type Props = {
  /** What one item is called, for labels: "tag", "owner". */
  noun: string;
  items: string[];
  busy: boolean;
  /** Saves the whole new list; answers whether it was saved. */
  onSave: (items: string[]) => Promise<boolean>;
  /** Offered when a steward value hides a producer one: back to what the producer says. */
  onReset?: (() => Promise<boolean>) | undefined;
};

/** Chips with remove buttons and an input to add one more; every change saves the whole list. */
export function ListEditor({ noun, items, busy, onSave, onReset }: Props) {
  const [draft, setDraft] = useState('');
  const add = async () => {
    const value = draft.trim();
    if (!value) return;
    if (items.includes(value) || (await onSave([...items, value]))) setDraft('');
  };
  return (
    <div className="list-editor">
      {items.length === 0 && <span className="muted">none</span>}
      {items.map((item) => (
        <span key={item} className="tag editable-tag">
          <span>{item}</span>
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${noun} ${item}`}
            disabled={busy}
            onClick={() => void onSave(items.filter((other) => other !== item))}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          aria-label={`New ${noun}`}
          placeholder={`add ${noun}`}
          maxLength={200}
        />
        <button type="submit" disabled={busy || !draft.trim()} aria-label={`Add ${noun}`}>
          Add
        </button>
        {onReset && (
          <button type="button" disabled={busy} onClick={() => void onReset()}>
            Use producer {noun}s
          </button>
        )}
      </form>
    </div>
  );
}
