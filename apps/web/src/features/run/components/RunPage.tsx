import { useQuery } from '../../../api/use-query.js';
import { links } from '../../../routing/routes.js';
import { JsonViewer, parseFacets } from '../../../ui/JsonViewer.js';
import { Link } from '../../../ui/Link.js';
import { ErrorMessage, Skeleton } from '../../../ui/States.js';
import { StateBadge } from '../../dataset/components/RunList.js';
import { formatDuration } from '../../job/utils/duration-series.js';
import { RUN, type Run } from '../api/run.queries.js';

export function RunPage({ id }: { id: string }) {
  const state = useQuery<{ run: Run | null }>(RUN, { id });
  if (state.status === 'loading') return <Skeleton lines={6} label="Loading run" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} title="Could not load this run" />;
  const run = state.data.run;
  if (!run) return <ErrorMessage error={{ name: 'ApiError', message: `No run ${id}.`, code: 'NOT_FOUND' }} />;
  const facets = parseFacets(run.facets);
  return (
    <article className="entity-page" aria-labelledby="run-title">
      <p className="breadcrumb">
        <span className="kind-badge">run</span>
        {run.job && (
          <>
            {' '}
            of <Link href={links.job(run.job.namespace, run.job.name)}>{run.job.name}</Link>
          </>
        )}
      </p>
      <h1 id="run-title">
        <code>{run.id}</code> <StateBadge state={run.state} />
      </h1>
      <dl className="facts">
        <dt>Started</dt>
        <dd>{run.startedAt ? new Date(run.startedAt).toLocaleString() : '—'}</dd>
        <dt>Ended</dt>
        <dd>{run.endedAt ? new Date(run.endedAt).toLocaleString() : '—'}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(run.durationMs)}</dd>
      </dl>
      {run.errorMessage && (
        <div className="error-box" role="note">
          <strong>Error</strong>
          <pre>{run.errorMessage}</pre>
        </div>
      )}
      <div className="two-columns">
        <section aria-labelledby="read-title">
          <h2 id="read-title">Read</h2>
          <ul className="plain-list">
            {run.inputs.map((d) => (
              <li key={`${d.namespace}:${d.name}`}>
                <Link href={links.dataset(d.namespace, d.name)}>{d.name}</Link>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="wrote-title">
          <h2 id="wrote-title">Wrote</h2>
          <ul className="plain-list">
            {run.outputs.map((d) => (
              <li key={`${d.namespace}:${d.name}`}>
                <Link href={links.dataset(d.namespace, d.name)}>{d.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="facets-title">
        <h2 id="facets-title">Facets</h2>
        {Object.entries(facets).map(([key, value]) => (
          <JsonViewer key={key} name={key} value={value} />
        ))}
      </section>
    </article>
  );
}
