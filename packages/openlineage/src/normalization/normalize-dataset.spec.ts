import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCorpus } from '../corpus/index.js';
import { normalizeDatasetIdentity } from './normalize-dataset.js';
import { buildNormalizationRules } from './normalization-rules.js';

// Pure functions; the last test reads the shared corpus for real-world namespaces.

const id = (namespace: string, name = 'shop.public.orders') => normalizeDatasetIdentity(namespace, name);

describe('normalizeDatasetIdentity', () => {
  it('gives the Airbyte and the Spark name of one Postgres table the same identity', () => {
    const airbyte = id('postgres://db:5432');
    assert.deepEqual(id('postgresql://db'), airbyte);
    assert.deepEqual(id('jdbc:postgresql://DB:5432'), airbyte);
    assert.deepEqual(id('postgresql+psycopg2://db'), airbyte);
    assert.deepEqual(airbyte, { namespace: 'postgres://db:5432', name: 'shop.public.orders' });
  });

  it('keeps a port that differs from the default', () => {
    assert.equal(id('postgres://db:6543').namespace, 'postgres://db:6543');
    assert.equal(id('postgres://db:').namespace, 'postgres://db:5432');
  });

  it('adds the default port of mysql, redshift, sqlserver, kafka and cassandra', () => {
    assert.equal(id('mysql://mysql').namespace, 'mysql://mysql:3306');
    assert.equal(id('redshift://cluster.us-west-2').namespace, 'redshift://cluster.us-west-2:5439');
    assert.equal(id('mssql://sql.example.com').namespace, 'sqlserver://sql.example.com:1433');
    assert.equal(id('kafka://broker').namespace, 'kafka://broker:9092');
    assert.equal(id('cassandra://node').namespace, 'cassandra://node:9042');
  });

  it('folds the s3a/s3n/gcs schemes and a trailing slash into the canonical bucket namespace', () => {
    for (const namespace of ['s3a://bucket', 's3n://bucket', 'S3://bucket/', 's3://Bucket']) {
      assert.deepEqual(id(namespace, 'path/orders.csv'), { namespace: 's3://bucket', name: 'path/orders.csv' });
    }
    assert.equal(id('gcs://bucket', 'x').namespace, 'gs://bucket');
  });

  it('lowercases a Snowflake account and uppercases its names, as Snowflake resolves unquoted identifiers', () => {
    const dbt = normalizeDatasetIdentity('snowflake://ASDF1234.eu-central-1.aws', 'DEMO_DB.public.orders');
    const airflow = normalizeDatasetIdentity('snowflake://asdf1234.eu-central-1.aws', 'DEMO_DB.PUBLIC.ORDERS');
    assert.deepEqual(dbt, airflow);
    assert.deepEqual(dbt, { namespace: 'snowflake://asdf1234.eu-central-1.aws', name: 'DEMO_DB.PUBLIC.ORDERS' });
  });

  it('leaves names of case-sensitive platforms, bare namespaces and paths alone', () => {
    assert.deepEqual(normalizeDatasetIdentity('bigquery', 'Proj.DataSet.Table'), {
      namespace: 'bigquery',
      name: 'Proj.DataSet.Table',
    });
    assert.deepEqual(normalizeDatasetIdentity('food_delivery', 'public.Orders'), {
      namespace: 'food_delivery',
      name: 'public.Orders',
    });
    assert.deepEqual(normalizeDatasetIdentity('file', '/tmp/Data.csv'), { namespace: 'file', name: '/tmp/Data.csv' });
    assert.equal(normalizeDatasetIdentity('file:/tmp/Iceberg', 't').namespace, 'file:/tmp/Iceberg');
    assert.equal(
      normalizeDatasetIdentity('hdfs://NameNode:8020/warehouse/Dir', 't').namespace,
      'hdfs://namenode:8020/warehouse/Dir',
    );
  });

  it('leaves authorities it cannot read as sent', () => {
    assert.equal(id('kafka://b1:9092,b2:9092').namespace, 'kafka://b1:9092,b2:9092');
    assert.equal(
      id('jdbc:sqlserver://Host:1433;databaseName=Shop').namespace,
      'sqlserver://Host:1433;databaseName=Shop',
    );
    assert.equal(id('postgres://User@DB').namespace, 'postgres://User@db:5432');
    assert.equal(id('duckdb:///database/Shop.duckdb').namespace, 'duckdb:///database/Shop.duckdb');
    assert.equal(id('postgres://[::1]').namespace, 'postgres://[::1]:5432');
  });

  it('applies user rules: namespace aliases, extra schemes, removed defaults', () => {
    const rules = buildNormalizationRules({
      namespaceAliases: { food_delivery: 'postgresql://Food-DB' },
      schemeAliases: { 'jdbc:trino': 'trino' },
      platforms: { trino: { defaultPort: 8080 }, snowflake: null },
    });
    assert.deepEqual(normalizeDatasetIdentity('food_delivery', 'public.orders', rules), {
      namespace: 'postgres://food-db:5432',
      name: 'public.orders',
    });
    assert.equal(normalizeDatasetIdentity('jdbc:trino://trino', 'c.s.t', rules).namespace, 'trino://trino:8080');
    assert.equal(normalizeDatasetIdentity('snowflake://acct', 'db.public.t', rules).name, 'db.public.t');
  });

  it('is idempotent on every dataset identity of the corpus', () => {
    let count = 0;
    for (const { event } of loadCorpus()) {
      const datasets = [
        ...((event as { inputs?: unknown[] }).inputs ?? []),
        ...((event as { outputs?: unknown[] }).outputs ?? []),
      ] as { namespace?: unknown; name?: unknown }[];
      for (const { namespace, name } of datasets) {
        if (typeof namespace !== 'string' || typeof name !== 'string') continue;
        const once = normalizeDatasetIdentity(namespace, name);
        assert.deepEqual(normalizeDatasetIdentity(once.namespace, once.name), once, `${namespace} ${name}`);
        count++;
      }
    }
    assert.ok(count > 300, `only ${count} identities`);
  });
});
