import type { DatasetRow, Direction, FeedsRow, FieldHopRow, FieldRow } from './read-rows.js';
import { compareCodePoints, compareUnits } from './topology-index.js';

/**
 * One current FEEDS edge as the topology repository reads it:
 * [job id, input field id, output field id, input dataset id, output dataset
 *  id, input path, output path, type, subtype, transformations, masking].
 * A path comes only when the field id does not spell it (digest ids, graph-ids.ts).
 */
export type FeedsWire = [
  string,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string[] | null,
  boolean | null,
];

/** Current FEEDS edges with the datasets their fields belong to. */
export interface ColumnFeeds {
  datasets: DatasetRow[];
  feeds: FeedsWire[];
}

const PLAIN_FIELD = 'field:';
/**
 * Rebuild the packed arrays once the edges changed since the last build
 * exceed this share of them. A rebuild holds the event loop ~0.4 s per 1.7
 * million edges (measured), so it must stay rare: column stamps come only
 * with changed mappings, and a job reloaded again replaces its overlay.
 */
const REPACK_SHARE = 0.2;
const REPACK_MIN = 50_000;

/** Both directions of a set of edges in compressed sparse row form: field → [start, end) of its neighbours. */
interface Packed {
  downOffsets: Int32Array;
  downFields: Int32Array;
  downKinds: Int32Array;
  upOffsets: Int32Array;
  upFields: Int32Array;
  upKinds: Int32Array;
}

const EMPTY: Packed = pack(0, [], 0);

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Current column lineage held in memory: every FEEDS edge without validTo,
 * answering fieldLayer of lineage.repository.ts with the same rows and cut.
 *
 * Millions of edges must not cost millions of heap objects (each one slows
 * every garbage collection of the API), so fields are numbered and edges are
 * packed into typed arrays (`packed`). Edge kinds (job, type, subtype,
 * transformations, masking) are shared objects. Changes after the last pack
 * live in a small overlay: a job reloaded by the clock hides its packed edges
 * (`replacedJobs`) and keeps its new ones in maps until the next repack.
 * Like TopologyIndex it holds topology and names only: classifications and
 * other steward values stay in Neo4j.
 */
export class ColumnIndex {
  private readonly fieldNumber = new Map<string, number>();
  private readonly fieldIds: string[] = [];
  private fieldDataset = new Int32Array(1024);
  /** Paths of the fields whose id does not spell them (digest ids); the others end with their path. */
  private readonly unspelledPaths = new Map<number, string>();
  private readonly datasetNumber = new Map<string, number>();
  private readonly datasets: DatasetRow[] = [];
  private readonly kinds: FeedsRow[] = [];
  private readonly kindJob: number[] = [];
  private readonly kindNumber = new Map<string, number>();
  private readonly jobNumber = new Map<string, number>();
  private packed: Packed = EMPTY;
  /** Edges in `packed` per job, and the jobs whose packed edges no longer count. */
  private packedPerJob = new Map<number, number>();
  /**
   * 1 per job number whose packed edges no longer count: a flag array, not a
   * Set, because a wide layer checks every packed edge it reads.
   */
  private replacedJobs = new Uint8Array(1024);
  private replacedJobCount = 0;
  /** Edges added since the last pack: flattened [source, target, kind, ...] per job. */
  private readonly overlay = new Map<number, number[]>();
  private readonly overlayDown = new Map<number, number[]>();
  private readonly overlayUp = new Map<number, number[]>();
  private overlayEdges = 0;
  /** Flattened triples of a full load in progress, packed by finishLoad(). */
  private loading: number[] = [];
  private edges = 0;
  /**
   * Whether some field or job id holds a UTF-16 surrogate: only then can
   * JavaScript's `<` disagree with Neo4j's code point order, and a cut has
   * to compare by code point (a loop over the ~60 characters ids share).
   */
  private surrogateIds = false;

