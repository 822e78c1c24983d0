import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_NORMALIZATION_RULES, NormalizationRulesError, loadNormalizationRules } from './normalization-rules.js';

// Real files in a temporary folder.

const dir = mkdtempSync(join(tmpdir(), 'tributary-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadNormalizationRules', () => {
  it('adds the file rules to the defaults, and null removes a default', () => {
    const rules = loadNormalizationRules(
      file(
        'rules.json',
        JSON.stringify({
          schemeAliases: { 'jdbc:trino': 'trino', gcs: null },
          platforms: { trino: { defaultPort: 8080 }, postgres: { defaultPort: 5433 } },
          namespaceAliases: { food_delivery: 'postgres://food-db:5432' },
        }),
      ),
    );
    assert.equal(rules.schemeAliases['jdbc:trino'], 'trino');
    assert.equal(rules.schemeAliases.gcs, undefined);
    assert.equal(rules.schemeAliases.s3a, 's3');
    assert.deepEqual(rules.platforms.postgres, { defaultPort: 5433 });
    assert.deepEqual(rules.platforms.mysql, DEFAULT_NORMALIZATION_RULES.platforms.mysql);
    assert.equal(rules.namespaceAliases.food_delivery, 'postgres://food-db:5432');
    assert.equal(rules.lowercaseHost, true);
  });

  it('starts from nothing with replaceDefaults', () => {
    const rules = loadNormalizationRules(file('only.json', '{"replaceDefaults": true, "lowercaseHost": false}'));
    assert.deepEqual(rules, { namespaceAliases: {}, schemeAliases: {}, platforms: {}, lowercaseHost: false });
  });

  it('says which file is missing', () => {
    const missing = join(dir, 'nope.json');
    assert.throws(
      () => loadNormalizationRules(missing),
      (error: unknown) => {
        assert.ok(error instanceof NormalizationRulesError);
        assert.equal(error.message, `cannot read normalization rules file ${missing} (ENOENT)`);
        return true;
      },
    );
  });

  it('says when the file is not JSON', () => {
    const path = file('broken.json', '{"platforms": {');
    assert.throws(
      () => loadNormalizationRules(path),
      /^NormalizationRulesError: normalization rules file .*broken\.json: content is not valid JSON/,
    );
  });

  it('names each wrong entry by JSON Pointer', () => {
    const path = file(
      'wrong.json',
      JSON.stringify({
        platforms: { postgres: { defaultPort: 70000 }, MySQL: {} },
        schemeAliases: { s3a: 3 },
        extra: 1,
      }),
    );
    assert.throws(
      () => loadNormalizationRules(path),
      (error: unknown) => {
        assert.ok(error instanceof NormalizationRulesError);
        assert.match(error.message, /\/platforms\/postgres\/defaultPort/);
        assert.match(error.message, /\/platforms\/MySQL/);
        assert.match(error.message, /\/schemeAliases\/s3a/);
        assert.match(error.message, /extra/);
        return true;
      },
    );
  });
});
