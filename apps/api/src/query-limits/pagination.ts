import { invalidArgument } from '../lineage/lineage.errors.js';

export const MAX_PAGE_SIZE = 100;

/** Opaque offset cursors: enough for ranked and time-ordered lists that are re-read per page. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalidArgument('`after` is not a cursor this API returned');
  return Number(match[1]);
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw invalidArgument(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
}
