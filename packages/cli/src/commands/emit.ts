import { Command } from 'commander';
import { badInput } from '../exit-codes.js';
import { type SinkOptions, sink, withSinkOptions } from '../sink.js';
import { readEventSources } from './read-events.js';

export function emitCommand(): Command {
  const command = new Command('emit')
    .summary('post OpenLineage events from files or stdin')
    .description(
      'Posts OpenLineage events to Tributary in batches. Each file holds one JSON event, a JSON array of events, ' +
        'or NDJSON (one event per line); "-" or no file reads stdin. Every input is read and checked before ' +
        'anything is sent.',
    )
    .argument('[files...]', 'event files ("-" for stdin)');
  withSinkOptions(command).action(async (files: string[], options: SinkOptions) => {
    const events = await readEventSources(files);
    if (events.length === 0) throw badInput('no events in the input');
    await sink(events, options, 'emit');
  });
  return command;
}
