import { useQuery } from '../../../api/use-query.js';
import { formatRoute, links } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { ErrorMessage, Skeleton } from '../../../ui/States.js';
import { StateBadge } from '../../dataset/components/RunList.js';
import { formatDuration } from '../../job/utils/duration-series.js';
import { RECENT_RUNS, type RecentRun } from '../api/activity.queries.js';

const SHOWN = 15;
const RESTRICTED = 'restricted';
/** Names can be thousands of characters long; the feed shows their start and the whole in a tooltip. */
const NAME_SHOWN = 120;

function Name({ text }: { text: string }) {
  return text.length <= NAME_SHOWN ? <>{text}</> : <span title={text}>{text.slice(0, NAME_SHOWN)}…</span>;
}

function when(run: RecentRun): string {
  const at = run.lastEventTime ?? run.endedAt ?? run.startedAt;
  return at ? new Date(at).toLocaleString() : '—';
}

/** The latest runs of readable jobs, newest first: what happened in the catalog lately. */
export function RecentActivity() {
  const state = useQuery<{ recentRuns: RecentRun[] }>(RECENT_RUNS, { first: SHOWN });
  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">Recent activity</h2>
      {state.status === 'loading' && <Skeleton lines={5} label="Loading recent runs" />}
      {state.status === 'error' && <ErrorMessage error={state.error} title="Could not load recent runs" />}
      {state.status === 'done' && state.data.recentRuns.length === 0 && <p className="muted">No runs yet.</p>}
      {state.status === 'done' && state.data.recentRuns.length > 0 && (
        <table className="data-table activity-table">
          <caption className="sr-only">The latest runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">When</th>
              <th scope="col">Duration</th>
              <th scope="col">Wrote</th>
            </tr>
          </thead>
          <tbody>
            {state.data.recentRuns.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <Link href={links.job(run.jobNamespace, run.jobName)}>
                    <Name text={run.jobName} />
                  </Link>
                  <div className="muted small">
                    <Name text={run.jobNamespace} />
                  </div>
                </th>
                <td>
                  <Link
                    href={formatRoute({ page: 'run', id: run.id })}
                    aria-label={`Run ${run.id} of ${run.jobName.slice(0, NAME_SHOWN)}`}
                  >
                    <StateBadge state={run.state} />
                  </Link>
                </td>
                <td>{when(run)}</td>
                <td>{formatDuration(run.durationMs)}</td>
                <td>
                  {run.outputs.length === 0 && <span className="muted">—</span>}
                  <ul className="plain-list">
                    {run.outputs.map((output) => (
                      <li key={output.id}>
                        {output.name === RESTRICTED ? (
                          <span className="muted">restricted dataset</span>
                        ) : (
                          <Link href={links.dataset(output.namespace, output.name)}>
                            <Name text={output.name} />
                          </Link>
                        )}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
