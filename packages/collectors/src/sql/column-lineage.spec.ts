// Real parts: node-sql-parser and the lineage walker; tables come from a fixed in-memory lookup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnLineage } from './column-lineage.js';
import type { ColumnLineageResult, KnownTable, SqlDialect } from './types.js';

const TABLES: Record<string, readonly string[] | undefined> = {
  customers: ['customer_id', 'name', 'country'],
  orders: ['order_id', 'customer_id', 'order_date', 'status', 'amount'],
  payments: ['payment_id', 'order_id', 'method', 'amount'],
  events: undefined,
};

function lookup(parts: readonly string[]): KnownTable | undefined {
  const name = parts[parts.length - 1]!.toLowerCase();
  if (!(name in TABLES)) return undefined;
  return { ref: { namespace: 'ns', name }, columns: TABLES[name] };
}

function edges(result: ColumnLineageResult): string[] {
  const out: string[] = [];
  for (const c of result.columns) {
    for (const s of c.sources)
      out.push(`${c.name} <= ${s.table.name}.${s.field} ${s.transformation.type}/${s.transformation.subtype}`);
  }
  for (const s of result.dataset)
    out.push(`* <= ${s.table.name}.${s.field} ${s.transformation.type}/${s.transformation.subtype}`);
  return out.sort();
}

function lineage(sql: string, dialect: SqlDialect = 'postgresql'): ColumnLineageResult {
  return columnLineage(sql, dialect, lookup);
}

