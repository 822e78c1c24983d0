import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'trb_';

/** 256 random bits; the prefix lets secret scanners and humans recognise a Tributary token. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 is enough for a 256-bit random secret (no dictionary to guess
 * from), and being deterministic it lets a token be looked up by its hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Something that could be a token at all, checked before any lookup. */
export function looksLikeToken(value: string): boolean {
  return value.length >= 20 && value.length <= 256 && /^[\x21-\x7e]+$/.test(value);
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30d`, `12h`, `90m`, `2w` → milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNITS[match[2] ?? ''] ?? 0);
  return ms > 0 ? ms : undefined;
}
