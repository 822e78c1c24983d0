import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { WritePlan } from './batch-plan.js';
import type { GraphTransactions } from './bounded-ids.migration.js';
import type { Part } from './unit-batch.js';

/**
 * The lineage clock: one node whose `seq` goes up with every write that may
 * change what the in-memory copies hold, and stamps on what such a write
 * touched: `topologySeq` on each job and dataset whose current lineage may
 * have changed (`columnTopologySeq` too when a job's column lineage may have),
 * `detailsSeq` on each dataset and job whose owners, tags, classifications,
 * field count or last success may have. A copy (read/lineage-topology.ts), in
 * this process or another one on the same Neo4j, compares `seq` with the last
 * value it loaded and reloads only the stamped nodes.
 *
 * The bump comes last in the writer's transaction, so the clock's write lock
 * is held only until commit; the stamps and the new `seq` become visible in
 * the same commit, which is what makes "reload what is stamped after my seq"
 * complete.
 */
export const LINEAGE_CLOCK_ID = 'lineage';

const CLOCK_BUMP = `
UNWIND $rows AS row
MERGE (c:LineageClock {id: row.clock})
SET c.seq = coalesce(c.seq, 0) + 1`;

type Stamp = 'topologySeq' | 'columnTopologySeq' | 'detailsSeq';

/** Sets `property` to the clock's value on the nodes with these ids; label and property come from this file only. */
function stampQuery(label: 'Job' | 'Dataset', property: Stamp): string {
  return `
UNWIND $rows AS id
MATCH (c:LineageClock {id: '${LINEAGE_CLOCK_ID}'})
MATCH (n:${label} {id: id})
SET n.${property} = c.seq`;
}

const STAMP_JOBS = stampQuery('Job', 'topologySeq');
// Column lineage changes far less often than runs come (a new mapping, not a
// new run of the same one), so column copies reload only these jobs.
const STAMP_COLUMN_JOBS = stampQuery('Job', 'columnTopologySeq');
const STAMP_DATASETS = stampQuery('Dataset', 'topologySeq');
// What impact analysis shows beside a dataset or job (owners, tags,
// classifications, field count, last success) lives in the same copies;
// `detailsSeq` marks the nodes whose shown values a write may have changed.
const STAMP_DATASET_DETAILS = stampQuery('Dataset', 'detailsSeq');
const STAMP_JOB_DETAILS = stampQuery('Job', 'detailsSeq');

// A success counted or revoked moves the last success of the run's job and of
// what it wrote (run.repository.ts SUCCESSES): found the same way here.
const STAMP_RUN_DETAILS = `
UNWIND $rows AS runId
MATCH (c:LineageClock {id: '${LINEAGE_CLOCK_ID}'})
MATCH (r:Run {id: runId})
CALL (r, c) {
  MATCH (j:Job)-[:HAS_RUN]->(r)
  SET j.detailsSeq = c.seq
}
CALL (r, c) {
  MATCH (r)-[:WROTE]->(d:Dataset)
  SET d.detailsSeq = c.seq
}`;

/** A change no stamp can describe (ids rewritten): every copy reloads in full. */
const CLOCK_RESET = `
MERGE (c:LineageClock {id: $clock})
WITH c, coalesce(c.seq, 0) + 1 AS next
SET c.seq = next, c.resetSeq = next`;

/**
 * Jobs whose INPUT_TO/OUTPUTS/FEEDS edges the plan may create or close, those
 * whose FEEDS it may create or close (`columnJobIds`), and datasets whose
 * SYMLINK edges it may add. Over-approximates (a job seen again with the
 * same datasets changes nothing): a reload of a few hundred unchanged jobs
 * per batch is cheaper than proving, statement by statement, that nothing
 * moved. FEEDS rows exist only for a mapping that is new or changed
 * (batch-plan.ts), so the column stamps stay rare.
 */
