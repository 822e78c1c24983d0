import type { Request } from 'express';
import { AuthException } from './auth.exception.js';

/** The API parses no bodies globally (the intake streams its own); these small admin endpoints read theirs here. */
export async function readJsonBody(req: Request, limitBytes = 64 * 1024): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw AuthException.badInput('expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw AuthException.badInput(`body larger than ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw AuthException.badInput('body is not valid JSON');
  }
}

export function objectBody(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw AuthException.badInput('body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw AuthException.badInput(`${key} must be a string`);
  return value;
}
