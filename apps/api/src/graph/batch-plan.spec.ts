import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '@tributary/openlineage';
import { aggregate } from './batch-aggregate.js';
import { facetReadsNeeded, mergeFacetKeys, planWrites, type StoredState } from './batch-plan.js';
import { eventFacts } from './event-facts.js';
import { jobId } from './graph-ids.js';

const empty = (): StoredState => ({ datasets: new Map(), jobs: new Map(), runs: new Map(), columnLineage: new Map() });
const noFacets = { datasets: new Map(), jobs: new Map(), runs: new Map() };
const P = { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s' };

function run(eventType: RunEvent['eventType'], eventTime: string, extra: Partial<RunEvent> = {}): RunEvent {
  return {
    eventType,
    eventTime,
    producer: 'https://example.com/p',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '01940000-0000-7000-8000-000000000001' },
    job: { namespace: 'ns', name: 'job' },
    ...extra,
  };
}

function plan(events: RunEvent[]) {
  const facts = events.map((event) =>
    eventFacts({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt: '' }),
  );
  return planWrites(aggregate(facts), empty(), noFacets);
}

describe('planWrites', () => {
  it('a COMPLETE before its START ends COMPLETE with both times, in either order', () => {
    for (const events of [
      [run('COMPLETE', '2025-01-01T00:10:00Z'), run('START', '2025-01-01T00:00:00Z')],
      [run('START', '2025-01-01T00:00:00Z'), run('COMPLETE', '2025-01-01T00:10:00Z')],
    ]) {
      const props = plan(events).runs[0]!.props;
      assert.equal(props.state, 'COMPLETE');
      assert.equal(String(props.startedAt), '2025-01-01T00:00:00Z');
      assert.equal(String(props.endedAt), '2025-01-01T00:10:00Z');
    }
  });

  it('a terminal state wins over a later RUNNING', () => {
    const props = plan([run('FAIL', '2025-01-01T00:01:00Z'), run('RUNNING', '2025-01-01T00:05:00Z')]).runs[0]!.props;
    assert.equal(props.state, 'FAIL');
  });

  it('writes fields only when the current schema changes', () => {
    const output = (fields: string[]) => ({
      outputs: [
        {
          namespace: 'db',
          name: 't',
          facets: { schema: { ...P, fields: fields.map((name) => ({ name, type: 'int' })) } },
        },
      ],
    });
    const first = plan([run('COMPLETE', '2025-01-01T00:00:00Z', output(['a', 'b']))]);
    assert.deepEqual(
      first.fields.map((f) => [f.current, f.fields.map((x) => x.path)]),
      [[true, ['a', 'b']]],
    );
    assert.equal(first.versions.length, 1);
  });

  it('rewrites a stored current version only when an older sighting dates it back', () => {
    const schema = { ...P, fields: [{ name: 'a', type: 'int' }] };
    const events = [
      run('COMPLETE', '2025-01-02T00:00:00Z', { outputs: [{ namespace: 'db', name: 't', facets: { schema } }] }),
    ];
    const [version] = plan(events).versions;
    const facts = events.map((event) =>
      eventFacts({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt: '' }),
    );
    const stored = (currentVersionKey: string): StoredState => {
      const state = empty();
      state.datasets.set(version!.datasetId, {
        id: version!.datasetId,
        facetKeys: null,
        createdKey: currentVersionKey,
        updatedKey: currentVersionKey,
        currentVersion: version!.hash,
        currentVersionKey,
        originalIds: null,
        columnLineageKey: null,
      });
      return state;
    };
    const earlier = '2025-01-01T00:00:00.000000000Z|';
    const later = '2025-01-03T00:00:00.000000000Z|';
    assert.deepEqual(planWrites(aggregate(facts), stored(earlier), noFacets).versions, []);
    assert.deepEqual(
      planWrites(aggregate(facts), stored(later), noFacets).versions.map((v) => v.createdKey),
      [version!.createdKey],
    );
  });
});

