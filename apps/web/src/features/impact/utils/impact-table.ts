import type { ImpactedItem } from '../../../api/types.js';

export type ImpactRow = {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  field: string;
  distance: number;
  owners: string;
  tags: string;
  transformation: string;
  lastRun: string;
};

export type SortKey = keyof ImpactRow;

export function toImpactRows(items: readonly ImpactedItem[]): ImpactRow[] {
  return items.map((item) => ({
    id: item.node.id,
    kind: item.node.kind,
    namespace: item.node.namespace,
    name: item.node.name,
    field: item.node.field ?? '',
    distance: item.distance,
    owners: (item.owners ?? []).join(', '),
    tags: [...(item.tags ?? []), ...(item.classifications ?? [])].join(', '),
    transformation: item.strongestTransformation ?? '',
    lastRun: item.lastSuccessfulRunAt ?? '',
  }));
}

/** Rows whose text contains every word of `filter`, sorted by `key` (ties by distance, then name). */
export function filterAndSort(
  rows: readonly ImpactRow[],
  filter: string,
  key: SortKey,
  descending = false,
): ImpactRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((row) => {
    const text = `${row.kind} ${row.namespace} ${row.name} ${row.field} ${row.owners} ${row.tags}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const compare = (a: ImpactRow, b: ImpactRow) => {
    const x = a[key];
    const y = b[key];
    const primary = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (descending ? -primary : primary) || a.distance - b.distance || a.name.localeCompare(b.name);
  };
  return [...kept].sort(compare);
}

/** Counts of impacted rows by a text column that may list several values ("a, b"). */
export function countBy(rows: readonly ImpactRow[], key: 'owners' | 'namespace'): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const values = key === 'owners' ? row.owners.split(', ').filter(Boolean) : [row.namespace];
    for (const value of values.length > 0 ? values : ['(none)']) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const CSV_COLUMNS: SortKey[] = [
  'distance',
  'kind',
  'namespace',
  'name',
  'field',
  'owners',
  'tags',
  'transformation',
  'lastRun',
];

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV of the rows as shown, header first, CRLF line ends. */
export function toCsv(rows: readonly ImpactRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return lines.join('\r\n') + '\r\n';
}
