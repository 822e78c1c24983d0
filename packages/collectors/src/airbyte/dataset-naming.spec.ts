import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AirbyteConnection, AirbyteDestination, AirbyteSource } from './airbyte-types.js';
import { destinationDataset, sourceDataset } from './dataset-naming.js';

const source = (sourceType: string, configuration: Record<string, unknown>): AirbyteSource => ({
  sourceId: 'src-1',
  name: 's',
  sourceType,
  workspaceId: 'w',
  configuration,
});
const destination = (destinationType: string, configuration: Record<string, unknown>): AirbyteDestination => ({
  destinationId: 'dst-1',
  name: 'd',
  destinationType,
  workspaceId: 'w',
  configuration,
});
const connection = (extra: Partial<AirbyteConnection>): AirbyteConnection => ({
  connectionId: 'c',
  name: 'c',
  sourceId: 'src-1',
  destinationId: 'dst-1',
  workspaceId: 'w',
  status: 'active',
  ...extra,
});
const id = (d: { namespace: string; name: string }) => `${d.namespace} ${d.name}`;

describe('Airbyte source datasets', () => {
  it('follows the OpenLineage naming of each platform', () => {
    const pg = source('postgres', { host: 'DB.example.com', port: 5432, database: 'shop', schemas: ['sales'] });
    assert.equal(id(sourceDataset(pg, 'public', 'orders')), 'postgres://db.example.com:5432 shop.public.orders');
    assert.equal(id(sourceDataset(pg, undefined, 'orders')), 'postgres://db.example.com:5432 shop.sales.orders');
    const noPort = source('postgres', { host: 'db', database: 'shop' });
    assert.equal(id(sourceDataset(noPort, undefined, 'orders')), 'postgres://db:5432 shop.public.orders');
    const mysql = source('mysql', { host: 'm', port: 3306, database: 'app' });
    assert.equal(id(sourceDataset(mysql, undefined, 'users')), 'mysql://m:3306 app.users');
    assert.equal(id(sourceDataset(mysql, 'other', 'users')), 'mysql://m:3306 other.users');
    const snowflake = source('snowflake', { host: 'acme-xy123.snowflakecomputing.com', database: 'raw' });
    assert.equal(id(sourceDataset(snowflake, 'public', 'orders')), 'snowflake://acme-xy123 RAW.PUBLIC.ORDERS');
    const bigquery = source('bigquery', { project_id: 'proj', dataset_id: 'ds' });
    assert.equal(id(sourceDataset(bigquery, undefined, 'events')), 'bigquery proj.ds.events');
  });

  it('keeps connectors without a naming convention apart by their id', () => {
    assert.equal(
      id(sourceDataset(source('google-ads', {}), undefined, 'campaigns')),
      'airbyte://google-ads/src-1 campaigns',
    );
  });
});

describe('Airbyte destination datasets', () => {
  const warehouse = destination('postgres', { host: 'wh', port: 5432, database: 'analytics', schema: 'landing' });

  it('applies the namespace definition, the prefix and the identifier rules', () => {
    assert.equal(
      id(destinationDataset(connection({ namespaceDefinition: 'destination' }), warehouse, 'public', 'Orders')),
      'postgres://wh:5432 analytics.landing.orders',
    );
    assert.equal(
      id(
        destinationDataset(connection({ namespaceDefinition: 'source', prefix: 'raw_' }), warehouse, 'sales', 'orders'),
      ),
      'postgres://wh:5432 analytics.sales.raw_orders',
    );
    assert.equal(
      id(destinationDataset(connection({ namespaceDefinition: 'source' }), warehouse, undefined, 'orders')),
      'postgres://wh:5432 analytics.landing.orders',
    );
    assert.equal(
      id(
        destinationDataset(
          connection({ namespaceDefinition: 'custom_format', namespaceFormat: 'ab_${SOURCE_NAMESPACE}' }),
          warehouse,
          'sales',
          'order-lines',
        ),
      ),
      'postgres://wh:5432 analytics.ab_sales.order_lines',
    );
    // An empty format falls back to the destination's default schema.
    assert.equal(
      id(
        destinationDataset(
          connection({ namespaceDefinition: 'custom_format', namespaceFormat: '${SOURCE_NAMESPACE}' }),
          warehouse,
          undefined,
          'orders',
        ),
      ),
      'postgres://wh:5432 analytics.landing.orders',
    );
  });

  it('upper-cases for Snowflake and uses the BigQuery dataset as default namespace', () => {
    const snowflake = destination('snowflake', {
      host: 'acme.snowflakecomputing.com',
      database: 'raw',
      schema: 'airbyte',
    });
    assert.equal(
      id(destinationDataset(connection({ prefix: 'pg_' }), snowflake, 'public', 'orders')),
      'snowflake://acme RAW.AIRBYTE.PG_ORDERS',
    );
    const bigquery = destination('bigquery', { project_id: 'proj', dataset_id: 'landing' });
    assert.equal(id(destinationDataset(connection({}), bigquery, 'public', 'Orders')), 'bigquery proj.landing.orders');
  });
});