describe('output statistics', () => {
  const schema = { ...P, fields: [{ name: 'a', type: 'int' }] };
  const written = (time: string, runId: string, rowCount: number, unusable = false) => ({
    event: run('COMPLETE', time, {
      run: { runId },
      outputs: [
        {
          namespace: 'db',
          name: 't',
          facets: { schema },
          outputFacets: { outputStatistics: { ...P, rowCount, size: rowCount * 100 } },
        },
      ],
    }),
    kind: 'RunEvent' as const,
    unusableFacets: unusable ? ['/outputs/0/outputFacets/outputStatistics'] : [],
    renamed: [],
    receivedAt: '',
  });
  /** What the graph holds for the dataset after `props` were written. */
  const storedAfter = (id: string, props: Record<string, unknown>): StoredState => {
    const state = empty();
    state.datasets.set(id, {
      id,
      facetKeys: String(props.facetKeys),
      createdKey: String(props.createdKey),
      updatedKey: String(props.updatedKey),
      currentVersion: String(props.currentVersion),
      currentVersionKey: String(props.createdKey),
      originalIds: null,
      columnLineageKey: null,
    });
    return state;
  };
  const facetsJson = (props: Record<string, unknown>) => JSON.parse(String(props.facets)) as Record<string, unknown>;

  it('a run that only brings new statistics neither reads nor rewrites the facets JSON', () => {
    const first = planWrites(
      aggregate([eventFacts(written('2025-01-01T00:00:00Z', '01940000-0000-7000-8000-000000000001', 10))]),
      empty(),
      noFacets,
    ).datasets[0]!;
    assert.deepEqual(Object.keys(facetsJson(first.props)), ['schema']);
    assert.equal(first.props.lastRowCount, 10);
    assert.equal(first.props.lastByteSize, 1000);
    assert.equal(JSON.parse(String(first.props.outputStatistics)).rowCount, 10);

    const state = storedAfter(first.id, first.props);
    const batch = aggregate([eventFacts(written('2025-01-02T00:00:00Z', '01940000-0000-7000-8000-000000000002', 20))]);
    assert.deepEqual(facetReadsNeeded(batch, state).datasets, []);
    const second = planWrites(batch, state, noFacets).datasets[0]!;
    assert.equal(second.props.facets, undefined);
    assert.equal(second.props.lastRowCount, 20);
    assert.equal(JSON.parse(String(second.props.outputStatistics)).rowCount, 20);
  });

  it('a malformed newest facet is kept in the JSON and clears the statistics until a well-formed one replaces it', () => {
    const bad = planWrites(
      aggregate([eventFacts(written('2025-01-01T00:00:00Z', '01940000-0000-7000-8000-000000000001', 10, true))]),
      empty(),
      noFacets,
    ).datasets[0]!;
    assert.equal((facetsJson(bad.props)['outputFacets.outputStatistics'] as { rowCount: number }).rowCount, 10);
    assert.equal(bad.props.lastRowCount, null);
    assert.equal(bad.props.outputStatistics, null);

    const state = storedAfter(bad.id, bad.props);
    const batch = aggregate([eventFacts(written('2025-01-02T00:00:00Z', '01940000-0000-7000-8000-000000000002', 20))]);
    assert.deepEqual(facetReadsNeeded(batch, state).datasets, [bad.id]);
    const stored = { ...noFacets, datasets: new Map([[bad.id, String(bad.props.facets)]]) };
    const good = planWrites(batch, state, stored).datasets[0]!;
    assert.deepEqual(Object.keys(facetsJson(good.props)), ['schema']);
    assert.equal(good.props.lastRowCount, 20);
  });
});

