import { useQuery } from '../../../api/use-query.js';
import { formatRoute } from '../../../routing/routes.js';
import { Link } from '../../../ui/Link.js';
import { EmptyState, ErrorMessage, Skeleton } from '../../../ui/States.js';
import { RecentActivity } from './RecentActivity.js';

type Namespace = { name: string; datasetCount: number; jobCount: number };
const NAMESPACES = /* GraphQL */ `
  query Namespaces {
    namespaces {
      name
      datasetCount
      jobCount
    }
  }
`;

/** The busiest namespaces only: a catalog can hold thousands. */
const SHOWN = 40;

function FirstSteps() {
  return (
    <EmptyState title="The catalog is empty">
      <p>Tributary learns lineage from the OpenLineage events your tools send. To see it work right away:</p>
      <pre className="code-block">npm run demo</pre>
      <p>
        posts a sample lineage (Airbyte → dbt → Airflow with column lineage) to this server. To connect real pipelines,
        point the OpenLineage HTTP transport of Airflow, Spark, Flink or dbt-ol at this server:
      </p>
      <pre className="code-block">{`OPENLINEAGE_URL=${window.location.origin}\nOPENLINEAGE_ENDPOINT=api/v1/lineage`}</pre>
      <p>or post an event yourself:</p>
      <pre className="code-block">{`curl -X POST ${window.location.origin}/api/v1/lineage \\\n  -H 'content-type: application/json' -d @event.json`}</pre>
    </EmptyState>
  );
}

export function HomePage() {
  const state = useQuery<{ namespaces: Namespace[] }>(NAMESPACES, {});
  return (
    <section className="home" aria-labelledby="home-title">
      <h1 id="home-title">Data lineage catalog</h1>
      <p className="muted">Search above, or start from what ran lately or from a namespace.</p>
      {state.status === 'loading' && <Skeleton lines={5} label="Loading namespaces" />}
      {state.status === 'error' && <ErrorMessage error={state.error} />}
      {state.status === 'done' && state.data.namespaces.length === 0 && <FirstSteps />}
      {state.status === 'done' && state.data.namespaces.length > 0 && <RecentActivity />}
      {state.status === 'done' && state.data.namespaces.length > 0 && (
        <section aria-labelledby="namespaces-title">
          <h2 id="namespaces-title">Namespaces</h2>
          <ul className="card-list">
            {[...state.data.namespaces]
              .sort((a, b) => b.datasetCount + b.jobCount - (a.datasetCount + a.jobCount))
              .slice(0, SHOWN)
              .map((ns) => (
                <li key={ns.name} className="card">
                  <Link href={formatRoute({ page: 'search', q: ns.name })}>{ns.name}</Link>
                  <div className="muted small">
                    {ns.datasetCount} datasets · {ns.jobCount} jobs
                  </div>
                </li>
              ))}
          </ul>
          {state.data.namespaces.length > SHOWN && (
            <p className="muted small">
              and {state.data.namespaces.length - SHOWN} smaller namespaces; search finds their datasets and jobs.
            </p>
          )}
        </section>
      )}
    </section>
  );
}
