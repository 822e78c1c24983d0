import { JobGovernance } from '../../governance/components/JobGovernance.js';
import type { DatasetRefLike } from '../../../api/refs.js';
import { useQuery } from '../../../api/use-query.js';
import { links } from '../../../routing/routes.js';
import { JsonViewer, parseFacets } from '../../../ui/JsonViewer.js';
import { Link } from '../../../ui/Link.js';
import { ErrorMessage, Skeleton } from '../../../ui/States.js';
import { RunList } from '../../dataset/components/RunList.js';
import { JOB, type Job } from '../api/job.queries.js';
import { DurationChart } from './DurationChart.js';

function Refs({ refs, kind }: { refs: DatasetRefLike[]; kind: 'DATASET' | 'JOB' }) {
  if (refs.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="plain-list">
      {refs.map((ref) => (
        <li key={`${ref.namespace}:${ref.name}`}>
          <Link href={links.node(kind, ref.namespace, ref.name)}>{ref.name}</Link>{' '}
          <span className="muted">{ref.namespace}</span>
        </li>
      ))}
    </ul>
  );
}

export function JobPage({ namespace, name }: { namespace: string; name: string }) {
  const state = useQuery<{ job: Job | null }>(JOB, { namespace, name });
  if (state.status === 'loading') return <Skeleton lines={10} label="Loading job" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} title={`Could not load job ${name}`} />;
  const job = state.data.job;
  if (!job)
    return <ErrorMessage error={{ name: 'ApiError', message: `No job ${name} in ${namespace}.`, code: 'NOT_FOUND' }} />;
  const runs = job.runs.items;
  const failed = runs.find((run) => run.state === 'FAIL' && run.errorMessage);
  const facets = parseFacets(job.facets);
  return (
    <article className="entity-page" aria-labelledby="job-title">
      <p className="breadcrumb">
        <span className="kind-badge kind-job">job</span> {job.namespace}
        {job.jobType ? ` · ${job.jobType}` : ''}
      </p>
      <h1 id="job-title">{job.name}</h1>
      <nav className="page-actions" aria-label="Job views">
        <Link className="button" href={links.lineage('JOB', namespace, name)}>
          Lineage
        </Link>
      </nav>
      {job.description && <p className="description">{job.description}</p>}
      {failed && (
        <div className="error-box" role="note">
          <strong>Last failure</strong>
          <pre>{failed.errorMessage}</pre>
        </div>
      )}
      <dl className="facts">
        <dt>Owners</dt>
        <dd>{job.owners.length > 0 ? job.owners.join(', ') : <span className="muted">none</span>}</dd>
        {job.parent && (
          <>
            <dt>Parent</dt>
            <dd>
              <Link href={links.job(job.parent.namespace, job.parent.name)}>{job.parent.name}</Link>
            </dd>
          </>
        )}
        {job.sourceCodeUrl && (
          <>
            <dt>Source</dt>
            <dd>
              <a href={job.sourceCodeUrl}>{job.sourceCodeUrl}</a>
            </dd>
          </>
        )}
      </dl>
      <JobGovernance namespace={namespace} name={name} />
      <div className="two-columns">
        <section aria-labelledby="inputs-title">
          <h2 id="inputs-title">Inputs</h2>
          <Refs refs={job.inputs} kind="DATASET" />
        </section>
        <section aria-labelledby="outputs-title">
          <h2 id="outputs-title">Outputs</h2>
          <Refs refs={job.outputs} kind="DATASET" />
        </section>
      </div>
      {job.children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">Child jobs</h2>
          <Refs refs={job.children} kind="JOB" />
        </section>
      )}
      {job.sql && (
        <section aria-labelledby="sql-title">
          <h2 id="sql-title">SQL</h2>
          <pre className="code-block">{job.sql}</pre>
        </section>
      )}
      <section aria-labelledby="duration-title">
        <h2 id="duration-title">Run durations</h2>
        <DurationChart runs={runs} />
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Run history</h2>
        <RunList runs={runs} />
      </section>
      <section aria-labelledby="facets-title">
        <h2 id="facets-title">Facets</h2>
        {Object.entries(facets).map(([key, value]) => (
          <JsonViewer key={key} name={key} value={value} />
        ))}
        {Object.keys(facets).length === 0 && <p className="muted">No facets.</p>}
      </section>
    </article>
  );
}
