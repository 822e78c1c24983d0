import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSeries, formatDuration } from './duration-series.js';

describe('durationSeries', () => {
  it('orders runs by start and derives missing durations', () => {
    assert.deepEqual(
      durationSeries([
        { id: 'b', state: 'FAIL', startedAt: '2026-01-02T00:00:00Z', endedAt: '2026-01-02T00:00:05Z' },
        { id: 'a', state: 'COMPLETE', startedAt: '2026-01-01T00:00:00Z', durationMs: 1200 },
        { id: 'running', state: 'RUNNING', startedAt: '2026-01-03T00:00:00Z' },
        { id: 'never', state: 'START' },
      ]).map((p) => [p.id, p.ms]),
      [
        ['a', 1200],
        ['b', 5000],
      ],
    );
  });
  it('formats durations for people', () => {
    assert.equal(formatDuration(120), '120 ms');
    assert.equal(formatDuration(3400), '3.4 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
    assert.equal(formatDuration(3_720_000), '1 h 2 min');
    assert.equal(formatDuration(null), '—');
  });
});