describe('last success', () => {
  it('a COMPLETE run is a success at its end; a run still going is none', () => {
    const done = plan([run('START', '2025-01-01T00:00:00Z'), run('COMPLETE', '2025-01-01T00:10:00Z')]);
    assert.deepEqual(
      done.successes.map((row) => [row.runId, String(row.at)]),
      [['01940000-0000-7000-8000-000000000001', '2025-01-01T00:10:00Z']],
    );
    assert.deepEqual(plan([run('START', '2025-01-01T00:00:00Z')]).successes, []);
  });

  it('a newer FAIL of a run stored as COMPLETE revokes its success', () => {
    const complete = plan([run('COMPLETE', '2025-01-01T00:10:00Z')]).runs[0]!.props;
    const stored = empty();
    stored.runs.set('01940000-0000-7000-8000-000000000001', {
      id: '01940000-0000-7000-8000-000000000001',
      facetKeys: null,
      createdKey: String(complete.createdKey),
      updatedKey: String(complete.updatedKey),
      startKey: null,
      terminalKey: String(complete.terminalKey),
      otherKey: null,
    });
    const facts = [run('FAIL', '2025-01-01T00:20:00Z')].map((event) =>
      eventFacts({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt: '' }),
    );
    const later = planWrites(aggregate(facts), stored, noFacets);
    assert.equal(later.runs[0]!.props.state, 'FAIL');
    assert.deepEqual(later.successes, []);
    assert.deepEqual(later.revokedSuccesses, [{ runId: '01940000-0000-7000-8000-000000000001' }]);
  });
});

describe('mergeFacetKeys', () => {
  const facet = (key: string, hash: string) => ({ name: 'sql', value: {}, hash, usable: true, key: `${key}|${hash}` });

  it('keeps the newer facet whatever the arrival order, and reports content changes only', () => {
    const newer = mergeFacetKeys(null, new Map([['sql', facet('2025-01-02', 'h2')]]));
    const stored = JSON.stringify(newer.keys);
    const older = mergeFacetKeys(stored, new Map([['sql', facet('2025-01-01', 'h1')]]));
    assert.equal(older.keysChanged, false);
    assert.deepEqual(older.changed, []);
    const sameContentLater = mergeFacetKeys(stored, new Map([['sql', facet('2025-01-03', 'h2')]]));
    assert.equal(sameContentLater.keysChanged, true);
    assert.deepEqual(sameContentLater.changed, []);
  });
});

describe('stored facets', () => {
  it("stores a changed facet's content beside the stored ones, keys sorted, leaving the event untouched", () => {
    const id = jobId('ns', 'job');
    const sql = { ...P, query: 'select 2', dialect: 'postgres' };
    const event = run('COMPLETE', '2025-01-02T00:00:00Z', { job: { namespace: 'ns', name: 'job', facets: { sql } } });
    const before = JSON.stringify(event);
    const state = empty();
    state.jobs.set(id, {
      id,
      facetKeys: JSON.stringify({ sql: ['2025-01-01', 'old', true], documentation: ['2025-01-01', 'doc', true] }),
      createdKey: '2025-01-01',
      updatedKey: '2025-01-01',
      latestRunKey: null,
      jobEventKey: null,
    });
    const stored = {
      ...noFacets,
      jobs: new Map([
        [id, JSON.stringify({ sql: { ...P, query: 'select 1' }, documentation: { ...P, description: 'd' } })],
      ]),
    };
    const facts = eventFacts({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt: '' });
    const written = planWrites(aggregate([facts]), state, stored).jobs[0]!.props;
    assert.equal(written.facets, JSON.stringify({ documentation: { ...P, description: 'd' }, sql }));
    assert.equal(written.sql, 'select 2');
    assert.equal(JSON.stringify(event), before);
  });
});

