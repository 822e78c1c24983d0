import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { IntakeError } from '../intake-error.js';

const DRAIN_SLACK_BYTES = 1024 * 1024;

export type BodyFormat = 'json' | 'ndjson';

const MEDIA_TYPES: Record<string, BodyFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json-seq': 'ndjson',
};

/** The media type of the request, or 415 when it is not one of `accepted`. */
export function bodyFormat(req: IncomingMessage, accepted: readonly BodyFormat[]): BodyFormat {
  const header = req.headers['content-type'];
  const mediaType = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = MEDIA_TYPES[mediaType] ?? (mediaType.endsWith('+json') ? 'json' : undefined);
  if (!format || !accepted.includes(format)) {
    const expected = Object.entries(MEDIA_TYPES)
      .filter(([, f]) => accepted.includes(f))
      .map(([type]) => type)
      .join(', ');
    throw new IntakeError(
      415,
      header
        ? `unsupported Content-Type "${header}"; expected ${expected}`
        : `missing Content-Type; expected ${expected}`,
    );
  }
  return format;
}

/**
 * Reads the whole request body, inflating `Content-Encoding: gzip`/`deflate`
 * on the fly. `limit` applies to the bytes on the wire and to the inflated
 * bytes alike, and reading stops at the first byte past it, so a small body
 * that inflates to gigabytes costs at most `limit` bytes of memory.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new IntakeError(413, `request body is larger than the limit of ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();

  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let inflater: Gunzip | Inflate | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') inflater = createGunzip();
  else if (encoding === 'deflate') inflater = createInflate();
  else if (encoding !== 'identity' && encoding !== '') {
    throw new IntakeError(415, `unsupported Content-Encoding "${encoding}"; expected gzip, deflate or identity`);
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let raw = 0;
    let inflated = 0;
    let settled = false;
    const fail = (error: IntakeError): void => {
      if (settled) return;
      settled = true;
      req.unpipe();
      inflater?.destroy();
      // The rest of the body is left to Node, which discards it once the answer is sent.
      reject(error);
    };
    const succeed = (): void => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, inflated));
    };
    const output = inflater ?? req;

    req.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > limit) fail(tooLarge());
      // Draining lets the client read the 413; a sender that goes on for ever is cut off.
      if (raw > 4 * limit + DRAIN_SLACK_BYTES) req.destroy();
    });
    req.on('close', () => {
      if (!req.complete) fail(new IntakeError(400, 'the client closed the connection before the body was complete'));
    });
    req.on('error', () => fail(new IntakeError(400, 'the request body could not be read')));
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      inflated += chunk.length;
      if (inflated > limit) {
        fail(
          inflater
            ? new IntakeError(413, `inflated request body is larger than the limit of ${limit} bytes`)
            : tooLarge(),
        );
        return;
      }
      chunks.push(chunk);
    });
    output.on('end', succeed);
    if (inflater) {
      inflater.on('error', (error) =>
        fail(new IntakeError(400, `request body is not valid ${encoding} data: ${error.message}`)),
      );
      req.pipe(inflater);
    }
  });
}
