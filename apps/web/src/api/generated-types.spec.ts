// Real parts: @graphql-codegen with apps/web/codegen.yml against the API's
// printed schema (apps/api/schema.graphql), and prettier with the repo's config.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';

// dist-tsc/api/ → apps/web
const web = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('generated GraphQL types', () => {
  it('match what codegen makes from the schema and the operations now (npm run codegen --workspace apps/web)', async () => {
    process.chdir(web);
    const { config } = await loadCodegenConfig({ configFilePath: join(web, 'codegen.yml') });
    // Codegen refuses operations that do not validate against the schema, so this also checks every one of them.
    const outputs = await generate({ ...config, silent: true, verbose: false }, false);
    assert.equal(outputs.length, 1);
    const output = outputs[0]!;
    const target = join(web, output.filename);
    const expected = await format(output.content, { ...(await resolveConfig(target)), filepath: target });
    assert.ok(
      readFileSync(target, 'utf8') === expected,
      `${output.filename} is stale: run npm run codegen --workspace apps/web and commit it`,
    );
  });
});
