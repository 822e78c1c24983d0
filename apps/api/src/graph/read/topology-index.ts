import type { NodeDetailsRow } from './impact.repository.js';
import type { DatasetHopRow, DatasetRow, DatasetWithSymlinks, Direction, FrontierEntry, JobRow } from './read-rows.js';

/** A job with the datasets of its current (validTo null) INPUT_TO and OUTPUTS edges. */
export interface TopologyJob {
  job: JobRow;
  inputs: DatasetRow[];
  outputs: DatasetRow[];
}

/** The SYMLINK neighbours of one dataset (either direction). */
export interface TopologySymlinks {
  dataset: DatasetRow;
  symlinks: DatasetRow[];
}

interface JobEntry {
  job: JobRow;
  inputs: string[];
  outputs: string[];
}

/** How far a symlink component reaches; the Cypher twin is SYMLINKS in lineage.repository.ts. */
const SYMLINK_HOPS = 3;

/** JavaScript's own string order, by UTF-16 unit. */
export const compareUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Neo4j orders strings by code point; JavaScript's `<` by UTF-16 unit. They
 * differ only when a surrogate meets a character in U+E000..U+FFFF, so this
 * stays a plain loop for everything else.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** Thrown when a layer needs what the index does not hold; the caller asks Neo4j instead. */
export class NotInTopology extends Error {
  override readonly name = 'NotInTopology';
}

/**
 * Current dataset-level lineage (Dataset→Job→Dataset and SYMLINK) held in
 * memory, answering the same layer questions as the Cypher of
 * lineage.repository.ts with the same rows, order and cut. Beside it, what
 * impact analysis shows next to a dataset or job (owners, tags,
 * classifications, field count, last success), kept current by the same
 * clock: no history, nothing asked as of a past time.
 */
export class TopologyIndex {
  private readonly jobs = new Map<string, JobEntry>();
  private readonly datasets = new Map<string, DatasetRow>();
  /** Dataset id → jobs with a current INPUT_TO from it. */
  private readonly readers = new Map<string, Set<string>>();
  /** Dataset id → jobs with a current OUTPUTS into it. */
  private readonly writers = new Map<string, Set<string>>();
  private readonly symlinks = new Map<string, Set<string>>();
  /**
   * Datasets with their symlink members, built once and shared by every
   * answer (callers treat rows as read-only). Cleared on any symlink change:
   * a component spans three hops, and symlinks change rarely.
   */
  private readonly withSymlinksMemo = new Map<string, DatasetWithSymlinks>();
  private edges = 0;
  private readonly details = new Map<string, NodeDetailsRow>();

  get size(): { datasets: number; jobs: number; edges: number; details: number } {
    return { datasets: this.datasets.size, jobs: this.jobs.size, edges: this.edges, details: this.details.size };
  }

  putDetails(row: NodeDetailsRow): void {
    this.details.set(row.id, row);
  }

  /** Undefined for a node the copy has not read: ask Neo4j. */
  detailsOf(id: string): NodeDetailsRow | undefined {
    return this.details.get(id);
  }

  /** Replaces everything known about the job's current edges. */
  putJob({ job, inputs, outputs }: TopologyJob): void {
    this.removeJob(job.id);
    for (const dataset of [...inputs, ...outputs]) this.datasets.set(dataset.id, dataset);
    const entry: JobEntry = {
      job,
      inputs: [...new Set(inputs.map((d) => d.id))],
      outputs: [...new Set(outputs.map((d) => d.id))],
    };
    for (const id of entry.inputs) addTo(this.readers, id, job.id);
    for (const id of entry.outputs) addTo(this.writers, id, job.id);
    this.edges += entry.inputs.length + entry.outputs.length;
    this.jobs.set(job.id, entry);
  }

  removeJob(jobId: string): void {
    const old = this.jobs.get(jobId);
    if (!old) return;
    for (const id of old.inputs) removeFrom(this.readers, id, jobId);
    for (const id of old.outputs) removeFrom(this.writers, id, jobId);
    this.edges -= old.inputs.length + old.outputs.length;
    this.jobs.delete(jobId);
  }

  /** Replaces the dataset's SYMLINK neighbours (the relation is symmetric). */
  putSymlinks({ dataset, symlinks }: TopologySymlinks): void {
    this.withSymlinksMemo.clear();
    this.datasets.set(dataset.id, dataset);
    for (const old of this.symlinks.get(dataset.id) ?? []) removeFrom(this.symlinks, old, dataset.id);
    this.symlinks.delete(dataset.id);
    for (const other of symlinks) {
      if (other.id === dataset.id) continue;
      this.datasets.set(other.id, other);
      addTo(this.symlinks, dataset.id, other.id);
      addTo(this.symlinks, other.id, dataset.id);
    }
  }

