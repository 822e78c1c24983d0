import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config/config.js';

describe('auth configuration', () => {
  it('is on by default', () => {
    assert.equal(loadConfig({}).auth.enabled, true);
  });

  it('allows TRIBUTARY_AUTH=off on loopback addresses only', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      assert.equal(loadConfig({ TRIBUTARY_AUTH: 'off', HOST: host }).auth.enabled, false, host);
    }
    for (const host of ['0.0.0.0', '10.0.0.5', '::', 'example.org', '127.0.0.1.example.org']) {
      assert.throws(
        () => loadConfig({ TRIBUTARY_AUTH: 'off', HOST: host }),
        (error: unknown) =>
          error instanceof ConfigError && /^Invalid TRIBUTARY_AUTH="off": .*loopback/.test(error.message),
        host,
      );
    }
    assert.throws(() => loadConfig({ TRIBUTARY_AUTH: 'off' }), /loopback/, 'the default HOST 0.0.0.0 is refused');
  });

  it('refuses a short admin token', () => {
    assert.throws(() => loadConfig({ TRIBUTARY_ADMIN_TOKEN: 'short' }), /Invalid TRIBUTARY_ADMIN_TOKEN/);
  });
});
