import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '@tributary/dev-scripts/api-flags';
import { freePort } from '@tributary/dev-scripts/neo4j';
import { neo4jEnv, repoRoot } from './env.js';

export type ApiProcess = {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait; `signal: 'SIGKILL'` for crash tests. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

// A test file that fails half-way must not leave API processes behind (nor hang
// on their open pipes): whatever is still running dies with the test process.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs the built API (apps/api/dist/main.js) as its own process, the way users
 * run it, against the test Neo4j unless `env` overrides NEO4J_*. Waits until
 * the HTTP port answers (any status: a 503 from /health is still "up").
 */
export async function startApi(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(repoRoot, '.data', 'test-api-'));
  const entry = join(repoRoot, 'apps', 'api', 'dist', 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', ...API_NODE_FLAGS, entry], {
    env: {
      ...process.env,
      ...neo4jEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TRIBUTARY_DATA_DIR: dataDir,
      // Most suites test features, not access control; security suites pass TRIBUTARY_AUTH: 'on'.
      TRIBUTARY_AUTH: 'off',
      // Every query of the suites is also executed with each leaf serialized, and fails if the answers differ.
      GRAPHQL_LEAF_CHECK: 'on',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode} during start-up:\n${output}`);
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`API did not answer on ${url} within 60 s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    port,
    dataDir,
    child,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      if (!options.dataDir && signal !== 'SIGKILL') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true or the time runs out; returns whether it did. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
