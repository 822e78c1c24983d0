import type { BatchAgg, DatasetAgg, FacetsAgg } from './batch-aggregate.js';
import type { ColumnEdgeProps, FacetIn } from './event-facts.js';
import { keyTime } from './event-time.js';
import {
  COLUMN_LINEAGE,
  datasetProperties,
  jobProperties,
  OUTPUT_STATISTICS,
  runProperties,
  sortedKeys,
  statisticsProperties,
  type FacetKeys,
  type Props,
} from './facet-properties.js';
import { versionId } from './graph-ids.js';
import { toDateTime } from './neo4j-values.js';

/** What the graph holds for a node the batch touches (absent: the node is new). */
export interface StoredNode {
  id: string;
  facetKeys: string | null;
  createdKey: string | null;
  updatedKey: string | null;
}
export interface StoredDataset extends StoredNode {
  currentVersion: string | null;
  /** When the current version was first seen (its `createdKey`). */
  currentVersionKey: string | null;
  originalIds: string[] | null;
  /**
   * Key of the newest columnLineage facet when a job's OUTPUTS edge holds it
   * (that edge's `columnLineageKey`); null when the facets JSON holds it.
   */
  columnLineageKey: string | null;
}
export interface StoredJob extends StoredNode {
  latestRunKey: string | null;
  jobEventKey: string | null;
}
export interface StoredRun extends StoredNode {
  startKey: string | null;
  terminalKey: string | null;
  otherKey: string | null;
}
export interface StoredColumnLineage {
  jobId: string;
  datasetId: string;
  hash: string | null;
  key: string | null;
  since: string | null;
  /** Whether the edge holds its mapping's facet (edges written before it did do not). */
  facetStored: boolean | null;
}
export interface StoredState {
  datasets: Map<string, StoredDataset>;
  jobs: Map<string, StoredJob>;
  runs: Map<string, StoredRun>;
  columnLineage: Map<string, StoredColumnLineage>;
}

interface FacetMerge {
  keys: FacetKeys;
  /** The keys the node held before the batch. */
  storedKeys: FacetKeys;
  keysChanged: boolean;
  /** Facets whose content the batch replaces. */
  changed: FacetIn[];
  /** Names of changed facets whose stored predecessor was malformed. */
  replacedMalformed: Set<string>;
}

function parseKeys(json: string | null | undefined): FacetKeys {
  if (!json) return {};
  try {
    return JSON.parse(json) as FacetKeys;
  } catch {
    return {};
  }
}

export function mergeFacetKeys(stored: string | null | undefined, incoming: Map<string, FacetIn>): FacetMerge {
  const storedKeys = parseKeys(stored);
  const keys = { ...storedKeys };
  const changed: FacetIn[] = [];
  const replacedMalformed = new Set<string>();
  let keysChanged = false;
  for (const facet of incoming.values()) {
    const current = keys[facet.name];
    if (current && current[0] >= facet.key) continue;
    if (!current || current[1] !== facet.hash || current[2] !== facet.usable) {
      changed.push(facet);
      if (current && !current[2]) replacedMalformed.add(facet.name);
    }
    keys[facet.name] = [facet.key, facet.hash, facet.usable];
    keysChanged = true;
  }
  return { keys, storedKeys, keysChanged, changed, replacedMalformed };
}

interface DatasetFacetChanges {
  /** Changed facets stored in the dataset's `facets` JSON. */
  toJson: FacetIn[];
  /** Names to remove from that JSON. */
  dropFromJson: string[];
  /** The newest output statistics when they changed (see OUTPUT_STATISTICS). */
  statistics: FacetIn | undefined;
  /** The dataset's new `columnLineageKey` when it changes (null: the JSON holds the facet). */
  columnLineageKey: string | null | undefined;
}

/**
 * Which of a dataset's changed facets touch its `facets` JSON. Two facets
 * change with most runs and live apart, so that a run which brings nothing
 * else new neither reads nor rewrites that JSON:
 * - well-formed output statistics, in properties of their own;
 * - column lineage that a job's output carried, on that job's OUTPUTS edge.
 *   A dataset written by several jobs takes the mapping of the latest writer,
 *   so it would otherwise change hands with nearly every run.
 * A predecessor kept in the JSON (malformed statistics; column lineage
 * that was malformed or came without a job) is dropped from it when the
 * newest lives apart, so that it does not linger there.
 */