  get size(): { fields: number; edges: number } {
    return { fields: this.fieldIds.length, edges: this.edges };
  }

  /** Replaces everything known about the job's current column lineage with `feeds` (all of the job's). */
  putJob(jobId: string, feeds: ColumnFeeds): void {
    const job = this.jobOf(jobId);
    if (this.replacedJobs[job] !== 1) {
      this.replacedJobs[job] = 1;
      this.replacedJobCount++;
      this.edges -= this.packedPerJob.get(job) ?? 0;
    }
    const old = this.overlay.get(job);
    if (old) {
      for (let i = 0; i < old.length; i += 3) {
        dropPair(this.overlayDown, old[i]!, old[i + 1]!, old[i + 2]!);
        dropPair(this.overlayUp, old[i + 1]!, old[i]!, old[i + 2]!);
      }
      this.overlay.delete(job);
      this.overlayEdges -= old.length / 3;
      this.edges -= old.length / 3;
    }
    this.add(feeds);
    if (this.overlayEdges > Math.max(REPACK_MIN, REPACK_SHARE * this.edges)) this.repack();
  }

  /** Adds edges to the overlay (edges the clock reported since the last pack). */
  add(feeds: ColumnFeeds): void {
    this.addTo(feeds, (job, source, target, kind) => {
      pushPair(this.overlayDown, source, target, kind);
      pushPair(this.overlayUp, target, source, kind);
      const triples = this.overlay.get(job);
      if (triples) triples.push(source, target, kind);
      else this.overlay.set(job, [source, target, kind]);
      this.overlayEdges++;
    });
  }

  /**
   * A full load: pages of edges (one job's edges may span several) collected
   * flat, then packed once by finishLoad().
   */
  load(feeds: ColumnFeeds): void {
    this.addTo(feeds, (_job, source, target, kind) => this.loading.push(source, target, kind));
  }

  finishLoad(): void {
    this.repack();
  }

  private addTo(
    { datasets, feeds }: ColumnFeeds,
    edge: (job: number, source: number, target: number, kind: number) => void,
  ): void {
    for (const dataset of datasets) this.datasetOf(dataset);
    for (const [jobId, input, output, inputDataset, outputDataset, inputPath, outputPath, ...kind] of feeds) {
      const source = this.fieldOf(input, inputDataset, inputPath);
      const target = this.fieldOf(output, outputDataset, outputPath);
      const job = this.jobOf(jobId);
      edge(job, source, target, this.kindOf(job, jobId, kind[0], kind[1], kind[2], kind[3]));
      this.edges++;
    }
  }

  /** Moves every current edge into the packed arrays and empties the overlay. */
  repack(): void {
    const triples: number[] = [];
    const perJob = new Map<number, number>();
    const { downOffsets, downFields, downKinds } = this.packed;
    for (let field = 0; field + 1 < downOffsets.length; field++) {
      for (let i = downOffsets[field]!; i < downOffsets[field + 1]!; i++) {
        const job = this.kindJob[downKinds[i]!]!;
        if (this.replacedJobs[job] === 1) continue;
        triples.push(field, downFields[i]!, downKinds[i]!);
        perJob.set(job, (perJob.get(job) ?? 0) + 1);
      }
    }
    for (const [job, edges] of this.overlay) {
      for (const value of edges) triples.push(value);
      perJob.set(job, (perJob.get(job) ?? 0) + edges.length / 3);
    }
    for (let i = 0; i < this.loading.length; i += 3) {
      for (let k = 0; k < 3; k++) triples.push(this.loading[i + k]!);
      const job = this.kindJob[this.loading[i + 2]!]!;
      perJob.set(job, (perJob.get(job) ?? 0) + 1);
    }
    this.loading = [];
    this.packed = pack(this.fieldIds.length, triples, triples.length / 3);
    this.packedPerJob = perJob;
    this.replacedJobs.fill(0);
    this.replacedJobCount = 0;
    this.overlay.clear();
    this.overlayDown.clear();
    this.overlayUp.clear();
    this.overlayEdges = 0;
  }

