import type { ValidationProblem } from '@tributary/openlineage';

/**
 * A refusal the client can act on, with the HTTP status it maps to. The
 * controllers turn it into `{"error": ..., "problems": [...]}`; anything else
 * thrown is a server fault (5xx) and is logged, never echoed.
 */
export class IntakeError extends Error {
  override readonly name = 'IntakeError';

  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 503,
    message: string,
    readonly problems: ValidationProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: string; problems: ValidationProblem[] } {
    return { error: this.message, problems: this.problems };
  }
}