describe('column edges', () => {
  const lineage = (runId: string, eventTime: string, inputs: { field: string; type: string }[]): RunEvent =>
    run('COMPLETE', eventTime, {
      run: { runId },
      outputs: [
        {
          namespace: 'db',
          name: 't',
          facets: {
            columnLineage: {
              ...P,
              fields: {
                y: {
                  inputFields: inputs.map(({ field, type }) => ({
                    namespace: 'db',
                    name: 'a',
                    field,
                    transformations: [{ type, subtype: 'IDENTITY' }],
                  })),
                },
              },
            },
          },
        },
      ],
    });

  it('writes each edge of a job once per batch: the newer mapping describes it, the older sighting dates it', () => {
    const older = lineage('01940000-0000-7000-8000-000000000001', '2025-01-01T00:00:00Z', [
      { field: 'x', type: 'INDIRECT' },
    ]);
    const newer = lineage('01940000-0000-7000-8000-000000000002', '2025-01-02T00:00:00Z', [
      { field: 'x', type: 'DIRECT' },
      { field: 'x', type: 'DIRECT' },
      { field: 'z', type: 'DIRECT' },
    ]);
    for (const events of [
      [older, newer],
      [newer, older],
    ]) {
      const feeds = plan(events).feeds.map((row) => [
        row.inputPath,
        row.outputPath,
        row.current,
        row.props.type,
        String(row.firstSeenAt),
      ]);
      assert.deepEqual(feeds.sort(), [
        ['x', 'y', true, 'DIRECT', '2025-01-01T00:00:00Z'],
        ['z', 'y', true, 'DIRECT', '2025-01-02T00:00:00Z'],
      ]);
    }
  });

  it('marks the edges of a (job, output) pair without stored column lineage as new, and only those', () => {
    const factsOf = (event: RunEvent) =>
      aggregate([eventFacts({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt: '' })]);
    const first = planWrites(
      factsOf(
        lineage('01940000-0000-7000-8000-000000000001', '2025-01-01T00:00:00Z', [{ field: 'x', type: 'DIRECT' }]),
      ),
      empty(),
      noFacets,
    );
    assert.deepEqual(
      first.feeds.map((row) => row.pairIsNew),
      [true],
    );

    // The stored pair had another mapping: the new one's edges may already exist (an older mapping had them).
    const stored = first.columnLineageState[0]!;
    const state = empty();
    state.columnLineage.set(`${stored.jobId}|${stored.datasetId}`, {
      ...stored,
      hash: 'older-mapping',
      facetStored: true,
    });
    const changed = planWrites(
      factsOf(
        lineage('01940000-0000-7000-8000-000000000002', '2025-01-02T00:00:00Z', [
          { field: 'x', type: 'INDIRECT' },
          { field: 'z', type: 'DIRECT' },
        ]),
      ),
      state,
      noFacets,
    );
    assert.deepEqual(
      changed.feeds.map((row) => [row.inputPath, row.pairIsNew]),
      [
        ['x', false],
        ['z', false],
      ],
    );
  });
});

