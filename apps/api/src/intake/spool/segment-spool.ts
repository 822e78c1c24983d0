import { mkdir, open, readdir, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { AcceptedEvent } from '../../graph/accepted-event.js';
import { type EventSpool, type SpoolBatch, SpoolFullError, type SpoolRecord, type SpoolStats } from './event-spool.js';
import { decodeRecord, encodeHeader } from './record-codec.js';

export type SegmentSpoolOptions = {
  dir: string;
  /** Capacity: appends that would take the unacked bytes past it are refused. */
  maxBytes: number;
  /** A new segment file starts once the active one reaches this size. */
  segmentBytes: number;
  /**
   * Recently appended events kept as objects, so a drainer that keeps up need
   * not read and parse them back. Measured in spooled bytes. Kept small on
   * purpose: with a backlog the drainer reads the disk anyway, and a 32 MB
   * cache held ~45 MB of live heap through a 20,000-event ingest.
   */
  cacheBytes?: number;
  warn?: (message: string, details?: Record<string, unknown>) => void;
};

type Segment = { first: number; path: string; size: number };
type Position = { segment: number; offset: number; seq: number };
type CachedRecord = SpoolRecord & { segment: number; end: number; bytes: number };
type PendingAppend = {
  /** Header and payload parts of every record, in order. */
  buffers: Buffer[];
  /** Size of each record. */
  sizes: number[];
  events: readonly AcceptedEvent[];
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
};

const SEGMENT_NAME = /^(\d{20})\.seg$/;
const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * EventSpool on append-only segment files `<first seq, 20 digits>.seg` under
 * `dir`, plus `ack.json` holding the consumer position.
 *
 * Appends are group-committed: the appends that arrive while one write+fsync
 * is running are written together by the next one, so concurrent requests
 * share an fsync instead of queueing behind one each. The ack file is written
 * without fsync on purpose: losing it only replays events, which the writer
 * absorbs idempotently. Only one consumer may read at a time.
 */
export class SegmentSpool implements EventSpool {
  private readonly cacheBytes: number;
  private segments: Segment[] = [];
  private active: FileHandle | undefined;
  private nextSeq = 0;
  private totalBytes = 0;
  private ackPos: Position = { segment: 0, offset: 0, seq: 0 };
  private readPos: Position = { segment: 0, offset: 0, seq: 0 };
  /** Batch ends handed out by `read`, so `ack(seq)` knows the file position. */
  private readonly marks = new Map<number, Position>();
  /** First appended seq of each append group with its time, for the oldest-event age. */
  private groups: { seq: number; at: number }[] = [];

  private cache: CachedRecord[] = [];
  private cacheHead = 0;
  private cacheSize = 0;
  /** Whether every new append enters the cache (the cache then ends at nextSeq). */
  private cacheLive = true;

  private queue: PendingAppend[] = [];
  private queuedBytes = 0;
  private flushing = false;
  private failed: Error | undefined;
  private closed = false;
  private readonly waiters = new Set<() => void>();
  private ackWrite: Promise<void> = Promise.resolve();
  private reader: { segment: number; handle: FileHandle } | undefined;

  constructor(private readonly options: SegmentSpoolOptions) {
    this.cacheBytes = options.cacheBytes ?? 8 * 1024 * 1024;
  }

  async open(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    const names = (await readdir(this.options.dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
    const ack = await this.readAckFile();
    for (const [index, name] of names.entries()) {
      const first = Number(SEGMENT_NAME.exec(name)?.[1]);
      const path = join(this.options.dir, name);
      const { size, count, groups } = await this.scan(path, first, index === names.length - 1);
      this.segments.push({ first, path, size });
      this.totalBytes += size;
      this.nextSeq = first + count;
      this.groups.push(...groups);
    }
    if (this.segments.length === 0) this.nextSeq = ack?.seq ?? 0;

    const first = this.segments[0];
    const known = ack && this.segments.find((s) => s.first === ack.segment && ack.offset <= s.size);
    if (ack && known) this.ackPos = { ...ack };
    else if (ack && ack.seq >= this.nextSeq) this.ackPos = this.endPosition();
    // Without a usable ack file everything left is replayed: the writer is idempotent.
    else this.ackPos = first ? { segment: first.first, offset: 0, seq: first.first } : this.endPosition();
    await this.dropConsumedSegments();
    this.groups =
      this.ackPos.seq >= this.nextSeq
        ? []
        : this.groups.filter((_, i, all) => (all[i + 1]?.seq ?? Infinity) > this.ackPos.seq);
    this.readPos = { ...this.ackPos };
    this.cacheLive = this.readPos.seq === this.nextSeq;

    const last = this.segments.at(-1);
    if (!last || last.size >= this.options.segmentBytes) await this.startSegment();
    else this.active = await open(last.path, 'a');
  }

  append(events: readonly AcceptedEvent[], eventJson?: readonly (Buffer | undefined)[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('spool is closed'));
    if (this.failed) return Promise.reject(this.failed);
    if (events.length === 0) return Promise.resolve();
    const now = Date.now();
    const buffers: Buffer[] = [];
    const sizes: number[] = [];
    let bytes = 0;
    for (const [i, event] of events.entries()) {
      const raw = eventJson?.[i];
      const parts = raw ? [Buffer.from(envelopeStart(event)), raw, ENVELOPE_END] : [Buffer.from(JSON.stringify(event))];
      const header = encodeHeader(parts, now);
      const size = parts.reduce((sum, part) => sum + part.length, header.length);
      buffers.push(header, ...parts);
      sizes.push(size);
      bytes += size;
    }
    if (this.backlogBytes() + this.queuedBytes + bytes > this.options.maxBytes) {
      return Promise.reject(new SpoolFullError(`spool is full (${this.options.maxBytes} bytes)`));
    }
    this.queuedBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buffers, sizes, events, bytes, resolve, reject });
      void this.flush();
    });
  }

  async read(max: number, waitMs = 0): Promise<SpoolBatch> {
    if (this.readPos.seq >= this.nextSeq && waitMs > 0 && !this.closed) await this.waitForAppend(waitMs);
    const records: SpoolRecord[] = [];
    while (records.length < max && this.readPos.seq < this.nextSeq) {
      if (!this.readFromCache(records, max)) await this.readFromDisk(records, max);
    }
    if (this.readPos.seq === this.nextSeq && this.cacheHead === this.cache.length && !this.cacheLive) {
      this.cacheLive = true;
    }
    this.marks.set(this.readPos.seq, { ...this.readPos });
    return { records, next: this.readPos.seq };
  }

  async ack(upTo: number): Promise<void> {
    if (upTo <= this.ackPos.seq) return;
    const position = this.marks.get(upTo);
    if (!position) throw new Error(`ack(${upTo}) does not end a batch handed out by read()`);
    for (const seq of this.marks.keys()) if (seq <= upTo) this.marks.delete(seq);
    this.ackPos = { ...position };
    while (this.cacheHead < this.cache.length && (this.cache[this.cacheHead]?.seq ?? Infinity) < upTo) {
      this.cacheSize -= this.cache[this.cacheHead]?.bytes ?? 0;
      this.cacheHead++;
    }
    if (this.cacheHead > 1024 && this.cacheHead * 2 > this.cache.length) {
      this.cache = this.cache.slice(this.cacheHead);
      this.cacheHead = 0;
    }
    while (this.groups.length > 1 && (this.groups[1]?.seq ?? Infinity) <= upTo) this.groups.shift();
    if (upTo >= this.nextSeq) this.groups = [];
    // Position first, deletion second: a crash in between leaves a position that still names a segment.
    await this.writeAckFile();
    await this.dropConsumedSegments();
  }

  rewind(): void {
    this.readPos = { ...this.ackPos };
    this.marks.clear();
  }

  stats(): SpoolStats {
    const backlogEvents = this.nextSeq - this.ackPos.seq;
    return {
      backlogEvents,
      backlogBytes: this.backlogBytes(),
      oldestAppendedAt: backlogEvents > 0 ? (this.groups[0]?.at ?? null) : null,
      capacityBytes: this.options.maxBytes,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waiters) wake();
    while (this.flushing || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.ackWrite;
    await this.reader?.handle.close();
    this.reader = undefined;
    await this.active?.close();
    this.active = undefined;
  }

  private backlogBytes(): number {
    return this.totalBytes - (this.segments[0]?.first === this.ackPos.segment ? this.ackPos.offset : 0);
  }

  private endPosition(): Position {
    const last = this.segments.at(-1);
    return last
      ? { segment: last.first, offset: last.size, seq: this.nextSeq }
      : { segment: this.nextSeq, offset: 0, seq: this.nextSeq };
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      // One turn of the event loop first: appends of requests parsed in the same
      // turn (and of callers just woken by the previous commit) join this group.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        const bytes = group.reduce((sum, item) => sum + item.bytes, 0);
        try {
          await this.writeGroup(group, bytes);
          for (const item of group) item.resolve();
          await new Promise((resolve) => setImmediate(resolve));
        } catch (error) {
          // A failed write may have left a partial record; nothing more is
          // appended until a restart truncates it, so later events stay intact.
          this.failed = new Error(`spool write failed: ${error instanceof Error ? error.message : String(error)}`);
          for (const item of [...group, ...this.queue.splice(0)]) item.reject(this.failed);
        } finally {
          this.queuedBytes -= bytes;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeGroup(group: PendingAppend[], bytes: number): Promise<void> {
    let segment = this.segments.at(-1);
    if (!segment || !this.active) throw new Error('spool is not open');
    if (segment.size > 0 && segment.size + bytes > this.options.segmentBytes) {
      await this.startSegment();
      segment = this.segments.at(-1) as Segment;
    }
    // Gathered write: the records' parts go to the file without being copied into one buffer first.
    const buffers = group.flatMap((item) => item.buffers);
    const { bytesWritten } = await this.active.writev(buffers);
    if (bytesWritten < bytes) {
      // A short write (disk nearly full, signal): write the remainder the plain way.
      const rest = Buffer.concat(buffers, bytes).subarray(bytesWritten);
      let done = 0;
      while (done < rest.length) done += (await this.active.write(rest, done)).bytesWritten;
    }
    await this.active.datasync();

    const appendedAt = Date.now();
    this.groups.push({ seq: this.nextSeq, at: appendedAt });
    let offset = segment.size;
    for (const item of group) {
      for (const [i, size] of item.sizes.entries()) {
        offset += size;
        const event = item.events[i] as AcceptedEvent;
        if (this.cacheLive && this.cacheSize < this.cacheBytes) {
          this.cache.push({ seq: this.nextSeq, event, segment: segment.first, end: offset, bytes: size });
          this.cacheSize += size;
        } else {
          this.cacheLive = false;
        }
        this.nextSeq++;
      }
    }
    segment.size = offset;
    this.totalBytes += bytes;
    for (const wake of this.waiters) wake();
  }

  private async startSegment(): Promise<void> {
    await this.active?.close();
    const path = join(this.options.dir, `${String(this.nextSeq).padStart(20, '0')}.seg`);
    this.active = await open(path, 'a');
    this.segments.push({ first: this.nextSeq, path, size: 0 });
    // The new file's directory entry must be durable too, or a crash could lose the whole segment.
    const dir = await open(this.options.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Serves the next records from the cache when it holds readPos; false when it does not. */
  private readFromCache(out: SpoolRecord[], max: number): boolean {
    const start = this.cache[this.cacheHead]?.seq;
    if (start === undefined || this.readPos.seq < start) return false;
    let index = this.cacheHead + (this.readPos.seq - start);
    if (index >= this.cache.length) return false;
    let last: CachedRecord | undefined;
    while (out.length < max && index < this.cache.length) {
      last = this.cache[index++] as CachedRecord;
      out.push({ seq: last.seq, event: last.event });
    }
    if (last) this.readPos = { segment: last.segment, offset: last.end, seq: last.seq + 1 };
    return true;
  }

  private async readFromDisk(out: SpoolRecord[], max: number): Promise<void> {
    let index = this.segments.findIndex((s) => s.first === this.readPos.segment);
    if (index < 0) throw new Error(`spool segment ${this.readPos.segment} is missing`);
    let segment = this.segments[index] as Segment;
    if (this.readPos.offset >= segment.size) {
      const next = this.segments[index + 1];
      if (!next) throw new Error('spool read past its end');
      this.readPos = { segment: next.first, offset: 0, seq: next.first };
      segment = next;
      index++;
    }
    if (this.reader?.segment !== segment.first) {
      await this.reader?.handle.close();
      this.reader = { segment: segment.first, handle: await open(segment.path, 'r') };
    }
    const length = Math.min(READ_CHUNK_BYTES, segment.size - this.readPos.offset);
    let chunk = Buffer.allocUnsafe(length);
    await readFully(this.reader.handle, chunk, this.readPos.offset);
    let at = 0;
    while (out.length < max && at < chunk.length) {
      const decoded = decodeRecord(chunk, at);
      if (decoded.kind === 'partial') {
        if (at > 0) break;
        // A single record larger than the chunk: read it whole.
        chunk = Buffer.allocUnsafe(decoded.need);
        await readFully(this.reader.handle, chunk, this.readPos.offset);
        continue;
      }
      if (decoded.kind === 'corrupt') {
        // Cannot happen short of disk damage (recovery checked the tail); the
        // rest of this segment is unreadable, so move to the next one loudly.
        this.options.warn?.('spool segment damaged; skipping its remainder', {
          segment: segment.path,
          offset: this.readPos.offset + at,
          reason: decoded.reason,
        });
        this.readPos = { segment: segment.first, offset: segment.size, seq: this.readPos.seq };
        return;
      }
      out.push({ seq: this.readPos.seq, event: JSON.parse(decoded.record.payload.toString('utf8')) as AcceptedEvent });
      at += decoded.record.bytes;
      this.readPos = {
        segment: segment.first,
        offset: this.readPos.offset + decoded.record.bytes,
        seq: this.readPos.seq + 1,
      };
    }
  }

  private waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }

  /** Deletes the segments whose every record is acked; the active one stays. */
  private async dropConsumedSegments(): Promise<void> {
    for (;;) {
      const [first, second] = this.segments;
      if (!first || !second) return;
      const consumed =
        this.ackPos.segment > first.first || (this.ackPos.segment === first.first && this.ackPos.offset >= first.size);
      if (!consumed) return;
      if (this.reader?.segment === first.first) {
        await this.reader.handle.close();
        this.reader = undefined;
      }
      this.segments.shift();
      this.totalBytes -= first.size;
      if (this.ackPos.segment === first.first) this.ackPos = { segment: second.first, offset: 0, seq: second.first };
      if (this.readPos.segment === first.first && this.readPos.offset >= first.size) {
        this.readPos = { segment: second.first, offset: 0, seq: second.first };
      }
      await rm(first.path, { force: true });
    }
  }

  /** Reads a segment at start-up: counts its records and truncates a torn tail. */
  private async scan(
    path: string,
    first: number,
    isLast: boolean,
  ): Promise<{ size: number; count: number; groups: { seq: number; at: number }[] }> {
    const handle = await open(path, 'r+');
    try {
      const { size } = await handle.stat();
      const groups: { seq: number; at: number }[] = [];
      let offset = 0;
      let count = 0;
      let chunk = Buffer.alloc(0);
      let chunkStart = 0;
      while (offset < size) {
        let decoded = decodeRecord(chunk, offset - chunkStart);
        if (decoded.kind === 'partial') {
          const length = Math.min(Math.max(READ_CHUNK_BYTES, decoded.need), size - offset);
          chunk = Buffer.allocUnsafe(length);
          await readFully(handle, chunk, offset);
          chunkStart = offset;
          decoded = decodeRecord(chunk, 0);
        }
        if (decoded.kind !== 'record') {
          const reason = decoded.kind === 'partial' ? 'incomplete record' : decoded.reason;
          this.options.warn?.(
            isLast ? 'spool: truncating a record torn by a crash' : 'spool: damaged segment truncated',
            { segment: path, offset, reason, droppedBytes: size - offset },
          );
          await handle.truncate(offset);
          await handle.sync();
          break;
        }
        if (groups.at(-1)?.at !== decoded.record.appendedAt)
          groups.push({ seq: first + count, at: decoded.record.appendedAt });
        offset += decoded.record.bytes;
        count++;
      }
      return { size: offset, count, groups };
    } finally {
      await handle.close();
    }
  }

  private async readAckFile(): Promise<Position | undefined> {
    try {
      const parsed = JSON.parse(await readFile(join(this.options.dir, 'ack.json'), 'utf8')) as Partial<Position>;
      const { segment, offset, seq } = parsed;
      if ([segment, offset, seq].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
        return { segment: segment as number, offset: offset as number, seq: seq as number };
      }
    } catch {
      // Missing or half-written: replaying from the oldest segment is safe.
    }
    return undefined;
  }

  private writeAckFile(): Promise<void> {
    const position = { ...this.ackPos };
    this.ackWrite = this.ackWrite.then(async () => {
      const path = join(this.options.dir, 'ack.json');
      try {
        await writeFile(`${path}.tmp`, JSON.stringify(position));
        await rename(`${path}.tmp`, path);
      } catch (error) {
        // Not fatal: a stale position only means replaying acked events after a restart.
        this.options.warn?.('spool: could not record the ack position', { error: String(error) });
      }
    });
    return this.ackWrite;
  }
}

const ENVELOPE_END = Buffer.from('}');

/** `{"kind":…,"receivedAt":…,"event":` — the AcceptedEvent's JSON up to its event, which follows as received. */
function envelopeStart(accepted: AcceptedEvent): string {
  const { event: _event, ...rest } = accepted;
  return `${JSON.stringify(rest).slice(0, -1)},"event":`;
}

async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('spool segment ended early');
    done += bytesRead;
  }
}
