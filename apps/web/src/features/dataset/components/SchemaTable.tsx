import { links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import type { Column } from '../api/dataset.queries.js';

export function SchemaTable({ namespace, name, fields }: { namespace: string; name: string; fields: Column[] }) {
  if (fields.length === 0) return <p className="muted">No schema has been reported for this dataset.</p>;
  return (
    <table className="data-table">
      <caption className="sr-only">Columns of {name}</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Tags</th>
          <th scope="col">Description</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.name} id={`column-${field.name}`}>
            <th scope="row">
              <code>{field.name}</code>
            </th>
            <td>{field.type ?? '—'}</td>
            <td>
              {(field.tags ?? []).map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </td>
            <td>{field.description ?? ''}</td>
            <td>
              <Link href={links.impact(namespace, name, [field.name])} aria-label={`Impact of changing ${field.name}`}>
                impact
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
