// The API as the benchmarks run it: the built apps/api/dist/main.js as its own
// process (production mode, quiet logs), on a free port, with its own data dir.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_NODE_FLAGS } from '@tributary/dev-scripts/api-flags';
import { freePort } from '@tributary/dev-scripts/neo4j';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

export interface ApiHandle {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startApiChild(env: NodeJS.ProcessEnv, dataDirPrefix: string): Promise<ApiHandle> {
  const port = await freePort();
  mkdirSync(join(repoRoot, '.data'), { recursive: true });
  const dataDir = mkdtempSync(join(repoRoot, '.data', dataDirPrefix));
  const child = spawn(process.execPath, [...API_NODE_FLAGS, join(repoRoot, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      TRIBUTARY_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/health`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('API did not start within 60 s');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The slice of apps/api/dist/graph/standalone-writer.js the benchmarks use: the API's writer without HTTP. */
export interface StandaloneWriter {
  writer: { writeBatch(events: unknown[]): Promise<void> };
  migrations: { whenReady(): Promise<void> };
  writeAsOnePlan(
    events: unknown[],
    rowsPerTransaction: number,
  ): Promise<{ planMs: number; writeMs: number; rows: number }>;
  close(): Promise<void>;
}

export async function createStandaloneWriter(env: NodeJS.ProcessEnv): Promise<StandaloneWriter> {
  const mod = (await import(pathToFileURL(join(repoRoot, 'apps/api/dist/graph/standalone-writer.js')).href)) as {
    createStandaloneWriter(env: NodeJS.ProcessEnv): StandaloneWriter;
  };
  return mod.createStandaloneWriter(env);
}
