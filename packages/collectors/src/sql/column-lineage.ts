import sqlParser from 'node-sql-parser';
import type {
  ColumnLineageResult,
  ColumnSource,
  OutputColumn,
  SqlDialect,
  TableLookup,
  TableRef,
  Transformation,
} from './types.js';
import {
  CONDITIONAL_FUNCTIONS,
  DATE_PARTS,
  MASKING_FUNCTIONS,
  type Node,
  columnName,
  eq,
  functionArgs,
  functionName,
  hasRecursiveRef,
  identifier,
  isNode,
  isSelect,
  tableName,
} from './ast-nodes.js';
import { AGGREGATE, IDENTITY, TRANSFORM, compose, indirect } from './transformations.js';

interface Column {
  name: string;
  sources: ColumnSource[];
}

/** A row source inside a query: a base table, a CTE or a derived table. */
interface Relation {
  alias: string;
  columns: Column[];
  /** False when some columns could not be listed (e.g. `*` over an unknown table). */
  complete: boolean;
  /**
   * For an incomplete relation: the sources of a column named explicitly. A base
   * table passes any named column through, and so does `SELECT * FROM t` over it.
   */
  fallback?: (name: string) => ColumnSource[] | undefined;
  /** Why the column list is incomplete. */
  reason?: string;
  /** Inputs that filter or join the relation's rows. */
  indirect: ColumnSource[];
  /** For error messages. */
  label: string;
}

interface Scope {
  relations: Relation[];
  /** CTEs visible here, also inside subqueries. */
  ctes: Map<string, Relation>;
  parent?: Scope;
  /** Output columns of the SELECT, for ORDER BY / GROUP BY by alias. */
  outputs?: Column[];
}

class Analyzer {
  readonly problems: string[] = [];
  /** Counts every report, repeated ones too, so a caller can tell whether its part failed. */
  private reported = 0;
  constructor(private readonly lookup: TableLookup) {}

  problem(message: string): void {
    this.reported++;
    if (!this.problems.includes(message)) this.problems.push(message);
  }

  /** A SELECT with its WITH clause and set operations. */
  query(ast: Node, ctes: Map<string, Relation>, parent?: Scope, anonymous = false): Relation {
    const own = new Map(ctes);
    if (Array.isArray(ast.with)) {
      for (const cte of ast.with as Node[]) {
        const name = identifier((cte.name as Node | undefined)?.value ?? cte.name);
        const stmt = (cte.stmt as Node | undefined)?.ast ?? cte.stmt;
        if (!name || !isNode(stmt)) {
          this.problem('a CTE could not be read');
          continue;
        }
        if (cte.recursive || hasRecursiveRef(stmt, name)) {
          this.problem(`recursive CTE "${name}" is not resolved`);
          own.set(name.toLowerCase(), { alias: name, columns: [], complete: false, indirect: [], label: name });
          continue;
        }
        const rel = this.query(stmt, own, parent);
        const renamed = Array.isArray(cte.columns) ? (cte.columns as unknown[]).map(identifier) : undefined;
        if (renamed) rel.columns = rel.columns.map((c, i) => ({ ...c, name: renamed[i] ?? c.name }));
        own.set(name.toLowerCase(), { ...rel, alias: name, label: name });
      }
    }
    let result = this.select({ ...ast, with: null }, own, parent, anonymous);
    let op = ast.set_op;
    let next = ast._next as Node | undefined;
    while (isNode(next)) {
      // Only the first branch names the columns of a set operation.
      const branch = this.select(next, own, parent, true);
      result = this.union(result, branch, String(op ?? 'union').toLowerCase());
      op = next.set_op;
      next = next._next as Node | undefined;
    }
    return result;
  }

  private union(left: Relation, right: Relation, op: string): Relation {
    if (!left.complete || !right.complete || left.columns.length !== right.columns.length) {
      this.problem(`${op.toUpperCase()} branches do not have a known, equal column count`);
      return { ...left, complete: false, indirect: [...left.indirect, ...right.indirect] };
    }
    if (op.startsWith('except') || op.startsWith('minus') || op.startsWith('intersect')) {
      // The right branch only decides which left rows survive; every value comes from the left.
      const filter = right.columns.flatMap((c) =>
        c.sources.map((s) => ({ ...s, transformation: compose(indirect('FILTER'), s.transformation) })),
      );
      return { ...left, indirect: [...left.indirect, ...right.indirect, ...filter] };
    }
    return {
      ...left,
      columns: left.columns.map((c, i) => ({ name: c.name, sources: [...c.sources, ...right.columns[i]!.sources] })),
      indirect: [...left.indirect, ...right.indirect],
    };
  }

