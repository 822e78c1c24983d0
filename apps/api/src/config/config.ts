import { z } from 'zod';

/**
 * Every environment variable the API reads, validated once at start-up so a
 * bad value stops the process with one line naming the variable instead of a
 * failure somewhere later.
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

const envSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must look like bolt://host:7687 or neo4j://host:7687')
    .default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(1).default('tributary-dev'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_QUERY_TIMEOUT_MS: positiveInt.default(30_000),
  TRIBUTARY_DATA_DIR: z.string().min(1).default('.data'),
  TRIBUTARY_WEB_DIST: z.string().optional(),
  INTAKE_MAX_BODY_BYTES: positiveInt.default(5 * 1024 * 1024),
  INTAKE_SPOOL_MAX_BYTES: positiveInt.default(1024 * 1024 * 1024),
  INTAKE_SPOOL_SEGMENT_BYTES: positiveInt.default(64 * 1024 * 1024),
  INTAKE_SPOOL_CACHE_BYTES: nonNegativeInt.default(8 * 1024 * 1024),
  INTAKE_DRAIN_BATCH_SIZE: positiveInt.max(100_000).default(100),
  INTAKE_RETRY_MAX_MS: positiveInt.default(10_000),
  INTAKE_DEAD_LETTER_MAX: positiveInt.default(10_000),
  INTAKE_NORMALIZATION_RULES: z.string().optional(),
  TRIBUTARY_AUTH: z.enum(['on', 'off']).default('on'),
  TRIBUTARY_ADMIN_TOKEN: z.string().min(20, 'must be at least 20 characters').optional(),
  TRIBUTARY_SIGNIN_RATE_LIMIT: positiveInt.default(10),
  TRIBUTARY_PROPAGATE_INDIRECT: z.enum(['true', 'false']).default('false'),
  TRIBUTARY_GRAPHQL_MAX_ALIASES: positiveInt.default(30),
  GRAPHQL_LEAF_CHECK: z.enum(['on', 'off']).default('off'),
  LINEAGE_CACHE: z.enum(['on', 'off']).default('on'),
  LINEAGE_CACHE_MAX_EDGES: positiveInt.default(1_000_000),
  LINEAGE_CACHE_MAX_COLUMN_EDGES: positiveInt.default(2_000_000),
  LINEAGE_CACHE_VERIFY_SECONDS: z.coerce.number().int().min(0).default(60),
});

export type AppConfig = {
  port: number;
  host: string;
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  neo4j: { uri: string; user: string; password: string; database: string; queryTimeoutMs: number };
  dataDir: string;
  webDist: string | undefined;
  intake: {
    maxBodyBytes: number;
    spoolMaxBytes: number;
    spoolSegmentBytes: number;
    /** Recently spooled events kept parsed for the drainer (counted in spooled bytes; the parsed objects take ~2x: 15.7 MB for 8 MB in a heap snapshot). */
    spoolCacheBytes: number;
    drainBatchSize: number;
    retryMaxMs: number;
    deadLetterMax: number;
    /** JSON file of dataset-naming rules on top of the defaults; unset = the defaults. */
    normalizationRules: string | undefined;
  };
  auth: { enabled: boolean; adminToken: string | undefined; signInPerMinute: number };
  governance: { propagateIndirect: boolean };
  graphqlLimits: { maxAliases: number };
  /** A check for tests: every query executed with and without leaf serialization (schema/compiled-execution.ts). */
  graphqlLeafCheck: boolean;
  /** The in-memory copy of current dataset lineage (graph/read/lineage-topology.service.ts). */
  lineageCache: { enabled: boolean; maxEdges: number; maxColumnEdges: number; verifyMs: number };
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as unset: `PORT= npm start` should not be an error.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${variable}=${JSON.stringify(env[variable] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  if (e.TRIBUTARY_AUTH === 'off' && !isLoopback(e.HOST)) {
    throw new ConfigError(
      `Invalid TRIBUTARY_AUTH="off": allowed only when HOST is a loopback address (HOST=${JSON.stringify(e.HOST)})`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
    },
    dataDir: e.TRIBUTARY_DATA_DIR,
    webDist: e.TRIBUTARY_WEB_DIST,
    intake: {
      maxBodyBytes: e.INTAKE_MAX_BODY_BYTES,
      spoolMaxBytes: e.INTAKE_SPOOL_MAX_BYTES,
      spoolSegmentBytes: e.INTAKE_SPOOL_SEGMENT_BYTES,
      spoolCacheBytes: e.INTAKE_SPOOL_CACHE_BYTES,
      drainBatchSize: e.INTAKE_DRAIN_BATCH_SIZE,
      retryMaxMs: e.INTAKE_RETRY_MAX_MS,
      deadLetterMax: e.INTAKE_DEAD_LETTER_MAX,
      normalizationRules: e.INTAKE_NORMALIZATION_RULES,
    },
    auth: {
      enabled: e.TRIBUTARY_AUTH === 'on',
      adminToken: e.TRIBUTARY_ADMIN_TOKEN,
      signInPerMinute: e.TRIBUTARY_SIGNIN_RATE_LIMIT,
    },
    governance: { propagateIndirect: e.TRIBUTARY_PROPAGATE_INDIRECT === 'true' },
    graphqlLimits: { maxAliases: e.TRIBUTARY_GRAPHQL_MAX_ALIASES },
    graphqlLeafCheck: e.GRAPHQL_LEAF_CHECK === 'on',
    lineageCache: {
      enabled: e.LINEAGE_CACHE === 'on',
      maxEdges: e.LINEAGE_CACHE_MAX_EDGES,
      maxColumnEdges: e.LINEAGE_CACHE_MAX_COLUMN_EDGES,
      verifyMs: e.LINEAGE_CACHE_VERIFY_SECONDS * 1_000,
    },
  };
}

/** An unauthenticated server must not be reachable from another machine. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Nest injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