describe('columnLineage', () => {
  it('window functions: value AGGREGATION, partition and order WINDOW', () => {
    const r = lineage(
      `select customer_id, row_number() over (partition by customer_id order by order_date) as seq,
              sum(amount) over (partition by customer_id order by order_date) as running from orders`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      'customer_id <= orders.customer_id DIRECT/IDENTITY',
      'running <= orders.amount DIRECT/AGGREGATION',
      'running <= orders.customer_id INDIRECT/WINDOW',
      'running <= orders.order_date INDIRECT/WINDOW',
      'seq <= orders.customer_id INDIRECT/WINDOW',
      'seq <= orders.order_date INDIRECT/WINDOW',
    ]);
  });

  it('UNION ALL: columns by position, names from the first branch', () => {
    const r = lineage(
      `select order_id as id, status as kind from orders union all select payment_id, method from payments`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      'id <= orders.order_id DIRECT/IDENTITY',
      'id <= payments.payment_id DIRECT/IDENTITY',
      'kind <= orders.status DIRECT/IDENTITY',
      'kind <= payments.method DIRECT/IDENTITY',
    ]);
  });

  it('EXCEPT: values from the left branch, the right one only filters', () => {
    const r = lineage(`select customer_id from customers except select customer_id from orders`);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      '* <= orders.customer_id INDIRECT/FILTER',
      'customer_id <= customers.customer_id DIRECT/IDENTITY',
    ]);
  });

  it('derived table, IN subquery, CASE and ORDER BY', () => {
    const r = lineage(
      `select big.order_id, case when big.amount > 10 then 'large' else 'small' end as band
       from (select order_id, amount from orders where status = 'done') as big
       where big.order_id in (select order_id from payments where method <> 'coupon')
       order by big.amount desc`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      '* <= orders.amount INDIRECT/SORT',
      '* <= orders.order_id INDIRECT/FILTER',
      '* <= orders.status INDIRECT/FILTER',
      '* <= payments.method INDIRECT/FILTER',
      '* <= payments.order_id INDIRECT/FILTER',
      'band <= orders.amount INDIRECT/CONDITIONAL',
      'order_id <= orders.order_id DIRECT/IDENTITY',
    ]);
  });

  it('JOIN USING, COUNT(DISTINCT), GROUP BY position and HAVING', () => {
    const r = lineage(
      `select c.country, count(distinct o.order_id) as n, avg(o.amount) as avg_amount
       from customers c join orders o using (customer_id) group by 1 having count(*) > 1`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      '* <= customers.country INDIRECT/GROUP_BY',
      '* <= customers.customer_id INDIRECT/JOIN',
      '* <= orders.customer_id INDIRECT/JOIN',
      'avg_amount <= orders.amount DIRECT/AGGREGATION',
      'country <= customers.country DIRECT/IDENTITY',
      'n <= orders.order_id DIRECT/AGGREGATION',
    ]);
  });

  it('* across a join and a CTE keeps every column of both sides', () => {
    const r = lineage(
      `with p as (select order_id, amount as paid from payments) select * from orders join p using (order_id)`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['order_id', 'customer_id', 'order_date', 'status', 'amount', 'order_id', 'paid'].filter(
        (c, i, all) => all.indexOf(c) === i,
      ),
    );
  });

  it('correlated scalar subquery in the SELECT list', () => {
    const r = lineage(
      `select c.customer_id, (select max(o.order_date) from orders o where o.customer_id = c.customer_id) as last_order from customers c`,
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      'customer_id <= customers.customer_id DIRECT/IDENTITY',
      'last_order <= customers.customer_id INDIRECT/FILTER',
      'last_order <= orders.customer_id INDIRECT/FILTER',
      'last_order <= orders.order_date DIRECT/AGGREGATION',
    ]);
  });

  it('Snowflake QUALIFY and :: casts', () => {
    const r = lineage(
      `select order_id::varchar as id, status from orders qualify row_number() over (partition by customer_id order by order_date desc) = 1`,
      'snowflake',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      '* <= orders.customer_id INDIRECT/FILTER',
      '* <= orders.order_date INDIRECT/FILTER',
      'id <= orders.order_id DIRECT/TRANSFORMATION',
      'status <= orders.status DIRECT/IDENTITY',
    ]);
  });

  it('a later SELECT item may use an earlier alias (Snowflake, DuckDB)', () => {
    const r = lineage(`select amount * 2 as doubled, doubled + 1 as plus_one from payments`, 'snowflake');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      'doubled <= payments.amount DIRECT/TRANSFORMATION',
      'plus_one <= payments.amount DIRECT/TRANSFORMATION',
    ]);
    const unsure = lineage(`select kind as k, k || 'x' as k2 from events`, 'snowflake');
    assert.deepEqual(edges(unsure), ['k <= events.kind DIRECT/IDENTITY']);
    assert.match(unsure.problems.join('\n'), /k may be an alias or a column of events/);
  });

  it('target columns name unaliased items by position, unless they disagree with the aliases', () => {
    const named = columnLineage(`select name, upper(country) from customers`, 'postgresql', lookup, {
      outputColumns: ['name', 'country_code'],
    });
    assert.deepEqual(named.problems, []);
    assert.deepEqual(edges(named), [
      'country_code <= customers.country DIRECT/TRANSFORMATION',
      'name <= customers.name DIRECT/IDENTITY',
    ]);
    const stale = columnLineage(`select name as full_name, upper(country) from customers`, 'postgresql', lookup, {
      outputColumns: ['name', 'country_code'],
    });
    assert.deepEqual(edges(stale), ['full_name <= customers.name DIRECT/IDENTITY']);
    assert.match(stale.problems.join('\n'), /stale catalog/);
  });

  it('bare date parts are keywords, not columns', () => {
    const r = lineage(
      `select date_trunc(month, order_date) as m, datediff(day, order_date, current_date) as age from orders`,
      'snowflake',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(edges(r), [
      'age <= orders.order_date DIRECT/TRANSFORMATION',
      'm <= orders.order_date DIRECT/TRANSFORMATION',
    ]);
    const unknownColumns = lineage(`select date_trunc(month, e.at) as m from events e`, 'snowflake');
    assert.deepEqual(edges(unknownColumns), ['m <= events.at DIRECT/TRANSFORMATION']);
  });

  it('a table without known columns passes named columns through but cannot expand *', () => {
    const named = lineage(`select e.event_id, e.kind from events e`);
    assert.deepEqual(named.problems, []);
    assert.deepEqual(edges(named), [
      'event_id <= events.event_id DIRECT/IDENTITY',
      'kind <= events.kind DIRECT/IDENTITY',
    ]);
    const star = lineage(`select * from events join orders on events.order_id = orders.order_id`);
    assert.match(star.problems.join('\n'), /output columns are not all known: the columns of events are unknown/);
  });

  it('reports what it cannot resolve and never guesses', () => {
    const unknownTable = lineage(`select x.a from raw.untracked x`);
    assert.deepEqual(unknownTable.columns, []);
    assert.match(unknownTable.problems.join('\n'), /table raw\.untracked is not a known dbt node or source/);

    const ambiguous = lineage(`select customer_id from customers, orders`);
    assert.deepEqual(ambiguous.columns, []);
    assert.match(ambiguous.problems.join('\n'), /column customer_id is ambiguous/);

    const unnamed = lineage(`select upper(name) from customers`);
    assert.deepEqual(unnamed.columns, []);
    assert.match(unnamed.problems.join('\n'), /without an alias/);

    const missing = lineage(`select c.nope as x from customers c`);
    assert.match(missing.problems.join('\n'), /column c\.nope is not in customers/);
  });

  it('recursive CTEs and unparseable SQL are reported, not thrown', () => {
    const recursive = lineage(
      `with recursive t as (select 1 as n union all select n + 1 from t where n < 3) select n from t`,
    );
    assert.match(recursive.problems.join('\n'), /recursive CTE "t"/);
    const broken = lineage(`select from where (`);
    assert.deepEqual(broken.columns, []);
    assert.match(broken.problems[0]!, /SQL does not parse/);
  });
});
