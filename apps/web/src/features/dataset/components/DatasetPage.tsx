import { useQuery } from '../../../api/use-query.js';
import { links } from '../../../routing/routes.js';
import { JsonViewer, parseFacets } from '../../../ui/JsonViewer.js';
import { Link } from '../../../ui/Link.js';
import { ErrorMessage, Skeleton } from '../../../ui/States.js';
import { GovernancePanel } from '../../governance/components/GovernancePanel.js';
import { DATASET, type Dataset, type JobRef } from '../api/dataset.queries.js';
import { RunList } from './RunList.js';
import { SchemaHistory } from './SchemaHistory.js';
import { SchemaTable } from './SchemaTable.js';

function JobLinks({ jobs }: { jobs: JobRef[] }) {
  if (jobs.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="plain-list">
      {jobs.map((job) => (
        <li key={`${job.namespace}:${job.name}`}>
          <Link href={links.job(job.namespace, job.name)}>{job.name}</Link>{' '}
          <span className="muted">{job.namespace}</span>
        </li>
      ))}
    </ul>
  );
}

export function DatasetPage({ namespace, name }: { namespace: string; name: string }) {
  const state = useQuery<{ dataset: Dataset | null }>(DATASET, { namespace, name });
  if (state.status === 'loading') return <Skeleton lines={10} label="Loading dataset" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} title={`Could not load dataset ${name}`} />;
  const dataset = state.data.dataset;
  if (!dataset)
    return (
      <ErrorMessage error={{ name: 'ApiError', message: `No dataset ${name} in ${namespace}.`, code: 'NOT_FOUND' }} />
    );
  const facets = parseFacets(dataset.facets);
  type Assertion = { assertion: string; success: boolean; column?: string };
  const fromFacet = (facets.dataQualityAssertions as { assertions?: Assertion[] } | undefined)?.assertions;
  const assertions = Array.isArray(dataset.qualityAssertions)
    ? (dataset.qualityAssertions as Assertion[])
    : (fromFacet ?? []);
  return (
    <article className="entity-page" aria-labelledby="dataset-title">
      <p className="breadcrumb">
        <span className="kind-badge kind-dataset">dataset</span> {dataset.namespace}
      </p>
      <h1 id="dataset-title">{dataset.name}</h1>
      <nav className="page-actions" aria-label="Dataset views">
        <Link className="button" href={links.lineage('DATASET', namespace, name)}>
          Lineage
        </Link>
        <Link className="button" href={links.lineage('DATASET', namespace, name, 'COLUMN')}>
          Column lineage
        </Link>
        <Link className="button" href={links.impact(namespace, name)}>
          Impact analysis
        </Link>
      </nav>
      <section aria-labelledby="governance-title">
        <h2 id="governance-title">Governance</h2>
        <GovernancePanel node={{ kind: 'DATASET', namespace, name }} variant="node" />
      </section>
      <section aria-labelledby="schema-title">
        <h2 id="schema-title">Schema</h2>
        <SchemaTable namespace={namespace} name={name} fields={dataset.fields} />
      </section>
      <div className="two-columns">
        <section aria-labelledby="producers-title">
          <h2 id="producers-title">Produced by</h2>
          <JobLinks jobs={dataset.producers} />
        </section>
        <section aria-labelledby="consumers-title">
          <h2 id="consumers-title">Consumed by</h2>
          <JobLinks jobs={dataset.consumers} />
        </section>
      </div>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Latest runs</h2>
        <RunList runs={dataset.latestRuns} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Schema history</h2>
        <SchemaHistory versions={dataset.versions} />
      </section>
      <section aria-labelledby="quality-title">
        <h2 id="quality-title">Data quality</h2>
        {assertions.length > 0 ? (
          <ul className="plain-list">
            {assertions.map((a, i) => (
              <li key={i}>
                <span className={`state-badge ${a.success ? 'state-complete' : 'state-fail'}`}>
                  {a.success ? 'pass' : 'fail'}
                </span>{' '}
                {a.assertion}
                {a.column ? ` on ${a.column}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No data-quality assertions reported.</p>
        )}
      </section>
      <section aria-labelledby="facets-title">
        <h2 id="facets-title">Facets</h2>
        {Object.keys(facets).length === 0 && <p className="muted">No facets.</p>}
        {Object.entries(facets).map(([key, value]) => (
          <JsonViewer key={key} name={key} value={value} />
        ))}
      </section>
    </article>
  );
}
