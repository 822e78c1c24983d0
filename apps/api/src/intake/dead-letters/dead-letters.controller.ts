import { Controller, Delete, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { RequireRole } from '../../auth/request-principal.js';
import { IntakeExceptionFilter } from '../http/intake-exception.filter.js';
import { IntakeError } from '../intake-error.js';
import { DeadLettersService } from './dead-letters.service.js';

const MAX_PAGE = 200;

/** Refused events, newest first, and their replay through the current rules. */
@Controller('api/v1/dead-letters')
// Raw events of every namespace, and a replay that bypasses producer checks: admins on * only.
@RequireRole('global-admin')
@UseFilters(IntakeExceptionFilter)
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  list(@Query('limit') limit?: string, @Query('before') before?: string) {
    return this.deadLetters.list(pageSize(limit), before);
  }

  @Post('replay')
  @HttpCode(200)
  replayAll() {
    return this.deadLetters.replayAll();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.deadLetters.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id') id: string) {
    return this.deadLetters.replay(id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): void {
    this.deadLetters.remove(id);
  }
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw new IntakeError(400, `limit must be an integer from 1 to ${MAX_PAGE}`, [
      { path: '/limit', message: 'out of range' },
    ]);
  }
  return value;
}
