import { Injectable } from '@nestjs/common';
import type { WritePlan } from './batch-plan.js';
import type { Part } from './unit-batch.js';

export const RUN_READS_UPSERT = `
UNWIND $rows AS row
MATCH (r:Run {id: row.runId})
MATCH (d:Dataset {id: row.datasetId})
MERGE (r)-[:READ]->(d)`;

export const RUN_WRITES_UPSERT = `
UNWIND $rows AS row
MATCH (r:Run {id: row.runId})
MATCH (d:Dataset {id: row.datasetId})
MERGE (r)-[w:WROTE]->(d)
WITH w, row,
     row.versionKey IS NOT NULL AND (w.versionKey IS NULL OR row.versionKey > w.versionKey) AS newVersion,
     row.statsKey IS NOT NULL AND (w.statsKey IS NULL OR row.statsKey > w.statsKey) AS newStats
WHERE newVersion OR newStats
SET w.versionKey = CASE WHEN newVersion THEN row.versionKey ELSE w.versionKey END,
    w.version = CASE WHEN newVersion THEN row.version ELSE w.version END,
    w.statsKey = CASE WHEN newStats THEN row.statsKey ELSE w.statsKey END,
    w.rowCount = CASE WHEN newStats THEN row.rowCount ELSE w.rowCount END,
    w.byteSize = CASE WHEN newStats THEN row.byteSize ELSE w.byteSize END`;

// First/last sighting as min/max of "time|runId" keys: the same result for
// any arrival order, and a replayed batch changes nothing.
const SEEN_UPDATE = `
WITH e, row,
     e.firstKey IS NULL OR row.firstKey < e.firstKey AS newFirst,
     e.lastKey IS NULL OR row.lastKey > e.lastKey AS newLast
WHERE newFirst OR newLast
SET e.firstKey = CASE WHEN newFirst THEN row.firstKey ELSE e.firstKey END,
    e.firstSeenAt = CASE WHEN newFirst THEN row.firstSeenAt ELSE e.firstSeenAt END,
    e.firstRunId = CASE WHEN newFirst THEN row.firstRunId ELSE e.firstRunId END,
    e.lastKey = CASE WHEN newLast THEN row.lastKey ELSE e.lastKey END,
    e.lastSeenAt = CASE WHEN newLast THEN row.lastSeenAt ELSE e.lastSeenAt END,
    e.lastRunId = CASE WHEN newLast THEN row.lastRunId ELSE e.lastRunId END`;

export const INPUT_EDGES_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
MATCH (j:Job {id: row.jobId})
MERGE (d)-[e:INPUT_TO]->(j)
${SEEN_UPDATE}`;

export const OUTPUT_EDGES_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
MATCH (j:Job {id: row.jobId})
MERGE (j)-[e:OUTPUTS]->(d)
${SEEN_UPDATE}`;

/**
 * Current lineage of a job = the I/O of its latest run (or of a newer
 * JobEvent). Edges it lacks get validTo = when that run began (never before
 * their own last sighting); edges it has are current again. Recomputed from
 * the stored state every batch, so late events correct earlier guesses. A
 * latest run that declares no datasets at all says nothing about lineage.
 */
function refresh(edge: 'INPUT_TO' | 'OUTPUTS'): string {
  const pattern = edge === 'INPUT_TO' ? '(d:Dataset)-[e:INPUT_TO]->(j)' : '(j)-[e:OUTPUTS]->(d:Dataset)';
  const runHas = edge === 'INPUT_TO' ? 'EXISTS { (r)-[:READ]->(d) }' : 'EXISTS { (r)-[:WROTE]->(d) }';
  const ioTag = edge === 'INPUT_TO' ? "'in:'" : "'out:'";
  return `
UNWIND $rows AS jobId
MATCH (j:Job {id: jobId})
OPTIONAL MATCH (r:Run {id: j.latestRunId})
WITH j, r, j.jobEventKey IS NOT NULL AND (j.latestRunKey IS NULL OR j.jobEventKey > j.latestRunKey) AS byJobEvent
WITH j, r, byJobEvent, CASE WHEN byJobEvent THEN j.jobEventAt ELSE r.firstEventTime END AS since
WHERE since IS NOT NULL AND (byJobEvent OR EXISTS { (r)-[:READ|WROTE]->() })
MATCH ${pattern}
WITH e, since, CASE WHEN byJobEvent THEN (${ioTag} + d.id) IN j.jobEventIo ELSE ${runHas} END AS current
WITH e, CASE
    WHEN current THEN null
    WHEN e.validTo IS NOT NULL AND e.validTo >= e.lastSeenAt AND e.validTo <= since THEN e.validTo
    WHEN since < e.lastSeenAt THEN e.lastSeenAt
    ELSE since END AS validTo
WHERE NOT (validTo IS NULL AND e.validTo IS NULL) AND (validTo IS NULL OR e.validTo IS NULL OR validTo <> e.validTo)
SET e.validTo = validTo`;
}

export const INPUT_EDGES_REFRESH = refresh('INPUT_TO');
export const OUTPUT_EDGES_REFRESH = refresh('OUTPUTS');

/** Dataset lineage: per-run READ/WROTE and the job-level INPUT_TO/OUTPUTS edges. */
@Injectable()
export class LineageEdgeRepository {
  writes(plan: Pick<WritePlan, 'reads' | 'writes' | 'inputEdges' | 'outputEdges'>): Part[] {
    return [
      { name: 'reads', query: RUN_READS_UPSERT, rows: plan.reads },
      { name: 'writes', query: RUN_WRITES_UPSERT, rows: plan.writes },
      { name: 'inputEdges', query: INPUT_EDGES_UPSERT, rows: plan.inputEdges },
      { name: 'outputEdges', query: OUTPUT_EDGES_UPSERT, rows: plan.outputEdges },
    ];
  }

  /** Last: needs this batch's runs, READ/WROTE and edges in place. */
  refreshCurrent(jobIds: string[]): Part[] {
    return [
      { name: 'refreshInputs', query: INPUT_EDGES_REFRESH, rows: jobIds },
      { name: 'refreshOutputs', query: OUTPUT_EDGES_REFRESH, rows: jobIds },
    ];
  }
}
