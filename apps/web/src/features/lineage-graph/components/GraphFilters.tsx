import type { NodeKind } from '../../../api/types.js';

type Props = {
  namespaces: string[];
  /** Tags and classifications of the nodes shown, with their counts. */
  tags: Array<{ tag: string; count: number }>;
  selectedTags: ReadonlySet<string>;
  onToggleTag: (tag: string) => void;
  hiddenNamespaces: ReadonlySet<string>;
  hiddenKinds: ReadonlySet<NodeKind>;
  onToggleNamespace: (namespace: string) => void;
  onToggleKind: (kind: NodeKind) => void;
};

export function GraphFilters(props: Props) {
  const { namespaces, hiddenNamespaces, hiddenKinds, onToggleNamespace, onToggleKind } = props;
  const { tags, selectedTags, onToggleTag } = props;
  const hidden = hiddenNamespaces.size + hiddenKinds.size;
  // A tag in the URL that no node shown carries stays listed, so it can be unticked.
  const listed = [
    ...tags,
    ...[...selectedTags].filter((tag) => !tags.some((t) => t.tag === tag)).map((tag) => ({ tag, count: 0 })),
  ];
  return (
    <details className="graph-filters" open={selectedTags.size > 0 || undefined}>
      <summary>
        Filters
        {hidden > 0 ? ` (${hidden} hidden)` : ''}
        {selectedTags.size > 0 ? ` (tagged ${[...selectedTags].join(', ')})` : ''}
      </summary>
      <fieldset>
        <legend>Kinds</legend>
        {(['DATASET', 'JOB'] as const).map((kind) => (
          <label key={kind} className="checkbox">
            <input type="checkbox" checked={!hiddenKinds.has(kind)} onChange={() => onToggleKind(kind)} />{' '}
            {kind === 'JOB' ? 'Jobs' : 'Datasets'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Only tagged</legend>
        {listed.length === 0 && <span className="muted small">No tags or classifications on these nodes.</span>}
        {listed.map(({ tag, count }) => (
          <label key={tag} className="checkbox">
            <input
              type="checkbox"
              checked={selectedTags.has(tag)}
              onChange={() => onToggleTag(tag)}
              aria-label={`Only nodes tagged ${tag}`}
            />{' '}
            {tag} <span className="muted small">({count})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Namespaces</legend>
        {namespaces.map((namespace) => (
          <label key={namespace} className="checkbox">
            <input
              type="checkbox"
              checked={!hiddenNamespaces.has(namespace)}
              onChange={() => onToggleNamespace(namespace)}
            />{' '}
            {namespace}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