  private select(ast: Node, ctes: Map<string, Relation>, parent?: Scope, anonymous = false): Relation {
    if (ast.type !== 'select') {
      this.problem(`a ${String(ast.type)} statement is not a SELECT`);
      return { alias: '', columns: [], complete: false, indirect: [], label: 'query' };
    }
    if (Array.isArray(ast.with)) return this.query({ ...ast, _next: undefined }, ctes, parent, anonymous);
    const scope: Scope = { relations: [], parent, ctes };
    const indirectSources: ColumnSource[] = [];
    const joinExprs: { expr: unknown }[] = [];
    const usingCols: { names: string[]; right: Relation }[] = [];
    for (const item of (Array.isArray(ast.from) ? ast.from : []) as Node[]) {
      const rel = this.fromItem(item, ctes, scope);
      if (!rel) continue;
      scope.relations.push(rel);
      indirectSources.push(...rel.indirect);
      if (item.on) joinExprs.push({ expr: item.on });
      if (Array.isArray(item.using))
        usingCols.push({
          names: (item.using as unknown[]).map(identifier).filter((n): n is string => !!n),
          right: rel,
        });
    }
    const filter = (expr: unknown, t: Transformation): void => {
      if (expr) this.collect(expr, t, scope, indirectSources);
    };
    for (const j of joinExprs) filter(j.expr, indirect('JOIN'));
    for (const u of usingCols) {
      for (const name of u.names) {
        for (const rel of scope.relations) {
          const found = this.columnOf(rel, name);
          if (found) indirectSources.push(...found.map((s) => ({ ...s, transformation: indirect('JOIN') })));
        }
      }
    }
    filter(ast.where, indirect('FILTER'));

    const outputs: Column[] = [];
    // Snowflake, DuckDB and BigQuery let a SELECT item use an earlier item's alias; input columns win.
    scope.outputs = outputs;
    let complete = true;
    let reason: string | undefined;
    const incompleteStars: Relation[] = [];
    for (const item of (Array.isArray(ast.columns) ? ast.columns : []) as Node[]) {
      const expr = item.expr as Node | undefined;
      if (!isNode(expr)) continue;
      if (expr.type === 'column_ref' && columnName(expr) === '*') {
        const table = tableName(expr);
        const rels = table ? scope.relations.filter((r) => eq(r.alias, table)) : scope.relations;
        if (table && rels.length === 0) {
          this.problem(`"${table}.*" names no relation in scope`);
          complete = false;
          reason = `"${table}.*" names no relation`;
        }
        for (const rel of rels) {
          if (!rel.complete) incompleteStars.push(rel);
          outputs.push(...rel.columns.map((c) => ({ name: c.name, sources: c.sources })));
        }
        continue;
      }
      const name =
        identifier(item.as) ??
        (expr.type === 'column_ref' ? columnName(expr) : undefined) ??
        (anonymous ? `#${outputs.length + 1}` : undefined);
      if (!name) {
        this.problem(`an expression without an alias has no portable column name`);
        complete = false;
        reason = 'an expression without an alias';
        continue;
      }
      const sources: ColumnSource[] = [];
      const before = this.reported;
      this.collect(expr, IDENTITY, scope, sources);
      if (this.reported > before) {
        this.problem(`column "${name}" left out: part of its expression is unresolved`);
        complete = false;
        reason = `column "${name}" is unresolved`;
        continue;
      }
      outputs.push({ name, sources });
    }
    // GROUP BY 1 / ORDER BY 1 name an output column by position.
    const byPosition = (list: unknown, t: Transformation): void => {
      for (const item of (Array.isArray(list) ? list : list ? [list] : []) as Node[]) {
        const e = isNode(item.expr) && item.type !== 'column_ref' ? item.expr : item;
        if (isNode(e) && e.type === 'number' && typeof e.value === 'number') {
          const col = outputs[e.value - 1];
          if (col)
            indirectSources.push(...col.sources.map((s) => ({ ...s, transformation: compose(t, s.transformation) })));
          else this.problem(`position ${e.value} in GROUP BY/ORDER BY names no output column`);
        } else filter(e, t);
      }
    };
    byPosition((ast.groupby as Node | null | undefined)?.columns ?? ast.groupby, indirect('GROUP_BY'));
    filter(ast.having, indirect('FILTER'));
    filter(ast.qualify, indirect('FILTER'));
    byPosition(ast.orderby, indirect('SORT'));
    const rel: Relation = {
      alias: '',
      columns: outputs,
      complete,
      reason,
      indirect: indirectSources,
      label: 'subquery',
    };
    if (incompleteStars.length > 0) {
      rel.complete = false;
      rel.reason ??= incompleteStars.map((r) => r.reason ?? `the columns of ${r.label} are unknown`).join('; ');
      const only = incompleteStars.length === 1 ? incompleteStars[0] : undefined;
      // Names not listed explicitly can only come through the one `*` over an incomplete relation.
      if (only?.fallback && complete) rel.fallback = only.fallback;
    }
    return rel;
  }

