import type { AirbyteCollectProgress, DeliveryProgress } from '@tributary/collectors';

/**
 * Progress for long work on stderr (stdout stays clean for --format json): a
 * rewritten line on a terminal, a line every few seconds otherwise (CI logs).
 * The first report always shows, so a slow start is visible at once.
 */
function progressLine<P>(format: (progress: P) => string, quiet: boolean): (progress: P) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (progress) => {
    if (quiet) return;
    const now = Date.now();
    if (!tty && now - last < 5_000) return;
    last = now;
    const line = format(progress);
    process.stderr.write(tty ? `\r${line}\x1b[K` : line + '\n');
  };
}

export function progressReporter(label: string, { quiet = false } = {}): (progress: DeliveryProgress) => void {
  return progressLine(
    (progress: DeliveryProgress) =>
      `${label}: ${progress.sent} sent, ${progress.accepted} accepted, ${progress.rejected} rejected` +
      (progress.retries ? `, ${progress.retries} retries` : ''),
    quiet,
  );
}

/** Polling Airbyte: one connection (its jobs, streams and job details) at a time. */
export function airbytePollReporter({ quiet = false } = {}): (progress: AirbyteCollectProgress) => void {
  return progressLine(
    (progress: AirbyteCollectProgress) =>
      `airbyte: polled ${progress.connectionsDone}/${progress.connectionsTotal} connections, ${progress.newJobs} new jobs`,
    quiet,
  );
}

export function endProgressLine(): void {
  if (process.stderr.isTTY === true) process.stderr.write('\n');
}
