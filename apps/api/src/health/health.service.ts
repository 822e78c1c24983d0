import { Injectable } from '@nestjs/common';
import { Neo4jService, type Neo4jStatus } from '../graph/neo4j.service.js';

export type HealthReport = {
  status: 'ok' | 'degraded';
  neo4j: { status: 'up'; version: string } | { status: 'down' };
  uptimeSeconds: number;
  version: string;
  components: Record<string, unknown>;
};

/** Other modules (intake spool, dead letters) add their own section here. */
export type HealthContributor = { name: string; report: () => unknown };
export const HEALTH_CONTRIBUTORS = Symbol('HEALTH_CONTRIBUTORS');

@Injectable()
export class HealthService {
  private readonly contributors: HealthContributor[] = [];

  constructor(private readonly neo4j: Neo4jService) {}

  register(contributor: HealthContributor): void {
    this.contributors.push(contributor);
  }

  async check(): Promise<HealthReport> {
    const graph: Neo4jStatus = await this.neo4j.status();
    const components: Record<string, unknown> = {};
    for (const contributor of this.contributors) components[contributor.name] = contributor.report();
    return {
      status: graph.status === 'up' ? 'ok' : 'degraded',
      neo4j: graph.status === 'up' ? { status: 'up', version: graph.version } : { status: 'down' },
      uptimeSeconds: Math.round(process.uptime()),
      version: process.env.npm_package_version ?? '0.1.0',
      components,
    };
  }
}
