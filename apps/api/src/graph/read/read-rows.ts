/** Plain rows the read repositories return: no driver types past this folder. */

export interface DatasetRow {
  id: string;
  namespace: string;
  name: string;
}

export interface JobRow {
  id: string;
  namespace: string;
  name: string;
}

export interface FieldRow {
  id: string;
  namespace: string;
  datasetName: string;
  path: string;
}

/** A dataset with the other members of its symlink component. */
export interface DatasetWithSymlinks extends DatasetRow {
  symlinks: DatasetRow[];
}

/** One job reached from a frontier dataset, with the ids of the datasets on its far side. */
export interface DatasetHopRow {
  from: string;
  job: JobRow;
  next: string[];
  /** The datasets of `next` with names and symlinks, when the source reads them along. */
  nextDatasets?: DatasetWithSymlinks[];
}

/** Column lineage edge properties as the writer stores them. */
export interface FeedsRow {
  jobId: string | null;
  type: string | null;
  subtype: string | null;
  transformations: string[] | null;
  masking: boolean | null;
}

export interface FieldHopRow {
  from: string;
  node: FieldRow;
  dataset: DatasetRow;
  edge: FeedsRow;
}

/** Which lineage edges count: the current ones, or those alive at `asOf`; `staleSince` drops edges not seen since. */
export interface EdgeTimeFilter {
  asOf: Date | null;
  staleSince: Date | null;
}

export type Direction = 'DOWNSTREAM' | 'UPSTREAM';

/** A dataset frontier entry: the merged node and the ids of its symlink members. */
export interface FrontierEntry {
  key: string;
  members: string[];
}

/** One BFS layer per call; a traversal gets one of these bound to a single read transaction. */
export interface LayerSource {
  /** At most `maxRows` (from, job) rows, in (from, job id) order. */
  datasetLayer(
    direction: Direction,
    frontier: FrontierEntry[],
    time: EdgeTimeFilter,
    maxRows: number,
  ): Promise<DatasetHopRow[]>;
  jobLayer(direction: Direction, jobIds: string[], time: EdgeTimeFilter): Promise<DatasetHopRow[]>;
  /** At most `maxRows` rows, the first in (from, field id, job id) order; the order of the rows is not kept. */
  fieldLayer(direction: Direction, fieldIds: string[], time: EdgeTimeFilter, maxRows: number): Promise<FieldHopRow[]>;
  /** Names and symlink members of datasets, asked only for those a traversal adds. */
  datasets(ids: string[]): Promise<DatasetWithSymlinks[]>;
  /**
   * One of `datasets`, answered at once: offered by a source that holds every
   * dataset (the in-memory copy), so a walk asks per dataset it meets instead
   * of collecting a whole layer's far side into a batch first.
   */
  datasetNow?(id: string): DatasetWithSymlinks;
}