  /**
   * One layer of column lineage from `fieldIds`: the rows the Cypher field
   * layer returns, at most `maxRows`, cut in (from, field id, job id) order.
   * A field the index does not hold has no current column lineage.
   */
  fieldLayer(direction: Direction, fieldIds: string[], maxRows: number): FieldHopRow[] {
    const down = direction === 'DOWNSTREAM';
    const { downOffsets, downFields, downKinds, upOffsets, upFields, upKinds } = this.packed;
    const [offsets, fields, kinds] = down ? [downOffsets, downFields, downKinds] : [upOffsets, upFields, upKinds];
    const overlay = down ? this.overlayDown : this.overlayUp;
    const replaced = this.replacedJobCount > 0 ? this.replacedJobs : null;
    // Parallel lists, not an object per row: a wide layer has tens of thousands.
    const froms: string[] = [];
    const targets: number[] = [];
    const edgeKinds: number[] = [];
    for (const from of fieldIds) {
      const number = this.fieldNumber.get(from);
      if (number === undefined) continue;
      if (number + 1 < offsets.length) {
        for (let i = offsets[number]!; i < offsets[number + 1]!; i++) {
          if (replaced !== null && replaced[this.kindJob[kinds[i]!]!] === 1) continue;
          froms.push(from);
          targets.push(fields[i]!);
          edgeKinds.push(kinds[i]!);
        }
      }
      const extra = overlay.get(number);
      if (extra) {
        for (let i = 0; i < extra.length; i += 2) {
          froms.push(from);
          targets.push(extra[i]!);
          edgeKinds.push(extra[i + 1]!);
        }
      }
    }
    let order: number[] | null = null;
    // The order matters only for which rows a cut keeps: callers sort rows themselves.
    if (froms.length > maxRows) {
      const compare = this.surrogateIds ? compareCodePoints : compareUnits;
      order = Array.from(froms, (_, i) => i).sort(
        (a, b) =>
          compare(froms[a]!, froms[b]!) ||
          compare(this.fieldIds[targets[a]!]!, this.fieldIds[targets[b]!]!) ||
          compare(this.kinds[edgeKinds[a]!]!.jobId ?? '', this.kinds[edgeKinds[b]!]!.jobId ?? ''),
      );
      order.length = Math.max(0, maxRows);
    }
    const count = order ? order.length : froms.length;
    const rows: FieldHopRow[] = [];
    for (let k = 0; k < count; k++) {
      const i = order ? order[k]! : k;
      const field = targets[i]!;
      const dataset = this.datasets[this.fieldDataset[field]!]!;
      rows.push({ from: froms[i]!, node: this.fieldRow(field), dataset, edge: this.kinds[edgeKinds[i]!]! });
    }
    return rows;
  }

  /** A column some edge of the copy names, by id; null when no edge names it (ask Neo4j). */
  field(id: string): FieldRow | null {
    const number = this.fieldNumber.get(id);
    return number === undefined ? null : this.fieldRow(number);
  }

  private fieldRow(field: number): FieldRow {
    const dataset = this.datasets[this.fieldDataset[field]!]!;
    return {
      id: this.fieldIds[field]!,
      namespace: dataset.namespace,
      datasetName: dataset.name,
      path: this.path(field),
    };
  }

  private path(field: number): string {
    const unspelled = this.unspelledPaths.size > 0 ? this.unspelledPaths.get(field) : undefined;
    if (unspelled !== undefined) return unspelled;
    const dataset = this.datasets[this.fieldDataset[field]!]!;
    return this.fieldIds[field]!.slice(PLAIN_FIELD.length + dataset.namespace.length + dataset.name.length + 2);
  }

