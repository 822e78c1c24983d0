#!/usr/bin/env node
// The compiled CLI lives in dist/; a fresh checkout has to build it first.
let main;
try {
  main = await import('../dist/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/main.js')) throw error;
  process.stderr.write('tributary: not built yet; run `npx tsc -b packages/cli` (or `npm run build`) first\n');
  process.exit(2);
}
process.exitCode = await main.run(process.argv.slice(2));
