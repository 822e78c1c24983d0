// Real parts: the API's LineageWriter (compiled apps/api/dist, wired without
// Nest), the Neo4j that `npm test` started, the real validator. Each case
// writes under its own namespace suffix; nothing is ever deleted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RunEvent } from '@tributary/openlineage';
import { loadCorpus } from '@tributary/openlineage/corpus';
import {
  accept,
  dumpGraph,
  isolate,
  openGraphWriter,
  prepare,
  query,
  uniqueSuffix,
  type AcceptedEvent,
  type GraphWriterHandle,
} from '../support/graph-writer.js';

let graph: GraphWriterHandle;
before(async () => {
  graph = await openGraphWriter();
});
after(async () => {
  await graph?.close();
});

const P = { _producer: 'https://example.com/producer', _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/x.json' };

function runEvent(
  runId: string,
  eventType: RunEvent['eventType'],
  eventTime: string,
  rest: Partial<RunEvent> = {},
): RunEvent {
  return {
    eventType,
    eventTime,
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId, facets: rest.run?.facets ?? {} },
    job: rest.job ?? { namespace: 'jobs', name: 'etl.load' },
    ...(rest.inputs ? { inputs: rest.inputs } : {}),
    ...(rest.outputs ? { outputs: rest.outputs } : {}),
  };
}

const schema = (fields: [string, string][]) => ({ ...P, fields: fields.map(([name, type]) => ({ name, type })) });
const lineage = (fields: Record<string, [string, string][]>) => ({
  ...P,
  fields: Object.fromEntries(
    Object.entries(fields).map(([out, inputs]) => [
      out,
      {
        inputFields: inputs.map(([name, field]) => ({
          namespace: 'db',
          name,
          field,
          transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
        })),
      },
    ]),
  ),
});

/** A run with everything that can arrive in pieces: START, RUNNING, COMPLETE and a late OTHER. */
function richRun(runId: string): RunEvent[] {
  const parent = {
    ...P,
    run: { runId: '01940000-aaaa-7000-8000-000000000000' },
    job: { namespace: 'jobs', name: 'dag' },
  };
  return [
    runEvent(runId, 'START', '2025-03-01T10:00:00.000000001+01:00', {
      run: { runId, facets: { parent, nominalTime: { ...P, nominalStartTime: '2025-03-01T09:00:00Z' } } },
      inputs: [
        { namespace: 'db', name: 'a' },
        { namespace: 'db', name: 'b' },
      ],
      outputs: [{ namespace: 'db', name: 'c' }],
    }),
    runEvent(runId, 'RUNNING', '2025-03-01T09:00:05Z', {
      run: { runId, facets: { parent } },
      outputs: [{ namespace: 'db', name: 'c', facets: { schema: schema([['x', 'int']]) } }],
    }),
    runEvent(runId, 'COMPLETE', '2025-03-01T09:00:09.5Z', {
      run: { runId, facets: { parent, processing_engine: { ...P, name: 'spark', version: '3.5.1' } } },
      job: {
        namespace: 'jobs',
        name: 'etl.load',
        facets: { sql: { ...P, query: 'insert into c select * from a join b' } },
      },
      inputs: [
        {
          namespace: 'db',
          name: 'a',
          facets: {
            schema: schema([
              ['x', 'int'],
              ['y', 'string'],
            ]),
          },
        },
        { namespace: 'db', name: 'b', facets: { schema: schema([['z', 'int']]) } },
      ],
      outputs: [
        {
          namespace: 'db',
          name: 'c',
          facets: {
            schema: schema([
              ['x', 'bigint'],
              ['z', 'int'],
            ]),
            columnLineage: lineage({ x: [['a', 'x']], z: [['b', 'z']] }),
          },
          outputFacets: { outputStatistics: { ...P, rowCount: 42, size: 4096 } },
        },
      ],
    }),
    runEvent(runId, 'OTHER', '2025-03-01T09:00:10Z', { run: { runId, facets: { parent } } }),
  ];
}

/** richRun's events, then Hive's CTAS with joins from the corpus (its two events under one run id). */
function richAndHiveRuns(richRunId: string): unknown[] {
  const corpus = loadCorpus();
  const hive = ['hive/cllCtasWithJoinsStart.json', 'hive/cllCtasWithJoinsComplete.json'].flatMap((file) =>
    corpus.filter((e) => e.entry.file === file).map((e) => e.event as RunEvent),
  );
  const hiveRunId = randomUUID();
  return [...richRun(richRunId), ...hive.map((event) => ({ ...event, run: { ...event.run, runId: hiveRunId } }))];
}

/** Run ids the test chose itself stay as they are (isolate only rewrites ids it has not seen). */
const keep = (...ids: string[]): Map<string, string> => new Map(ids.map((id) => [id, id]));