describe('column lineage facet of a dataset several jobs write', () => {
  const columnLineage = (input: string) => ({
    ...P,
    fields: { y: { inputFields: [{ namespace: 'db', name: input, field: 'x' }] } },
  });
  const writtenBy = (job: string, runId: string, time: string, input: string) => ({
    event: run('COMPLETE', time, {
      run: { runId },
      job: { namespace: 'ns', name: job },
      outputs: [{ namespace: 'db', name: 't', facets: { columnLineage: columnLineage(input) } }],
    }),
    kind: 'RunEvent' as const,
    unusableFacets: [],
    renamed: [],
    receivedAt: '',
  });
  /** The same facet on a dataset event: no job, so no OUTPUTS edge to keep it on. */
  const declared = (time: string, input: string) => ({
    event: {
      eventTime: time,
      producer: 'https://example.com/p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'db', name: 't', facets: { columnLineage: columnLineage(input) } },
    },
    kind: 'DatasetEvent' as const,
    unusableFacets: [],
    renamed: [],
    receivedAt: '',
  });
  type Accepted = ReturnType<typeof writtenBy> | ReturnType<typeof declared>;

  /** Plans each event as its own batch over what the previous ones left: the graph a writer would hold. */
  function replay(events: Accepted[]) {
    const state = empty();
    const facetsJson = new Map<string, string>();
    const edgeFacets = new Map<string, string>();
    const steps: { reads: string[]; props: Record<string, unknown> }[] = [];
    for (const accepted of events) {
      const batch = aggregate([eventFacts(accepted)]);
      const reads = facetReadsNeeded(batch, state).datasets;
      const written = planWrites(batch, state, { ...noFacets, datasets: facetsJson });
      const row = written.datasets[0];
      steps.push({ reads, props: row?.props ?? {} });
      // No row: nothing in the batch was newer for the dataset.
      if (row) {
        const before = state.datasets.get(row.id);
        state.datasets.set(row.id, {
          id: row.id,
          facetKeys: String(row.props.facetKeys ?? before?.facetKeys),
          createdKey: String(row.props.createdKey ?? before?.createdKey),
          updatedKey: String(row.props.updatedKey ?? before?.updatedKey),
          currentVersion: null,
          currentVersionKey: null,
          originalIds: null,
          columnLineageKey:
            row.props.columnLineageKey !== undefined
              ? (row.props.columnLineageKey as string | null)
              : (before?.columnLineageKey ?? null),
        });
        if (row.props.facets !== undefined) facetsJson.set(row.id, String(row.props.facets));
      }
      for (const edge of written.columnLineageState) {
        const key = `${edge.jobId}|${edge.datasetId}`;
        state.columnLineage.set(key, { ...edge, facetStored: true });
        if (edge.facet !== null) edgeFacets.set(key, edge.facet);
      }
    }
    const id = [...state.datasets.keys()][0]!;
    const dataset = state.datasets.get(id)!;
    const json = JSON.parse(facetsJson.get(id) ?? '{}') as Record<string, unknown>;
    // What GraphQL shows: the JSON's copy, or the copy on the edge whose key the dataset names.
    const edge = [...state.columnLineage.entries()].find(([, e]) => e.key === dataset.columnLineageKey);
    const shown = dataset.columnLineageKey === null ? json.columnLineage : JSON.parse(edgeFacets.get(edge![0])!);
    return { steps, json, shown };
  }

  it('a run that only hands the mapping to another writer neither reads nor rewrites the facets JSON', () => {
    const { steps, json, shown } = replay([
      writtenBy('a', '01940000-0000-7000-8000-000000000001', '2025-01-01T00:00:00Z', 'from_a'),
      writtenBy('b', '01940000-0000-7000-8000-000000000002', '2025-01-02T00:00:00Z', 'from_b'),
      writtenBy('a', '01940000-0000-7000-8000-000000000003', '2025-01-03T00:00:00Z', 'from_a'),
    ]);
    for (const step of steps.slice(1)) {
      assert.deepEqual(step.reads, []);
      assert.equal(step.props.facets, undefined);
    }
    assert.equal(json.columnLineage, undefined);
    assert.deepEqual(shown, columnLineage('from_a'));
  });

  it('shows the newest facet whether a job or a dataset event brought it, in any order', () => {
    const events = [
      writtenBy('a', '01940000-0000-7000-8000-000000000001', '2025-01-01T00:00:00Z', 'from_a'),
      declared('2025-01-02T00:00:00Z', 'declared'),
      writtenBy('b', '01940000-0000-7000-8000-000000000002', '2025-01-03T00:00:00Z', 'from_b'),
    ];
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
      [0, 2, 1],
    ];
    for (const order of orders) {
      const { json, shown } = replay(order.map((i) => events[i]!));
      assert.deepEqual(shown, columnLineage('from_b'), `order ${order.join(',')}`);
      assert.equal(json.columnLineage, undefined, `order ${order.join(',')}: no stale copy left in the JSON`);
    }
    const declaredLast = replay([events[0]!, events[2]!, declared('2025-01-04T00:00:00Z', 'declared')]);
    assert.deepEqual(declaredLast.shown, columnLineage('declared'));
  });

  it('an edge written before edges kept the facet gets it with the next run of its mapping', () => {
    const first = aggregate([
      eventFacts(writtenBy('a', '01940000-0000-7000-8000-000000000001', '2025-01-01T00:00:00Z', 'from_a')),
    ]);
    const edge = planWrites(first, empty(), noFacets).columnLineageState[0]!;
    const state = empty();
    state.columnLineage.set(`${edge.jobId}|${edge.datasetId}`, { ...edge, facetStored: false });
    const again = aggregate([
      eventFacts(writtenBy('a', '01940000-0000-7000-8000-000000000002', '2025-01-02T00:00:00Z', 'from_a')),
    ]);
    const rewritten = planWrites(again, state, noFacets).columnLineageState[0]!;
    assert.deepEqual(JSON.parse(rewritten.facet!), columnLineage('from_a'));
    state.columnLineage.set(`${edge.jobId}|${edge.datasetId}`, { ...edge, facetStored: true });
    assert.equal(planWrites(again, state, noFacets).columnLineageState[0]!.facet, null);
  });
});
