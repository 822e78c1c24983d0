import { readFile } from 'node:fs/promises';
import type { OpenLineageEvent } from '@tributary/openlineage';
import { badInput } from '../exit-codes.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function checkEvent(value: unknown, where: string): OpenLineageEvent {
  // Full validation is the intake's job (it answers per event); here we only catch what is not an event at all.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput(`${where}: expected an OpenLineage event (a JSON object)`);
  }
  if (typeof (value as Record<string, unknown>).eventTime !== 'string') {
    throw badInput(`${where}: not an OpenLineage event (no eventTime)`);
  }
  return value as OpenLineageEvent;
}

/**
 * Events in `text`: one JSON event, a JSON array of events, or NDJSON (one event per
 * line, blank lines skipped). `source` names the input in error messages.
 */
export function parseEvents(text: string, source: string): OpenLineageEvent[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw badInput(`${source}: invalid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw badInput(`${source}: expected a JSON array of events`);
    return parsed.map((value, index) => checkEvent(value, `${source}[${index}]`));
  }
  try {
    return [checkEvent(JSON.parse(trimmed), source)];
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const events: OpenLineageEvent[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim().length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw badInput(`${source}:${index + 1}: invalid JSON: ${(error as Error).message}`);
    }
    events.push(checkEvent(parsed, `${source}:${index + 1}`));
  });
  return events;
}

/**
 * Reads every input before anything is sent, so a typo in the last file does not leave
 * half of a change posted. "-" (or no file at all) is stdin.
 */
export async function readEventSources(files: string[]): Promise<OpenLineageEvent[]> {
  const sources = files.length === 0 ? ['-'] : files;
  const events: OpenLineageEvent[] = [];
  for (const source of sources) {
    let text: string;
    if (source === '-') {
      if (process.stdin.isTTY) throw badInput('no input: pass event files or pipe events into stdin');
      text = await readStdin();
    } else {
      try {
        text = await readFile(source, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw badInput(`${source}: cannot read (${code ?? (error as Error).message})`);
      }
    }
    for (const event of parseEvents(text, source === '-' ? 'stdin' : source)) events.push(event);
  }
  return events;
}
