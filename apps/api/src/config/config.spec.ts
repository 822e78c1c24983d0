import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.neo4j.uri, 'bolt://127.0.0.1:7687');
    assert.equal(config.neo4j.database, 'neo4j');
  });

  it('reads PORT', () => {
    assert.equal(loadConfig({ PORT: '9090' }).port, 9090);
  });

  it('names the variable when a value is bad', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^Invalid PORT="abc": /);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      },
    );
    assert.throws(() => loadConfig({ NEO4J_URI: 'http://x' }), /Invalid NEO4J_URI/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /Invalid LOG_LEVEL/);
  });

  it('lets the spool cache be turned off, never negative', () => {
    assert.equal(loadConfig({}).intake.spoolCacheBytes, 8 * 1024 * 1024);
    assert.equal(loadConfig({ INTAKE_SPOOL_CACHE_BYTES: '0' }).intake.spoolCacheBytes, 0);
    assert.throws(() => loadConfig({ INTAKE_SPOOL_CACHE_BYTES: '-1' }), /Invalid INTAKE_SPOOL_CACHE_BYTES/);
  });

  it('treats empty strings as unset', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });
});
