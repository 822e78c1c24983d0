import { Injectable } from '@nestjs/common';
import { toRunSummary } from '../catalog/catalog.mapper.js';
import { ImpactRepository } from '../graph/read/impact.repository.js';
import { LineageRepository } from '../graph/read/lineage.repository.js';
import { NodeKind } from '../lineage/dto/lineage-enums.js';
import { checkRange } from '../lineage/lineage.errors.js';
import { pathTo, toLineageNode } from '../lineage/lineage.mapper.js';
import { NodeResolver } from '../lineage/node-resolver.service.js';
import { traverseDatasets } from '../lineage/traversal.js';
import { RootCauseReason, type RootCauseArgs, type RootCauseCandidate } from './dto/root-cause.dto.js';
import { assessRuns } from './run-health.js';

const RUN_HISTORY = 20;
const MAX_JOBS = 2_000;

@Injectable()
export class RootCauseService {
  constructor(
    private readonly lineage: LineageRepository,
    private readonly runs: ImpactRepository,
    private readonly nodes: NodeResolver,
  ) {}

  /** Upstream jobs whose latest run failed or is later than usual, nearest first. */
  async rootCause(args: RootCauseArgs): Promise<RootCauseCandidate[]> {
    const depth = args.depth ?? 5;
    checkRange('depth', depth, 1, 20);
    const root = await this.nodes.resolve(args.dataset);
    // A bad column is a bad dataset for this question.
    if (root.kind === 'FIELD')
      return this.rootCause({ depth, dataset: { ...args.dataset, kind: NodeKind.DATASET, field: null } });
    const result = await this.lineage.traversal((source) =>
      traverseDatasets(source, [root], {
        direction: 'UPSTREAM',
        depth,
        time: { asOf: null, staleSince: null },
        includeJobs: true,
        maxNodes: MAX_JOBS * 2,
        clusterThreshold: null,
      }),
    );
    const jobs = [...result.reached.values()].filter((node) => node.kind === 'JOB' && node.distance > 0);
    const history = new Map(
      (
        await this.runs.recentRuns(
          jobs.map((job) => job.id),
          RUN_HISTORY,
        )
      ).map((row) => [row.id, row.runs]),
    );
    const now = Date.now();
    const out: RootCauseCandidate[] = [];
    for (const job of jobs) {
      const runs = history.get(job.id) ?? [];
      const health = assessRuns(runs, now);
      if (health.reasons.length === 0) continue;
      out.push({
        job: toLineageNode(job),
        distance: job.distance,
        path: pathTo(result.reached, job.id),
        reasons: health.reasons.map((reason) => RootCauseReason[reason]),
        latestRun: runs[0] ? toRunSummary({ ...runs[0], jobNamespace: job.namespace, jobName: job.name }) : null,
        usualDurationMs: health.usualDurationMs,
        usualIntervalMs: health.usualIntervalMs,
      });
    }
    return out.sort((a, b) => a.distance - b.distance || (a.job.id < b.job.id ? -1 : 1));
  }
}
