// npm test: install what is missing, build, start a throw-away Neo4j on a free
// port (unless NEO4J_URI is set), run every suite, stop what it started.
// usage: npm test [-- unit|integration|e2e ...]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ensureInstalled } from './lib/prepare.mjs';
import { freePort, repoRoot, startNeo4j, stopNeo4j } from './neo4j/server.mjs';

const UNIT_DIRS = [
  'packages/openlineage/dist',
  'packages/collectors/dist',
  'packages/cli/dist',
  'apps/api/dist',
  'apps/web/dist-tsc',
];
const SUITES = {
  unit: { dirs: UNIT_DIRS, suffix: '.spec.js', serial: false, neo4j: false },
  integration: { dirs: ['test/dist/integration'], suffix: '.test.js', serial: true, neo4j: true },
  e2e: { dirs: ['test/dist/e2e'], suffix: '.test.js', serial: true, neo4j: true },
};

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0) {
    console.log('setup: installing Debian chromium for the browser tests...');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error("e2e: /usr/bin/chromium is missing; install Debian's chromium package (apt-get install chromium)");
  }
}

let cleanup = async () => {};

/** Runs one suite, echoing its output live and counting node's test runner totals. */
function runSuite(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env, cwd: repoRoot });
    let passed = 0;
    let failed = 0;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const pass = /^ℹ pass (\d+)/.exec(line);
        const fail = /^ℹ fail (\d+)/.exec(line);
        if (pass) passed += Number(pass[1]);
        if (fail) failed += Number(fail[1]);
      }
    });
    child.once('exit', (code) => resolve({ ok: code === 0, passed, failed }));
  });
}

async function main() {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const suites = requested.length > 0 ? requested : Object.keys(SUITES);
  for (const name of suites) if (!SUITES[name]) throw new Error(`unknown suite "${name}" (unit, integration, e2e)`);

  ensureInstalled();
  ensureBuilt();
  if (suites.includes('e2e')) ensureChromium();

  const env = { ...process.env, NODE_ENV: 'test' };
  if (suites.some((name) => SUITES[name].neo4j)) {
    if (process.env.NEO4J_URI) {
      console.log(`test: using the Neo4j at NEO4J_URI=${process.env.NEO4J_URI}`);
    } else {
      mkdirSync(join(repoRoot, '.data'), { recursive: true });
      const home = mkdtempSync(join(repoRoot, '.data', 'test-neo4j-'));
      const port = await freePort();
      const password = randomBytes(12).toString('hex');
      const started = await startNeo4j({ home, port, password, heap: '768m', pageCacheMb: 384 });
      console.log(`test: started Neo4j ${started.version} on bolt://127.0.0.1:${port} (throw-away data in ${home})`);
      Object.assign(env, {
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_USER: 'neo4j',
        NEO4J_PASSWORD: password,
        TRIBUTARY_TEST_NEO4J_HOME: home,
      });
      cleanup = async () => {
        await stopNeo4j({ home, log: () => {} });
        rmSync(home, { recursive: true, force: true });
      };
    }
  }

  const results = [];
  try {
    for (const name of suites) {
      const suite = SUITES[name];
      console.log(`\n=== ${name} tests ===`);
      const args = [join(repoRoot, 'scripts', 'run-node-tests.mjs'), '--suffix', suite.suffix];
      if (suite.serial) args.push('--serial');
      const run = await runSuite([...args, ...suite.dirs.map((dir) => join(repoRoot, dir))], env);
      results.push({ name, ...run });
    }
  } finally {
    await cleanup();
  }
  console.log('\n=== summary ===');
  for (const { name, ok, passed, failed } of results)
    console.log(`${name}: ${ok ? 'ok' : 'FAILED'} (${passed} passed, ${failed} failed)`);
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const ok = results.every((result) => result.ok);
  // A suite that crashed before reporting still fails the run.
  console.log(`tests: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed`);
  return ok ? 0 : 1;
}

const stop = (signal) => {
  console.error(`test: ${signal}, stopping`);
  void cleanup().finally(() => process.exit(130));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
