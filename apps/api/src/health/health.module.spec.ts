import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthModule } from './health.module.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';

function value(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  assert.ok(match, `${name} is exported`);
  return Number(match[1]);
}

describe('process memory metrics', () => {
  it('exports resident memory and the V8 heap under the Prometheus Node.js client names', () => {
    const metrics = new MetricsRegistry();
    new HealthModule(metrics).onModuleInit();
    // Keep an allocation alive so the heap figures describe this process, not a constant.
    const held = Buffer.alloc(16 * 1024 * 1024, 1);
    const text = metrics.render();
    const rss = value(text, 'process_resident_memory_bytes');
    const heapTotal = value(text, 'nodejs_heap_size_total_bytes');
    const heapUsed = value(text, 'nodejs_heap_size_used_bytes');
    const external = value(text, 'nodejs_external_memory_bytes');
    assert.ok(heapUsed > 0 && heapUsed <= heapTotal, `heap used ${heapUsed} of ${heapTotal}`);
    assert.ok(rss > heapUsed, `resident ${rss} holds the heap`);
    assert.ok(external >= held.length, `external ${external} counts the 16 MB Buffer`);
    assert.match(text, /^# TYPE process_resident_memory_bytes gauge$/m);
  });
});
