// Real parts: the naming rules, the YAML reader and real files in a temp directory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ArtifactError, readArtifacts } from './artifacts.js';
import { NamingError, datasetName, datasetNamespace } from './naming.js';
import { readProfileTarget } from './profile.js';
import { uuidV5 } from './run-id.js';

describe('dataset naming per the OpenLineage conventions', () => {
  it('derives namespaces from the profile target', () => {
    assert.equal(datasetNamespace('postgres', { type: 'postgres', host: 'db', port: 5433 }), 'postgres://db:5433');
    assert.equal(datasetNamespace('postgres', { type: 'postgres', host: 'db' }), 'postgres://db:5432');
    assert.equal(
      datasetNamespace('redshift', {
        type: 'redshift',
        host: 'analytics.abc123.eu-west-1.redshift.amazonaws.com',
        port: 5439,
      }),
      'redshift://analytics.eu-west-1:5439',
    );
    assert.equal(
      datasetNamespace('snowflake', { type: 'snowflake', account: 'xy12345.eu-central-1' }),
      'snowflake://xy12345.eu-central-1',
    );
    assert.equal(datasetNamespace('bigquery', undefined), 'bigquery');
    assert.equal(
      datasetNamespace('duckdb', { type: 'duckdb', path: '/data/shop.duckdb' }),
      'duckdb:///data/shop.duckdb',
    );
    assert.equal(datasetNamespace('spark', { type: 'spark', host: 'localhost' }), 'spark://localhost:10000');
    assert.equal(
      datasetNamespace('databricks', { type: 'databricks', host: 'dbc-1.cloud.databricks.com' }),
      'databricks://dbc-1.cloud.databricks.com',
    );
    assert.throws(() => datasetNamespace('postgres', undefined), NamingError);
  });

  it('names datasets database.schema.table, Spark schema.table', () => {
    const node = {
      unique_id: 'model.p.m',
      resource_type: 'model',
      name: 'm',
      package_name: 'p',
      database: 'db',
      schema: 's',
      alias: 'm_alias',
    };
    assert.equal(datasetName('postgres', node), 'db.s.m_alias');
    assert.equal(datasetName('spark', node), 's.m_alias');
    assert.equal(datasetName('bigquery', { ...node, resource_type: 'source', identifier: 'raw_t' }), 'db.s.raw_t');
  });
});

describe('profiles and artifacts on disk', () => {
  it('reads the target of the project profile with env_var defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbt-profile-'));
    try {
      writeFileSync(join(dir, 'dbt_project.yml'), 'name: p\nprofile: shop\n');
      writeFileSync(
        join(dir, 'profiles.yml'),
        "shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: \"{{ env_var('PGHOST', 'fallback') }}\"\n      port: 6543\n",
      );
      assert.deepEqual(readProfileTarget({ projectDir: dir, env: {} }), {
        type: 'postgres',
        host: 'fallback',
        port: 6543,
      });
      assert.equal(readProfileTarget({ projectDir: dir, env: { PGHOST: 'pg.internal' } })?.host, 'pg.internal');
      assert.throws(() => readProfileTarget({ projectDir: dir, target: 'prod', env: {} }), /has no target "prod"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the problem for missing, empty and truncated artifacts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbt-artifacts-'));
    try {
      assert.throws(
        () => readArtifacts(dir),
        (e: unknown) => e instanceof ArtifactError && /manifest\.json: file not found$/.test(e.message),
      );
      writeFileSync(join(dir, 'manifest.json'), '');
      assert.throws(() => readArtifacts(dir), /manifest\.json: file is empty/);
      writeFileSync(
        join(dir, 'manifest.json'),
        '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {',
      );
      assert.throws(() => readArtifacts(dir), /manifest\.json: invalid JSON \(truncated\?\)/);
      writeFileSync(
        join(dir, 'manifest.json'),
        '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v13.json"}, "nodes": {}}',
      );
      assert.throws(() => readArtifacts(dir), /newer than the supported v12/);
      writeFileSync(join(dir, 'manifest.json'), '{"metadata": {}, "nodes": {}}');
      writeFileSync(join(dir, 'run_results.json'), '{"results": [{"status": "success"}]}');
      assert.throws(() => readArtifacts(dir), /run_results\.json: result #0 lacks unique_id or status/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run ids are deterministic RFC 4122 v5 UUIDs', () => {
    const id = uuidV5('a10ef908-878c-4bce-bf00-8d00e24f3d8a/default.jaffle_shop.orders');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(id, uuidV5('a10ef908-878c-4bce-bf00-8d00e24f3d8a/default.jaffle_shop.orders'));
    // The RFC 4122 example: DNS namespace, "www.example.com".
    assert.equal(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
