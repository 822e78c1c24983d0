import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Command, CommanderError } from 'commander';
import { CliError, ExitCode } from './exit-codes.js';
import { createProgram } from './program.js';

/** Runs the CLI with `argv` (user arguments only) and resolves with the exit code; never throws. */
export async function run(argv: string[]): Promise<number> {
  const program = await createProgram(argv);
  // Commander exits with 1 on usage errors by default; 1 is reserved for failed checks here.
  program.exitOverride();
  for (const command of program.commands) applyExitOverride(command);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
      if (error.code === 'commander.help') return ExitCode.Ok;
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    if (error instanceof CliError) {
      process.stderr.write(`tributary: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug, not a user error: say so in one line and keep the trace behind a flag.
    process.stderr.write(`tributary: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.TRIBUTARY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return ExitCode.BadInput;
  }
}

function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const child of command.commands) applyExitOverride(child);
}

// `node packages/cli/dist/main.js …` works as well as the bin shim, which imports this module.
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2));
}
