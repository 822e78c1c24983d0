import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CorpusStatus = 'complete' | 'template' | 'partial' | 'invalid';

export interface CorpusEntry {
  /** Path relative to the events folder, e.g. `airflow/postgres.json`. */
  file: string;
  status: CorpusStatus;
  /** For partial files: the top-level fields INDEX.md says they lack. */
  lacks: string[];
  /** The status cell as written. */
  statusText: string;
}

// Cells are separated by unescaped pipes; some cells hold Jinja filters with a
// bare `|`, so the status is read from the end of the row (second-to-last cell).
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function statusOf(text: string): CorpusStatus | undefined {
  if (/^complete\b/.test(text)) return 'complete';
  if (/^template\b/.test(text)) return 'template';
  if (/^partial\b/.test(text)) return 'partial';
  if (/^INVALID\b/.test(text)) return 'invalid';
  return undefined;
}

/** Reads INDEX.md of the corpus: one entry per file row; an unknown status throws. */
export function readCorpusIndex(eventsDir: string): CorpusEntry[] {
  const text = readFileSync(join(eventsDir, 'INDEX.md'), 'utf8');
  const entries: CorpusEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| file ') || line.startsWith('|---')) continue;
    const row = cells(line);
    const file = row[0]!;
    if (!file.endsWith('.json') && !file.endsWith('.ndjson')) continue;
    const statusText = row[row.length - 2]!;
    const status = statusOf(statusText);
    if (!status) throw new Error(`INDEX.md: unknown status "${statusText}" for ${file}`);
    const lacks =
      /lacks ([\w,\s]+)\)/
        .exec(statusText)?.[1]
        ?.split(',')
        .map((field) => field.trim()) ?? [];
    entries.push({ file, status, lacks, statusText });
  }
  return entries;
}

/** The events of a corpus file: one JSON event, a JSON array of events, or NDJSON. */
export function parseCorpusText(text: string): unknown[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value : [value];
  } catch (error) {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) throw error;
    return lines.map((line) => JSON.parse(line) as unknown);
  }
}
