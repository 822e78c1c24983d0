import { GraphQLError } from 'graphql';
import type { AccessPolicy } from './access-policy.js';
import type { Principal } from './principal.js';
import { opaqueId, redactGraph, RESTRICTED, restrictNode, type RedactableEdge, type RedactableNode } from './redact.js';

/**
 * Read filtering for the GraphQL read API, applied by its resolvers to what
 * the services return: nodes outside the caller's namespaces become opaque
 * placeholders with ids rewritten consistently; totals stay as computed.
 */
export class ReadFilter {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly principal: Principal,
  ) {}

  canRead = (namespace: string): boolean => this.policy.canRead(this.principal, namespace);

  /** Asking about a node by name in a namespace one cannot read: refused, whether or not it exists. */
  requireReadable(namespace: string): void {
    if (!this.canRead(namespace)) throw forbiddenError();
  }

  graph<
    G extends { nodes: N[]; edges: E[] },
    N extends RedactableNode & { clusterOf?: string | null },
    E extends RedactableEdge,
  >(graph: G, jobNamespaces?: ReadonlyMap<string, string>): G {
    return { ...graph, ...redactGraph(graph, this.canRead, jobNamespaces ? (id) => jobNamespaces.get(id) : undefined) };
  }

  diff<
    D extends { addedNodes: N[]; removedNodes: N[]; addedEdges: E[]; removedEdges: E[] },
    N extends RedactableNode & { clusterOf?: string | null },
    E extends RedactableEdge,
  >(diff: D, jobNamespaces?: ReadonlyMap<string, string>): D {
    const added = this.graph({ nodes: diff.addedNodes, edges: diff.addedEdges }, jobNamespaces);
    const removed = this.graph({ nodes: diff.removedNodes, edges: diff.removedEdges }, jobNamespaces);
    return {
      ...diff,
      addedNodes: added.nodes,
      addedEdges: added.edges,
      removedNodes: removed.nodes,
      removedEdges: removed.edges,
    };
  }

  impact<R extends ImpactLike>(report: R): R {
    const hidden = new Set<string>();
    for (const item of report.items) {
      if (!this.canRead(item.node.namespace)) hidden.add(item.node.id);
      for (const job of item.jobs) if (!this.canRead(job.namespace)) hidden.add(job.id);
    }
    if (hidden.size === 0 && report.byNamespace.every((total) => this.canRead(total.key))) return report;
    const items = report.items.map((item) => {
      const restricted = hidden.has(item.node.id);
      return {
        ...item,
        node: restricted ? restrictNode(item.node) : item.node,
        path: item.path.map((id) => (hidden.has(id) ? opaqueId(id) : id)),
        owners: restricted ? [] : item.owners,
        tags: restricted ? [] : item.tags,
        classifications: restricted ? [] : item.classifications,
        lastSuccessfulRunAt: restricted ? null : item.lastSuccessfulRunAt,
        jobs: item.jobs.map((job) => (hidden.has(job.id) ? restrictNode(job) : job)),
      };
    });
    const visibleOwners = new Set(items.filter((item) => !hidden.has(item.node.id)).flatMap((item) => item.owners));
    return {
      ...report,
      items,
      byNamespace: fold(report.byNamespace, (key) => this.canRead(key)),
      // An owner named only by restricted nodes is itself restricted information.
      byOwner: fold(
        report.byOwner,
        (key) => visibleOwners.has(key) || !report.items.some((i) => i.owners.includes(key)),
      ),
    };
  }

  /** A list of named nodes (producers, inputs, children...) with the unreadable ones as placeholders. */
  names<T extends RedactableNode>(items: readonly T[]): T[] {
    return items.map((item) => this.name(item));
  }

  name<T extends RedactableNode>(item: T): T {
    return this.canRead(item.namespace) ? item : restrictNode(item);
  }

  /** Runs name their job; a job one cannot read keeps its run's state and times but not its name. */
  runs<T extends { jobNamespace: string | null; jobName: string | null }>(runs: readonly T[]): T[] {
    return runs.map((run) =>
      run.jobNamespace === null || this.canRead(run.jobNamespace)
        ? run
        : { ...run, jobNamespace: RESTRICTED, jobName: RESTRICTED, errorMessage: null },
    );
  }

  dataset<
    D extends {
      namespace: string;
      producers: RedactableNode[];
      consumers: RedactableNode[];
      latestRuns: Array<{ jobNamespace: string | null; jobName: string | null }>;
    },
  >(dataset: D | null): D | null {
    if (!dataset) return dataset;
    this.requireReadable(dataset.namespace);
    return {
      ...dataset,
      producers: this.names(dataset.producers),
      consumers: this.names(dataset.consumers),
      latestRuns: this.runs(dataset.latestRuns),
    };
  }

  job<
    J extends {
      namespace: string;
      inputs: RedactableNode[];
      outputs: RedactableNode[];
      parent: RedactableNode | null;
      children: RedactableNode[];
    },
  >(job: J | null): J | null {
    if (!job) return job;
    this.requireReadable(job.namespace);
    return {
      ...job,
      inputs: this.names(job.inputs),
      outputs: this.names(job.outputs),
      parent: job.parent ? this.name(job.parent) : null,
      children: this.names(job.children),
    };
  }

  /** A run of a job one cannot read is answered as unknown: its id says nothing about its namespace. */
  run<R extends { jobNamespace: string | null }>(run: R | null): R | null {
    return run && run.jobNamespace !== null && !this.canRead(run.jobNamespace) ? null : run;
  }

  rootCause<
    C extends {
      job: RedactableNode;
      path: string[];
      latestRun: { jobNamespace: string | null; jobName: string | null } | null;
    },
  >(candidates: readonly C[]): C[] {
    const hidden = new Set(candidates.filter((c) => !this.canRead(c.job.namespace)).map((c) => c.job.id));
    return candidates.map((candidate) =>
      hidden.has(candidate.job.id)
        ? {
            ...candidate,
            job: restrictNode(candidate.job),
            path: candidate.path.map((id) => (hidden.has(id) ? opaqueId(id) : id)),
            latestRun: candidate.latestRun ? (this.runs([candidate.latestRun])[0] ?? null) : null,
          }
        : candidate,
    );
  }

  /** Search never shows what one cannot read, not even as a placeholder: a hit would confirm the name exists. */
  readable<T extends { namespace: string }>(items: readonly T[]): T[] {
    return items.filter((item) => this.canRead(item.namespace));
  }
}

export function forbiddenError(): GraphQLError {
  return new GraphQLError('forbidden: namespace not readable with this token', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}

type Total = { key: string; datasets: number; fields: number; jobs: number };

type ImpactLike = {
  items: Array<{
    node: RedactableNode & { kind: string };
    path: string[];
    owners: string[];
    tags: string[];
    classifications: string[];
    lastSuccessfulRunAt: Date | null;
    jobs: Array<RedactableNode & { kind: string }>;
  }>;
  byNamespace: Total[];
  byOwner: Total[];
};

/** Keeps the visible keys and sums the rest into one `restricted` total. */
function fold<T extends Total>(totals: T[], visible: (key: string) => boolean): T[] {
  const kept = totals.filter((total) => visible(total.key));
  const hidden = totals.filter((total) => !visible(total.key));
  if (hidden.length === 0) return totals;
  const sum = hidden.reduce(
    (acc, total) => ({
      ...acc,
      datasets: acc.datasets + total.datasets,
      fields: acc.fields + total.fields,
      jobs: acc.jobs + total.jobs,
    }),
    { ...hidden[0]!, key: RESTRICTED, datasets: 0, fields: 0, jobs: 0 },
  );
  return [...kept, sum];
}
