import { Injectable } from '@nestjs/common';
import { toDate, toRunSummary } from '../catalog/catalog.mapper.js';
import { ActivityRepository, type RecentRunRow } from '../graph/read/activity.repository.js';
import { NodeTagsRepository } from '../graph/read/node-tags.repository.js';
import { invalidArgument } from '../lineage/lineage.errors.js';
import { checkPageSize } from '../query-limits/pagination.js';
import type { NodeTags, RecentRun } from './dto/browse.dto.js';

export const MAX_TAG_IDS = 5000;

export function toRecentRun(row: RecentRunRow): RecentRun {
  return {
    ...toRunSummary(row),
    lastEventTime: toDate(row.lastEventTime),
    jobNamespace: row.jobNamespace,
    jobName: row.jobName,
    outputs: row.outputs,
  };
}

/** Read models for browsing: the activity feed and tags of lineage nodes. */
@Injectable()
export class BrowseService {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly nodeTags: NodeTagsRepository,
  ) {}

  /**
   * The `first` newest runs of jobs in `namespace` (or anywhere) that
   * `readable` accepts. Unreadable runs are left out rather than shown as
   * placeholders, as search does: a feed entry would confirm that a hidden
   * job exists and when it ran. The readable namespaces go into the query, so
   * a narrow token still gets a full page from a large catalog.
   */
  async recentRuns(
    first: number,
    namespace: string | null,
    readable: ((namespace: string) => boolean) | null,
  ): Promise<RecentRun[]> {
    checkPageSize(first);
    let namespaces: string[] | null = namespace === null ? null : [namespace];
    if (namespaces === null && readable !== null) namespaces = (await this.activity.jobNamespaces()).filter(readable);
    return (await this.activity.recentRuns(namespaces, first)).map(toRecentRun);
  }

  async tags(ids: string[]): Promise<Array<NodeTags & { namespace: string }>> {
    if (ids.length > MAX_TAG_IDS) throw invalidArgument(`at most ${MAX_TAG_IDS} ids, got ${ids.length}`);
    return this.nodeTags.byIds([...new Set(ids)]);
  }
}
