import { crc32 } from 'node:zlib';

/**
 * One spool record on disk: a 16-byte header, then the payload.
 *
 *   u32 LE payload length | u32 LE crc32(payload) | f64 LE append time (ms since epoch) | payload
 *
 * The checksum finds a record torn by a crash in the middle of a write (only
 * possible at the end of the newest segment, since every append is fsync'd
 * before it is acknowledged); recovery truncates the file there.
 */
export const HEADER_BYTES = 16;
/** Far above any body the intake accepts; a larger length can only be garbage. */
const MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;

/** The header of a record whose payload is the concatenation of `parts` (written right after it). */
export function encodeHeader(parts: readonly Buffer[], appendedAt: number): Buffer {
  let length = 0;
  let checksum = 0;
  for (const part of parts) {
    length += part.length;
    checksum = crc32(part, checksum);
  }
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(checksum, 4);
  header.writeDoubleLE(appendedAt, 8);
  return header;
}

export function encodeRecord(payload: Buffer, appendedAt: number): Buffer {
  return Buffer.concat([encodeHeader([payload], appendedAt), payload]);
}

export type DecodedRecord = { payload: Buffer; appendedAt: number; bytes: number };

export type DecodeResult =
  | { kind: 'record'; record: DecodedRecord }
  /** More bytes are needed: at least `need` from the record's start. */
  | { kind: 'partial'; need: number }
  | { kind: 'corrupt'; reason: string };

/** Decodes the record at `offset` of `chunk` (a window of a segment file). */
export function decodeRecord(chunk: Buffer, offset: number): DecodeResult {
  const available = chunk.length - offset;
  if (available < HEADER_BYTES) return { kind: 'partial', need: HEADER_BYTES };
  const length = chunk.readUInt32LE(offset);
  if (length > MAX_PAYLOAD_BYTES) return { kind: 'corrupt', reason: `implausible record length ${length}` };
  const bytes = HEADER_BYTES + length;
  if (available < bytes) return { kind: 'partial', need: bytes };
  const payload = chunk.subarray(offset + HEADER_BYTES, offset + bytes);
  if (crc32(payload) !== chunk.readUInt32LE(offset + 4)) return { kind: 'corrupt', reason: 'checksum mismatch' };
  return { kind: 'record', record: { payload, appendedAt: chunk.readDoubleLE(offset + 8), bytes } };
}
