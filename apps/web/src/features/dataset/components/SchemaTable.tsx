import { Fragment, useState } from 'react';
import { links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { GovernancePanel } from '../../governance/components/GovernancePanel.js';
import { useTagsOf } from '../../governance/hooks/use-tags-of.js';
import type { Column } from '../api/dataset.queries.js';

const COLUMNS = 5;

export function SchemaTable({ namespace, name, fields }: { namespace: string; name: string; fields: Column[] }) {
  const [open, setOpen] = useState<string>();
  // Bumped when a column's governance panel closes, so propagated classifications are read again.
  const [version, setVersion] = useState(0);
  const governed = useTagsOf(
    fields.map((field) => field.id).filter((id): id is string => !!id),
    version,
  );
  if (fields.length === 0) return <p className="muted">No schema has been reported for this dataset.</p>;
  return (
    <table className="data-table">
      <caption className="sr-only">Columns of {name}</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Tags and classifications</th>
          <th scope="col">Description</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const path = field.path ?? field.name;
          const extra = field.id ? governed.get(field.id) : undefined;
          const tags = extra ? extra.tags : (field.tags ?? []);
          const isOpen = open === path;
          return (
            <Fragment key={path}>
              <tr id={`column-${field.name}`}>
                <th scope="row">
                  <code>{field.name}</code>
                </th>
                <td>{field.type ?? '—'}</td>
                <td>
                  {tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                  {(extra?.classifications ?? []).map((classification) => (
                    <Link
                      key={`c:${classification}`}
                      href={links.flow(classification)}
                      className="tag classification"
                      aria-label={`Where does ${classification} flow?`}
                    >
                      {classification}
                    </Link>
                  ))}
                </td>
                <td>{field.description ?? ''}</td>
                <td className="row-actions">
                  <Link
                    href={links.impact(namespace, name, [field.name])}
                    aria-label={`Impact of changing ${field.name}`}
                  >
                    impact
                  </Link>{' '}
                  {field.id && (
                    <button
                      type="button"
                      aria-expanded={isOpen}
                      aria-controls={`governance-${path}`}
                      aria-label={`Governance of column ${field.name}`}
                      onClick={() => {
                        setOpen(isOpen ? undefined : path);
                        setVersion((v) => v + 1);
                      }}
                    >
                      govern
                    </button>
                  )}
                </td>
              </tr>
              {isOpen && (
                <tr id={`governance-${path}`} className="governance-row">
                  <td colSpan={COLUMNS}>
                    <GovernancePanel node={{ kind: 'FIELD', namespace, name, field: path }} variant="column" />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
