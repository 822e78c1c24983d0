import { Injectable } from '@nestjs/common';
import { ImpactRepository, type NodeDetailsRow } from '../graph/read/impact.repository.js';
import type { DatasetRow, FieldRow } from '../graph/read/read-rows.js';
import { LineageRepository, type TraversalView } from '../graph/read/lineage.repository.js';
import { LineageGranularity, NodeKind, TransformationKind } from '../lineage/dto/lineage-enums.js';
import type { LineageNode } from '../lineage/dto/lineage-graph.dto.js';
import { checkRange, invalidArgument } from '../lineage/lineage.errors.js';
import { foldPaths, NONE, toLineageNode } from '../lineage/lineage.mapper.js';
import { NodeResolver } from '../lineage/node-resolver.service.js';
import {
  traverseDatasets,
  traverseFields,
  type DatasetRoot,
  type Reached,
  type TraversalOptions,
  type TraversalResult,
} from '../lineage/traversal.js';
import {
  MAX_IMPACT_DEPTH,
  MAX_IMPACT_ITEMS,
  type ImpactArgs,
  type ImpactedItem,
  type ImpactReport,
  type ImpactTotal,
} from './dto/impact.dto.js';
import { FULL_IMPACT_SELECTION, type ImpactSelection } from './impact-selection.js';
import { parseOwners } from './owners.js';
import { classifyFeeds, stronger } from './transformation.js';

const MAX_TARGETS = 100;
const DAY_MS = 86_400_000;
const NO_OWNER = '(none)';

@Injectable()
export class ImpactService {
  constructor(
    private readonly lineage: LineageRepository,
    private readonly details: ImpactRepository,
    private readonly nodes: NodeResolver,
  ) {}

  /** `selection` names what the caller reads; the rest of the report is left empty rather than computed. */
  async impact(args: ImpactArgs, selection: ImpactSelection = FULL_IMPACT_SELECTION): Promise<ImpactReport> {
    const depth = args.depth ?? 10;
    const limit = args.limit ?? 5_000;
    const granularity = args.granularity ?? LineageGranularity.DATASET;
    checkRange('depth', depth, 1, MAX_IMPACT_DEPTH);
    checkRange('limit', limit, 1, MAX_IMPACT_ITEMS);
    if (args.targets.length === 0 || args.targets.length > MAX_TARGETS) {
      throw invalidArgument(`targets must list 1 to ${MAX_TARGETS} nodes`);
    }
    if (args.staleAfterDays != null) checkRange('staleAfterDays', args.staleAfterDays, 1, 36_500);
    const staleSince = args.staleAfterDays != null ? new Date(Date.now() - args.staleAfterDays * DAY_MS) : null;
    const options: TraversalOptions = {
      direction: 'DOWNSTREAM',
      depth,
      time: { asOf: args.asOf ?? null, staleSince },
      includeJobs: true,
      // Roots sit in the budget too.
      maxNodes: limit + args.targets.length * (granularity === LineageGranularity.COLUMN ? 2 : 1),
      clusterThreshold: null,
      recordHops: false,
    };
    // Synced first, so the targets resolve from the copy too.
    const view = await this.lineage.view({ time: options.time });
    const resolved = await Promise.all(args.targets.map((target) => this.nodes.resolve(target, view)));
    if (granularity === LineageGranularity.COLUMN) {
      const roots: { field: FieldRow; dataset: DatasetRow }[] = [];
      for (const node of resolved) roots.push(...(await this.nodes.fieldRoots(node)));
      const result = await view.run((source) => traverseFields(source, roots, options));
      return this.columnReport(view, result, selection);
    }
    const roots: DatasetRoot[] = [];
    for (const [index, node] of resolved.entries()) {
      if (node.kind === 'FIELD') {
        const target = args.targets[index]!;
        const dataset = await this.nodes.resolve(
          { kind: NodeKind.DATASET, namespace: target.namespace, name: target.name },
          view,
        );
        if (dataset.kind === 'DATASET') roots.push(dataset);
      } else {
        roots.push(node);
      }
    }
    return this.datasetReport(view, await view.run((source) => traverseDatasets(source, roots, options)), selection);
  }

