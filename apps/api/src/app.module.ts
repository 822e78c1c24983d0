import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Logger } from 'pino';
import { CatalogModule } from './catalog/catalog.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BrowseModule } from './browse/browse.module.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { GovernanceModule } from './governance/governance.module.js';
import { GraphModule } from './graph/graph.module.js';
import { HealthModule } from './health/health.module.js';
import { IntakeModule } from './intake/intake.module.js';
import { ImpactModule } from './impact/impact.module.js';
import { LineageModule } from './lineage/lineage.module.js';
import { LOGGER } from './logging/logger.js';
import { CompiledExecutionGateway } from './schema/compiled-execution.js';
import { DATE_SCALARS } from './schema/date-time.scalar.js';
import { SearchModule } from './search/search.module.js';
import { ServerInfoModule } from './server-info/server-info.module.js';

/** Feature modules that expose GraphQL types; the schema printer builds from the same list. */
export const FEATURE_MODULES = [
  ServerInfoModule,
  LineageModule,
  ImpactModule,
  CatalogModule,
  SearchModule,
  GovernanceModule,
  BrowseModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    const execution = new CompiledExecutionGateway({ leafCheck: config.graphqlLeafCheck });
    return {
      module: AppModule,
      global: true,
      imports: [
        GraphModule,
        HealthModule,
        AuthModule,
        IntakeModule,
        // Nest's config type leaves out Apollo's `gateway`, which its driver passes through unchanged.
        GraphQLModule.forRoot<ApolloDriverConfig & { gateway: GatewayInterface }>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // Fields typed Date without an explicit scalar get ours too, not Nest's namesake.
          buildSchemaOptions: { scalarsMap: DATE_SCALARS },
          introspection: config.env !== 'production',
          csrfPrevention: true,
          includeStacktraceInErrorResponses: false,
          // We send no cache hints; the default cache-control plugin would
          // still wrap every field resolver, a measurable cost on impact
          // answers of thousands of items (docs/benchmarks.md).
          plugins: [ApolloServerPluginCacheControlDisabled()],
          // Apollo indents every answer by default: a third more bytes and
          // JSON time on lineage and impact answers of thousands of nodes.
          stringifyResult: (result) => JSON.stringify(result),
          transformSchema: execution.takeSchema,
          gateway: execution,
        }),
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}
