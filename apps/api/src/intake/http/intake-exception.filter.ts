import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '../../logging/logger.js';
import { IntakeError } from '../intake-error.js';

/**
 * Every answer of the intake's REST routes that is not a success has the same
 * shape, `{"error": ..., "problems": [...]}`; server faults are logged with
 * their stack and answered without it.
 */
@Catch()
export class IntakeExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof IntakeError) {
      res.status(exception.status).set(exception.headers).json(exception.toBody());
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const body = exception.getResponse();
      const message =
        typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      res.status(exception.getStatus()).json({ error: message, problems: [] });
      return;
    }
    this.logger.error({ err: exception }, 'intake: unexpected error');
    res.status(500).json({ error: 'internal error', problems: [] });
  }
}
