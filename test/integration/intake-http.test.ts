// Real parts: the built API process, its spool and dead-letter files on disk,
// and the Neo4j that `npm test` started (one case points the API at a port
// where nothing listens, so nothing drains). Nothing is faked.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { freePort } from '@tributary/dev-scripts/neo4j';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { graphDriver, post, postBatch, postEvent, runEvent, uniqueNamespace } from '../support/intake.js';

type ErrorBody = { error: string; problems: { path: string; message: string }[] };
type BatchBody = {
  accepted: number;
  rejected: number;
  results: { index: number; status: number; problems?: { path: string }[]; warnings?: { facet: string }[] }[];
};
type DeadLetterPage = {
  total: number;
  items: { id: string; source: string; error: string; problems: { path: string }[]; replays: number }[];
  next: string | null;
};

const LIMIT = 64 * 1024;

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `metric ${name} is exported`);
  return Number(line.split(' ')[1]);
}

describe('intake HTTP: POST /api/v1/lineage and /batch', () => {
  let api: ApiProcess;
  const ns = uniqueNamespace('intake-http');

  before(async () => {
    api = await startApi({ INTAKE_MAX_BODY_BYTES: String(LIMIT), TRIBUTARY_AUTH: 'off' });
  });
  after(async () => {
    await api?.stop();
  });

  it('answers 201 with an empty body, as Marquez does, and accepts a Bearer token', async () => {
    const answer = await postEvent(api.url, runEvent({ namespace: ns, job: 'plain', eventType: 'START' }), {
      token: 'any-key-for-now',
    });
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.text, '');
  });

  it('inflates a gzip body', async () => {
    const answer = await postEvent(api.url, runEvent({ namespace: ns, job: 'gzipped', outputs: ['t1'] }), {
      gzip: true,
    });
    assert.equal(answer.status, 201, answer.text);
  });

  it('answers 413 for a body past the limit, and for a small gzip body that inflates past it', async () => {
    const big = JSON.stringify({ ...runEvent({ namespace: ns, job: 'big' }), padding: 'x'.repeat(LIMIT) });
    const plain = await post(api.url, '/api/v1/lineage', big);
    assert.equal(plain.status, 413);
    assert.match((plain.json() as ErrorBody).error, /larger than the limit of 65536 bytes/);

    // 8 MiB of spaces gzip to ~8 KiB: far under the limit on the wire, far over it inflated.
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < LIMIT);
    const inflating = await post(api.url, '/api/v1/lineage', bomb, { headers: { 'content-encoding': 'gzip' } });
    assert.equal(inflating.status, 413);
    assert.match((inflating.json() as ErrorBody).error, /inflated request body is larger than the limit/);

    const batch = await post(api.url, '/api/v1/lineage/batch', bomb, { headers: { 'content-encoding': 'gzip' } });
    assert.equal(batch.status, 413);
    assert.equal((await postEvent(api.url, runEvent({ namespace: ns, job: 'after-413' }))).status, 201);
  });

  it('answers 415 for other media types and encodings', async () => {
    const event = JSON.stringify(runEvent({ namespace: ns, job: 'media' }));
    const text = await post(api.url, '/api/v1/lineage', event, { contentType: 'text/plain' });
    assert.equal(text.status, 415);
    assert.match(
      (text.json() as ErrorBody).error,
      /unsupported Content-Type "text\/plain"; expected application\/json/,
    );
    const brotli = await post(api.url, '/api/v1/lineage', event, { headers: { 'content-encoding': 'br' } });
    assert.equal(brotli.status, 415);
    assert.match((brotli.json() as ErrorBody).error, /Content-Encoding "br"/);
    const ndjsonToSingle = await post(api.url, '/api/v1/lineage', event, { contentType: 'application/x-ndjson' });
    assert.equal(ndjsonToSingle.status, 415);
  });

  it('answers 400 with {error, problems} for bad bodies, never a 5xx', async () => {
    const cases: {
      body: string | Buffer;
      gzip?: boolean;
      headers?: Record<string, string>;
      path: string;
      error: RegExp;
    }[] = [
      { body: '{"eventTime": ', path: '', error: /not valid JSON/ },
      { body: '', path: '', error: /empty/ },
      { body: '   ', path: '', error: /empty/ },
      { body: '[{}]', path: '', error: /post arrays of events to \/api\/v1\/lineage\/batch/ },
      { body: 'null', path: '', error: /invalid OpenLineage event/ },
      {
        body: Buffer.from('not gzip at all'),
        headers: { 'content-encoding': 'gzip' },
        path: '',
        error: /not valid gzip/,
      },
    ];
    for (const c of cases) {
      const answer = await post(api.url, '/api/v1/lineage', c.body, c.headers ? { headers: c.headers } : {});
      assert.equal(answer.status, 400, `${JSON.stringify(String(c.body))}: ${answer.text}`);
      const body = answer.json() as ErrorBody;
      assert.match(body.error, c.error);
      assert.ok(Array.isArray(body.problems));
      assert.ok(!answer.text.includes('    at '), 'no stack trace');
    }

    const noRunId = runEvent({ namespace: ns, job: 'broken' }) as unknown as { run: Record<string, unknown> };
    delete noRunId.run.runId;
    const missing = await postEvent(api.url, noRunId);
    assert.equal(missing.status, 400);
    assert.deepEqual(
      (missing.json() as ErrorBody).problems.map((p) => p.path),
      ['/run/runId'],
    );

    const badUuid = runEvent({ namespace: ns, job: 'broken', runId: 'not-a-uuid' });
    const bad = await postEvent(api.url, badUuid);
    assert.equal(bad.status, 400);
    assert.equal((bad.json() as ErrorBody).problems[0]?.path, '/run/runId');
  });

  it('answers 201 with warnings for a malformed standard facet and keeps the event', async () => {
    const event = runEvent({ namespace: ns, job: 'bad-facet', outputs: ['t-warn'] });
    const output = event.outputs?.[0] as { facets?: Record<string, unknown> };
    output.facets = { schema: { _producer: 'p', _schemaURL: 'https://x.test/s', fields: 'not-a-list' } };
    const answer = await postEvent(api.url, event);
    assert.equal(answer.status, 201, answer.text);
    const body = answer.json() as { warnings: { path: string; facet: string; message: string }[] };
    assert.equal(body.warnings.length, 1);
    assert.equal(body.warnings[0]?.path, '/outputs/0/facets/schema');
    assert.equal(body.warnings[0]?.facet, 'schema');
  });

  it('answers a batch with a status per event, as JSON array and as NDJSON', async () => {
    const good = runEvent({ namespace: ns, job: 'batch-a' });
    const bad = { ...runEvent({ namespace: ns, job: 'batch-b' }), eventTime: 'yesterday' };
    const array = await postBatch(api.url, [good, bad, runEvent({ namespace: ns, job: 'batch-c' })], { gzip: true });
    assert.equal(array.status, 200, array.text);
    const body = array.json() as BatchBody;
    assert.equal(body.accepted, 2);
    assert.equal(body.rejected, 1);
    assert.deepEqual(
      body.results.map((r) => [r.index, r.status]),
      [
        [0, 201],
        [1, 400],
        [2, 201],
      ],
    );
    assert.equal(body.results[1]?.problems?.[0]?.path, '/eventTime');

    const ndjson = [
      JSON.stringify(good),
      '',
      '{"broken": ',
      JSON.stringify(runEvent({ namespace: ns, job: 'nd' })),
    ].join('\n');
    const lines = await post(api.url, '/api/v1/lineage/batch', ndjson, { contentType: 'application/x-ndjson' });
    assert.equal(lines.status, 200, lines.text);
    assert.deepEqual(
      (lines.json() as BatchBody).results.map((r) => r.status),
      [201, 400, 201],
    );

    const empty = await post(api.url, '/api/v1/lineage/batch', '[]');
    assert.equal(empty.status, 400);
  });

  it('keeps every refused event as a dead letter, listable and replayable, and counts it in /metrics and /health', async () => {
    const marker = randomBytes(4).toString('hex');
    const refused = { ...runEvent({ namespace: ns, job: `dead-${marker}` }), producer: 'not a uri' };
    const answer = await postEvent(api.url, refused);
    assert.equal(answer.status, 400);

    const page = (await (await fetch(`${api.url}/api/v1/dead-letters?limit=5`)).json()) as DeadLetterPage;
    const letter = page.items[0];
    assert.ok(letter, 'the newest dead letter comes first');
    assert.equal(letter.source, 'lineage');
    assert.deepEqual(
      letter.problems.map((p) => p.path),
      ['/producer'],
    );
    const full = (await (await fetch(`${api.url}/api/v1/dead-letters/${letter.id}`)).json()) as { payload: unknown };
    assert.deepEqual(full.payload, refused);

    const replay = await post(api.url, `/api/v1/dead-letters/${letter.id}/replay`, '');
    assert.equal(replay.status, 200);
    assert.equal((replay.json() as { status: number }).status, 400, 'the same rules refuse it again');
    const again = (await (await fetch(`${api.url}/api/v1/dead-letters/${letter.id}`)).json()) as { replays: number };
    assert.equal(again.replays, 1);

    const second = (await (
      await fetch(`${api.url}/api/v1/dead-letters?limit=1&before=${letter.id}`)
    ).json()) as DeadLetterPage;
    assert.equal(second.items.length, 1);
    assert.ok((second.items[0]?.id ?? '') < letter.id, 'pages go back in time');
    assert.equal((await fetch(`${api.url}/api/v1/dead-letters/dl-0000000000000-000000`)).status, 404);
    assert.equal((await fetch(`${api.url}/api/v1/dead-letters?limit=0`)).status, 400);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    assert.ok(metric(metrics, 'tributary_intake_events_rejected_total') >= 1);
    assert.ok(metric(metrics, 'tributary_intake_events_accepted_total') >= 1);
    assert.equal(metric(metrics, 'tributary_dead_letters'), page.total);
    const health = (await (await fetch(`${api.url}/health`)).json()) as {
      components: { intake: { deadLetters: number; backlog: { events: number; bytes: number } } };
    };
    assert.equal(health.components.intake.deadLetters, page.total);
    assert.equal(typeof health.components.intake.backlog.events, 'number');
  });
});

