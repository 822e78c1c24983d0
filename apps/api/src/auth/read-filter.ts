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

  // One filter serves one request, whose answer may name thousands of nodes
  // from a handful of namespaces: each namespace is matched against the
  // bindings once.
  private readonly readableByNamespace = new Map<string, boolean>();

  canRead = (namespace: string): boolean => {
    let allowed = this.readableByNamespace.get(namespace);
    if (allowed === undefined) {
      allowed = this.policy.canRead(this.principal, namespace);
      this.readableByNamespace.set(namespace, allowed);
    }
    return allowed;
  };

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

  /**
   * Root-cause candidates: unreadable jobs become placeholders, and every id
   * on a path whose node lies outside the caller's namespaces is rewritten
   * (`namespacesOf` resolves the ids the candidates do not describe).
   */
  async rootCause<
    C extends {
      job: RedactableNode;
      path: string[];
      latestRun: { jobNamespace: string | null; jobName: string | null } | null;
    },
  >(candidates: readonly C[], namespacesOf: (ids: string[]) => Promise<Map<string, string>>): Promise<C[]> {
    if (this.readsAll) return [...candidates];
    const namespaces = await namespacesOf(candidates.flatMap((c) => c.path));
    for (const c of candidates) namespaces.set(c.job.id, c.job.namespace);
    const hidden = new Set([...namespaces].filter(([, namespace]) => !this.canRead(namespace)).map(([id]) => id));
    return candidates.map((candidate) => {
      const restricted = hidden.has(candidate.job.id);
      return {
        ...candidate,
        job: restricted ? restrictNode(candidate.job) : candidate.job,
        path: candidate.path.map((id) => (hidden.has(id) ? opaqueId(id) : id)),
        latestRun:
          candidate.latestRun && restricted ? (this.runs([candidate.latestRun])[0] ?? null) : candidate.latestRun,
      };
    });
  }

  /** An admin or a viewer of `*`: nothing to hide, no lookups needed. */
  get readsAll(): boolean {
    return this.principal.bindings.some((binding) => binding.namespace === '*');
  }

  /** `graph`, also hiding jobs that FEEDS edges name without the job being in the answer. */
  async graphWithJobs<
    G extends { nodes: N[]; edges: E[] },
    N extends RedactableNode & { clusterOf?: string | null },
    E extends RedactableEdge,
  >(graph: G, namespacesOf: (ids: string[]) => Promise<Map<string, string>>): Promise<G> {
    if (this.readsAll) return graph;
    return this.graph(graph, await namespacesOf(ReadFilter.edgeJobIds(graph)));
  }

  async diffWithJobs<
    D extends { addedNodes: N[]; removedNodes: N[]; addedEdges: E[]; removedEdges: E[] },
    N extends RedactableNode & { clusterOf?: string | null },
    E extends RedactableEdge,
  >(diff: D, namespacesOf: (ids: string[]) => Promise<Map<string, string>>): Promise<D> {
    if (this.readsAll) return diff;
    const jobs = ReadFilter.edgeJobIds({
      nodes: [...diff.addedNodes, ...diff.removedNodes],
      edges: [...diff.addedEdges, ...diff.removedEdges],
    });
    return this.diff(diff, await namespacesOf(jobs));
  }

  /** Namespaces of the jobs FEEDS edges name without the job being a node of the graph. */
  static edgeJobIds(graph: { nodes: Array<{ id: string }>; edges: Array<{ job?: string | null }> }): string[] {
    const present = new Set(graph.nodes.map((node) => node.id));
    return [...new Set(graph.edges.map((edge) => edge.job).filter((job): job is string => !!job && !present.has(job)))];
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
