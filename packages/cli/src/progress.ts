import type { DeliveryProgress } from '@tributary/collectors';

/**
 * Progress for long work on stderr (stdout stays clean for --format json): a
 * rewritten line on a terminal, a line every few seconds otherwise (CI logs).
 */
export function progressReporter(label: string, { quiet = false } = {}): (progress: DeliveryProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (progress) => {
    if (quiet) return;
    const now = Date.now();
    if (!tty && now - last < 5_000) return;
    last = now;
    const line =
      `${label}: ${progress.sent} sent, ${progress.accepted} accepted, ${progress.rejected} rejected` +
      (progress.retries ? `, ${progress.retries} retries` : '');
    process.stderr.write(tty ? `\r${line}\x1b[K` : line + '\n');
  };
}

export function endProgressLine(): void {
  if (process.stderr.isTTY === true) process.stderr.write('\n');
}
