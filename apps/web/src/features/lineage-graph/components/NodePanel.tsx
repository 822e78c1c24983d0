import type { LineageDirection, LineageNode } from '../../../api/types.js';
import { links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';

type Props = {
  node: LineageNode;
  pathHint: string | undefined;
  onExpand: (node: LineageNode, direction: LineageDirection) => void;
  onClose: () => void;
};

/** Details and actions for the selected node; expansion is lazy, one hop per click. */
export function NodePanel({ node, pathHint, onExpand, onClose }: Props) {
  const page = node.kind === 'JOB' ? links.job(node.namespace, node.name) : links.dataset(node.namespace, node.name);
  return (
    <aside className="node-panel" aria-label="Selected node">
      <button type="button" className="close" onClick={onClose} aria-label="Clear selection">
        ×
      </button>
      <p>
        <span className={`kind-badge kind-${node.kind.toLowerCase()}`}>{node.kind.toLowerCase()}</span>
      </p>
      <h2>{node.field ? `${node.name}.${node.field}` : node.name}</h2>
      <p className="muted small">{node.namespace}</p>
      <div className="panel-actions">
        <button type="button" onClick={() => onExpand(node, 'UPSTREAM')}>
          ← Expand upstream
        </button>
        <button type="button" onClick={() => onExpand(node, 'DOWNSTREAM')}>
          Expand downstream →
        </button>
        <Link href={page}>Open {node.kind === 'JOB' ? 'job' : 'dataset'} page</Link>
        {node.kind !== 'JOB' && (
          <Link href={links.impact(node.namespace, node.name, node.field ? [node.field] : [])}>Impact analysis</Link>
        )}
        <Link href={links.lineage(node.kind, node.namespace, node.name)}>Center lineage here</Link>
      </div>
      <p className="muted small">{pathHint ?? 'Shift-click another node to highlight the path between them.'}</p>
    </aside>
  );
}
