import { useMemo, useRef } from 'react';
import type { LineageNode } from '../../../api/types.js';
import { useQuery } from '../../../api/use-query.js';
import { navigate } from '../../../app/use-route.js';
import { formatRoute, links, type Route } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { EmptyState, ErrorMessage, Skeleton } from '../../../ui/States.js';
import { GraphCanvas, type GraphApi } from '../../lineage-graph/components/GraphCanvas.js';
import { toCyElements } from '../../lineage-graph/utils/to-cy-elements.js';
import { DATASET_COLUMNS, IMPACT, type ImpactReport } from '../api/impact.queries.js';
import { impactGraph } from '../utils/impact-graph.js';
import { countBy, toCsv, toImpactRows } from '../utils/impact-table.js';
import { ImpactTable } from './ImpactTable.js';

type ImpactRoute = Extract<Route, { page: 'impact' }>;

function downloadCsv(text: string, filename: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function Counts({ title, counts }: { title: string; counts: Array<[string, number]> }) {
  return (
    <section className="counts" aria-label={title}>
      <h3>{title}</h3>
      <ul className="plain-list">
        {counts.slice(0, 10).map(([key, count]) => (
          <li key={key}>
            <span className="count">{count}</span> {key}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ImpactPage({ route }: { route: ImpactRoute }) {
  const { namespace, name, columns, depth } = route;
  const columnState = useQuery<{ dataset: { fields: Array<{ name: string }> } | null }>(DATASET_COLUMNS, {
    namespace,
    name,
  });
  const granularity = columns.length > 0 ? 'COLUMN' : 'DATASET';
  const targets =
    columns.length > 0
      ? columns.map((field) => ({ kind: 'FIELD' as const, namespace, name, field }))
      : [{ kind: 'DATASET' as const, namespace, name }];
  const state = useQuery<{ impact: ImpactReport }>(IMPACT, { targets, depth, granularity });
  const apiRef = useRef<GraphApi | undefined>(undefined);
  const report = state.status === 'done' ? state.data.impact : undefined;
  const rows = useMemo(() => (report ? toImpactRows(report.items) : []), [report]);
  const elements = useMemo(() => {
    if (!report) return [];
    const target = (id: string): LineageNode => {
      const field = columns.find((column) => id.endsWith(`:${column}`));
      return field
        ? { id, kind: 'FIELD', namespace, name, field, label: `${name}.${field}` }
        : { id, kind: 'DATASET', namespace, name, label: name };
    };
    return toCyElements(impactGraph(report.items, target));
  }, [report, columns, namespace, name]);
  const setColumns = (next: string[]) => navigate(formatRoute({ ...route, columns: next }), { replace: true });
  const allColumns = columnState.status === 'done' ? (columnState.data.dataset?.fields ?? []).map((f) => f.name) : [];

  return (
    <section className="impact-page" aria-labelledby="impact-title">
      <h1 id="impact-title">
        Impact of changing <Link href={links.dataset(namespace, name)}>{name}</Link>
        {columns.length > 0 ? ` · ${columns.join(', ')}` : ''}
      </h1>
      <p className="muted small">{namespace}</p>
      <div className="toolbar" role="toolbar" aria-label="Impact controls">
        <label>
          Depth{' '}
          <input
            type="number"
            min={1}
            max={20}
            value={depth}
            aria-label="Depth in datasets"
            style={{ width: '4em' }}
            onChange={(e) => {
              const value = Number(e.target.value);
              if (Number.isInteger(value) && value >= 1 && value <= 20)
                navigate(formatRoute({ ...route, depth: value }), { replace: true });
            }}
          />
        </label>
        {allColumns.length > 0 && (
          <details className="column-picker">
            <summary>Columns ({columns.length > 0 ? columns.length : 'whole dataset'})</summary>
            <fieldset>
              <legend>Pick the columns you will change</legend>
              {allColumns.map((column) => (
                <label key={column} className="checkbox">
                  <input
                    type="checkbox"
                    checked={columns.includes(column)}
                    onChange={() =>
                      setColumns(columns.includes(column) ? columns.filter((c) => c !== column) : [...columns, column])
                    }
                  />{' '}
                  {column}
                </label>
              ))}
            </fieldset>
          </details>
        )}
        {columns.length > 0 && (
          <button type="button" onClick={() => setColumns([])}>
            Whole dataset
          </button>
        )}
      </div>
      {state.status === 'loading' && <Skeleton lines={8} label="Computing impact" />}
      {state.status === 'error' && <ErrorMessage error={state.error} title="Could not compute the impact" />}
      {report && (
        <>
          <p className="summary" role="status">
            <strong>{report.totalDatasets}</strong> datasets, <strong>{report.totalJobs}</strong> jobs
            {granularity === 'COLUMN' ? (
              <>
                , <strong>{report.totalFields}</strong> columns
              </>
            ) : null}{' '}
            downstream{report.truncated ? ' (truncated: raise the limit or lower the depth)' : ''}.
          </p>
          {report.items.length === 0 ? (
            <EmptyState title="Nothing downstream">
              No dataset or job reads this {granularity === 'COLUMN' ? 'column' : 'dataset'}: changing it breaks nothing
              we know of.
            </EmptyState>
          ) : (
            <>
              <div className="graph-area small-graph">
                <GraphCanvas
                  elements={elements}
                  marks={{ pathEnds: [], onPath: [], faded: [], hidden: [] }}
                  onSelectNode={() => {}}
                  onOpenNode={() => {}}
                  apiRef={apiRef}
                />
              </div>
              <div className="counts-row">
                <Counts title="By owner" counts={countBy(rows, 'owners')} />
                <Counts title="By namespace" counts={countBy(rows, 'namespace')} />
              </div>
              <ImpactTable rows={rows}>
                {(visible) => (
                  <button
                    type="button"
                    onClick={() =>
                      downloadCsv(toCsv(visible), `impact-${name}${columns.length ? '-' + columns.join('-') : ''}.csv`)
                    }
                  >
                    Export CSV
                  </button>
                )}
              </ImpactTable>
            </>
          )}
        </>
      )}
    </section>
  );
}
