import { Injectable } from '@nestjs/common';
import { normalizeDatasetIdentity } from '@tributary/openlineage';
import { datasetId } from '../graph/graph-ids.js';
import { LineageRepository, type TraversalView } from '../graph/read/lineage.repository.js';
import type { DatasetRow, DatasetWithSymlinks, FieldRow, JobRow } from '../graph/read/read-rows.js';
import { NodeKind } from './dto/lineage-enums.js';
import type { NodeRef } from './dto/node-ref.input.js';
import { invalidArgument, unknownNode } from './lineage.errors.js';

export type ResolvedNode =
  | { kind: 'DATASET'; dataset: DatasetWithSymlinks }
  | { kind: 'JOB'; job: JobRow }
  | { kind: 'FIELD'; field: FieldRow; dataset: DatasetRow };

/** Turns NodeRefs into graph nodes, with BAD_USER_INPUT errors that name what was not found. */
@Injectable()
export class NodeResolver {
  constructor(private readonly lineage: LineageRepository) {}

  /** `view`: a synced lineage view to look datasets and columns up in before asking Neo4j. */
  async resolve(ref: NodeRef, view?: TraversalView): Promise<ResolvedNode> {
    const trimmed = { namespace: ref.namespace.trim(), name: ref.name.trim() };
    if (!trimmed.namespace || !trimmed.name) throw invalidArgument('node namespace and name must not be empty');
    // Names are matched as given first (a stored name may begin or end with spaces); trimmed is the fallback.
    const tries = [{ namespace: ref.namespace, name: ref.name }];
    if (trimmed.namespace !== ref.namespace || trimmed.name !== ref.name) tries.push(trimmed);
    const first = async <T>(lookup: (namespace: string, name: string) => Promise<T | null>): Promise<T | null> => {
      for (const { namespace, name } of tries) {
        const found = await lookup(namespace, name);
        if (found) return found;
      }
      return null;
    };
    const what = `${shown(trimmed.namespace)}/${shown(trimmed.name)}`;
    switch (ref.kind) {
      case NodeKind.DATASET: {
        if (ref.field) throw invalidArgument('`field` is only for FIELD nodes');
        const dataset = await first((namespace, name) => this.findDataset(namespace, name, view));
        if (!dataset) throw unknownNode(`unknown dataset ${what}`);
        return { kind: 'DATASET', dataset };
      }
      case NodeKind.JOB: {
        if (ref.field) throw invalidArgument('`field` is only for FIELD nodes');
        const job = await first((namespace, name) => this.lineage.jobByName(namespace, name));
        if (!job) throw unknownNode(`unknown job ${what}`);
        return { kind: 'JOB', job };
      }
      case NodeKind.FIELD: {
        if (!ref.field) throw invalidArgument('a FIELD node needs `field` (the column path)');
        const dataset = await first((namespace, name) => this.findDataset(namespace, name, view));
        if (!dataset) throw unknownNode(`unknown dataset ${what}`);
        const field =
          view?.cachedField(dataset.namespace, dataset.name, ref.field) ??
          (await this.lineage.fieldByPath(dataset.namespace, dataset.name, ref.field));
        if (!field) throw unknownNode(`unknown field ${shown(ref.field)} of ${what}`);
        return { kind: 'FIELD', field, dataset: { id: dataset.id, namespace: dataset.namespace, name: dataset.name } };
      }
      default:
        throw invalidArgument(`unknown node kind ${String(ref.kind)}`);
    }
  }

  /**
   * As stored, else under the intake's normalization (postgresql://DB:5432
   * finds postgres://db), else by an identity it had before normalization.
   */
  async findDataset(namespace: string, name: string, view?: TraversalView): Promise<DatasetWithSymlinks | null> {
    const exact = view?.cachedDataset(namespace, name) ?? (await this.lineage.datasetByName(namespace, name));
    if (exact) return exact;
    const normal = normalizeDatasetIdentity(namespace, name);
    if (normal.namespace !== namespace || normal.name !== name) {
      const normalized = await this.lineage.datasetByName(normal.namespace, normal.name);
      if (normalized) return normalized;
    }
    return this.lineage.datasetByOriginalId(datasetId(namespace, name));
  }

  /** Column roots: a field itself, or every field of a dataset. */
  async fieldRoots(node: ResolvedNode): Promise<{ field: FieldRow; dataset: DatasetRow }[]> {
    switch (node.kind) {
      case 'FIELD':
        return [{ field: node.field, dataset: node.dataset }];
      case 'DATASET': {
        const dataset = { id: node.dataset.id, namespace: node.dataset.namespace, name: node.dataset.name };
        const fields = await this.lineage.fieldsOf([dataset.id]);
        return fields.map((field) => ({ field, dataset }));
      }
      case 'JOB':
        throw invalidArgument('COLUMN granularity starts at a DATASET or FIELD, not a JOB');
      default:
        throw invalidArgument('unsupported node');
    }
  }
}

/** Names in error messages, cut short: a name may be megabytes long. */
function shown(name: string): string {
  return name.length > 200 ? `${name.slice(0, 200)}…` : name;
}
