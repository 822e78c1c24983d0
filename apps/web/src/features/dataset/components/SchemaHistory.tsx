import type { SchemaVersion } from '../api/dataset.queries.js';

/** Schema versions newest first, each with what changed since the one before. */
export function SchemaHistory({ versions }: { versions: SchemaVersion[] }) {
  if (versions.length === 0) return <p className="muted">No schema versions recorded yet.</p>;
  const ordered = [...versions].reverse();
  return (
    <ol className="schema-history">
      {ordered.map((version) => (
        <li key={version.version}>
          {version.createdAt ? (
            <time dateTime={version.createdAt}>{new Date(version.createdAt).toLocaleString()}</time>
          ) : (
            'unknown time'
          )}{' '}
          <code className="muted">{version.version.slice(0, 10)}</code> · {version.fields.length} columns
          {version.diff && (
            <span className="schema-diff">
              {version.diff.added.map((f) => (
                <span key={`+${f}`} className="diff-added" title="added">
                  +{f}
                </span>
              ))}
              {version.diff.removed.map((f) => (
                <span key={`-${f}`} className="diff-removed" title="removed">
                  −{f}
                </span>
              ))}
              {version.diff.retyped.map((f) => (
                <span key={`~${f}`} className="diff-retyped" title="type changed">
                  ~{f}
                </span>
              ))}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
