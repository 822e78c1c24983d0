export * from './delivery/index.js';
export * from './dbt/index.js';
export * from './sql/index.js';
export * from './airbyte/index.js';
