import type { NodeKind } from '../../../api/types.js';

type Props = {
  namespaces: string[];
  hiddenNamespaces: ReadonlySet<string>;
  hiddenKinds: ReadonlySet<NodeKind>;
  onToggleNamespace: (namespace: string) => void;
  onToggleKind: (kind: NodeKind) => void;
};

export function GraphFilters({ namespaces, hiddenNamespaces, hiddenKinds, onToggleNamespace, onToggleKind }: Props) {
  return (
    <details className="graph-filters">
      <summary>
        Filters
        {hiddenNamespaces.size + hiddenKinds.size > 0 ? ` (${hiddenNamespaces.size + hiddenKinds.size} hidden)` : ''}
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
