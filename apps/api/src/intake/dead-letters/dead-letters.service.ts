import { Injectable } from '@nestjs/common';
import type { FacetWarning, ValidationProblem } from '@tributary/openlineage';
import type { AcceptedEvent } from '../../graph/accepted-event.js';
import { IntakeError } from '../intake-error.js';
import { IntakeService } from '../intake.service.js';
import { type DeadLetter, DeadLetterStore, type DeadLetterSummary } from './dead-letter.store.js';

export type ReplayOutcome =
  | { id: string; status: 201; warnings: FacetWarning[] }
  | { id: string; status: 400; error: string; problems: ValidationProblem[] };

/** How many replayed events are appended to the spool together. */
const REPLAY_CHUNK = 500;

/**
 * Lists dead letters and replays them through the current rules: a letter
 * that now passes goes to the spool like a fresh event and leaves the store;
 * one that still fails stays, with the new reasons.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly intake: IntakeService,
  ) {}

  list(limit: number, before?: string): { total: number; items: DeadLetterSummary[]; next: string | null } {
    return { total: this.store.size, ...this.store.list(limit, before) };
  }

  async get(id: string): Promise<DeadLetter> {
    const letter = DeadLetterStore.isId(id) ? await this.store.get(id) : undefined;
    if (!letter) throw new IntakeError(404, `no dead letter with id "${id}"`);
    return letter;
  }

  remove(id: string): void {
    if (!DeadLetterStore.isId(id) || !this.store.remove(id))
      throw new IntakeError(404, `no dead letter with id "${id}"`);
  }

  async replay(id: string): Promise<ReplayOutcome> {
    const [outcome] = await this.replayMany([await this.get(id)]);
    return outcome as ReplayOutcome;
  }

  /** Replays every letter, oldest first. */
  async replayAll(): Promise<{ replayed: number; accepted: number; rejected: number; results: ReplayOutcome[] }> {
    const results: ReplayOutcome[] = [];
    const ids = this.store.ids();
    for (let start = 0; start < ids.length; start += REPLAY_CHUNK) {
      const letters: DeadLetter[] = [];
      for (const id of ids.slice(start, start + REPLAY_CHUNK)) {
        const letter = await this.store.get(id);
        if (letter) letters.push(letter);
      }
      results.push(...(await this.replayMany(letters)));
    }
    const accepted = results.filter((r) => r.status === 201).length;
    return { replayed: results.length, accepted, rejected: results.length - accepted, results };
  }

  private async replayMany(letters: DeadLetter[]): Promise<ReplayOutcome[]> {
    const outcomes: ReplayOutcome[] = [];
    const passed: { id: string; accepted: AcceptedEvent }[] = [];
    for (const letter of letters) {
      const checked = this.replayable(letter);
      if (checked.ok) {
        passed.push({ id: letter.id, accepted: checked.accepted });
        outcomes.push({ id: letter.id, status: 201, warnings: checked.warnings });
      } else {
        this.store.update(letter.id, checked.error, checked.problems);
        outcomes.push({ id: letter.id, status: 400, error: checked.error, problems: checked.problems });
      }
    }
    // Stored first, removed second: a crash in between replays a letter twice, which the idempotent writer absorbs.
    await this.intake.store(passed.map((p) => p.accepted));
    for (const { id } of passed) this.store.remove(id);
    return outcomes;
  }

  private replayable(letter: DeadLetter): ReturnType<IntakeService['check']> {
    // A string payload is the raw text of a body that was not JSON (an event is always an object).
    if (typeof letter.payload === 'string') {
      try {
        return this.intake.check(JSON.parse(letter.payload));
      } catch (error) {
        return {
          ok: false,
          error: 'event is not valid JSON',
          problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
        };
      }
    }
    return this.intake.check(letter.payload);
  }
}