export function topologyTouched(plan: WritePlan): { jobIds: string[]; columnJobIds: string[]; datasetIds: string[] } {
  const jobIds = new Set<string>(plan.jobsToRefresh);
  for (const rows of [plan.inputEdges, plan.outputEdges, plan.feeds, plan.affects, plan.closeColumnLineage])
    for (const row of rows) jobIds.add(row.jobId);
  const columnJobIds = new Set<string>();
  for (const rows of [plan.feeds, plan.closeColumnLineage]) for (const row of rows) columnJobIds.add(row.jobId);
  const datasetIds = new Set<string>();
  for (const row of plan.symlinks) {
    datasetIds.add(row.datasetId);
    for (const target of row.targets) datasetIds.add(target.id);
  }
  return { jobIds: [...jobIds], columnJobIds: [...columnJobIds], datasetIds: [...datasetIds] };
}

/**
 * Datasets and jobs whose owners, tags, field count or last success the plan
 * may change: every dataset and job it upserts, every dataset it adds fields
 * to, and the runs whose success it counts or revokes. Over-approximates like
 * topologyTouched: re-reading a few hundred unchanged rows costs less than
 * proving them unchanged.
 */
export function detailsTouched(plan: WritePlan): { datasetIds: string[]; jobIds: string[]; runIds: string[] } {
  const datasetIds = new Set<string>(plan.datasets.map((row) => row.id));
  for (const row of plan.fields) datasetIds.add(row.datasetId);
  const runIds = new Set<string>([...plan.successes, ...plan.revokedSuccesses].map((row) => row.runId));
  return { datasetIds: [...datasetIds], jobIds: plan.jobs.map((row) => row.id), runIds: [...runIds] };
}

/** Moves the lineage clock: the writer's last statements, governance's, and the reset after an id rewrite. */
@Injectable()
export class LineageClockRepository {
  /** Bump the clock, then stamp what this transaction touched; nothing when it touched nothing a copy holds. */
  writes(plan: WritePlan): Part[] {
    const { jobIds, columnJobIds, datasetIds } = topologyTouched(plan);
    const details = detailsTouched(plan);
    const touched = [jobIds, datasetIds, details.datasetIds, details.jobIds, details.runIds];
    if (touched.every((ids) => ids.length === 0)) return [];
    return [
      { name: 'clockBump', query: CLOCK_BUMP, rows: [{ clock: LINEAGE_CLOCK_ID }] },
      { name: 'stampJobs', query: STAMP_JOBS, rows: jobIds },
      { name: 'stampColumnJobs', query: STAMP_COLUMN_JOBS, rows: columnJobIds },
      { name: 'stampDatasets', query: STAMP_DATASETS, rows: datasetIds },
      { name: 'stampDatasetDetails', query: STAMP_DATASET_DETAILS, rows: details.datasetIds },
      { name: 'stampJobDetails', query: STAMP_JOB_DETAILS, rows: details.jobIds },
      { name: 'stampRunDetails', query: STAMP_RUN_DETAILS, rows: details.runIds },
    ];
  }

  /**
   * For a steward's change in its own transaction, as its last statements:
   * the copies re-read these nodes' details before their next answer.
   */
  async stampDetails(tx: ManagedTransaction, ids: { datasetIds: string[]; jobIds: string[] }): Promise<void> {
    if (ids.datasetIds.length === 0 && ids.jobIds.length === 0) return;
    await tx.run(CLOCK_BUMP, { rows: [{ clock: LINEAGE_CLOCK_ID }] });
    if (ids.datasetIds.length > 0) await tx.run(STAMP_DATASET_DETAILS, { rows: ids.datasetIds });
    if (ids.jobIds.length > 0) await tx.run(STAMP_JOB_DETAILS, { rows: ids.jobIds });
  }

  /** After a migration that rewrote ids in place. */
  async reset(neo4j: GraphTransactions): Promise<void> {
    await neo4j.write((tx) => tx.run(CLOCK_RESET, { clock: LINEAGE_CLOCK_ID }).then(() => undefined));
  }
}