  addSymlink(a: DatasetRow, b: DatasetRow): void {
    this.withSymlinksMemo.clear();
    this.datasets.set(a.id, a);
    this.datasets.set(b.id, b);
    if (a.id === b.id) return;
    addTo(this.symlinks, a.id, b.id);
    addTo(this.symlinks, b.id, a.id);
  }

  /** Frontier datasets → jobs → far datasets: the rows of datasetLayer in lineage.repository.ts. */
  datasetLayer(direction: Direction, frontier: FrontierEntry[], maxRows: number): DatasetHopRow[] {
    const near = direction === 'DOWNSTREAM' ? this.readers : this.writers;
    const pairs: { from: string; job: string }[] = [];
    const seen = new Map<string, Set<string>>();
    for (const entry of frontier) {
      const jobs = seen.get(entry.key) ?? new Set<string>();
      seen.set(entry.key, jobs);
      for (const member of entry.members) {
        for (const job of near.get(member) ?? []) {
          if (jobs.has(job)) continue;
          jobs.add(job);
          pairs.push({ from: entry.key, job });
        }
      }
    }
    pairs.sort((a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.job, b.job));
    return pairs
      .slice(0, Math.max(0, maxRows))
      .map(({ from, job }) => this.hopRow(from, this.jobs.get(job)!, direction));
  }

  /** Jobs → their far datasets; a job without any gives no row (MATCH, not OPTIONAL MATCH). */
  jobLayer(direction: Direction, jobIds: string[]): DatasetHopRow[] {
    const rows: DatasetHopRow[] = [];
    for (const id of jobIds) {
      const entry = this.jobs.get(id);
      if (!entry) continue;
      const row = this.hopRow(id, entry, direction);
      if (row.next.length > 0) rows.push(row);
    }
    return rows;
  }

  /** A dataset with its symlink members, or null when the index holds no lineage of it. */
  dataset(id: string): DatasetWithSymlinks | null {
    const dataset = this.datasets.get(id);
    return dataset ? this.withSymlinks(dataset) : null;
  }

  /** Names and symlink members; throws NotInTopology for a dataset the index has never seen. */
  datasetsWithSymlinks(ids: string[]): DatasetWithSymlinks[] {
    return ids.map((id) => this.datasetWithSymlinks(id));
  }

  /** One of `datasetsWithSymlinks`. */
  datasetWithSymlinks(id: string): DatasetWithSymlinks {
    const dataset = this.datasets.get(id);
    if (!dataset) throw new NotInTopology(`dataset ${id} is not in the lineage topology`);
    return this.withSymlinks(dataset);
  }

  /**
   * Without `nextDatasets`: unlike a Cypher round trip, asking for names
   * later is free, and the traversal asks only for the datasets its node
   * budget can still take (most of a last layer's far side is never shown).
   */
  private hopRow(from: string, entry: JobEntry, direction: Direction): DatasetHopRow {
    return { from, job: entry.job, next: [...(direction === 'DOWNSTREAM' ? entry.outputs : entry.inputs)] };
  }

  private withSymlinks(dataset: DatasetRow): DatasetWithSymlinks {
    let memo = this.withSymlinksMemo.get(dataset.id);
    if (!memo) {
      memo = this.component(dataset);
      this.withSymlinksMemo.set(dataset.id, memo);
    }
    return memo;
  }

  /** The members of the dataset's symlink component within SYMLINK_HOPS, itself excluded. */
  private component(dataset: DatasetRow): DatasetWithSymlinks {
    if (!this.symlinks.has(dataset.id)) return { ...dataset, symlinks: [] };
    const reached = new Set<string>([dataset.id]);
    let layer = [dataset.id];
    for (let hop = 0; hop < SYMLINK_HOPS && layer.length > 0; hop++) {
      const next: string[] = [];
      for (const id of layer) {
        for (const other of this.symlinks.get(id) ?? []) {
          if (reached.has(other)) continue;
          reached.add(other);
          next.push(other);
        }
      }
      layer = next;
    }
    reached.delete(dataset.id);
    const symlinks = [...reached].map((id) => {
      const member = this.datasets.get(id);
      if (!member) throw new NotInTopology(`dataset ${id} is not in the lineage topology`);
      return member;
    });
    return { ...dataset, symlinks };
  }
}
