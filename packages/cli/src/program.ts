import { Command } from 'commander';
import { collectCommand } from './commands/collect.js';
import { emitCommand } from './commands/emit.js';
import { impactCommand } from './commands/impact.js';

export const VERSION = '0.1.0';

/** The whole command tree; `main.ts` runs it, tests build it too. */
export function createProgram(): Command {
  const program = new Command('tributary')
    .description('Tributary data lineage: post OpenLineage events, run collectors, gate CI on downstream impact.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nEnvironment: TRIBUTARY_URL and TRIBUTARY_TOKEN stand in for --url and --token.\n' +
        'Exit codes: 0 ok, 1 check failed (impact --fail-on), 2 bad usage or input, 3 server unreachable.',
    );
  program.addCommand(emitCommand());
  program.addCommand(collectCommand());
  program.addCommand(impactCommand());
  return program;
}
