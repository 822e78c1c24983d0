import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpusIndex, parseCorpusText, type CorpusEntry } from './corpus-index.js';
import { quoteBarePlaceholders, substitutePlaceholders } from './placeholders.js';
import { corpusEventsDir } from './shared-dir.js';

export interface CorpusEvent {
  entry: CorpusEntry;
  /** Position of the event in its file. */
  index: number;
  /** The event as the file holds it. */
  raw: unknown;
  /** Placeholders replaced by plausible values (the raw event for files without any). */
  event: unknown;
}

/** Every event of the corpus with its INDEX.md status; templates come with their placeholders substituted. */
export function loadCorpus(eventsDir = corpusEventsDir): CorpusEvent[] {
  const events: CorpusEvent[] = [];
  for (const entry of readCorpusIndex(eventsDir)) {
    const text = readFileSync(join(eventsDir, entry.file), 'utf8');
    const raws = parseCorpusText(entry.status === 'template' ? quoteBarePlaceholders(text) : text);
    raws.forEach((raw, index) => {
      const event = entry.status === 'template' ? substitutePlaceholders(raw) : raw;
      events.push({ entry, index, raw, event });
    });
  }
  return events;
}