  private async datasetReport(
    view: TraversalView,
    result: TraversalResult,
    selection: ImpactSelection,
  ): Promise<ImpactReport> {
    const items = [...result.reached.values()].filter((node) => node.distance > 0);
    const datasets = items.filter((node) => node.kind === 'DATASET');
    const jobs = items.filter((node) => node.kind === 'JOB');
    const [datasetRows, jobRows] = await Promise.all([
      // totalFields always needs the datasets' field counts.
      this.detailsOf(
        view,
        'dataset',
        datasets.map((node) => node.id),
      ),
      needsDetails(selection)
        ? this.detailsOf(
            view,
            'job',
            jobs.map((node) => node.id),
          )
        : [],
    ]);
    const byId = prepareDetails([...datasetRows, ...jobRows]);
    const pathOf = selection.paths ? idPaths(result) : noIds;
    // Jobs strictly between the target and the item: the item itself is not "on" its own path.
    const jobsBefore = selection.jobs
      ? foldPaths<LineageNode[]>(
          result.reached,
          () => [],
          (jobs, node) => {
            const parent = result.reached.get(node.parent!)!;
            return parent.kind === 'JOB' && parent.parent !== null ? [...jobs, toLineageNode(parent)] : jobs;
          },
        )
      : noJobs;
    const out = items.map((node) => {
      const details = byId.get(node.id);
      return impactedItem(
        node,
        pathOf(node.id),
        details,
        details?.row.classifications ?? NONE,
        jobsBefore(node.id),
        null,
      );
    });
    const totals = new Totals(selection);
    for (const node of datasets)
      totals.add(node, byId.get(node.id), 'datasets', byId.get(node.id)?.row.fieldCount ?? 0);
    for (const node of jobs) totals.add(node, byId.get(node.id), 'jobs', 0);
    return {
      items: sortItems(out),
      totalDatasets: datasets.length,
      totalFields: datasetRows.reduce((sum, row) => sum + row.fieldCount, 0),
      totalJobs: jobs.length,
      truncated: result.truncated,
      byNamespace: totals.list('namespace'),
      byOwner: totals.list('owner'),
    };
  }

  private async columnReport(
    view: TraversalView,
    result: TraversalResult,
    selection: ImpactSelection,
  ): Promise<ImpactReport> {
    const fields: Reached[] = [];
    const datasetNamespaces = new Map<string, string>();
    const jobIdSet = new Set<string>();
    for (const node of result.reached.values()) {
      if (node.kind !== 'FIELD' || node.distance === 0) continue;
      fields.push(node);
      datasetNamespaces.set(node.datasetId!, node.namespace);
      if (node.feeds?.jobId) jobIdSet.add(node.feeds.jobId);
    }
    const datasetIds = [...datasetNamespaces.keys()];
    const jobIds = [...jobIdSet];
    const [datasetRows, jobRows] = await Promise.all([
      needsDetails(selection) ? this.detailsOf(view, 'dataset', datasetIds, { fieldCounts: false }) : [],
      selection.jobs || selection.byNamespace || selection.byOwner ? this.detailsOf(view, 'job', jobIds) : [],
    ]);
    // A dataset's classifications are the union over its fields (and its own):
    // only those with some can hold a classified field.
    const classified = selection.classifications
      ? await this.details.classifiedFields(
          datasetRows.filter((row) => row.classifications.length > 0).map((row) => row.id),
        )
      : [];
    const fieldClassifications = new Map(classified.map((row) => [row.id, row.classifications]));
    const datasetsById = prepareDetails(datasetRows);
    const jobsById = prepareDetails(jobRows);
    const jobNode = (id: string): Reached | null => {
      const details = jobsById.get(id);
      if (!details) return null;
      return { ...JOB_TEMPLATE, id, namespace: details.row.namespace, name: details.row.name };
    };
    const pathOf = selection.paths ? idPaths(result) : noIds;
    // The root's own feeds (none) do not count: only the edges walked from it.
    const strongestOf = selection.transformation
      ? foldPaths<TransformationKind | null>(
          result.reached,
          () => null,
          (before, node) => stronger(before, classifyFeeds(node.feeds)),
        )
      : () => null;
    const jobIdsOf = selection.jobs
      ? foldPaths<string[]>(
          result.reached,
          () => [],
          (before, node) => {
            const jobId = node.feeds?.jobId;
            return jobId && !before.includes(jobId) ? [...before, jobId] : before;
          },
        )
      : noIds;
    const jobNodes = new Map<string, LineageNode | null>();
    const jobLineageNode = (id: string): LineageNode | null => {
      if (!jobNodes.has(id)) {
        const job = jobNode(id);
        jobNodes.set(id, job ? toLineageNode(job) : null);
      }
      return jobNodes.get(id)!;
    };
    const out = fields.map((node) =>
      impactedItem(
        node,
        pathOf(node.id),
        datasetsById.get(node.datasetId!),
        // A field's own classifications; the dataset's list is the union over all its fields.
        fieldClassifications.get(node.id) ?? NONE,
        selection.jobs
          ? jobIdsOf(node.id)
              .map(jobLineageNode)
              .filter((job): job is LineageNode => job !== null)
          : NONE,
        strongestOf(node.id),
      ),
    );
    const totals = new Totals(selection);
    for (const node of fields) totals.add(node, datasetsById.get(node.datasetId!), 'fields', 1);
    for (const [id, namespace] of datasetNamespaces) totals.add({ namespace }, datasetsById.get(id), 'datasets', 0);
    for (const id of jobIds) {
      const row = jobsById.get(id);
      if (row) totals.add({ namespace: row.row.namespace }, row, 'jobs', 0);
    }
    return {
      items: sortItems(out),
      totalDatasets: datasetIds.length,
      totalFields: fields.length,
      totalJobs: jobIds.length,
      truncated: result.truncated,
      byNamespace: totals.list('namespace'),
      byOwner: totals.list('owner'),
    };
  }