describe('intake: dataset-name normalization', () => {
  const started: ApiProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tributary-rules-'));
  after(async () => {
    for (const api of started) await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores datasets under their canonical names, with the names producers used as aliases', async () => {
    const rules = join(dir, 'rules.json');
    const ns = uniqueNamespace('intake-norm');
    writeFileSync(rules, JSON.stringify({ namespaceAliases: { [`legacy-${ns}`]: `postgres://warehouse-${ns}:5432` } }));
    const api = await startApi({ TRIBUTARY_AUTH: 'off', INTAKE_NORMALIZATION_RULES: rules });
    started.push(api);
    const event = runEvent({ namespace: ns, job: 'normalize' });
    event.inputs = [{ namespace: `postgresql://DB-${ns}`, name: 'shop.public.orders' }];
    event.outputs = [{ namespace: `legacy-${ns}`, name: 'shop.public.daily' }];
    assert.equal((await postEvent(api.url, event)).status, 201);

    const driver = graphDriver();
    try {
      const canonical = [
        `dataset:postgres://db-${ns}:5432:shop.public.orders`,
        `dataset:postgres://warehouse-${ns}:5432:shop.public.daily`,
      ];
      const found = await eventually(async () => {
        const result = await driver.executeQuery(
          'MATCH (d:Dataset) WHERE d.id IN $ids RETURN d.id AS id, d.originalIds AS originals',
          {
            ids: canonical,
          },
        );
        return result.records.length === 2;
      });
      assert.ok(found, `datasets stored under ${canonical.join(', ')}`);
      const aliases = await driver.executeQuery(
        'MATCH (d:Dataset) WHERE $original IN d.originalIds RETURN d.id AS id',
        { original: `dataset:postgresql://DB-${ns}:shop.public.orders` },
      );
      assert.deepEqual(
        aliases.records.map((r) => r.get('id') as string),
        [canonical[0]],
      );
    } finally {
      await driver.close();
    }
  });

  it('refuses to start on a bad rules file, naming the problem in one line', async () => {
    const rules = join(dir, 'bad.json');
    writeFileSync(rules, JSON.stringify({ platforms: { postgres: { defaultPort: 'x' } } }));
    await assert.rejects(
      startApi({ TRIBUTARY_AUTH: 'off', INTAKE_NORMALIZATION_RULES: rules }),
      /\/platforms\/postgres\/defaultPort/,
    );
  });
});