  private fieldOf(id: string, datasetId: string, path: string | null): number {
    let number = this.fieldNumber.get(id);
    if (number === undefined) {
      const dataset = this.datasetNumber.get(datasetId);
      // The repository sends every dataset its edges name: a row without one is a bug to hear about, not to guess around.
      if (dataset === undefined) throw new Error(`column ${id} came without its dataset ${datasetId}`);
      number = this.fieldIds.length;
      if (!this.surrogateIds && SURROGATE.test(id)) this.surrogateIds = true;
      this.fieldNumber.set(id, number);
      this.fieldIds.push(id);
      if (number >= this.fieldDataset.length) {
        const grown = new Int32Array(this.fieldDataset.length * 2);
        grown.set(this.fieldDataset);
        this.fieldDataset = grown;
      }
      this.fieldDataset[number] = dataset;
      if (path !== null) this.unspelledPaths.set(number, path);
    }
    return number;
  }

  private datasetOf(dataset: DatasetRow): number {
    let number = this.datasetNumber.get(dataset.id);
    if (number === undefined) {
      number = this.datasets.length;
      this.datasetNumber.set(dataset.id, number);
      this.datasets.push({ id: dataset.id, namespace: dataset.namespace, name: dataset.name });
    }
    return number;
  }

  private jobOf(jobId: string): number {
    let number = this.jobNumber.get(jobId);
    if (number === undefined) {
      number = this.jobNumber.size;
      if (!this.surrogateIds && SURROGATE.test(jobId)) this.surrogateIds = true;
      this.jobNumber.set(jobId, number);
      // Every job number has its flag, so reads stay in bounds.
      if (number >= this.replacedJobs.length) {
        const grown = new Uint8Array(this.replacedJobs.length * 2);
        grown.set(this.replacedJobs);
        this.replacedJobs = grown;
      }
    }
    return number;
  }

  private kindOf(
    job: number,
    jobId: string,
    type: string | null,
    subtype: string | null,
    transformations: string[] | null,
    masking: boolean | null,
  ): number {
    const key = JSON.stringify([jobId, type, subtype, transformations, masking]);
    let number = this.kindNumber.get(key);
    if (number === undefined) {
      number = this.kinds.length;
      this.kindNumber.set(key, number);
      this.kinds.push({ jobId, type, subtype, transformations, masking });
      this.kindJob.push(job);
    }
    return number;
  }
}

/** Counting sort of flattened [source, target, kind] triples into both directions' rows. */
function pack(fieldCount: number, triples: number[], count: number): Packed {
  const build = (from: 0 | 1, to: 0 | 1): [Int32Array, Int32Array, Int32Array] => {
    const offsets = new Int32Array(fieldCount + 1);
    for (let i = 0; i < count; i++) offsets[triples[i * 3 + from]! + 1]!++;
    for (let f = 0; f < fieldCount; f++) offsets[f + 1]! += offsets[f]!;
    const next = offsets.slice(0, fieldCount);
    const fields = new Int32Array(count);
    const kinds = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const at = next[triples[i * 3 + from]!]!++;
      fields[at] = triples[i * 3 + to]!;
      kinds[at] = triples[i * 3 + 2]!;
    }
    return [offsets, fields, kinds];
  };
  const [downOffsets, downFields, downKinds] = build(0, 1);
  const [upOffsets, upFields, upKinds] = build(1, 0);
  return { downOffsets, downFields, downKinds, upOffsets, upFields, upKinds };
}

function pushPair(adjacency: Map<number, number[]>, from: number, to: number, kind: number): void {
  const list = adjacency.get(from);
  if (list) list.push(to, kind);
  else adjacency.set(from, [to, kind]);
}

function dropPair(adjacency: Map<number, number[]>, from: number, to: number, kind: number): void {
  const list = adjacency.get(from);
  if (!list) return;
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === to && list[i + 1] === kind) {
      list.splice(i, 2);
      break;
    }
  }
  if (list.length === 0) adjacency.delete(from);
}
