// Real parts: the built API process (auth on), its intake and graph writer,
// and the Neo4j that `npm test` started; the graph comes from events POSTed
// to the intake. Covers the start page's activity feed (recentRuns) and the
// tags of lineage nodes (nodeTags), both under read filtering.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken } from '../support/auth.js';
import { uniqueNamespace } from '../support/intake.js';

type RecentRun = {
  id: string;
  state: string;
  jobNamespace: string;
  jobName: string;
  startedAt: string | null;
  endedAt: string | null;
  outputs: Array<{ id: string; namespace: string; name: string }>;
};

const RECENT = `query($ns: String, $first: Int!) { recentRuns(namespace: $ns, first: $first) {
  id state jobNamespace jobName startedAt endedAt outputs { id namespace name } } }`;

function event(
  eventType: 'START' | 'COMPLETE' | 'FAIL',
  job: [string, string],
  runId: string,
  eventTime: Date,
  outputs: Array<[string, string]>,
) {
  return {
    eventType,
    eventTime: eventTime.toISOString(),
    producer: 'https://tributary.test/browse',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: job[0], name: job[1] },
    inputs: [],
    outputs: outputs.map(([namespace, name]) => ({ namespace, name })),
  };
}

describe('recent activity and node tags', () => {
  const A = uniqueNamespace('browse-a');
  const B = uniqueNamespace('browse-b');
  const admin = newAdminToken();
  const runs = { first: randomUUID(), second: randomUUID(), failed: randomUUID(), hidden: randomUUID() };
  const now = Date.now();
  const minutesAgo = (m: number) => new Date(now - m * 60_000);
  let api: ApiProcess;
  let viewer: string;

  async function data<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await gql(api.url, token, query, variables);
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return answer.data as T;
  }

  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    const events = [
      event('START', [A, 'load'], runs.first, minutesAgo(30), [[A, 'orders']]),
      event('COMPLETE', [A, 'load'], runs.first, minutesAgo(29), [[A, 'orders']]),
      // A job of A writing into B: the viewer of A sees the run, not B's dataset name.
      event('START', [A, 'export'], runs.second, minutesAgo(20), [[B, 'secret_copy']]),
      event('COMPLETE', [A, 'export'], runs.second, minutesAgo(19), [[B, 'secret_copy']]),
      event('FAIL', [A, 'load'], runs.failed, minutesAgo(10), [[A, 'orders']]),
      event('COMPLETE', [B, 'hidden_job'], runs.hidden, minutesAgo(5), [[B, 'hidden_out']]),
    ];
    for (const body of events) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body });
      assert.equal(reply.status, 201, reply.body);
    }
    const written = await eventually(async () => {
      const answer = await gql(api.url, admin, RECENT, { ns: B, first: 10 });
      return (answer.data as { recentRuns: RecentRun[] } | undefined)?.recentRuns.length === 1;
    }, 60_000);
    assert.ok(written, `events did not become visible:\n${api.output()}`);
    viewer = (await createToken(api.url, admin, { name: 'browse-viewer', role: 'viewer', namespace: `${A}*` })).token;
  });

  after(async () => {
    await api?.stop();
  });

  it('lists the runs of a namespace newest first, with their job, state, times and written datasets', async () => {
    const { recentRuns } = await data<{ recentRuns: RecentRun[] }>(admin, RECENT, { ns: A, first: 10 });
    assert.deepEqual(
      recentRuns.map((run) => [run.id, run.jobName, run.state]),
      [
        [runs.failed, 'load', 'FAIL'],
        [runs.second, 'export', 'COMPLETE'],
        [runs.first, 'load', 'COMPLETE'],
      ],
    );
    const first = recentRuns[2]!;
    assert.equal(first.jobNamespace, A);
    assert.equal(Date.parse(first.endedAt!) - Date.parse(first.startedAt!), 60_000);
    assert.deepEqual(
      first.outputs.map((output) => [output.namespace, output.name]),
      [[A, 'orders']],
    );
    assert.deepEqual(
      recentRuns[1]!.outputs.map((output) => output.name),
      ['secret_copy'],
    );

    const limited = await data<{ recentRuns: RecentRun[] }>(admin, RECENT, { ns: A, first: 1 });
    assert.deepEqual(
      limited.recentRuns.map((run) => run.id),
      [runs.failed],
    );
  });

  it('shows a viewer only the runs of readable jobs, with unreadable outputs as placeholders', async () => {
    const { recentRuns } = await data<{ recentRuns: RecentRun[] }>(viewer, RECENT, { first: 100 });
    assert.ok(
      recentRuns.every((run) => run.jobNamespace.startsWith(A)),
      `only A's runs: ${recentRuns.map((r) => r.jobNamespace).join(', ')}`,
    );
    assert.deepEqual(
      recentRuns.map((run) => run.id),
      [runs.failed, runs.second, runs.first],
    );
    const exported = recentRuns.find((run) => run.id === runs.second)!;
    assert.equal(exported.outputs.length, 1);
    assert.equal(exported.outputs[0]!.name, 'restricted');
    assert.ok(!JSON.stringify(recentRuns).includes(B), 'no name from B leaks');

    const outside = await gql(api.url, viewer, RECENT, { ns: B, first: 10 });
    assert.equal(outside.errors?.[0]?.extensions?.code, 'FORBIDDEN');

    const tooMany = await gql(api.url, admin, RECENT, { ns: A, first: 1000 });
    assert.equal(tooMany.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('answers tags and classifications by node id, leaving out nodes outside the namespaces', async () => {
    const tagged = await gql(
      api.url,
      admin,
      `mutation($a: NodeRef!, $b: NodeRef!) {
         t: setTags(node: $a, tags: ["finance", "daily"]) { id }
         c: classify(node: $a, classification: "Confidential", level: 2) { id }
         h: setTags(node: $b, tags: ["secret"]) { id } }`,
      {
        a: { kind: 'DATASET', namespace: A, name: 'orders' },
        b: { kind: 'DATASET', namespace: B, name: 'hidden_out' },
      },
    );
    assert.equal(tagged.errors, undefined, JSON.stringify(tagged.errors));
    const ids = tagged.data as { t: { id: string }; h: { id: string } };
    const query = `query($ids: [ID!]!) { nodeTags(ids: $ids) { id tags classifications } }`;
    const variables = { ids: [ids.t.id, ids.h.id, 'dataset:nowhere:nothing'] };

    const asAdmin = await data<{ nodeTags: Array<{ id: string; tags: string[]; classifications: string[] }> }>(
      admin,
      query,
      variables,
    );
    const byId = new Map(asAdmin.nodeTags.map((row) => [row.id, row]));
    assert.equal(byId.size, 2, 'the unknown id is left out');
    assert.deepEqual([...byId.get(ids.t.id)!.tags].sort(), ['daily', 'finance']);
    assert.deepEqual(byId.get(ids.t.id)!.classifications, ['Confidential']);
    assert.deepEqual(byId.get(ids.h.id)!.tags, ['secret']);

    const asViewer = await data<{ nodeTags: Array<{ id: string; tags: string[] }> }>(viewer, query, variables);
    assert.deepEqual(
      asViewer.nodeTags.map((row) => row.id),
      [ids.t.id],
    );
  });
});
