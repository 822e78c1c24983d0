export type RunLike = {
  id: string;
  state: string;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
};
export type DurationPoint = { id: string; state: string; at: number; ms: number };

/** Runs that have a start and a duration, oldest first, for the duration chart. */
export function durationSeries(runs: readonly RunLike[]): DurationPoint[] {
  const points: DurationPoint[] = [];
  for (const run of runs) {
    if (!run.startedAt) continue;
    const at = Date.parse(run.startedAt);
    const ms = run.durationMs ?? (run.endedAt ? Date.parse(run.endedAt) - at : NaN);
    if (Number.isFinite(at) && Number.isFinite(ms) && ms >= 0) points.push({ id: run.id, state: run.state, at, ms });
  }
  return points.sort((a, b) => a.at - b.at);
}

/** "1 h 2 min", "3.4 s", "120 ms": a duration in the unit a person reads. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
