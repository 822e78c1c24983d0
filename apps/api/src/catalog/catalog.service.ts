import { Injectable } from '@nestjs/common';
import { CatalogRepository } from '../graph/read/catalog.repository.js';
import { invalidArgument } from '../lineage/lineage.errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../query-limits/pagination.js';
import type { Dataset, Job, NamespaceInfo, Run, RunPage } from './dto/catalog.dto.js';
import { toDataset, toJob, toRun, toRunSummary } from './catalog.mapper.js';

const LATEST_RUNS = 10;

/** Lookups answer null for a name that does not exist, as GraphQL lookups usually do. */
@Injectable()
export class CatalogService {
  constructor(private readonly repository: CatalogRepository) {}

  namespaces(): Promise<NamespaceInfo[]> {
    return this.repository.namespaces();
  }

  async dataset(namespace: string, name: string): Promise<Dataset | null> {
    const row = await this.repository.dataset(namespace, name, LATEST_RUNS);
    return row ? toDataset(row) : null;
  }

  async job(namespace: string, name: string): Promise<Job | null> {
    const row = await this.repository.job(namespace, name);
    return row ? toJob(row) : null;
  }

  async run(id: string): Promise<Run | null> {
    if (!id.trim()) throw invalidArgument('run id must not be empty');
    const row = await this.repository.runById(id);
    return row ? toRun(row) : null;
  }

  async jobRuns(job: Pick<Job, 'namespace' | 'name'>, first: number, after: string | null): Promise<RunPage> {
    checkPageSize(first);
    const offset = decodeCursor(after);
    const { runs, total } = await this.repository.jobRuns(job.namespace, job.name, offset, first);
    const end = offset + runs.length;
    return {
      items: runs.map(toRunSummary),
      totalCount: total,
      endCursor: runs.length > 0 ? encodeCursor(end) : null,
      hasNextPage: end < total,
    };
  }
}