  private fromItem(item: Node, ctes: Map<string, Relation>, scope: Scope): Relation | undefined {
    const alias = identifier(item.as);
    const derived = (item.expr as Node | undefined)?.ast ?? (isSelect(item.expr) ? item.expr : undefined);
    if (isNode(derived)) {
      const rel = this.query(derived, ctes, scope.parent);
      const label = alias ? `subquery "${alias}"` : 'a subquery';
      return { ...rel, alias: alias ?? '', label };
    }
    const table = identifier(item.table);
    if (!table) {
      this.problem(`a FROM item of type "${String(item.type ?? 'unknown')}" is not resolved`);
      return { alias: alias ?? '', columns: [], complete: false, indirect: [], label: 'a table function' };
    }
    const parts = [identifier(item.db), identifier(item.schema), table].filter((p): p is string => !!p);
    // node-sql-parser puts the first of three parts in `db` and the second in `schema`.
    const ordered = item.schema ? [identifier(item.db), identifier(item.schema), table] : parts;
    const cleanParts = ordered
      .filter((p): p is string => !!p)
      .flatMap((p) => (parts.length === 1 ? p.split('.') : [p]));
    if (cleanParts.length === 1) {
      const cte = ctes.get(cleanParts[0]!.toLowerCase());
      if (cte) return { ...cte, alias: alias ?? cte.alias };
    }
    const known = this.lookup(cleanParts);
    const written = cleanParts.join('.');
    if (!known) {
      this.problem(`table ${written} is not a known dbt node or source`);
      return { alias: alias ?? table, columns: [], complete: false, indirect: [], label: written };
    }
    const columns = (known.columns ?? []).map((c) => ({
      name: c,
      sources: [{ table: known.ref, field: c, transformation: IDENTITY }],
    }));
    return {
      alias: alias ?? cleanParts[cleanParts.length - 1]!,
      columns,
      complete: known.columns !== undefined,
      fallback: (name) => [{ table: known.ref, field: name, transformation: IDENTITY }],
      reason: `the columns of ${written} are unknown (no catalog entry)`,
      indirect: [],
      label: written,
    };
  }

  /** The sources of a named column of one relation, or undefined when it has no such column. */
  private columnOf(rel: Relation, name: string): ColumnSource[] | undefined {
    const found = rel.columns.find((c) => eq(c.name, name));
    if (found) return found.sources;
    return rel.complete ? undefined : rel.fallback?.(name);
  }