  /**
   * From the synced in-memory copy when it holds them (the traversal's sync
   * brought it to the clock), else from Neo4j: time-filtered answers, a copy
   * still loading, a node it has not read.
   */
  private async detailsOf(
    view: TraversalView,
    kind: 'dataset' | 'job',
    ids: string[],
    options = { fieldCounts: true },
  ): Promise<NodeDetailsRow[]> {
    const rows: NodeDetailsRow[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const row = view.cachedDetails(id);
      if (row) rows.push(row);
      else missing.push(id);
    }
    if (missing.length === 0) return rows;
    const read =
      kind === 'dataset' ? await this.details.datasetDetails(missing, options) : await this.details.jobDetails(missing);
    return rows.concat(read);
  }
}

// One literal per item: answers hold thousands, and spreading a partial item
// into another object showed in profiles.
function impactedItem(
  node: Reached,
  path: string[],
  details: Details | undefined,
  classifications: string[],
  jobs: LineageNode[],
  strongestTransformation: TransformationKind | null,
): ImpactedItem {
  return {
    node: toLineageNode(node),
    distance: node.distance,
    path,
    owners: details?.owners ?? NONE,
    tags: details?.row.tags ?? NONE,
    classifications,
    lastSuccessfulRunAt: details?.lastSuccess ?? null,
    jobs,
    strongestTransformation,
  };
}

/** Owners, tags, classifications or last success, for the items or the totals by owner. */
function needsDetails(selection: ImpactSelection): boolean {
  return selection.owners || selection.tags || selection.classifications || selection.lastSuccess;
}

function idPaths(result: TraversalResult): (id: string) => string[] {
  return foldPaths<string[]>(
    result.reached,
    (root) => [root.id],
    (path, node) => [...path, node.id],
  );
}

const noIds = (): string[] => [];
const noJobs = (): LineageNode[] => [];

/** A details row with its owners parsed and its time converted once, however many items share it. */
interface Details {
  row: NodeDetailsRow;
  owners: string[];
  lastSuccess: Date | null;
}

/**
 * Rows of the in-memory copy live across requests, so their parsed owners and
 * dates are kept with them instead of being made again for every answer (a
 * column impact reads thousands). Rows read from Neo4j take their entry with
 * them when they go.
 */
const preparedDetails = new WeakMap<NodeDetailsRow, Details>();

function prepareDetails(rows: NodeDetailsRow[]): Map<string, Details> {
  const byId = new Map<string, Details>();
  for (const row of rows) {
    let details = preparedDetails.get(row);
    if (!details) {
      details = {
        row,
        owners: parseOwners(row.owners),
        lastSuccess: row.lastSuccessAt != null ? new Date(row.lastSuccessAt) : null,
      };
      preparedDetails.set(row, details);
    }
    byId.set(row.id, details);
  }
  return byId;
}

const JOB_TEMPLATE: Reached = {
  id: '',
  kind: 'JOB',
  namespace: '',
  name: '',
  field: null,
  aliases: [],
  distance: 0,
  parent: null,
  datasetId: null,
  feeds: null,
  clusterSize: null,
  clusterOf: null,
};

function sortItems(items: ImpactedItem[]): ImpactedItem[] {
  return items.sort((a, b) => a.distance - b.distance || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
}

/** Counts per namespace and per owner. */
class Totals {
  private readonly namespaces = new Map<string, ImpactTotal>();
  private readonly owners = new Map<string, ImpactTotal>();

  constructor(private readonly selection: Pick<ImpactSelection, 'byNamespace' | 'byOwner'>) {}

  add(
    node: { namespace: string },
    details: Details | undefined,
    what: 'datasets' | 'jobs' | 'fields',
    fields: number,
  ): void {
    const bump = (map: Map<string, ImpactTotal>, key: string): void => {
      const total = map.get(key) ?? { key, datasets: 0, fields: 0, jobs: 0 };
      if (what === 'fields') total.fields += 1;
      else {
        total[what] += 1;
        total.fields += fields;
      }
      map.set(key, total);
    };
    if (this.selection.byNamespace) bump(this.namespaces, node.namespace);
    if (!this.selection.byOwner) return;
    const owners = details?.owners ?? [];
    for (const owner of owners.length > 0 ? owners : [NO_OWNER]) bump(this.owners, owner);
  }

  list(by: 'namespace' | 'owner'): ImpactTotal[] {
    const map = by === 'namespace' ? this.namespaces : this.owners;
    return [...map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
