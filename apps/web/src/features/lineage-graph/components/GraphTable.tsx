import type { LineageGraph } from '../../../api/types.js';
import { links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';

/** The same nodes and edges as the graph, as tables: for screen readers and copy-paste. */
export function GraphTable({ graph }: { graph: LineageGraph }) {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const name = (id: string) => {
    const node = byId.get(id);
    return node ? (node.field ? `${node.name}.${node.field}` : node.label) : id;
  };
  return (
    <div className="graph-table">
      <table className="data-table">
        <caption>Nodes ({graph.nodes.length})</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Namespace</th>
            <th scope="col">Name</th>
            <th scope="col">Column</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((node) => (
            <tr key={node.id}>
              <td>{node.clusterSize ? `${node.kind} cluster` : node.kind}</td>
              <td>{node.namespace}</td>
              <td>
                {node.clusterSize ? (
                  node.label
                ) : (
                  <Link href={links.node(node.kind, node.namespace, node.name)}>{node.name}</Link>
                )}
              </td>
              <td>{node.field ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>Edges ({graph.edges.length})</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Kind</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.map((edge) => (
            <tr key={edge.id}>
              <td>{name(edge.source)}</td>
              <td>{edge.kind}</td>
              <td>{name(edge.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
