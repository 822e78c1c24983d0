// node-sql-parser's published types cover a fraction of the AST it returns, so
// the walker reads nodes as plain records and checks every shape it relies on.
export type Node = Record<string, unknown>;

/** SQL identifiers compare case-insensitively unless quoted; dbt projects rarely rely on quoting. */
export const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

// Functions whose output hides the input values, as OpenLineage marks them (`masking: true`).
export const MASKING_FUNCTIONS = new Set([
  'md5',
  'sha',
  'sha1',
  'sha2',
  'sha256',
  'sha512',
  'hash',
  'hashbytes',
  'farm_fingerprint',
  'xxhash64',
  'murmur3',
  'crc32',
  'mask',
  'mask_hash',
  'count',
  'approx_count_distinct',
]);
// Conditional functions: the first argument decides, the others are the value.
export const CONDITIONAL_FUNCTIONS = new Set(['if', 'iff', 'iif']);

export function functionName(expr: Node): string {
  const name = expr.name;
  if (typeof name === 'string') return name.toLowerCase();
  if (isNode(name) && Array.isArray(name.name)) {
    const last = (name.name as unknown[]).at(-1);
    return (identifier(last) ?? '').toLowerCase();
  }
  return '';
}
export function functionArgs(expr: Node): unknown[] {
  const args = expr.args;
  if (isNode(args) && Array.isArray(args.value)) return args.value as unknown[];
  return Array.isArray(args) ? (args as unknown[]) : args ? [args] : [];
}

// Date parts written bare (`date_trunc(month, d)`, `datediff(day, a, b)`) parse as column
// references; when no relation has such a column they are keywords.
export const DATE_PARTS =
  /^(year|years|yy|yyyy|quarter|qtr|q|month|months|mm|mon|week|weeks|wk|w|day|days|dd|d|dayofweek|dow|dayofyear|doy|hour|hours|hh|minute|minutes|mi|second|seconds|ss|millisecond|milliseconds|ms|microsecond|microseconds|us|nanosecond|ns|epoch|isoweek|isodow|isoyear)$/i;

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function isSelect(value: unknown): boolean {
  return isNode(value) && value.type === 'select';
}

/** An identifier from the many shapes node-sql-parser uses: string, {value}, {expr:{value}}. */
export function identifier(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value)) {
    if (typeof value.value === 'string') return value.value;
    if (isNode(value.expr)) return identifier(value.expr);
  }
  return undefined;
}
export function columnName(ref: Node): string | undefined {
  return identifier(ref.column);
}
export function tableName(ref: Node): string | undefined {
  const t = identifier(ref.table);
  return t ? t.split('.').pop() : undefined;
}

export function hasRecursiveRef(stmt: Node, name: string): boolean {
  const from = Array.isArray(stmt.from) ? (stmt.from as Node[]) : [];
  if (from.some((f) => !f.db && typeof f.table === 'string' && eq(f.table, name))) return true;
  return isNode(stmt._next) ? hasRecursiveRef(stmt._next, name) : false;
}
