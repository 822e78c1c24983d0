// Runs node's test runner over the compiled test files under the given folders
// (Node 20's `node --test` takes no glob patterns).
// usage: node scripts/run-node-tests.mjs [--serial] [--suffix .spec.js] DIR...
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
let suffixes = ['.spec.js'];
let serial = false;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--serial') serial = true;
  else if (args[i] === '--suffix') suffixes = args[++i].split(',');
  else dirs.push(args[i]);
}

export function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (suffixes.some((suffix) => entry.endsWith(suffix))) out.push(path);
  }
  return out.sort();
}

// TEST_FILTER=intake runs only the files whose path contains "intake".
const filter = process.env.TEST_FILTER;
const files = dirs.flatMap((dir) => findTests(dir)).filter((file) => !filter || file.includes(filter));
if (files.length === 0) {
  console.log(`no test files (${suffixes.join(', ')}) under ${dirs.join(', ')}`);
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec',
    // Exit when the tests are done even if a failed hook left a handle open,
    // and never let one stuck test hold CI until its time limit.
    '--test-force-exit',
    '--test-timeout=900000',
    `--test-concurrency=${serial ? 1 : 2}`,
    ...files,
  ],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
