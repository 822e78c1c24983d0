// Real parts: a node:http server on a free port and fetch; nothing is faked.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { IntakeError } from '../intake-error.js';
import { bodyFormat, readBody } from './read-body.js';

const LIMIT = 1024;

describe('readBody / bodyFormat', () => {
  let server: Server;
  let url: string;
  let handler: (req: IncomingMessage) => Promise<unknown>;

  before(async () => {
    server = createServer((req, res) => {
      handler(req).then(
        (value) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value)),
        (error: unknown) => {
          const status = error instanceof IntakeError ? error.status : 500;
          res.writeHead(status, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : '');
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = async (body: Buffer | string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.status, text: await response.text() };
  };

  it('reads plain, gzip and deflate bodies', async () => {
    handler = async (req) => (await readBody(req, LIMIT)).toString();
    assert.deepEqual(await send('{"a":1}'), { status: 200, text: '"{\\"a\\":1}"' });
    assert.equal((await send(gzipSync('{"a":2}'), { 'content-encoding': 'gzip' })).text, '"{\\"a\\":2}"');
    assert.equal((await send(deflateSync('{"a":3}'), { 'content-encoding': 'deflate' })).text, '"{\\"a\\":3}"');
  });

  it('refuses bodies past the limit, declared or streamed, raw or inflated', async () => {
    handler = async (req) => (await readBody(req, LIMIT)).length;
    assert.equal((await send('x'.repeat(LIMIT))).status, 200, 'exactly the limit is fine');
    const declared = await send('x'.repeat(LIMIT + 1));
    assert.equal(declared.status, 413);
    assert.match(declared.text, /larger than the limit of 1024 bytes/);
    const inflated = await send(gzipSync(Buffer.alloc(LIMIT + 1)), { 'content-encoding': 'gzip' });
    assert.equal(inflated.status, 413);
    assert.match(inflated.text, /inflated request body/);
  });

  it('stops inflating at the limit instead of buffering a bomb whole', async () => {
    let length = -1;
    handler = async (req) => {
      try {
        return await readBody(req, 64 * 1024);
      } finally {
        length = req.socket.bytesRead;
      }
    };
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const before = process.memoryUsage().rss;
    const answer = await send(bomb, { 'content-encoding': 'gzip' });
    assert.equal(answer.status, 413);
    assert.ok(length > 0);
    assert.ok(process.memoryUsage().rss - before < 32 * 1024 * 1024, 'memory grew far less than the inflated size');
  });

  it('answers 400 for a body that is not the gzip it claims to be', async () => {
    handler = async (req) => readBody(req, LIMIT);
    const answer = await send('plain text', { 'content-encoding': 'gzip' });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /not valid gzip data/);
  });

  it('answers 415 for unknown encodings and media types', async () => {
    handler = async (req) => readBody(req, LIMIT);
    assert.equal((await send('{}', { 'content-encoding': 'br' })).status, 415);
    handler = async (req) => bodyFormat(req, ['json']);
    assert.equal((await send('{}')).text, '"json"');
    assert.equal((await send('{}', { 'content-type': 'application/json; charset=utf-8' })).text, '"json"');
    assert.equal((await send('{}', { 'content-type': 'application/vnd.openlineage+json' })).text, '"json"');
    const ndjson = await send('{}', { 'content-type': 'application/x-ndjson' });
    assert.equal(ndjson.status, 415);
    assert.match(ndjson.text, /expected application\/json/);
    handler = async (req) => bodyFormat(req, ['json', 'ndjson']);
    assert.equal((await send('{}', { 'content-type': 'application/x-ndjson' })).text, '"ndjson"');
    assert.equal((await send('{}', { 'content-type': 'text/plain' })).status, 415);
  });
});
