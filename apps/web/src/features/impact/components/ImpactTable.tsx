import { useMemo, useState } from 'react';
import { links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { filterAndSort, type ImpactRow, type SortKey } from '../utils/impact-table.js';

const COLUMNS: Array<[SortKey, string]> = [
  ['distance', 'Distance'],
  ['kind', 'Kind'],
  ['namespace', 'Namespace'],
  ['name', 'Name'],
  ['field', 'Column'],
  ['owners', 'Owners'],
  ['tags', 'Tags'],
  ['transformation', 'Strongest change'],
  ['lastRun', 'Last successful run'],
];

/** Sortable, filterable table of impacted assets; `onVisibleRows` hands the shown rows to the CSV export. */
export function ImpactTable({
  rows,
  children,
}: {
  rows: ImpactRow[];
  children: (visible: ImpactRow[]) => React.ReactNode;
}) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'distance', descending: false });
  const visible = useMemo(() => filterAndSort(rows, filter, sort.key, sort.descending), [rows, filter, sort]);
  return (
    <div className="impact-table">
      <div className="table-tools">
        <label>
          Filter{' '}
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="name, owner, tag…"
            aria-label="Filter impacted assets"
          />
        </label>
        <span className="muted small" role="status">
          {visible.length} of {rows.length} shown
        </span>
        {children(visible)}
      </div>
      <table className="data-table">
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }))}
                >
                  {label}
                  {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.id}>
              <td>{row.distance}</td>
              <td>{row.kind.toLowerCase()}</td>
              <td>{row.namespace}</td>
              <td>
                <Link href={links.node(row.kind === 'JOB' ? 'JOB' : 'DATASET', row.namespace, row.name)}>
                  {row.name}
                </Link>
              </td>
              <td>{row.field}</td>
              <td>{row.owners}</td>
              <td>{row.tags}</td>
              <td>{row.transformation.toLowerCase()}</td>
              <td>{row.lastRun ? new Date(row.lastRun).toLocaleString() : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
