import type { RunStatRow } from '../graph/read/impact.repository.js';

export type RootCauseReason = 'FAILED' | 'RUNNING_LONG' | 'SLOWER_THAN_USUAL' | 'OVERDUE';

export interface RunHealth {
  reasons: RootCauseReason[];
  usualDurationMs: number | null;
  usualIntervalMs: number | null;
}

// "Later than usual" means beyond this multiple of the job's median, so
// ordinary jitter does not make every job a suspect.
const LATE_FACTOR = 1.5;
const MIN_HISTORY = 3;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Why a job's latest run may explain bad data downstream: it failed, it has
 * been running longer than its usual duration, it took longer than usual, or
 * the next run is overdue given the usual interval between starts.
 */
export function assessRuns(runs: RunStatRow[], now: number): RunHealth {
  const latest = runs[0];
  if (!latest) return { reasons: [], usualDurationMs: null, usualIntervalMs: null };
  const history = runs.slice(1);
  const durations = history
    .filter((run) => run.state === 'COMPLETE' && run.startedAt != null && run.endedAt != null)
    .map((run) => run.endedAt! - run.startedAt!);
  const starts = runs.map((run) => run.startedAt).filter((start): start is number => start != null);
  const intervals = starts.slice(1).map((start, index) => starts[index]! - start);
  const usualDurationMs = durations.length >= MIN_HISTORY ? median(durations) : null;
  const usualIntervalMs = intervals.length >= MIN_HISTORY ? median(intervals) : null;
  const reasons: RootCauseReason[] = [];
  const state = latest.state ?? 'OTHER';
  if (state === 'FAIL' || state === 'ABORT') reasons.push('FAILED');
  const running = (state === 'START' || state === 'RUNNING') && latest.startedAt != null;
  if (running && usualDurationMs !== null && now - latest.startedAt! > LATE_FACTOR * usualDurationMs) {
    reasons.push('RUNNING_LONG');
  }
  if (
    state === 'COMPLETE' &&
    usualDurationMs !== null &&
    latest.startedAt != null &&
    latest.endedAt != null &&
    latest.endedAt - latest.startedAt > LATE_FACTOR * usualDurationMs
  ) {
    reasons.push('SLOWER_THAN_USUAL');
  }
  if (usualIntervalMs !== null && latest.startedAt != null && now - latest.startedAt > LATE_FACTOR * usualIntervalMs) {
    reasons.push('OVERDUE');
  }
  return { reasons, usualDurationMs, usualIntervalMs };
}