function datasetFacetChanges(
  merge: FacetMerge,
  agg: DatasetAgg,
  before: StoredDataset | undefined,
): DatasetFacetChanges {
  const apart = new Set<FacetIn>();
  const dropFromJson: string[] = [];
  const statistics = merge.changed.find((facet) => facet.name === OUTPUT_STATISTICS);
  if (statistics?.usable) {
    apart.add(statistics);
    if (merge.replacedMalformed.has(OUTPUT_STATISTICS)) dropFromJson.push(OUTPUT_STATISTICS);
  }

  const storedOnEdge = before?.columnLineageKey ?? null;
  const inJsonBefore = merge.storedKeys[COLUMN_LINEAGE] !== undefined && storedOnEdge === null;
  const newest = merge.keys[COLUMN_LINEAGE]?.[0];
  // On a tie (one event time, one content) an edge copy wins over a JSON
  // copy, so the order of arrival does not decide where the facet lives.
  const onEdge = newest !== undefined && (agg.edgeColumnLineageKeys.has(newest) || newest === storedOnEdge);
  let columnLineageKey: string | null | undefined;
  if (onEdge) {
    const lineage = merge.changed.find((facet) => facet.name === COLUMN_LINEAGE);
    if (lineage) apart.add(lineage);
    if (inJsonBefore) dropFromJson.push(COLUMN_LINEAGE);
    if (newest !== storedOnEdge) columnLineageKey = newest;
  } else if (storedOnEdge !== null) {
    columnLineageKey = null;
  }
  return {
    toJson: apart.size === 0 ? merge.changed : merge.changed.filter((facet) => !apart.has(facet)),
    dropFromJson,
    statistics,
    columnLineageKey,
  };
}

const rewritesJson = (changes: DatasetFacetChanges): boolean =>
  changes.toJson.length > 0 || changes.dropFromJson.length > 0;

/** Ids whose stored `facets` JSON must be read because the batch changes some facet's content. */
export function facetReadsNeeded(
  batch: BatchAgg,
  state: StoredState,
): { datasets: string[]; jobs: string[]; runs: string[] } {
  const need = <A extends FacetsAgg & { id: string }, S extends StoredNode>(
    aggs: Iterable<A>,
    stored: Map<string, S>,
    rewrites: (merge: FacetMerge, agg: A, before: S) => boolean,
  ): string[] => {
    const ids: string[] = [];
    for (const agg of aggs) {
      const before = stored.get(agg.id);
      if (before && rewrites(mergeFacetKeys(before.facetKeys, agg.facets), agg, before)) ids.push(agg.id);
    }
    return ids;
  };
  const anyChange = (merge: FacetMerge): boolean => merge.changed.length > 0;
  return {
    datasets: need(batch.datasets.values(), state.datasets, (merge, agg, before) =>
      rewritesJson(datasetFacetChanges(merge, agg, before)),
    ),
    jobs: need(batch.jobs.values(), state.jobs, anyChange),
    runs: need(batch.runs.values(), state.runs, anyChange),
  };
}

export interface StoredFacets {
  datasets: Map<string, string>;
  jobs: Map<string, string>;
  runs: Map<string, string>;
}

export interface NodeRow {
  id: string;
  namespace: string;
  name: string;
  isNew: boolean;
  props: Props;
}

export interface WritePlan {
  namespaces: { id: string; createdKey: string; createdAt: unknown }[];
  datasets: NodeRow[];
  jobs: NodeRow[];
  runs: { id: string; jobId: string; isNew: boolean; props: Props }[];
  fields: {
    datasetId: string;
    namespace: string;
    datasetName: string;
    current: boolean;
    fields: { id: string; path: string; name: string; props: Props }[];
  }[];
  versions: {
    id: string;
    datasetId: string;
    hash: string;
    fields: string;
    createdKey: string;
    createdAt: unknown;
    runId: string | null;
  }[];
  symlinks: { datasetId: string; targets: { id: string; namespace: string; name: string; type: string }[] }[];
  parents: {
    runId: string;
    jobId: string;
    parentRunId: string;
    parentJobId: string;
    parentJobNamespace: string;
    parentJobName: string;
  }[];
  reads: { runId: string; datasetId: string }[];
  writes: {
    runId: string;
    datasetId: string;
    versionKey: string | null;
    version: string | null;
    statsKey: string | null;
    rowCount: number | null;
    byteSize: number | null;
  }[];
  inputEdges: EdgeRow[];
  outputEdges: EdgeRow[];
  columnLineageState: {
    jobId: string;
    datasetId: string;
    hash: string;
    key: string;
    since: string;
    /** The current mapping's facet as JSON when the edge must store it; null keeps the stored one. */
    facet: string | null;
  }[];
  feeds: FeedRow[];
  affects: FeedRow[];
  closeColumnLineage: { jobId: string; datasetId: string; keepFeeds: string[]; keepAffects: string[]; at: unknown }[];
  jobsToRefresh: string[];
  /** Runs COMPLETE after this batch: their job and the datasets they wrote take `at` as last success when later. */
  successes: { runId: string; at: unknown }[];
  /** Runs that were COMPLETE and no longer are (a newer terminal event): last success is recomputed. */
  revokedSuccesses: { runId: string }[];
}