  private resolve(table: string | undefined, name: string, scope: Scope): ColumnSource[] | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (table) {
        const rel = s.relations.find((r) => eq(r.alias, table));
        if (!rel) continue;
        const found = this.columnOf(rel, name);
        if (!found) {
          this.problem(
            rel.complete
              ? `column ${table}.${name} is not in ${rel.label}`
              : `column ${table}.${name} cannot be traced through ${rel.label}: ${rel.reason ?? 'its columns are unknown'}`,
          );
        }
        return found;
      }
      const known = s.relations.filter((r) => r.columns.some((c) => eq(c.name, name)));
      const unknown = s.relations.filter((r) => !r.complete);
      if (known.length === 1 && unknown.length === 0) return this.columnOf(known[0]!, name);
      if (known.length === 0 && DATE_PARTS.test(name)) return [];
      if (known.length === 0 && unknown.length > 0 && s.outputs?.some((c) => eq(c.name, name))) {
        this.problem(`${name} may be an alias or a column of ${unknown.map((r) => r.label).join(', ')}`);
        return undefined;
      }
      if (known.length === 0 && unknown.length === 1) {
        const found = this.columnOf(unknown[0]!, name);
        if (found) return found;
        this.problem(
          `column ${name} cannot be traced through ${unknown[0]!.label}: ${unknown[0]!.reason ?? 'its columns are unknown'}`,
        );
        return undefined;
      }
      if (known.length > 1 || (known.length >= 1 && unknown.length > 0) || unknown.length > 1) {
        this.problem(`column ${name} is ambiguous between ${[...known, ...unknown].map((r) => r.label).join(', ')}`);
        return undefined;
      }
      const output = s.outputs?.find((c) => eq(c.name, name));
      if (output) return output.sources;
    }
    if (
      !table &&
      (/^(true|false|current_date|current_timestamp|current_time|null)$/i.test(name) || DATE_PARTS.test(name))
    ) {
      return [];
    }
    this.problem(`column ${table ? `${table}.` : ''}${name} is not found in any relation in scope`);
    return undefined;
  }

  /** Adds to `out` every input column `expr` reads, seen through `t`. */
  collect(expr: unknown, t: Transformation, scope: Scope, out: ColumnSource[]): void {
    if (Array.isArray(expr)) {
      for (const e of expr) this.collect(e, t, scope, out);
      return;
    }
    if (!isNode(expr)) return;
    if (isNode(expr.ast) || expr.type === 'select') {
      const sub = this.query((isNode(expr.ast) ? expr.ast : expr) as Node, scope.ctes, scope, true);
      for (const col of sub.columns) {
        for (const s of col.sources)
          out.push({ ...s, transformation: compose(compose(t, TRANSFORM), s.transformation) });
      }
      for (const s of sub.indirect)
        out.push({ ...s, transformation: compose(t.type === 'INDIRECT' ? t : indirect('FILTER'), s.transformation) });
      return;
    }
    switch (expr.type) {
      case 'column_ref': {
        const name = columnName(expr);
        if (!name || name === '*') return;
        const found = this.resolve(tableName(expr), name, scope);
        for (const s of found ?? []) out.push({ ...s, transformation: compose(t, s.transformation) });
        return;
      }
      case 'star':
        return;
      case 'aggr_func': {
        const over = expr.over;
        const masking = MASKING_FUNCTIONS.has(functionName(expr));
        this.collect(expr.args, compose(t, masking ? { ...AGGREGATE, masking } : AGGREGATE), scope, out);
        if (over) this.collect(over, compose(t, indirect('WINDOW')), scope, out);
        return;
      }
      case 'window_func':
      case 'function': {
        const name = functionName(expr);
        const args = functionArgs(expr);
        if (CONDITIONAL_FUNCTIONS.has(name) && args.length >= 2) {
          this.collect(args[0], compose(t, indirect('CONDITIONAL')), scope, out);
          for (const arm of args.slice(1)) this.collect(arm, t, scope, out);
          return;
        }
        const masking = MASKING_FUNCTIONS.has(name);
        this.collect(expr.args, compose(t, masking ? { ...TRANSFORM, masking } : TRANSFORM), scope, out);
        if (expr.over) this.collect(expr.over, compose(t, indirect('WINDOW')), scope, out);
        return;
      }
      case 'case': {
        if (expr.expr) this.collect(expr.expr, compose(t, indirect('CONDITIONAL')), scope, out);
        for (const arm of (Array.isArray(expr.args) ? expr.args : []) as Node[]) {
          if (arm.cond) this.collect(arm.cond, compose(t, indirect('CONDITIONAL')), scope, out);
          // A bare column in a branch is output as is when that branch is taken (OpenLineage: IDENTITY).
          this.collect(arm.result, t, scope, out);
        }
        return;
      }
      default: {
        // Operators, casts, intervals, lists: any wrapping changes the value.
        const inner = expr.type === 'expr' || expr.type === undefined ? t : compose(t, TRANSFORM);
        for (const [key, value] of Object.entries(expr)) {
          if (key === 'loc' || key === 'as' || key === 'type' || key === 'target') continue;
          if (typeof value === 'object' && value !== null) this.collect(value, inner, scope, out);
        }
      }
    }
  }
}

