import { formatDuration } from '../../job/utils/duration-series.js';
import { formatRoute } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import type { RunSummary } from '../api/dataset.queries.js';

export function StateBadge({ state }: { state: string }) {
  return <span className={`state-badge state-${state.toLowerCase()}`}>{state}</span>;
}

export function RunList({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">State</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <Link href={formatRoute({ page: 'run', id: run.id })}>
                <code>{run.id.slice(0, 8)}</code>
              </Link>
              {run.jobName ? ` ${run.jobName}` : ''}
            </td>
            <td>
              <StateBadge state={run.state} />
            </td>
            <td>{run.startedAt ? new Date(run.startedAt).toLocaleString() : '—'}</td>
            <td>{formatDuration(run.durationMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