export interface EdgeRow {
  jobId: string;
  datasetId: string;
  firstKey: string;
  firstSeenAt: unknown;
  firstRunId: string | null;
  lastKey: string;
  lastSeenAt: unknown;
  lastRunId: string | null;
}

export interface FeedRow {
  jobId: string;
  inputDatasetId: string;
  inputNamespace: string;
  inputName: string;
  inputFieldId: string;
  inputPath: string;
  outputDatasetId: string;
  outputFieldId: string | null;
  outputPath: string | null;
  outputNamespace: string;
  outputName: string;
  props: ColumnEdgeProps;
  firstSeenAt: unknown;
  /** Current mapping: validTo cleared. Older mapping: validTo set to `closedAt` when the edge is new. */
  current: boolean;
  closedAt: unknown;
  /**
   * No column lineage of this (job, output dataset) was stored before the
   * batch. Its edges are written in the same transaction as that record, so
   * none of them can exist yet: the writer creates them without looking.
   */
  pairIsNew: boolean;
}

const runIdOf = (tieKey: string): string | null => {
  const id = tieKey.slice(tieKey.indexOf('|') + 1);
  return id === '' ? null : id;
};

/**
 * Facets by name, keys sorted: the stored JSON must not depend on which event
 * arrived first. The merged object comes back too, so the properties drawn
 * from it need no second parse of the JSON (facets are parsed JSON, so the
 * object and its text hold the same values).
 */
function mergedFacets(
  stored: string | undefined,
  changed: FacetIn[],
  drop: readonly string[] = [],
): { facets: Record<string, unknown>; json: string } {
  const merged = stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
  for (const name of drop) delete merged[name];
  for (const facet of changed) merged[facet.name] = facet.value;
  const facets = sortedKeys(merged);
  return { facets, json: JSON.stringify(facets) };
}

function timeProps(agg: FacetsAgg, stored: StoredNode | undefined): Props {
  const props: Props = {};
  if (!stored?.createdKey || agg.createdKey < stored.createdKey) {
    props.createdKey = agg.createdKey;
    props.createdAt = toDateTime(agg.createdKey);
  }
  if (!stored?.updatedKey || agg.updatedKey > stored.updatedKey) {
    props.updatedKey = agg.updatedKey;
    props.updatedAt = toDateTime(agg.updatedKey);
  }
  return props;
}

/**
 * Merges the batch with the stored state into the rows to write. Runs inside
 * the write transaction after the state reads, so a retried transaction
 * plans again from what the graph then holds.
 */
