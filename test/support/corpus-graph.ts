import { randomBytes, randomUUID } from 'node:crypto';
import { completeEvent, loadCorpus } from '@tributary/openlineage/corpus';

/**
 * The dbt jaffle_shop run of the shared corpus (72 events, postgres) made private
 * to one test: namespaces get a random token and every run a fresh id per job, so
 * tests sharing one Neo4j never see each other's nodes.
 *   raw_customers → stg_customers ┐
 *   raw_orders    → stg_orders    ├→ customers
 *   raw_payments  → stg_payments  ┘→ orders (stg_orders, stg_payments)
 */
export function jaffleShopEvents(): {
  events: Record<string, unknown>[];
  datasetNamespace: string;
  jobNamespace: string;
} {
  const token = randomBytes(4).toString('hex');
  const datasetNamespace = `postgres://jaffle-${token}:5432`;
  const jobNamespace = `dbt-${token}`;
  const rename: Record<string, string> = {
    'postgres://postgres:5432': datasetNamespace,
    'dbt-test-namespace': jobNamespace,
  };
  const runIds = new Map<string, string>();
  const runIdOf = (job: string) => {
    if (!runIds.has(job)) runIds.set(job, randomUUID());
    return runIds.get(job)!;
  };
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return rename[value] ?? value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
    }
    return value;
  };
  const events = loadCorpus()
    .filter((entry) => entry.entry.file === 'dbt/structured_logs_postgres_run_successful_run_ol_events.json')
    .map((entry) => {
      const event = rewrite(completeEvent(entry.event as Record<string, unknown>).event) as {
        run: { runId: string; facets?: { parent?: { run: { runId: string }; job: { name: string } } } };
        job: { name: string };
      };
      // The template's run ids are matchers; one run per job (and its parent) keeps START and COMPLETE together.
      event.run.runId = runIdOf(event.job.name);
      const parent = event.run.facets?.parent;
      if (parent) parent.run.runId = runIdOf(parent.job.name);
      return event as unknown as Record<string, unknown>;
    });
  if (events.length !== 72) throw new Error(`expected the 72 jaffle_shop events, found ${events.length}`);
  return { events, datasetNamespace, jobNamespace };
}

/** Adds an OpenLineage `tags` facet to every output named `datasetName`. */
export function tagOutput(events: Record<string, unknown>[], datasetName: string, key: string, value: string): void {
  for (const event of events) {
    for (const output of (event.outputs ?? []) as { name: string; facets?: Record<string, unknown> }[]) {
      if (output.name !== datasetName) continue;
      output.facets = {
        ...output.facets,
        tags: {
          _producer: 'https://github.com/tributary-lineage/tributary/test',
          _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/TagsDatasetFacet.json#/$defs/TagsDatasetFacet',
          tags: [{ key, value, source: 'USER' }],
        },
      };
    }
  }
}
