/** The CLI's exit codes; CI scripts branch on these, so they never change meaning. */
export const ExitCode = {
  Ok: 0,
  /** A check the user asked for (`impact --fail-on`) did not pass. */
  CheckFailed: 1,
  /** Bad flags, unreadable or invalid input, a request the server refused (4xx). */
  BadInput: 2,
  /** The server did not answer, or kept failing (5xx) after retries. */
  Unreachable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as one line on stderr and turns into an exit code; never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function badInput(message: string): CliError {
  return new CliError(message, ExitCode.BadInput);
}