/** Seeded shuffle, so a failure names a reproducible permutation. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A dump comparable across suffixes: suffix, run ids and content hashes (which cover namespaces) neutralized. */
function normalized(lines: string[], suffix: string, runIds: Map<string, string>): string[] {
  const back = new Map([...runIds].map(([original, isolated]) => [isolated, original]));
  return lines
    .map((line) => {
      let out = line.split(suffix).join('S');
      for (const [isolatedId, original] of back) out = out.split(isolatedId).join(original);
      return out.replace(/[0-9a-f]{16}/g, 'H');
    })
    .sort();
}

describe('LineageWriter: order-independent', () => {
  it("any order and batching of a run's events gives the same graph (property test over 12 permutations)", async () => {
    const base = richAndHiveRuns('01940000-bbbb-7000-8000-000000000001');
    let reference: string[] | undefined;
    for (let seed = 1; seed <= 12; seed++) {
      const suffix = uniqueSuffix();
      const runIds = new Map<string, string>();
      const events: AcceptedEvent[] = shuffled(base, seed).map((event) => accept(prepare(event, suffix, runIds)));
      // Odd seeds: one event per batch (worst case: every event its own transaction); even: random splits.
      const sizes = seed % 2 === 1 ? events.map(() => 1) : [Math.ceil(events.length / 3), events.length];
      let from = 0;
      for (const size of sizes) {
        await graph.writeBatch(events.slice(from, from + size));
        from += size;
      }
      const dump = normalized(await dumpGraph(graph.driver, suffix), suffix, runIds);
      if (!reference) {
        reference = dump;
        assert.ok(dump.length > 40, `the runs wrote a substantial graph (${dump.length} lines)`);
        continue;
      }
      assert.deepEqual(dump, reference, `permutation seed ${seed} differs`);
    }
  });

  it("written as one plan (the ingest benchmark's ceiling), the events give the graph written event by event", async () => {
    const base = richAndHiveRuns('01940000-bbbb-7000-8000-000000000002');
    const write = async (asOnePlan: boolean): Promise<string[]> => {
      const suffix = uniqueSuffix();
      const runIds = new Map<string, string>();
      const events = base.map((event) => accept(prepare(event, suffix, runIds)));
      // Three rows per transaction: every statement spans several transactions.
      if (asOnePlan) await graph.writeAsOnePlan(events, 3);
      else for (const event of events) await graph.writeBatch([event]);
      return normalized(await dumpGraph(graph.driver, suffix), suffix, runIds);
    };
    const eventByEvent = await write(false);
    assert.ok(eventByEvent.length > 40, `the runs wrote a substantial graph (${eventByEvent.length} lines)`);
    assert.deepEqual(await write(true), eventByEvent);
  });

  it('run state: terminal wins, a COMPLETE before its START keeps both times', async () => {
    const s = uniqueSuffix();
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const write = async (...events: RunEvent[]) => {
      for (const event of events) await graph.writeBatch([accept(isolate(event, s, keep(a, b, c, d)))]);
    };
    await write(runEvent(a, 'COMPLETE', '2025-01-01T00:10:00Z'), runEvent(a, 'START', '2025-01-01T00:00:00Z'));
    await write(
      runEvent(b, 'START', '2025-01-01T00:00:00Z'),
      runEvent(b, 'FAIL', '2025-01-01T00:01:00Z'),
      runEvent(b, 'RUNNING', '2025-01-01T00:02:00Z'),
    );
    await write(runEvent(c, 'START', '2025-01-01T00:00:00Z'), runEvent(c, 'RUNNING', '2025-01-01T00:00:30Z'));
    await write(runEvent(d, 'OTHER', '2025-01-01T00:20:00Z'), runEvent(d, 'ABORT', '2025-01-01T00:05:00Z'));
    const rows = await query(
      graph.driver,
      `UNWIND $ids AS id MATCH (r:Run {id: id})
       RETURN r.state AS state, toString(r.startedAt) AS started, toString(r.endedAt) AS ended`,
      { ids: [a, b, c, d] },
    );
    assert.deepEqual(rows, [
      { state: 'COMPLETE', started: '2025-01-01T00:00:00Z', ended: '2025-01-01T00:10:00Z' },
      { state: 'FAIL', started: '2025-01-01T00:00:00Z', ended: '2025-01-01T00:01:00Z' },
      { state: 'RUNNING', started: '2025-01-01T00:00:00Z', ended: null },
      { state: 'ABORT', started: null, ended: '2025-01-01T00:05:00Z' },
    ]);
  });
});

