import { Command } from 'commander';
import { collectCommand } from './commands/collect.js';
import { emitCommand } from './commands/emit.js';
import { impactCommand } from './commands/impact.js';
import { tokenCommand } from './commands/token.js';

export const VERSION = '0.1.0';

/**
 * The command tree for `argv` (`main.ts` runs it). `collect`'s subcommands are built
 * only when the arguments name `collect` (or for the full tree, `argv` undefined).
 */
export async function createProgram(argv?: readonly string[]): Promise<Command> {
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
  program.addCommand(await collectCommand({ withSubcommands: argv === undefined || argv.includes('collect') }));
  program.addCommand(impactCommand());
  program.addCommand(tokenCommand());
  return program;
}
