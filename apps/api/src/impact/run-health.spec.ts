import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunStatRow } from '../graph/read/impact.repository.js';
import { assessRuns } from './run-health.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const run = (state: string, startedAt: number, minutes: number | null): RunStatRow => ({
  id: `r${startedAt}`,
  state,
  startedAt,
  endedAt: minutes === null ? null : startedAt + minutes * MIN,
  lastEventTime: null,
  errorMessage: null,
});

// Hourly runs of ten minutes each, newest first.
const history = (count: number, from: number): RunStatRow[] =>
  Array.from({ length: count }, (_, i) => run('COMPLETE', from - (i + 1) * HOUR, 10));

test('a failed latest run is a root cause candidate', () => {
  const now = 100 * HOUR;
  const health = assessRuns([run('FAIL', now - 5 * MIN, 1), ...history(5, now - 5 * MIN)], now);
  assert.deepEqual(health.reasons, ['FAILED']);
  assert.equal(health.usualDurationMs, 10 * MIN);
  assert.equal(health.usualIntervalMs, HOUR);
});

test('a run going on for longer than usual, or one that took longer, is late', () => {
  const now = 100 * HOUR;
  assert.deepEqual(assessRuns([run('RUNNING', now - 30 * MIN, null), ...history(5, now - 30 * MIN)], now).reasons, [
    'RUNNING_LONG',
  ]);
  assert.deepEqual(assessRuns([run('COMPLETE', now - 40 * MIN, 35), ...history(5, now - 40 * MIN)], now).reasons, [
    'SLOWER_THAN_USUAL',
  ]);
});

test('no run for more than 1.5 usual intervals is overdue; a healthy job has no reasons', () => {
  const now = 100 * HOUR;
  const start = now - 2 * HOUR;
  assert.deepEqual(assessRuns([run('COMPLETE', start, 10), ...history(5, start)], now).reasons, ['OVERDUE']);
  const recent = now - 20 * MIN;
  assert.deepEqual(assessRuns([run('COMPLETE', recent, 10), ...history(5, recent)], now).reasons, []);
});

test('too little history judges only failures', () => {
  assert.deepEqual(assessRuns([run('COMPLETE', 0, 500), run('COMPLETE', -HOUR, 1)], 10 * HOUR).reasons, []);
});