describe('LineageWriter: history', () => {
  it('records a dataset version when a run writes a changed schema', async () => {
    const s = uniqueSuffix();
    const [r1, r2] = [randomUUID(), randomUUID()];
    const out = (fields: [string, string][]) => [
      { namespace: 'db', name: 'orders', facets: { schema: schema(fields) } },
    ];
    await graph.writeBatch([
      accept(
        isolate(
          runEvent(r1, 'COMPLETE', '2025-02-01T00:00:00Z', {
            outputs: out([
              ['id', 'int'],
              ['note', 'string'],
            ]),
          }),
          s,
          keep(r1),
        ),
      ),
    ]);
    await graph.writeBatch([
      accept(
        isolate(
          runEvent(r2, 'COMPLETE', '2025-02-02T00:00:00Z', {
            outputs: out([
              ['id', 'bigint'],
              ['total', 'numeric'],
            ]),
          }),
          s,
          keep(r2),
        ),
      ),
    ]);
    const id = `dataset:db-${s}:orders`;
    const versions = await query(
      graph.driver,
      `MATCH (d:Dataset {id: $id})-[:HAS_VERSION]->(v) RETURN v.fields AS fields, v.runId AS run, v.hash = d.currentVersion AS current
       ORDER BY v.createdAt`,
      { id },
    );
    assert.deepEqual(versions, [
      {
        fields: '[{"name":"id","type":"int","description":null},{"name":"note","type":"string","description":null}]',
        run: r1,
        current: false,
      },
      {
        fields:
          '[{"name":"id","type":"bigint","description":null},{"name":"total","type":"numeric","description":null}]',
        run: r2,
        current: true,
      },
    ]);
    const fields = await query(
      graph.driver,
      `MATCH (d:Dataset {id: $id})-[:HAS_FIELD]->(f) RETURN f.path AS path, f.type AS type, f.schemaHash = d.currentVersion AS current ORDER BY path`,
      { id },
    );
    assert.deepEqual(fields, [
      { path: 'id', type: 'bigint', current: true },
      { path: 'note', type: 'string', current: false },
      { path: 'total', type: 'numeric', current: true },
    ]);
    const wrote = await query(
      graph.driver,
      `MATCH (r:Run)-[w:WROTE]->(d:Dataset {id: $id})-[:HAS_VERSION]->(v {hash: w.version}) RETURN r.id AS run ORDER BY v.createdAt`,
      { id },
    );
    assert.deepEqual(wrote, [{ run: r1 }, { run: r2 }]);
  });

  it("sets validTo on the edges a job's latest run no longer has, and clears it when they come back", async () => {
    const s = uniqueSuffix();
    const job = { namespace: 'jobs', name: 'etl.merge' };
    const io = (inputs: string[], map: Record<string, [string, string][]>) => ({
      job,
      inputs: inputs.map((name) => ({ namespace: 'db', name })),
      outputs: [{ namespace: 'db', name: 'c', facets: { columnLineage: lineage(map) } }],
    });
    const [r1, r2, r3] = [randomUUID(), randomUUID(), randomUUID()];
    const write = (event: RunEvent) => graph.writeBatch([accept(isolate(event, s, keep(r1, r2, r3)))]);
    await write(
      runEvent(
        r1,
        'COMPLETE',
        '2025-04-01T00:00:00Z',
        io(['a', 'b'], {
          x: [
            ['a', 'x'],
            ['b', 'y'],
          ],
        }),
      ),
    );
    await write(runEvent(r2, 'START', '2025-04-02T00:00:00Z', io(['a'], { x: [['a', 'x']] })));
    await write(runEvent(r2, 'COMPLETE', '2025-04-02T00:05:00Z', io(['a'], { x: [['a', 'x']] })));

    const edges = () =>
      query(
        graph.driver,
        `MATCH (d:Dataset)-[e:INPUT_TO]->(:Job {id: $job})
         RETURN d.name AS input, toString(e.firstSeenAt) AS first, toString(e.lastSeenAt) AS last, toString(e.validTo) AS validTo ORDER BY input`,
        { job: `job:jobs-${s}:etl.merge` },
      );
    assert.deepEqual(await edges(), [
      { input: 'a', first: '2025-04-01T00:00:00Z', last: '2025-04-02T00:05:00Z', validTo: null },
      { input: 'b', first: '2025-04-01T00:00:00Z', last: '2025-04-01T00:00:00Z', validTo: '2025-04-02T00:00:00Z' },
    ]);
    const feeds = await query(
      graph.driver,
      `MATCH (i:Field)-[f:FEEDS]->(o:Field {id: $out}) RETURN i.datasetName AS input, toString(f.validTo) AS validTo ORDER BY input`,
      { out: `field:db-${s}:c:x` },
    );
    assert.deepEqual(feeds, [
      { input: 'a', validTo: null },
      { input: 'b', validTo: '2025-04-02T00:00:00Z' },
    ]);
    // Lineage as of a time between the runs still has b.
    const [asOf] = await query<{ inputs: string[] }>(
      graph.driver,
      `MATCH (d:Dataset)-[e:INPUT_TO]->(:Job {id: $job})
       WHERE e.firstSeenAt <= datetime($t) AND (e.validTo IS NULL OR e.validTo > datetime($t))
       WITH d ORDER BY d.name RETURN collect(d.name) AS inputs`,
      { job: `job:jobs-${s}:etl.merge`, t: '2025-04-01T12:00:00Z' },
    );
    assert.deepEqual(asOf?.inputs, ['a', 'b']);

    await write(
      runEvent(
        r3,
        'COMPLETE',
        '2025-04-03T00:00:00Z',
        io(['a', 'b'], {
          x: [
            ['a', 'x'],
            ['b', 'y'],
          ],
        }),
      ),
    );
    assert.deepEqual(
      (await edges()).map((e) => e.validTo),
      [null, null],
    );
  });
});