describe('intake HTTP: bounds', () => {
  const started: ApiProcess[] = [];
  after(async () => {
    for (const api of started) await api.stop();
  });

  it('drops the oldest dead letters past INTAKE_DEAD_LETTER_MAX and counts the drops', async () => {
    const api = await startApi({ INTAKE_DEAD_LETTER_MAX: '3', TRIBUTARY_AUTH: 'off' });
    started.push(api);
    for (let i = 0; i < 5; i++) {
      assert.equal((await post(api.url, '/api/v1/lineage', `{"n": ${i}}`)).status, 400);
    }
    const page = (await (await fetch(`${api.url}/api/v1/dead-letters`)).json()) as DeadLetterPage;
    assert.equal(page.total, 3);
    const payloads = await Promise.all(
      page.items.map(
        async (item) =>
          ((await (await fetch(`${api.url}/api/v1/dead-letters/${item.id}`)).json()) as { payload: { n: number } })
            .payload.n,
      ),
    );
    assert.deepEqual(payloads, [4, 3, 2]);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    assert.equal(metric(metrics, 'tributary_dead_letters_dropped_total'), 2);
  });

  it('answers 503 with Retry-After once the spool is full, and keeps what it acknowledged', async () => {
    // Nothing listens on this port: nothing drains, so the spool only fills.
    const deadPort = await freePort();
    const api = await startApi({
      NEO4J_URI: `bolt://127.0.0.1:${deadPort}`,
      INTAKE_SPOOL_MAX_BYTES: '20000',
      TRIBUTARY_AUTH: 'off',
    });
    started.push(api);
    const ns = uniqueNamespace('intake-full');
    let accepted = 0;
    let refusal: Awaited<ReturnType<typeof postEvent>> | undefined;
    for (let i = 0; i < 200 && !refusal; i++) {
      const answer = await postEvent(api.url, runEvent({ namespace: ns, job: `j${i}`, outputs: ['a', 'b'] }));
      if (answer.status === 201) accepted++;
      else refusal = answer;
    }
    assert.ok(refusal, 'the spool filled up');
    assert.equal(refusal.status, 503);
    assert.equal(refusal.headers.get('retry-after'), '5');
    assert.match((refusal.json() as ErrorBody).error, /spool is full/);
    const health = (await (await fetch(`${api.url}/health`)).json()) as {
      components: { intake: { backlog: { events: number; bytes: number; oldestAgeSeconds: number } } };
    };
    assert.equal(health.components.intake.backlog.events, accepted);
    assert.ok(health.components.intake.backlog.bytes <= 20000);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    assert.equal(metric(metrics, 'tributary_intake_spool_full_total'), 1);
    assert.equal(metric(metrics, 'tributary_spool_backlog_events'), accepted);
  });
});
