import { Controller, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessPolicy } from '../../auth/access-policy.js';
import type { Principal } from '../../auth/principal.js';
import { CurrentPrincipal, RequireRole } from '../../auth/request-principal.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { IntakeError } from '../intake-error.js';
import { IntakeService, type BatchResult, type EventGate } from '../intake.service.js';
import { IntakeExceptionFilter } from './intake-exception.filter.js';
import { parseBatch, parseSingle } from './parse-events.js';
import { bodyFormat, readBody } from './read-body.js';

/** A UTF-8 byte order mark is legal before JSON text; the stored event starts after it. */
function withoutBom(body: Buffer): Buffer {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}

/**
 * The OpenLineage HTTP transport's endpoint (`<url>/api/v1/lineage`), answered
 * as Marquez does — 201, empty body — plus `{"warnings": [...]}` when standard
 * facets were malformed; and a batch variant. The body is read here, not by a
 * global parser, so size limits hold for gzip bodies too. An `Authorization:
 * Bearer` header is accepted; access control enforces it where configured.
 */
@Controller('api/v1/lineage')
@UseFilters(IntakeExceptionFilter)
export class LineageController {
  constructor(
    private readonly intake: IntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policy: AccessPolicy,
  ) {}

  /** A producer posts only events whose job and outputs lie in its namespaces; anything else is 403 and not stored. */
  private gate(principal: Principal): EventGate {
    return (event) => {
      const decision = this.policy.canProduce(principal, event);
      return decision.allowed ? undefined : `not allowed to produce into ${decision.deniedNamespaces.join(', ')}`;
    };
  }

  @Post()
  @HttpCode(201)
  @RequireRole('producer')
  async postEvent(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<object | undefined> {
    bodyFormat(req, ['json']);
    const body = await readBody(req, this.config.intake.maxBodyBytes);
    let value: unknown;
    try {
      value = parseSingle(body);
    } catch (error) {
      if (error instanceof IntakeError && body.length > 0) this.intake.rejectUnparsed(body.toString('utf8'), error);
      throw error;
    }
    const warnings = await this.intake.acceptOne(value, this.gate(principal), withoutBom(body));
    if (warnings.length === 0) {
      res.removeHeader('content-type');
      return undefined;
    }
    return { warnings };
  }

  @Post('batch')
  @HttpCode(200)
  @RequireRole('producer')
  async postBatch(
    @Req() req: Request,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ accepted: number; rejected: number; results: BatchResult[] }> {
    const format = bodyFormat(req, ['json', 'ndjson']);
    const items = parseBatch(await readBody(req, this.config.intake.maxBodyBytes), format);
    const results = await this.intake.acceptBatch(items, this.gate(principal));
    const accepted = results.filter((result) => result.status === 201).length;
    return { accepted, rejected: results.length - accepted, results };
  }
}
