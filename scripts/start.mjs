// npm start: install what is missing, build, start the local Neo4j (unless
// NEO4J_URI is set) and the API with the web UI. Ctrl-C stops what it started.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_NODE_FLAGS } from './api-flags.mjs';
import { ensureBuilt, ensureInstalled } from './lib/prepare.mjs';
import { localServerSettings, repoRoot, startNeo4j, stopNeo4j } from './neo4j/server.mjs';

async function main() {
  ensureInstalled();
  ensureBuilt();
  // Refuse a bad configuration before anything is started.
  const { loadConfig, ConfigError } = await import(join(repoRoot, 'apps', 'api', 'dist', 'config', 'config.js'));
  try {
    loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`tributary: ${error.message}`);
    process.exit(2);
  }

  const env = { ...process.env };
  let stopGraph = async () => {};
  if (!process.env.NEO4J_URI) {
    const settings = localServerSettings();
    const { version, port, pid } = await startNeo4j(settings);
    console.log(`neo4j: Neo4j ${version} up (pid ${pid}) on bolt://127.0.0.1:${port}`);
    env.NEO4J_URI = `bolt://127.0.0.1:${port}`;
    env.NEO4J_USER = 'neo4j';
    env.NEO4J_PASSWORD = settings.password;
    stopGraph = () => stopNeo4j(settings);
  }

  const entry = join(repoRoot, 'apps', 'api', 'dist', 'main.js');
  const api = spawn(process.execPath, ['--enable-source-maps', ...API_NODE_FLAGS, entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  const port = env.PORT || '8080';
  api.once('spawn', () => {
    setTimeout(() => {
      if (api.exitCode === null)
        console.log(
          `\nTributary is starting on http://localhost:${port} (health: http://localhost:${port}/health, GraphQL: http://localhost:${port}/graphql). Ctrl-C stops it.\n`,
        );
    }, 1500);
  });

  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    if (api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
    await stopGraph();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  api.once('exit', (code) => void shutdown(code ?? 1));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
