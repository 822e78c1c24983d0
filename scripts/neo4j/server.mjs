// Obtains Neo4j Community from Maven Central and runs it as a local process.
// Maven Central publishes the DBMS jars but not the standalone server archive
// (org.neo4j.assembly:neo4j-community-standalone has no tar.gz there), so we run
// the embedded DBMS with its Bolt connector from Launcher.java: clients see an
// ordinary server on bolt://127.0.0.1:PORT.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const NEO4J_VERSION = '5.26.30';
const distDir = join(repoRoot, '.cache', 'neo4j', NEO4J_VERSION);
const libDir = join(distDir, 'lib');
const classesDir = join(distDir, 'classes');
const readyStamp = join(distDir, '.complete');

export const DEFAULT_PASSWORD = 'tributary-dev';

/** Download the jars (once) and compile the launcher (once). */
export function ensureDistribution(log = console.log) {
  if (existsSync(readyStamp)) return;
  log(`neo4j: fetching Neo4j Community ${NEO4J_VERSION} from Maven Central (first run only)...`);
  mkdirSync(libDir, { recursive: true });
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      join(here, 'pom.xml'),
      `-Dneo4j.version=${NEO4J_VERSION}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libDir}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  mkdirSync(classesDir, { recursive: true });
  execFileSync('javac', ['-cp', `${libDir}/*`, '-d', classesDir, join(here, 'Launcher.java')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  writeFileSync(readyStamp, new Date().toISOString());
}

function pidFile(home) {
  return join(home, 'neo4j.pid');
}
function logFile(home) {
  return join(home, 'neo4j.log');
}

export function readPid(home) {
  try {
    const pid = Number(readFileSync(pidFile(home), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portAnswers(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolveAnswer) => {
    const socket = connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolveAnswer(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A free TCP port on loopback, for test runs that must not collide with a dev server. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    import('node:net').then(({ createServer }) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolvePort(port));
      });
    }, reject);
  });
}

/**
 * Start Neo4j in `home` (data, logs, pid) on `port`, detached, and wait until
 * Bolt answers. Heap and page cache are small on purpose: the same 2-core box
 * runs the API and the tests.
 */
export async function startNeo4j({
  home,
  port = 7687,
  password = DEFAULT_PASSWORD,
  heap = process.env.NEO4J_HEAP ?? '1g',
  pageCacheMb = Number(process.env.NEO4J_PAGECACHE_MB ?? 512),
  txTimeoutSeconds = 60,
  timeoutMs = 180_000,
  log = console.log,
}) {
  ensureDistribution(log);
  mkdirSync(home, { recursive: true });
  const existing = readPid(home);
  if (isAlive(existing) && (await portAnswers(port))) {
    log(`neo4j: already running (pid ${existing}) on bolt://127.0.0.1:${port}`);
    return { pid: existing, port, version: readVersion(home) };
  }
  if (await portAnswers(port)) {
    throw new Error(`neo4j: port ${port} is taken by another process; set NEO4J_PORT to another port`);
  }
  rmSync(logFile(home), { force: true });
  const out = openSync(logFile(home), 'a');
  const child = spawn(
    'java',
    [
      `-Xms${heap}`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-cp',
      `${classesDir}:${libDir}/*`,
      'Launcher',
      join(home, 'db'),
      '127.0.0.1',
      String(port),
      password,
      String(pageCacheMb),
      String(txTimeoutSeconds),
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  writeFileSync(pidFile(home), String(child.pid));
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const text = readFileSync(logFile(home), 'utf8');
    const ready = /TRIBUTARY_NEO4J_READY version=(\S+)/.exec(text);
    if (ready && (await portAnswers(port))) {
      writeFileSync(join(home, 'version'), ready[1]);
      return { pid: child.pid, port, version: ready[1] };
    }
    if (!isAlive(child.pid)) {
      throw new Error(`neo4j: process exited during start-up; last log lines:\n${tail(text, 30)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopNeo4j({ home, log: () => {} });
  throw new Error(`neo4j: Bolt did not answer on port ${port} within ${timeoutMs / 1000}s; see ${logFile(home)}`);
}

export function readVersion(home) {
  try {
    return readFileSync(join(home, 'version'), 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/** Stop the Neo4j started in `home` by its own pid: SIGTERM (clean shutdown), SIGKILL after a grace period. */
export async function stopNeo4j({ home, graceMs = 60_000, log = console.log }) {
  const pid = readPid(home);
  if (!isAlive(pid)) {
    rmSync(pidFile(home), { force: true });
    log('neo4j: not running');
    return false;
  }
  // The launcher was spawned detached, so it leads its own process group.
  signal(pid, 'SIGTERM');
  const started = Date.now();
  while (isAlive(pid) && Date.now() - started < graceMs) {
    await new Promise((r) => setTimeout(r, 200));
  }
  if (isAlive(pid)) signal(pid, 'SIGKILL');
  rmSync(pidFile(home), { force: true });
  log(`neo4j: stopped (pid ${pid})`);
  return true;
}

function signal(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

function tail(text, lines) {
  return text.split('\n').slice(-lines).join('\n');
}

/** Settings for the local server that `npm start` and the neo4j:* scripts share. */
export function localServerSettings(env = process.env) {
  const port = env.NEO4J_PORT ? Number(env.NEO4J_PORT) : 7687;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`NEO4J_PORT must be a TCP port (1-65535), got "${env.NEO4J_PORT}"`);
  }
  return {
    home: resolve(repoRoot, env.NEO4J_HOME ?? join('.data', 'neo4j')),
    port,
    password: env.NEO4J_PASSWORD ?? DEFAULT_PASSWORD,
  };
}

export function listCachedJars() {
  return existsSync(libDir) ? readdirSync(libDir) : [];
}
