// Shared by `npm start` and `npm test`: install what is missing, then build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../neo4j/server.mjs';

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** npm ci on a fresh clone; npm install when package.json or the lock changed since. */
export function ensureInstalled(log = console.log) {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) {
    log('setup: installing npm dependencies (npm ci)...');
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    return;
  }
  const manifests = [
    'package.json',
    'package-lock.json',
    ...['apps/api', 'apps/web', 'packages/openlineage', 'packages/collectors', 'packages/cli', 'test'].map((dir) =>
      join(dir, 'package.json'),
    ),
  ];
  const installedAt = statSync(marker).mtimeMs;
  if (manifests.some((file) => newestMtime(join(repoRoot, file)) > installedAt)) {
    log('setup: dependencies changed, running npm install...');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  }
}

/** TypeScript project build (incremental) and the web UI bundle when its sources changed. */
export function ensureBuilt(log = console.log) {
  log('setup: compiling TypeScript (tsc -b)...');
  run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-b']);
  const web = join(repoRoot, 'apps', 'web');
  if (existsSync(join(web, 'index.html'))) {
    const built = join(web, 'dist', 'index.html');
    const sourcesAt = Math.max(
      newestMtime(join(web, 'src')),
      newestMtime(join(web, 'index.html')),
      newestMtime(join(web, 'vite.config.ts')),
    );
    if (!existsSync(built) || statSync(built).mtimeMs < sourcesAt) {
      log('setup: building the web UI (vite build)...');
      run('npm', ['run', 'build', '--workspace', 'apps/web']);
    }
  }
}
