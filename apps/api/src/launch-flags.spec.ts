import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS } from '@tributary/dev-scripts/api-flags';

// apps/api/dist/launch-flags.spec.js -> the repository root.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('the Dockerfile and apps/api `npm start` pass the Node flags every other launcher passes', () => {
  assert.ok(API_NODE_FLAGS.length > 0);
  const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'))?.[1];
  assert.ok(cmd, 'the Dockerfile has a JSON-form CMD');
  const dockerArgs = JSON.parse(cmd) as string[];
  const npmStart = (
    JSON.parse(readFileSync(join(repoRoot, 'apps', 'api', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts['start']!.split(/\s+/);
  for (const flag of API_NODE_FLAGS) {
    assert.ok(
      dockerArgs.indexOf(flag) > 0 && dockerArgs.indexOf(flag) < dockerArgs.indexOf('apps/api/dist/main.js'),
      `Dockerfile CMD lacks ${flag}`,
    );
    assert.ok(
      npmStart.indexOf(flag) > 0 && npmStart.indexOf(flag) < npmStart.indexOf('dist/main.js'),
      `apps/api npm start lacks ${flag}`,
    );
  }
});