export function planWrites(batch: BatchAgg, state: StoredState, stored: StoredFacets): WritePlan {
  const plan: WritePlan = {
    namespaces: [...batch.namespaces].map(([id, key]) => ({ id, createdKey: key, createdAt: toDateTime(key) })),
    datasets: [],
    jobs: [],
    runs: [],
    fields: [],
    versions: [],
    symlinks: [],
    parents: [],
    reads: [],
    writes: [],
    inputEdges: [],
    outputEdges: [],
    columnLineageState: [],
    feeds: [],
    affects: [],
    closeColumnLineage: [],
    jobsToRefresh: [],
    successes: [],
    revokedSuccesses: [],
  };

  for (const agg of batch.datasets.values()) {
    const before = state.datasets.get(agg.id);
    const merge = mergeFacetKeys(before?.facetKeys, agg.facets);
    const changes = datasetFacetChanges(merge, agg, before);
    const props = timeProps(agg, before);
    let currentVersion = before?.currentVersion ?? null;
    if (merge.keysChanged) props.facetKeys = JSON.stringify(sortedKeys(merge.keys));
    if (changes.statistics) {
      const { usable, value } = changes.statistics;
      Object.assign(props, statisticsProperties(usable ? value : null));
    }
    if (changes.columnLineageKey !== undefined) props.columnLineageKey = changes.columnLineageKey;
    if (rewritesJson(changes) || !before) {
      const { facets, json } = mergedFacets(stored.datasets.get(agg.id), changes.toJson, changes.dropFromJson);
      props.facets = json;
      Object.assign(props, datasetProperties(facets, merge.keys));
      const schemaKey = merge.keys['schema'];
      if (schemaKey?.[2]) {
        const schema = agg.schemaByFacetHash.get(schemaKey[1]);
        if (schema) currentVersion = schema.hash;
      }
    }
    if (currentVersion !== (before?.currentVersion ?? null)) props.currentVersion = currentVersion;
    const originals = new Set(before?.originalIds ?? []);
    const sizeBefore = originals.size;
    for (const id of agg.originalIds) originals.add(id);
    if (originals.size !== sizeBefore) props.originalIds = [...originals].sort();

    if (!before || Object.keys(props).length > 0) {
      plan.datasets.push({ id: agg.id, namespace: agg.namespace, name: agg.name, isNew: !before, props });
    }

    // Fields: the new current schema rewrites its fields; older schemas in the
    // batch only add the fields they name (types from the current schema win).
    const currentSchema =
      currentVersion !== (before?.currentVersion ?? null)
        ? [...agg.versions.values()].find((v) => v.schema.hash === currentVersion)
        : undefined;
    for (const version of agg.versions.values()) {
      const isCurrent = version === currentSchema;
      if (!isCurrent && version.schema.hash === before?.currentVersion) continue;
      plan.fields.push({
        datasetId: agg.id,
        namespace: agg.namespace,
        datasetName: agg.name,
        current: isCurrent,
        fields: version.schema.fields.map((f) => ({
          id: f.id,
          path: f.path,
          name: f.name,
          props: { type: f.type, description: f.description, ordinal: f.ordinal, schemaHash: version.schema.hash },
        })),
      });
    }
    for (const [hash, version] of agg.versions) {
      // Most runs write the schema the dataset already has: its version is
      // stored, first seen no later than now, and rewriting it would send
      // the whole field list to change nothing.
      const storedKey = hash === before?.currentVersion ? before.currentVersionKey : null;
      if (storedKey !== null && storedKey <= version.key) continue;
      plan.versions.push({
        id: versionId(agg.id, hash),
        datasetId: agg.id,
        hash,
        fields: JSON.stringify(
          version.schema.fields.map((f) => ({ name: f.path, type: f.type, description: f.description })),
        ),
        createdKey: version.key,
        createdAt: toDateTime(keyTime(version.key)),
        runId: version.runId,
      });
    }
    const symlinkKey = merge.changed.find((f) => f.name === 'symlinks' && f.usable);
    const targets = symlinkKey ? agg.symlinksByFacetHash.get(symlinkKey.hash) : undefined;
    if (targets && targets.length > 0)
      plan.symlinks.push({ datasetId: agg.id, targets: targets.filter((t) => t.id !== agg.id) });
  }

  for (const agg of batch.jobs.values()) {
    const before = state.jobs.get(agg.id);
    const merge = mergeFacetKeys(before?.facetKeys, agg.facets);
    const props = timeProps(agg, before);
    if (merge.keysChanged) props.facetKeys = JSON.stringify(sortedKeys(merge.keys));
    if (merge.changed.length > 0 || !before) {
      const { facets, json } = mergedFacets(stored.jobs.get(agg.id), merge.changed);
      props.facets = json;
      Object.assign(props, jobProperties(facets, merge.keys));
    }
    if (agg.latestRunKey && (!before?.latestRunKey || agg.latestRunKey > before.latestRunKey)) {
      props.latestRunKey = agg.latestRunKey;
      props.latestRunId = runIdOf(agg.latestRunKey);
      props.latestRunAt = toDateTime(keyTime(agg.latestRunKey));
    }
    if (agg.jobEvent && (!before?.jobEventKey || agg.jobEvent.key > before.jobEventKey)) {
      props.jobEventKey = agg.jobEvent.key;
      props.jobEventAt = toDateTime(keyTime(agg.jobEvent.key));
      props.jobEventIo = agg.jobEvent.io;
    }
    if (!before || Object.keys(props).length > 0) {
      plan.jobs.push({ id: agg.id, namespace: agg.namespace, name: agg.name, isNew: !before, props });
    }
    plan.jobsToRefresh.push(agg.id);
  }

  for (const agg of batch.runs.values()) {
    const before = state.runs.get(agg.id);
    const merge = mergeFacetKeys(before?.facetKeys, agg.facets);
    const props = timeProps(agg, before);
    if (merge.keysChanged) props.facetKeys = JSON.stringify(sortedKeys(merge.keys));
    if (merge.changed.length > 0 || !before) {
      const { facets, json } = mergedFacets(stored.runs.get(agg.id), merge.changed);
      props.facets = json;
      Object.assign(props, runProperties(facets, merge.keys));
    }
    const startKey = pick(before?.startKey, agg.startKey, 'min');
    const terminalKey = pick(before?.terminalKey, agg.terminalKey, 'max');
    const otherKey = pick(before?.otherKey, agg.otherKey, 'max');
    if (
      startKey !== (before?.startKey ?? null) ||
      terminalKey !== (before?.terminalKey ?? null) ||
      otherKey !== (before?.otherKey ?? null)
    ) {
      // Terminal states win over anything that arrives after them.
      const decisive = terminalKey ?? otherKey;
      Object.assign(props, {
        startKey,
        terminalKey,
        otherKey,
        state: stateOf(decisive),
        startedAt: startKey ? toDateTime(startKey) : null,
        endedAt: terminalKey ? toDateTime(keyTime(terminalKey)) : null,
      });
    }
    if (props.updatedKey) props.lastEventTime = props.updatedAt;
    if (props.createdKey) props.firstEventTime = props.createdAt;
    if (!before || Object.keys(props).length > 0)
      plan.runs.push({ id: agg.id, jobId: agg.jobId, isNew: !before, props });
    // Every COMPLETE run of the batch, changed or not: this batch may add datasets it wrote.
    if (stateOf(terminalKey ?? otherKey) === 'COMPLETE' && terminalKey) {
      plan.successes.push({ runId: agg.id, at: toDateTime(keyTime(terminalKey)) });
    } else if (before && stateOf(before.terminalKey ?? before.otherKey) === 'COMPLETE') {
      plan.revokedSuccesses.push({ runId: agg.id });
    }

    const parentFacet = merge.changed.find((f) => f.name === 'parent' && f.usable);
    const parent = parentFacet ? agg.parentByKey.get(parentFacet.key) : undefined;
    if (parent && parent.runId !== agg.id) {
      plan.parents.push({
        runId: agg.id,
        jobId: agg.jobId,
        parentRunId: parent.runId,
        parentJobId: parent.jobId,
        parentJobNamespace: parent.jobNamespace,
        parentJobName: parent.jobName,
      });
    }
  }

  for (const io of batch.runIo.values()) {
    if (io.direction === 'READ') plan.reads.push({ runId: io.runId, datasetId: io.datasetId });
    else {
      plan.writes.push({
        runId: io.runId,
        datasetId: io.datasetId,
        versionKey: io.versionKey,
        version: io.versionKey ? io.versionKey.slice(io.versionKey.lastIndexOf('|') + 1) : null,
        statsKey: io.statsKey,
        rowCount: io.rowCount,
        byteSize: io.byteSize,
      });
    }
  }

  for (const io of batch.jobIo.values()) {
    const row: EdgeRow = {
      jobId: io.jobId,
      datasetId: io.datasetId,
      firstKey: io.firstKey,
      firstSeenAt: toDateTime(keyTime(io.firstKey)),
      firstRunId: runIdOf(io.firstKey),
      lastKey: io.lastKey,
      lastSeenAt: toDateTime(keyTime(io.lastKey)),
      lastRunId: runIdOf(io.lastKey),
    };
    (io.direction === 'INPUT_TO' ? plan.inputEdges : plan.outputEdges).push(row);
  }

  planColumnLineage(batch, state, plan);
  return plan;
}

