import { Query, Resolver } from '@nestjs/graphql';
import { HealthService } from '../health/health.service.js';
import { ServerInfo } from './server-info.dto.js';

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(private readonly health: HealthService) {}

  @Query(() => ServerInfo, { description: 'Version of this server and the state of its graph store.' })
  async serverInfo(): Promise<ServerInfo> {
    const report = await this.health.check();
    return {
      version: report.version,
      neo4jStatus: report.neo4j.status,
      neo4jVersion: report.neo4j.status === 'up' ? report.neo4j.version : null,
    };
  }
}
