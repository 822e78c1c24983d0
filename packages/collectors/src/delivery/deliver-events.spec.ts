// Real parts: node's HTTP server standing in for the intake (fetch, gzip and sockets are real).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { RunEvent } from '@tributary/openlineage';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { DeliveryError, deliverEvents } from './deliver-events.js';
import { writeNdjson } from './ndjson.js';

function event(name: string): RunEvent {
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-01-01T00:00:00Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'test', name },
  };
}

type Seen = { headers: IncomingMessage['headers']; events: RunEvent[]; url: string };
type Handler = (seen: Seen, response: ServerResponse, index: number) => void;

let server: Server;
let base = '';
let handler: Handler = () => {};
let seen: Seen[] = [];

function answerAll(response: ServerResponse, events: RunEvent[], status = (_: RunEvent) => 201) {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ results: events.map((e, index) => ({ index, status: status(e) })) }));
}

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const entry = {
        headers: request.headers,
        events: JSON.parse(body.toString()) as RunEvent[],
        url: request.url ?? '',
      };
      seen.push(entry);
      handler(entry, response, seen.length - 1);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

function reset(next: Handler) {
  seen = [];
  handler = next;
}

describe('deliverEvents', () => {
  it('posts gzip JSON arrays of batchSize events with the Bearer token and reports every status', async () => {
    reset((request, response) => answerAll(response, request.events, (e) => (e.job.name === 'bad' ? 400 : 201)));
    const events = ['a', 'b', 'bad', 'c', 'd'].map(event);
    const progress: number[] = [];
    const report = await deliverEvents(events, {
      url: base + '/',
      token: 's3cret',
      batchSize: 2,
      onProgress: (p) => progress.push(p.sent),
    });
    assert.equal(seen.length, 3);
    assert.deepEqual(
      seen.map((s) => s.events.map((e) => e.job.name)),
      [['a', 'b'], ['bad', 'c'], ['d']],
    );
    assert.equal(seen[0]!.url, '/api/v1/lineage/batch');
    assert.equal(seen[0]!.headers.authorization, 'Bearer s3cret');
    assert.equal(seen[0]!.headers['content-encoding'], 'gzip');
    assert.deepEqual(progress, [2, 4, 5]);
    assert.equal(report.accepted, 4);
    assert.equal(report.rejected, 1);
    assert.deepEqual(
      report.statuses.map((s) => [s.index, s.status]),
      [
        [0, 201],
        [1, 201],
        [2, 400],
        [3, 201],
        [4, 201],
      ],
    );
  });

  it('reads events from an async iterable', async () => {
    reset((request, response) => answerAll(response, request.events));
    async function* generate() {
      for (let i = 0; i < 7; i++) yield event(`e${i}`);
    }
    const report = await deliverEvents(generate(), { url: base, batchSize: 3 });
    assert.equal(report.batches, 3);
    assert.equal(report.accepted, 7);
  });

  it('retries a 500 and a 503 with backoff, then succeeds', async () => {
    reset((request, response, index) => {
      if (index < 2) {
        response.writeHead(index === 0 ? 500 : 503, { 'content-type': 'application/json' });
        response.end('{"error":"busy"}');
      } else answerAll(response, request.events);
    });
    const report = await deliverEvents([event('x')], { url: base, retryBaseMs: 10 });
    assert.equal(seen.length, 3);
    assert.equal(report.retries, 2);
    assert.equal(report.accepted, 1);
  });

  it('waits for the Retry-After of a 429', async () => {
    reset((request, response, index) => {
      if (index === 0) {
        response.writeHead(429, { 'retry-after': '1' });
        response.end();
      } else answerAll(response, request.events);
    });
    const started = Date.now();
    const report = await deliverEvents([event('x')], { url: base, retryBaseMs: 1 });
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
    assert.equal(report.retries, 1);
  });

  it('never retries a 4xx and says what the intake answered', async () => {
    reset((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"error":"missing or invalid token"}');
    });
    await assert.rejects(deliverEvents([event('x')], { url: base, retryBaseMs: 1 }), (error: unknown) => {
      assert.ok(error instanceof DeliveryError);
      assert.equal(error.kind, 'client');
      assert.equal(error.status, 401);
      assert.match(error.message, /401: missing or invalid token/);
      return true;
    });
    assert.equal(seen.length, 1);
  });

  it('gives up on a server that keeps failing after `retries` more attempts', async () => {
    reset((_request, response) => {
      response.writeHead(502);
      response.end();
    });
    await assert.rejects(deliverEvents([event('x')], { url: base, retries: 2, retryBaseMs: 1 }), {
      name: 'DeliveryError',
      kind: 'server',
    });
    assert.equal(seen.length, 3);
  });

  it('reports an unreachable server as such', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await assert.rejects(deliverEvents([event('x')], { url: `http://127.0.0.1:${port}`, retries: 1, retryBaseMs: 1 }), {
      name: 'DeliveryError',
      kind: 'unreachable',
      message: /ECONNREFUSED/,
    });
  });

  it('splits a batch the intake finds too large', async () => {
    reset((request, response) => {
      if (request.events.length > 1) {
        response.writeHead(413);
        response.end('{"error":"too large"}');
      } else answerAll(response, request.events);
    });
    const report = await deliverEvents(['a', 'b', 'c'].map(event), { url: base });
    assert.equal(report.accepted, 3);
    assert.deepEqual(
      report.statuses.map((s) => s.index),
      [0, 1, 2],
    );
  });

  it('refuses a URL that is not http(s) before sending anything', async () => {
    await assert.rejects(deliverEvents([event('x')], { url: 'ftp://x' }), { kind: 'client' });
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped and keeps at least half the step', () => {
    assert.equal(
      backoffDelay(1, 100, 1000, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(3, 100, 1000, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(10, 100, 1000, () => 1),
      1000,
    );
  });
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});

describe('writeNdjson', () => {
  it('writes one event per line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ndjson-'));
    try {
      const path = join(dir, 'events.ndjson');
      const count = await writeNdjson(['a', 'b'].map(event), path);
      assert.equal(count, 2);
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      assert.deepEqual(
        lines.map((line) => (JSON.parse(line) as RunEvent).job.name),
        ['a', 'b'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
