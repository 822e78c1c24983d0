// npm run demo: posts a realistic sample lineage to a running Tributary —
// Airbyte syncs Postgres tables into Snowflake, dbt models stage and model
// them (with column lineage), an Airflow DAG computes revenue and exports it
// to S3 — five days of runs, the last export failing. Everything goes
// through the public intake, POST /api/v1/lineage/batch, like real producers.
// usage: npm run demo   (TRIBUTARY_URL, default http://localhost:8080;
//                        TRIBUTARY_TOKEN when the server has auth on)
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const PRODUCER = 'https://github.com/tributary/tributary/scripts/demo';
const SPEC = 'https://openlineage.io/spec/facets';
const facet = (path, body) => ({ _producer: PRODUCER, _schemaURL: `${SPEC}/${path}`, ...body });

/** A stable UUID for a name, so posting the demo twice changes nothing. */
function uuidFor(text) {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const schema = (fields) =>
  facet('1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet', {
    fields: fields.map(([name, type, description]) => ({ name, type, ...(description ? { description } : {}) })),
  });

/** columnLineage facet: output column → [[input dataset, input column, type, subtype]]. */
function columnLineage(mapping) {
  const fields = {};
  for (const [output, inputs] of Object.entries(mapping)) {
    fields[output] = {
      inputFields: inputs.map(([dataset, field, type, subtype]) => ({
        namespace: dataset.namespace,
        name: dataset.name,
        field,
        transformations: [{ type, subtype }],
      })),
    };
  }
  return facet('1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet', { fields });
}

/**
 * The sample lineage as OpenLineage RunEvents. `suffix` makes every
 * namespace unique (tests run side by side on one Neo4j); `now` anchors the
 * five days of runs.
 */
export function demoEvents({ suffix = '', now = Date.now() } = {}) {
  const s = suffix ? `-${suffix}` : '';
  const pg = `postgres://shop-db${s}:5432`;
  const sf = `snowflake://acme${s}`;
  const ds = (namespace, name, fields, extra = {}) => ({ namespace, name, fields, extra });

  const src = {
    orders: ds(pg, 'shop.public.orders', [
      ['id', 'integer', 'Order id'],
      ['customer_id', 'integer'],
      ['order_date', 'date'],
      ['status', 'varchar'],
      ['amount_cents', 'integer', 'Order total in cents'],
    ]),
    customers: ds(pg, 'shop.public.customers', [
      ['id', 'integer'],
      ['first_name', 'varchar'],
      ['last_name', 'varchar'],
      ['email', 'varchar', 'Contact e-mail (PII)'],
    ]),
    payments: ds(pg, 'shop.public.payments', [
      ['id', 'integer'],
      ['order_id', 'integer'],
      ['payment_method', 'varchar'],
      ['amount_cents', 'integer'],
    ]),
  };
  const raw = Object.fromEntries(
    Object.entries(src).map(([key, d]) => [key, ds(sf, `RAW.SHOP.${key.toUpperCase()}`, d.fields)]),
  );
  const stg = {
    orders: ds(sf, 'ANALYTICS.STAGING.STG_ORDERS', [
      ['order_id', 'NUMBER'],
      ['customer_id', 'NUMBER'],
      ['order_date', 'DATE'],
      ['status', 'VARCHAR'],
    ]),
    customers: ds(sf, 'ANALYTICS.STAGING.STG_CUSTOMERS', [
      ['customer_id', 'NUMBER'],
      ['first_name', 'VARCHAR'],
      ['last_name', 'VARCHAR'],
      ['email', 'VARCHAR'],
    ]),
    payments: ds(sf, 'ANALYTICS.STAGING.STG_PAYMENTS', [
      ['payment_id', 'NUMBER'],
      ['order_id', 'NUMBER'],
      ['payment_method', 'VARCHAR'],
      ['amount', 'NUMBER(12,2)', 'Amount in dollars'],
    ]),
  };
  const owned = (team, description, tags = []) => ({
    ownership: facet('1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet', {
      owners: [{ name: team, type: 'TEAM' }],
    }),
    documentation: facet('1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet', { description }),
    ...(tags.length
      ? {
          tags: facet('1-0-0/TagsDatasetFacet.json#/$defs/TagsDatasetFacet', {
            tags: tags.map((key) => ({ key, value: 'true', source: 'MANUAL' })),
          }),
        }
      : {}),
  });
  const marts = {
    orders: ds(
      sf,
      'ANALYTICS.MARTS.ORDERS',
      [
        ['order_id', 'NUMBER'],
        ['customer_id', 'NUMBER'],
        ['order_date', 'DATE'],
        ['status', 'VARCHAR'],
        ['amount', 'NUMBER(12,2)', 'Sum of the payments of the order'],
      ],
      owned('team:analytics', 'One row per order with its paid amount.'),
    ),
    customers: ds(
      sf,
      'ANALYTICS.MARTS.CUSTOMERS',
      [
        ['customer_id', 'NUMBER'],
        ['first_name', 'VARCHAR'],
        ['last_name', 'VARCHAR'],
        ['email', 'VARCHAR'],
        ['number_of_orders', 'NUMBER'],
        ['customer_lifetime_value', 'NUMBER(12,2)'],
      ],
      owned('team:analytics', 'One row per customer with order counts and lifetime value.', ['pii']),
    ),
  };
  const revenue = ds(
    sf,
    // A suffix also goes into this one name, so a test can find its own copy by search.
    `ANALYTICS.REPORTING.DAILY_REVENUE${suffix ? `_${suffix.toUpperCase()}` : ''}`,
    [
      ['day', 'DATE'],
      ['revenue', 'NUMBER(14,2)'],
      ['order_count', 'NUMBER'],
    ],
    owned('team:finance', 'Revenue per day, for the finance dashboard.'),
  );
  const exported = ds(
    `s3://acme-bi${s}`,
    'exports/daily_revenue.parquet',
    revenue.fields,
    owned('team:finance', 'Daily revenue handed to the BI tool.'),
  );

  const ident = (d, f) => [d, f, 'DIRECT', 'IDENTITY'];
  const xform = (d, f) => [d, f, 'DIRECT', 'TRANSFORMATION'];
  const agg = (d, f) => [d, f, 'DIRECT', 'AGGREGATION'];
  const filter = (d, f) => [d, f, 'INDIRECT', 'FILTER'];
  const joinOn = (d, f) => [d, f, 'INDIRECT', 'JOIN'];
  const sameColumns = (from) => Object.fromEntries(from.fields.map(([name]) => [name, [ident(from, name)]]));

  const airbyte = `airbyte${s}`;
  const dbt = `dbt://acme${s}`;
  const airflow = `airflow-prod${s}`;
  const jobs = [
    ...Object.keys(src).map((key) => ({
      namespace: airbyte,
      name: `shop_postgres_to_snowflake.${key}`,
      type: ['BATCH', 'AIRBYTE', 'SYNC'],
      inputs: [src[key]],
      outputs: [[raw[key], sameColumns(src[key])]],
      minutes: 3,
    })),
    {
      namespace: dbt,
      name: 'jaffle_shop.stg_orders',
      type: ['BATCH', 'DBT', 'MODEL'],
      sql: 'select id as order_id, customer_id, order_date, status from raw.shop.orders',
      inputs: [raw.orders],
      outputs: [
        [
          stg.orders,
          {
            order_id: [ident(raw.orders, 'id')],
            customer_id: [ident(raw.orders, 'customer_id')],
            order_date: [ident(raw.orders, 'order_date')],
            status: [ident(raw.orders, 'status')],
          },
        ],
      ],
      minutes: 1,
    },
    {
      namespace: dbt,
      name: 'jaffle_shop.stg_customers',
      type: ['BATCH', 'DBT', 'MODEL'],
      sql: 'select id as customer_id, first_name, last_name, email from raw.shop.customers',
      inputs: [raw.customers],
      outputs: [
        [
          stg.customers,
          {
            customer_id: [ident(raw.customers, 'id')],
            first_name: [ident(raw.customers, 'first_name')],
            last_name: [ident(raw.customers, 'last_name')],
            email: [ident(raw.customers, 'email')],
          },
        ],
      ],
      minutes: 1,
    },
    {
      namespace: dbt,
      name: 'jaffle_shop.stg_payments',
      type: ['BATCH', 'DBT', 'MODEL'],
      sql: 'select id as payment_id, order_id, payment_method, amount_cents / 100.0 as amount from raw.shop.payments',
      inputs: [raw.payments],
      outputs: [
        [
          stg.payments,
          {
            payment_id: [ident(raw.payments, 'id')],
            order_id: [ident(raw.payments, 'order_id')],
            payment_method: [ident(raw.payments, 'payment_method')],
            amount: [xform(raw.payments, 'amount_cents')],
          },
        ],
      ],
      minutes: 1,
    },
    {
      namespace: dbt,
      name: 'jaffle_shop.orders',
      type: ['BATCH', 'DBT', 'MODEL'],
      sql: 'select o.order_id, o.customer_id, o.order_date, o.status, sum(p.amount) as amount\nfrom stg_orders o left join stg_payments p using (order_id)\ngroup by 1, 2, 3, 4',
      inputs: [stg.orders, stg.payments],
      outputs: [
        [
          marts.orders,
          {
            order_id: [ident(stg.orders, 'order_id')],
            customer_id: [ident(stg.orders, 'customer_id')],
            order_date: [ident(stg.orders, 'order_date')],
            status: [ident(stg.orders, 'status')],
            amount: [agg(stg.payments, 'amount'), joinOn(stg.payments, 'order_id')],
          },
        ],
      ],
      minutes: 4,
    },
    {
      namespace: dbt,
      name: 'jaffle_shop.customers',
      type: ['BATCH', 'DBT', 'MODEL'],
      sql: 'select c.customer_id, c.first_name, c.last_name, c.email, count(o.order_id) as number_of_orders, sum(o.amount) as customer_lifetime_value\nfrom stg_customers c left join orders o using (customer_id) group by 1, 2, 3, 4',
      inputs: [stg.customers, marts.orders],
      outputs: [
        [
          marts.customers,
          {
            customer_id: [ident(stg.customers, 'customer_id')],
            first_name: [ident(stg.customers, 'first_name')],
            last_name: [ident(stg.customers, 'last_name')],
            email: [ident(stg.customers, 'email')],
            number_of_orders: [agg(marts.orders, 'order_id')],
            customer_lifetime_value: [agg(marts.orders, 'amount')],
          },
        ],
      ],
      minutes: 5,
    },
    {
      namespace: airflow,
      name: 'daily_revenue.compute_revenue',
      parent: 'daily_revenue',
      type: ['BATCH', 'AIRFLOW', 'TASK'],
      sql: "select order_date as day, sum(amount) as revenue, count(*) as order_count from analytics.marts.orders where status = 'completed' group by 1",
      inputs: [marts.orders],
      outputs: [
        [
          revenue,
          {
            day: [ident(marts.orders, 'order_date')],
            revenue: [agg(marts.orders, 'amount'), filter(marts.orders, 'status')],
            order_count: [agg(marts.orders, 'order_id')],
          },
        ],
      ],
      minutes: 6,
    },
    {
      namespace: airflow,
      name: 'daily_revenue.export_to_bi',
      parent: 'daily_revenue',
      type: ['BATCH', 'AIRFLOW', 'TASK'],
      inputs: [revenue],
      outputs: [[exported, sameColumns(revenue)]],
      minutes: 2,
      failsLast: 'S3 PutObject failed: AccessDenied on s3://acme-bi/exports/daily_revenue.parquet',
    },
  ];

  const dataset = (d, extraFacets = {}) => ({
    namespace: d.namespace,
    name: d.name,
    facets: { schema: schema(d.fields), ...d.extra, ...extraFacets },
  });
  const events = [];
  const DAY = 86_400_000;
  const days = 5;
  for (let day = days - 1; day >= 0; day--) {
    const dayStart = Math.floor((now - day * DAY) / DAY) * DAY + 2 * 3600_000;
    let offset = 0;
    for (const job of jobs) {
      const runId = uuidFor(`${job.namespace}/${job.name}/${day}/${suffix}`);
      const started = dayStart + offset;
      // Durations wobble from day to day so the duration chart has a shape.
      const duration = Math.round(job.minutes * 60_000 * (0.8 + ((day * 7 + job.name.length) % 5) / 10));
      offset += duration + 30_000;
      const failed = day === 0 && Boolean(job.failsLast);
      const jobFacets = {
        jobType: facet('2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet', {
          processingType: job.type[0],
          integration: job.type[1],
          jobType: job.type[2],
        }),
        ...(job.sql ? { sql: facet('1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet', { query: job.sql }) } : {}),
      };
      const parentFacet = job.parent
        ? {
            parent: facet('1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet', {
              run: { runId: uuidFor(`${job.namespace}/${job.parent}/${day}/${suffix}`) },
              job: { namespace: job.namespace, name: job.parent },
            }),
          }
        : {};
      const base = {
        producer: PRODUCER,
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
        job: { namespace: job.namespace, name: job.name, facets: jobFacets },
      };
      events.push({
        ...base,
        eventType: 'START',
        eventTime: new Date(started).toISOString(),
        run: { runId, facets: { ...parentFacet } },
        inputs: job.inputs.map((d) => dataset(d)),
        outputs: job.outputs.map(([d]) => dataset(d)),
      });
      events.push({
        ...base,
        eventType: failed ? 'FAIL' : 'COMPLETE',
        eventTime: new Date(started + duration).toISOString(),
        run: {
          runId,
          facets: {
            ...parentFacet,
            ...(failed
              ? {
                  errorMessage: facet('1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet', {
                    message: job.failsLast,
                    programmingLanguage: 'python',
                  }),
                }
              : {}),
          },
        },
        inputs: job.inputs.map((d) => dataset(d)),
        outputs: failed ? [] : job.outputs.map(([d, mapping]) => dataset(d, { columnLineage: columnLineage(mapping) })),
      });
    }
  }
  return events;
}

/** Posts the events in one batch; resolves to the number accepted or throws with the server's answer. */
export async function postDemo(baseUrl, { token, suffix, now } = {}) {
  const events = demoEvents({ suffix, now });
  const response = await fetch(new URL('/api/v1/lineage/batch', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(events),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 207)
    throw new Error(`POST /api/v1/lineage/batch answered ${response.status}: ${text.slice(0, 500)}`);
  return { status: response.status, events: events.length, body: text };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.TRIBUTARY_URL ?? 'http://localhost:8080';
  postDemo(url, { token: process.env.TRIBUTARY_TOKEN }).then(
    ({ status, events }) => {
      console.log(`demo: posted ${events} events to ${url} (HTTP ${status}).`);
      console.log(
        `Open ${url}/search?q=orders or ${url}/impact/${encodeURIComponent('postgres://shop-db:5432')}/shop.public.orders`,
      );
    },
    (error) => {
      console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
      if (String(error).includes('401'))
        console.error('demo: the server has auth on; set TRIBUTARY_TOKEN to a producer token.');
      else if (String(error).includes('fetch failed'))
        console.error(`demo: nothing answers at ${url}; start it with npm start or set TRIBUTARY_URL.`);
      process.exit(1);
    },
  );
}
