/** One impacted node as the CLI shows it. */
export interface ImpactItem {
  kind: 'DATASET' | 'JOB' | 'FIELD';
  namespace: string;
  name: string;
  field: string | null;
  distance: number;
  tags: string[];
  classifications: string[];
  owners: string[];
}

export interface ImpactResult {
  items: ImpactItem[];
  totalDatasets: number;
  totalFields: number;
  totalJobs: number;
  truncated: boolean;
}

/** The `--format json` contract: exactly these keys, stable for scripts. */
export function toJsonContract(result: ImpactResult): string {
  return JSON.stringify({
    items: result.items.map((item) => ({
      kind: item.kind,
      namespace: item.namespace,
      name: item.name,
      field: item.field,
      distance: item.distance,
    })),
    totalDatasets: result.totalDatasets,
    totalFields: result.totalFields,
    totalJobs: result.totalJobs,
  });
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

/** A plain table for terminals and CI logs. */
export function toTable(result: ImpactResult): string {
  const header = ['DISTANCE', 'KIND', 'NAMESPACE', 'NAME', 'FIELD', 'TAGS'];
  const rows = result.items.map((item) => [
    String(item.distance),
    item.kind,
    item.namespace,
    item.name,
    item.field ?? '',
    [...item.tags, ...item.classifications].join(','),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!))
      .join('  ')
      .trimEnd();
  const body = rows.length === 0 ? ['(nothing downstream)'] : rows.map(line);
  return [line(header), ...body, '', summary(result)].join('\n') + '\n';
}

function summary(result: ImpactResult): string {
  return (
    `${result.totalDatasets} datasets, ${result.totalFields} fields, ${result.totalJobs} jobs downstream` +
    (result.truncated ? ' (truncated: raise the limit or lower --depth)' : '')
  );
}

/** Markdown cells must not break the table: pipes escaped, newlines flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A table fit for a pull-request comment, with the conditions that failed on top. */
export function toMarkdown(result: ImpactResult, target: string, failures: string[]): string {
  const lines = [`### Downstream impact of ${target}`, ''];
  for (const failure of failures) lines.push(`> **Check failed:** ${cell(failure)}`, '');
  lines.push(`**${summary(result)}**`, '');
  if (result.items.length > 0) {
    lines.push('| Distance | Kind | Namespace | Name | Field | Tags |', '| ---: | --- | --- | --- | --- | --- |');
    for (const item of result.items) {
      const tags = [...item.tags, ...item.classifications].map((tag) => `\`${cell(tag)}\``).join(' ');
      lines.push(
        `| ${item.distance} | ${item.kind} | \`${cell(item.namespace)}\` | \`${cell(item.name)}\` | ${item.field ? `\`${cell(item.field)}\`` : ''} | ${tags} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
