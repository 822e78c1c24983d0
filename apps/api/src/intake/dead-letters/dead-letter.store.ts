import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidationProblem } from '@tributary/openlineage';

/** Where a dead letter came from: a refused single event, a refused batch element, or an event the graph writer could not write. */
export type DeadLetterSource = 'lineage' | 'batch' | 'graph';

export interface DeadLetterSummary {
  id: string;
  receivedAt: string;
  source: DeadLetterSource;
  error: string;
  problems: ValidationProblem[];
  /** Size of the payload in bytes. */
  bytes: number;
  /** How often a replay was tried and refused again. */
  replays: number;
}

export interface DeadLetter extends DeadLetterSummary {
  /** The refused event: its JSON when it parsed, otherwise the raw text. */
  payload: unknown;
}

export type NewDeadLetter = Pick<DeadLetter, 'source' | 'error' | 'problems' | 'payload'>;

const ID = /^dl-\d{13}-\d{6}$/;
/** Enough problems to act on; a pathological event can have thousands. */
const MAX_PROBLEMS = 100;

/**
 * Bounded store of refused events with their reasons, one pair of files per
 * letter under `dir` (`<id>.meta.json` and `<id>.payload.json`) and an index
 * in memory. Past `max` letters the oldest are dropped (and counted). Writes
 * are queued in order but not awaited by the request: the client already has
 * its 400, and losing a letter to a power cut is acceptable where losing an
 * accepted event is not.
 */
export class DeadLetterStore {
  private readonly index = new Map<string, DeadLetterSummary>();
  private writes: Promise<void> = Promise.resolve();
  private counter = 0;
  private lastMs = 0;
  droppedTotal = 0;
  addedTotal = 0;

  constructor(
    private readonly dir: string,
    private readonly max: number,
    private readonly warn: (message: string, details?: Record<string, unknown>) => void = () => {},
  ) {}

  static isId(id: string): boolean {
    return ID.test(id);
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const ids = (await readdir(this.dir))
      .filter((name) => name.endsWith('.meta.json'))
      .map((name) => name.slice(0, -'.meta.json'.length))
      .filter((id) => ID.test(id))
      .sort();
    for (const id of ids) {
      try {
        const meta = JSON.parse(await readFile(this.metaPath(id), 'utf8')) as DeadLetterSummary;
        this.index.set(id, meta);
      } catch (error) {
        this.warn('dead letters: unreadable entry skipped', { id, error: String(error) });
      }
    }
    this.lastMs = Number(ids.at(-1)?.slice(3, 16) ?? 0);
    this.counter = Number(ids.at(-1)?.slice(17) ?? 0);
    await this.enforceBound();
  }

  get size(): number {
    return this.index.size;
  }

  add(letter: NewDeadLetter): DeadLetterSummary {
    const payload = typeof letter.payload === 'string' ? letter.payload : JSON.stringify(letter.payload);
    const summary: DeadLetterSummary = {
      id: this.nextId(),
      receivedAt: new Date().toISOString(),
      source: letter.source,
      error: letter.error,
      problems: letter.problems.slice(0, MAX_PROBLEMS),
      bytes: Buffer.byteLength(payload ?? 'null'),
      replays: 0,
    };
    this.index.set(summary.id, summary);
    this.addedTotal++;
    const document = JSON.stringify({ json: typeof letter.payload !== 'string', payload: letter.payload });
    this.enqueue(async () => {
      await writeFile(this.payloadPath(summary.id), document);
      await writeFile(this.metaPath(summary.id), JSON.stringify(summary));
    });
    void this.enforceBound();
    return summary;
  }

  /** Newest first; `before` is the id the previous page ended with. */
  list(limit: number, before?: string): { items: DeadLetterSummary[]; next: string | null } {
    const ids = [...this.index.keys()].sort().reverse();
    const start = before ? ids.findIndex((id) => id < before) : 0;
    const page = start < 0 ? [] : ids.slice(start, start + limit);
    const items = page.map((id) => this.index.get(id) as DeadLetterSummary);
    const last = page.at(-1);
    return { items, next: last && ids.indexOf(last) < ids.length - 1 ? last : null };
  }

  /** Ids of every letter, oldest first. */
  ids(): string[] {
    return [...this.index.keys()].sort();
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const summary = this.index.get(id);
    if (!summary) return undefined;
    await this.writes;
    const stored = JSON.parse(await readFile(this.payloadPath(id), 'utf8')) as { json: boolean; payload: unknown };
    return { ...summary, payload: stored.payload };
  }

  /** A replay refused again: new reasons, one more try counted. */
  update(id: string, error: string, problems: ValidationProblem[]): DeadLetterSummary | undefined {
    const summary = this.index.get(id);
    if (!summary) return undefined;
    const updated = { ...summary, error, problems: problems.slice(0, MAX_PROBLEMS), replays: summary.replays + 1 };
    this.index.set(id, updated);
    this.enqueue(() => writeFile(this.metaPath(id), JSON.stringify(updated)));
    return updated;
  }

  remove(id: string): boolean {
    if (!this.index.delete(id)) return false;
    this.enqueue(async () => {
      await rm(this.metaPath(id), { force: true });
      await rm(this.payloadPath(id), { force: true });
    });
    return true;
  }

  /** Waits for queued writes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.writes;
  }

  private async enforceBound(): Promise<void> {
    if (this.index.size <= this.max) return;
    const excess = this.ids().slice(0, this.index.size - this.max);
    for (const id of excess) if (this.remove(id)) this.droppedTotal++;
    await this.writes;
  }

  private enqueue(work: () => Promise<void>): void {
    this.writes = this.writes.then(work).catch((error: unknown) => {
      this.warn('dead letters: could not write to disk', { error: String(error) });
    });
  }

  private nextId(): string {
    // Ids sort in arrival order, also across restarts and clock steps backwards.
    const now = Math.max(Date.now(), this.lastMs);
    if (now !== this.lastMs) this.counter = 0;
    this.lastMs = now;
    this.counter++;
    if (this.counter > 999_999) {
      this.lastMs++;
      this.counter = 1;
    }
    return `dl-${String(this.lastMs).padStart(13, '0')}-${String(this.counter).padStart(6, '0')}`;
  }

  private metaPath(id: string): string {
    return join(this.dir, `${id}.meta.json`);
  }

  private payloadPath(id: string): string {
    return join(this.dir, `${id}.payload.json`);
  }
}