const parser = new sqlParser.Parser();

/** The statement that produces the model's rows (dbt may prepend SET or similar). */
function mainSelect(ast: unknown): Node | undefined {
  const list = Array.isArray(ast) ? (ast as Node[]) : [ast as Node];
  for (let i = list.length - 1; i >= 0; i--) {
    const stmt = list[i];
    if (isNode(stmt) && stmt.type === 'select') return stmt;
  }
  return undefined;
}

/**
 * Column-level lineage of one SELECT (a dbt model's compiled code), resolved
 * against the tables `lookup` knows. Never throws: what cannot be resolved is
 * left out and explained in `problems`.
 */
export function columnLineage(
  sql: string,
  dialect: SqlDialect,
  lookup: TableLookup,
  options: {
    /** The target's columns in order (INSERT INTO t SELECT …): they name the SELECT items by position. */
    outputColumns?: readonly string[];
  } = {},
): ColumnLineageResult {
  const cleaned = stripTrailingSemicolons(sql);
  let ast: unknown;
  const tried: string[] = [];
  for (const database of dialect === 'postgresql' ? [dialect] : [dialect, 'postgresql']) {
    try {
      ast = parser.astify(cleaned, { database });
      break;
    } catch (error) {
      tried.push(`${database}: ${firstLine(error)}`);
    }
  }
  if (ast === undefined) return { columns: [], dataset: [], problems: [`SQL does not parse (${tried.join('; ')})`] };
  const select = mainSelect(ast);
  if (!select) return { columns: [], dataset: [], problems: ['the compiled code has no SELECT'] };
  const analyzer = new Analyzer(lookup);
  try {
    const target = options.outputColumns;
    const rel = analyzer.query(select, new Map(), undefined, target !== undefined);
    if (!rel.complete) analyzer.problem(`the output columns are not all known: ${rel.reason ?? 'unresolved parts'}`);
    else if (target) {
      // Positions name only the unaliased items, and only while every aliased item agrees with
      // the target at its position (a stale catalog must not rename anything).
      const agrees =
        rel.columns.length === target.length &&
        rel.columns.every((c, i) => c.name.startsWith('#') || eq(c.name, target[i]!));
      if (agrees) rel.columns = rel.columns.map((c, i) => (c.name.startsWith('#') ? { ...c, name: target[i]! } : c));
      else {
        analyzer.problem(`the SELECT's columns do not match the target's ${target.length} columns (stale catalog?)`);
        rel.columns = rel.columns.filter((c) => !c.name.startsWith('#'));
      }
    }
    return { columns: merge(rel.columns), dataset: dedupe(rel.indirect), problems: analyzer.problems };
  } catch (error) {
    // A parser AST shape the walker does not know must not stop the collection.
    return { columns: [], dataset: [], problems: [...analyzer.problems, `analysis failed: ${firstLine(error)}`] };
  }
}

function merge(columns: Column[]): OutputColumn[] {
  const byName = new Map<string, OutputColumn>();
  for (const c of columns) {
    const key = c.name.toLowerCase();
    const existing = byName.get(key);
    if (existing) existing.sources = dedupe([...existing.sources, ...c.sources]);
    else byName.set(key, { name: c.name, sources: dedupe(c.sources) });
  }
  return [...byName.values()];
}

function sourceKey(s: ColumnSource): string {
  const t = s.transformation;
  return [s.table.namespace, s.table.name, s.field.toLowerCase(), t.type, t.subtype, t.masking === true].join('\u0000');
}
function dedupe(sources: ColumnSource[]): ColumnSource[] {
  const seen = new Map<string, ColumnSource>();
  for (const s of sources) if (!seen.has(sourceKey(s))) seen.set(sourceKey(s), s);
  return [...seen.values()];
}

function stripTrailingSemicolons(sql: string): string {
  return sql.trim().replace(/;+\s*$/, '');
}
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}

export type { TableRef };
