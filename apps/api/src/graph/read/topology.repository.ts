import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { LINEAGE_CLOCK_ID } from '../lineage-clock.js';
import { Neo4jService } from '../neo4j.service.js';
import { readRecords } from './read-errors.js';
import type { DatasetRow } from './read-rows.js';
import type { TopologyJob, TopologySymlinks } from './topology-index.js';

const CLOCK = `
OPTIONAL MATCH (c:LineageClock {id: $clock})
RETURN coalesce(c.seq, 0) AS seq, coalesce(c.resetSeq, 0) AS resetSeq`;

// "Current" as liveEdge() in time-filter.ts has it without asOf: validTo null.
const JOB_TOPOLOGY = `
j {.id, .namespace, .name} AS job,
[(d:Dataset)-[e:INPUT_TO]->(j) WHERE e.validTo IS NULL | d {.id, .namespace, .name}] AS inputs,
[(j)-[e:OUTPUTS]->(d:Dataset) WHERE e.validTo IS NULL | d {.id, .namespace, .name}] AS outputs`;

// Paged by id (the unique index gives the order), so a large graph loads in
// bounded queries that each fit the transaction timeout.
const JOBS_PAGE = `
MATCH (j:Job) WHERE j.id > $after
WITH j ORDER BY j.id LIMIT $pageSize
RETURN ${JOB_TOPOLOGY}`;

const JOBS_STAMPED = `
MATCH (j:Job) WHERE j.topologySeq > $since
RETURN ${JOB_TOPOLOGY}`;

const SYMLINKS_PAGE = `
MATCH (a:Dataset)-[:SYMLINK]->(b:Dataset) WHERE a.id > $after
WITH a, collect(b {.id, .namespace, .name}) AS targets
ORDER BY a.id LIMIT $pageSize
RETURN a {.id, .namespace, .name} AS dataset, targets`;

const DATASETS_STAMPED = `
MATCH (d:Dataset) WHERE d.topologySeq > $since
RETURN d {.id, .namespace, .name} AS dataset, [(d)-[:SYMLINK]-(s:Dataset) | s {.id, .namespace, .name}] AS symlinks`;

export interface LineageClockReading {
  seq: number;
  resetSeq: number;
}

/** Reads for the in-memory lineage topology (lineage-topology.service.ts). */
@Injectable()
export class TopologyRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async clock(): Promise<LineageClockReading> {
    // Read before every traversal: the one-round-trip form.
    const [row] = await this.neo4j.readOnce<LineageClockReading>(CLOCK, { clock: LINEAGE_CLOCK_ID });
    return row ?? { seq: 0, resetSeq: 0 };
  }

  jobsPage(after: string, pageSize: number): Promise<TopologyJob[]> {
    return readRecords<TopologyJob>(this.neo4j, JOBS_PAGE, { after, pageSize: neo4j.int(pageSize) });
  }

  jobsStampedAfter(since: number): Promise<TopologyJob[]> {
    return readRecords<TopologyJob>(this.neo4j, JOBS_STAMPED, { since });
  }

  /** Outgoing SYMLINK edges grouped by their source dataset, one page of sources. */
  symlinksPage(after: string, pageSize: number): Promise<{ dataset: DatasetRow; targets: DatasetRow[] }[]> {
    return readRecords(this.neo4j, SYMLINKS_PAGE, { after, pageSize: neo4j.int(pageSize) });
  }

  datasetsStampedAfter(since: number): Promise<TopologySymlinks[]> {
    return readRecords<TopologySymlinks>(this.neo4j, DATASETS_STAMPED, { since });
  }
}
