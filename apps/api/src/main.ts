import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { setFlagsFromString } from 'node:v8';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createLogger, NestPinoLogger } from './logging/logger.js';
import { resolveWebDist, serveWebUi } from './web/web-ui.js';

export async function bootstrap(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createLogger(config.logLevel);
  // Body parsing is per route: GraphQL takes small JSON, the intake streams its own.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/health' },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    }),
  );
  app.use('/graphql', express.json({ limit: '1mb' }));
  app.disable('x-powered-by');
  // Express hashes every body it sends for an ETag, megabytes for an impact
  // answer; GraphQL answers are POSTs no cache revalidates, and the web UI's
  // files carry their own (express.static).
  app.disable('etag');
  app.enableShutdownHooks();
  const webDist = resolveWebDist(config.webDist);
  if (webDist) serveWebUi(app.getHttpAdapter().getInstance() as express.Express, webDist);
  // Producers reuse connections; Node's 5 s default drops idle ones just as a
  // client reuses them under load. Stay above common client/proxy idle timeouts.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.port, config.host);
  logger.info({ port: config.port, host: config.host, webUi: webDist ?? null }, 'tributary api listening');
  return app;
}

/**
 * V8 lets the heap grow up to ~4x its live size between full collections when
 * collecting is cheap; under steady intake (32 KiB events parsed, validated,
 * spooled and re-read) that is ~500 MB of garbage over ~130 MB live. A 1.3x
 * growth factor keeps the API near 300 MB at the same throughput
 * (docs/benchmarks.md). A --heap-growing-percent given to node wins.
 */
function boundHeapGrowth(): void {
  if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) {
    setFlagsFromString('--heap-growing-percent=30');
  }
}

async function main(): Promise<void> {
  boundHeapGrowth();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tributary: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  await bootstrap(config);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`tributary: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