/** The state a `time|STATE` key decides. */
function stateOf(key: string | null | undefined): string | null {
  return key ? key.slice(key.lastIndexOf('|') + 1) : null;
}

function pick(a: string | null | undefined, b: string | null | undefined, rule: 'min' | 'max'): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return rule === 'min' ? (a <= b ? a : b) : a >= b ? a : b;
}

/**
 * Column lineage per (job, output dataset): the newest mapping is current.
 * FEEDS edges are written only when the mapping changes or an older sighting
 * of the current mapping moves its first-seen time back, so repeated runs of
 * an unchanged job cost one property update instead of one write per column.
 */
function planColumnLineage(batch: BatchAgg, state: StoredState, plan: WritePlan): void {
  const feeds = new Map<string, { row: FeedRow; firstKey: string }>();
  for (const agg of batch.columnLineage.values()) {
    const before = state.columnLineage.get(`${agg.jobId}|${agg.datasetId}`);
    const dataset = batch.datasets.get(agg.datasetId)!;
    let best: { hash: string; maxKey: string } | null = null;
    for (const [hash, m] of agg.mappings) if (!best || m.maxKey > best.maxKey) best = { hash, maxKey: m.maxKey };
    if (!best) continue;
    const takesOver = !before?.key || best.maxKey > before.key;
    const currentHash = takesOver ? best.hash : before!.hash!;
    const currentKey = takesOver ? best.maxKey : before!.key!;
    let since =
      takesOver && best.hash !== before?.hash
        ? agg.mappings.get(best.hash)!.minTime
        : (before?.since ?? agg.mappings.get(best.hash)!.minTime);
    const currentMapping = agg.mappings.get(currentHash);
    if (currentMapping && currentMapping.minTime < since) since = currentMapping.minTime;

    for (const [hash, mapping] of agg.mappings) {
      const isCurrent = hash === currentHash;
      const unchanged = isCurrent && hash === before?.hash && before.since !== null && mapping.minTime >= before.since;
      if (unchanged) continue;
      for (const edge of mapping.lineage.edges) {
        const row: FeedRow = {
          jobId: agg.jobId,
          inputDatasetId: edge.inputDatasetId,
          inputNamespace: edge.inputNamespace,
          inputName: edge.inputName,
          inputFieldId: edge.inputFieldId,
          inputPath: edge.inputPath,
          outputDatasetId: agg.datasetId,
          outputFieldId: edge.outputFieldId,
          outputPath: edge.outputPath,
          outputNamespace: dataset.namespace,
          outputName: dataset.name,
          props: {
            type: edge.type,
            subtype: edge.subtype,
            transformations: edge.transformations,
            description: edge.description,
            masking: edge.masking,
          },
          firstSeenAt: toDateTime(mapping.minTime),
          current: isCurrent,
          closedAt: toDateTime(since),
          pairIsNew: !before,
        };
        if (edge.outputFieldId === null) plan.affects.push(row);
        else addFeed(feeds, row, mapping.minTime);
      }
    }
    if (takesOver && best.hash !== before?.hash && before?.hash) {
      const mapping = agg.mappings.get(best.hash)!.lineage;
      plan.closeColumnLineage.push({
        jobId: agg.jobId,
        datasetId: agg.datasetId,
        keepFeeds: mapping.edges
          .filter((e) => e.outputFieldId !== null)
          .map((e) => `${e.inputFieldId}>${e.outputFieldId}`),
        keepAffects: mapping.edges.filter((e) => e.outputFieldId === null).map((e) => e.inputFieldId),
        at: toDateTime(since),
      });
    }
    // The facet is written when the mapping changes, not with every run. The
    // dataset shows it when this edge holds the newest (datasetFacetChanges);
    // that edge's mapping then came in this batch, so it is at hand here.
    const facetStale = !before?.facetStored || before.hash !== currentHash;
    const facet = facetStale && currentMapping ? JSON.stringify(currentMapping.lineage.value) : null;
    if (!before || before.hash !== currentHash || before.key !== currentKey || before.since !== since || facet) {
      plan.columnLineageState.push({
        jobId: agg.jobId,
        datasetId: agg.datasetId,
        hash: currentHash,
        key: currentKey,
        since,
        facet,
      });
    }
  }
  for (const { row } of feeds.values()) plan.feeds.push(row);
}

/**
 * One FEEDS row per (job, input column, output column): the writer creates
 * the edges it does not find, so a key twice in one statement would create
 * it twice. Two rows of a key (two mappings of one batch share the edge, or
 * a facet lists an input twice) merge as the rows did one after the other:
 * the first row's values unless a current row follows, whose values win;
 * the earliest first sighting.
 */
function addFeed(feeds: Map<string, { row: FeedRow; firstKey: string }>, row: FeedRow, firstKey: string): void {
  const key = `${row.jobId}|${row.inputFieldId}|${row.outputFieldId ?? ''}`;
  const seen = feeds.get(key);
  if (!seen) {
    feeds.set(key, { row, firstKey });
    return;
  }
  const earliest = firstKey < seen.firstKey ? { row, firstKey } : seen;
  const kept = row.current ? row : seen.row;
  feeds.set(key, { row: { ...kept, firstSeenAt: earliest.row.firstSeenAt }, firstKey: earliest.firstKey });
}
