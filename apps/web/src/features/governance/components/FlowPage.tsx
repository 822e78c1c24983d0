import { useQuery } from '../../../api/use-query.js';
import { formatRoute, links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { EmptyState, ErrorMessage, Skeleton } from '../../../ui/States.js';
import { CLASSIFICATION_FLOW, type ClassificationFlow, type FlowItem } from '../api/flow.queries.js';

const RESTRICTED = 'restricted';

function Column({ item }: { item: FlowItem }) {
  const { node } = item;
  if (node.name === RESTRICTED) return <span className="muted">restricted column</span>;
  return (
    <>
      <Link href={`${links.dataset(node.namespace, node.name)}#column-${encodeURIComponent(node.field ?? '')}`}>
        <code>{node.field}</code>
      </Link>{' '}
      <span className="muted">in</span> <Link href={links.dataset(node.namespace, node.name)}>{node.name}</Link>
      <div className="muted small">{node.namespace}</div>
    </>
  );
}

/** "Where does this PII flow?": every column a classification reaches along column lineage, and who owns it. */
export function FlowPage({ classification, namespace }: { classification: string; namespace?: string }) {
  const state = useQuery<{ classificationFlow: ClassificationFlow }>(CLASSIFICATION_FLOW, {
    classification,
    namespace: namespace ?? null,
  });
  const title = `Where does ${classification} flow?`;
  return (
    <section aria-labelledby="flow-title">
      <h1 id="flow-title">{title}</h1>
      {namespace && (
        <p className="muted">
          Only columns in <code>{namespace}</code>.{' '}
          <Link href={formatRoute({ page: 'flow', classification })}>Show every namespace</Link>
        </p>
      )}
      {state.status === 'loading' && <Skeleton lines={6} label={`Loading where ${classification} flows`} />}
      {state.status === 'error' && <ErrorMessage error={state.error} title={`Could not trace ${classification}`} />}
      {state.status === 'done' && state.data.classificationFlow.items.length === 0 && (
        <EmptyState title={`No column is classified ${classification}`}>
          <p>Classify a column on its dataset page (Schema → govern) and the columns derived from it show here.</p>
        </EmptyState>
      )}
      {state.status === 'done' && state.data.classificationFlow.items.length > 0 && (
        <FlowTable flow={state.data.classificationFlow} />
      )}
    </section>
  );
}

function FlowTable({ flow }: { flow: ClassificationFlow }) {
  const items = [...flow.items].sort(
    (a, b) => a.distance - b.distance || (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : 0),
  );
  return (
    <>
      <p>
        {flow.totalFields} columns in {flow.totalDatasets} datasets
        {flow.restrictedFields > 0 ? `, ${flow.restrictedFields} of them outside your namespaces` : ''}.{' '}
        <span className="muted">
          Followed along {flow.includesIndirect ? 'direct and indirect' : 'direct'} column lineage.
        </span>
      </p>
      <table className="data-table flow-table">
        <caption className="sr-only">Columns {flow.classification} reaches, nearest first</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Hops</th>
            <th scope="col">Owners</th>
            <th scope="col">Jobs on the way</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.sourceId}>${item.node.id}`}>
              <th scope="row">
                <Column item={item} />
              </th>
              <td>{item.distance === 0 ? 'classified here' : item.distance}</td>
              <td>{item.owners.length === 0 ? '—' : item.owners.map((owner) => owner.name).join(', ')}</td>
              <td>{item.jobs.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
