import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { AuthException } from '../auth/auth.exception.js';
import type { Principal } from '../auth/principal.js';
import { opaqueId, restrictNode } from '../auth/redact.js';
import { actorOf } from '../auth/token.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import {
  GovernanceRepository,
  type GovernanceRow,
  type GovernedKind,
  type GovernedRef,
  type StewardProperty,
} from '../graph/governance.repository.js';
import { NodeKind } from '../lineage/dto/lineage-enums.js';
import type { LineageNode } from '../lineage/dto/lineage-graph.dto.js';
import { ClassificationSync } from './classification-sync.service.js';
import {
  type ClassificationAssignment,
  type ClassificationFlow,
  type ClassificationFlowItem,
  type Governance,
  GovernanceSource,
  type Owner,
} from './dto/governance.dto.js';
import { inherited as inheritedFrom, propagate, type Reached } from './propagation.js';

const MAX_NAME = 200;
const MAX_TEXT = 100_000;
const MAX_LIST = 200;

/**
 * Governance metadata: steward edits (which win over producer facets),
 * classifications and their propagation along column lineage, glossary terms.
 * Every change is checked against the caller's steward namespaces and
 * written together with its audit entry.
 */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly repository: GovernanceRepository,
    private readonly policy: AccessPolicy,
    private readonly sync: ClassificationSync,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(principal: Principal, ref: GovernedRef): Promise<Governance> {
    if (!this.policy.canRead(principal, ref.namespace)) throw AuthException.forbidden('namespace not readable');
    const id = await this.resolve(ref);
    const row = await this.repository.read(ref.kind, id);
    if (!row) throw notFound(ref);
    return this.toView(row, ref.kind === 'FIELD' ? await this.inherited(id) : []);
  }

  async setDescription(principal: Principal, ref: GovernedRef, value: string | null): Promise<Governance> {
    if (value !== null && value.length > MAX_TEXT) throw AuthException.badInput(`description longer than ${MAX_TEXT}`);
    return this.setProperty(principal, ref, 'govDescription', value, 'governance.description', (row) => ({
      description: row.stewardDescription,
    }));
  }

  async setOwners(principal: Principal, ref: GovernedRef, owners: Owner[] | null): Promise<Governance> {
    if (owners !== null) {
      if (owners.length > MAX_LIST) throw AuthException.badInput(`at most ${MAX_LIST} owners`);
      for (const owner of owners) checkName(owner.name, 'owner name');
    }
    const value = owners === null ? null : JSON.stringify(owners.map((o) => ({ name: o.name, type: o.type ?? null })));
    return this.setProperty(principal, ref, 'govOwners', value, 'governance.owners', (row) => ({
      owners: parseOwners(row.stewardOwners),
    }));
  }

  async setTags(principal: Principal, ref: GovernedRef, tags: string[] | null): Promise<Governance> {
    if (tags !== null) {
      if (tags.length > MAX_LIST) throw AuthException.badInput(`at most ${MAX_LIST} tags`);
      for (const tag of tags) checkName(tag, 'tag');
    }
    const value = tags === null ? null : [...new Set(tags)];
    return this.setProperty(principal, ref, 'govTags', value, 'governance.tags', (row) => ({ tags: row.stewardTags }));
  }

  async classify(principal: Principal, ref: GovernedRef, classification: string, level: number): Promise<Governance> {
    checkName(classification, 'classification');
    if (!Number.isInteger(level) || level < 1 || level > 5) throw AuthException.badInput('level must be 1 to 5');
    const id = await this.stewardTarget(principal, ref);
    const row = await this.repository.classify(
      ref.kind,
      id,
      classification,
      level,
      this.audit(principal, 'governance.classify', ref.kind, id),
      describeClassifications,
    );
    await this.sync.recompute(ref.kind === 'DATASET' ? [id] : []);
    return this.toView(row, ref.kind === 'FIELD' ? await this.inherited(id) : []);
  }

  async declassify(principal: Principal, ref: GovernedRef, classification: string): Promise<Governance> {
    checkName(classification, 'classification');
    const id = await this.stewardTarget(principal, ref);
    const row = await this.repository.declassify(
      ref.kind,
      id,
      classification,
      this.audit(principal, 'governance.declassify', ref.kind, id),
      describeClassifications,
    );
    await this.sync.recompute(ref.kind === 'DATASET' ? [id] : []);
    return this.toView(row, ref.kind === 'FIELD' ? await this.inherited(id) : []);
  }

  /** Stops `classification` ('*' for all) from flowing into and through this column. */
  async setPropagationBlock(
    principal: Principal,
    ref: GovernedRef,
    classification: string,
    blocked: boolean,
  ): Promise<Governance> {
    if (ref.kind !== 'FIELD') throw AuthException.badInput('propagation is blocked at a column (kind FIELD)');
    if (classification !== '*') checkName(classification, 'classification');
    const id = await this.stewardTarget(principal, ref);
    const current = (await this.repository.read(ref.kind, id))?.propagationBlocked ?? [];
    const next = blocked
      ? [...new Set([...current, classification])]
      : current.filter((name) => name !== classification);
    const row = await this.repository.setProperty(
      ref.kind,
      id,
      'govPropagationBlocked',
      next.length === 0 ? null : next,
      this.audit(principal, blocked ? 'governance.block' : 'governance.unblock', ref.kind, id),
      (r) => ({ propagationBlocked: r.propagationBlocked }),
    );
    await this.sync.recompute();
    return this.toView(row, await this.inherited(id));
  }

  async upsertTerm(
    principal: Principal,
    name: string,
    definition: string | null,
  ): Promise<{ name: string; definition: string | null }> {
    if (!this.policy.hasRoleAnywhere(principal, 'steward')) throw AuthException.forbidden('requires the steward role');
    checkName(name, 'term name');
    if (definition !== null && definition.length > MAX_TEXT) throw AuthException.badInput('definition too long');
    await this.repository.upsertTerm(name, definition, this.audit(principal, 'glossary.upsert', 'GlossaryTerm', name));
    return { name, definition };
  }

  async terms(): Promise<Array<{ name: string; definition: string | null }>> {
    return this.repository.listTerms();
  }

  async assignTerm(principal: Principal, ref: GovernedRef, term: string, assign: boolean): Promise<Governance> {
    checkName(term, 'term');
    const id = await this.stewardTarget(principal, ref);
    const audit = this.audit(principal, assign ? 'governance.term.assign' : 'governance.term.unassign', ref.kind, id);
    const describe = (r: GovernanceRow): unknown => ({ glossaryTerms: r.glossaryTerms.map((t) => t.name) });
    const row = assign
      ? await this.repository.assignTerm(ref.kind, id, term, audit, describe)
      : await this.repository.unassignTerm(ref.kind, id, term, audit, describe);
    if (!row) throw AuthException.notFound(`no glossary term ${JSON.stringify(term)}`);
    return this.toView(row, ref.kind === 'FIELD' ? await this.inherited(id) : []);
  }

  /**
   * "Where does this PII flow?": every column the classification reaches
   * from its directly classified columns (or from `from`), with the path and
   * the owners of each column's dataset. Computed from current lineage on
   * every call, so new events and removed edges show at once.
   */
  async flow(
    principal: Principal,
    classification: string,
    from: GovernedRef | null,
    namespace: string | null,
  ): Promise<ClassificationFlow> {
    checkName(classification, 'classification');
    let sources: string[];
    if (from) {
      if (from.kind !== 'FIELD') throw AuthException.badInput('from must be a column (kind FIELD)');
      if (!this.policy.canRead(principal, from.namespace)) throw AuthException.forbidden('namespace not readable');
      sources = [await this.resolve(from)];
    } else {
      sources = await this.repository.classifiedFields(classification);
    }
    const reached = await propagate(classification, sources, (ids) => this.repository.feedsDown(ids, this.types()));
    const infos = new Map((await this.repository.fieldInfo([...reached.keys()])).map((info) => [info.id, info]));
    const hidden = new Set(
      [...infos.values()].filter((info) => !this.policy.canRead(principal, info.namespace)).map((info) => info.id),
    );
    const items: ClassificationFlowItem[] = [];
    const datasets = new Set<string>();
    let restrictedFields = 0;
    for (const entry of [...reached.values()].sort(byDistanceThenId)) {
      const info = infos.get(entry.id);
      if (!info) continue;
      if (namespace !== null && info.namespace !== namespace) continue;
      datasets.add(`${info.namespace}\u0000${info.datasetName}`);
      const node: LineageNode = {
        id: info.id,
        kind: NodeKind.FIELD,
        namespace: info.namespace,
        name: info.datasetName,
        field: info.path,
        label: `${info.datasetName}.${info.path}`,
        clusterSize: null,
        clusterOf: null,
        aliases: [],
      };
      const restricted = hidden.has(entry.id);
      if (restricted) restrictedFields += 1;
      items.push({
        node: restricted ? restrictNode(node) : node,
        distance: entry.distance,
        sourceId: hidden.has(entry.sourceId) ? opaqueId(entry.sourceId) : entry.sourceId,
        path: entry.path.map((id) => (hidden.has(id) ? opaqueId(id) : id)),
        jobs: entry.jobs.map((job) => (job === null ? '' : restricted ? opaqueId(job) : job)),
        owners: restricted ? [] : effectiveOwners(info.stewardOwners, info.producerOwners),
      });
    }
    return {
      classification,
      items,
      totalFields: items.length,
      totalDatasets: datasets.size,
      restrictedFields,
      includesIndirect: this.config.governance.propagateIndirect,
    };
  }

  private types(): string[] {
    return this.config.governance.propagateIndirect ? ['DIRECT', 'INDIRECT'] : ['DIRECT'];
  }

  /** Classifications a column inherits, with the column each comes from: a walk upstream from the column only. */
  private async inherited(fieldId: string): Promise<ClassificationAssignment[]> {
    const row = await this.repository.read('FIELD', fieldId);
    if (!row) return [];
    const own = new Set(row.classifications.map((c) => c.name));
    const found = await inheritedFrom(fieldId, row.propagationBlocked, (ids) =>
      this.repository.feedsUp(ids, this.types()),
    );
    return [...found]
      .filter(([name]) => !own.has(name))
      .map(([name, hit]) => ({
        name,
        level: null,
        inherited: true,
        sourceId: hit.sourceId,
        path: hit.path,
        setBy: null,
        setAt: null,
      }));
  }

  private async setProperty(
    principal: Principal,
    ref: GovernedRef,
    property: StewardProperty,
    value: string | string[] | null,
    action: string,
    describe: (row: GovernanceRow) => unknown,
  ): Promise<Governance> {
    const id = await this.stewardTarget(principal, ref);
    const row = await this.repository.setProperty(
      ref.kind,
      id,
      property,
      value,
      this.audit(principal, action, ref.kind, id),
      describe,
    );
    return this.toView(row, ref.kind === 'FIELD' ? await this.inherited(id) : []);
  }

  private async stewardTarget(principal: Principal, ref: GovernedRef): Promise<string> {
    if (!this.policy.canSteward(principal, ref.namespace)) {
      throw AuthException.forbidden('requires the steward role for this namespace');
    }
    return this.resolve(ref);
  }

  private async resolve(ref: GovernedRef): Promise<string> {
    if (ref.kind === 'FIELD' && !ref.field) throw AuthException.badInput('field is required for kind FIELD');
    const id = await this.repository.resolve(ref);
    if (!id) throw notFound(ref);
    return id;
  }

  private audit(principal: Principal, action: string, targetKind: string, targetId: string) {
    return { ...actorOf(principal), action, targetKind, targetId };
  }

  private toView(row: GovernanceRow, inherited: ClassificationAssignment[]): Governance {
    const stewardOwners = row.stewardOwners !== null;
    return {
      id: row.id,
      kind: NodeKind[row.kind],
      namespace: row.namespace,
      name: row.name,
      field: row.field,
      description: row.stewardDescription ?? row.producerDescription,
      descriptionSource: sourceOf(row.stewardDescription, row.producerDescription),
      owners: effectiveOwners(row.stewardOwners, row.producerOwners),
      ownersSource: stewardOwners ? GovernanceSource.STEWARD : row.producerOwners ? GovernanceSource.PRODUCER : null,
      tags: row.stewardTags ?? row.producerTags ?? [],
      tagsSource: sourceOf(row.stewardTags, row.producerTags),
      classifications: [
        ...row.classifications
          .map((c) => ({
            name: c.name,
            level: c.level,
            inherited: false,
            sourceId: null,
            path: [],
            setBy: c.setBy,
            setAt: c.setAt,
          }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
        ...inherited,
      ],
      glossaryTerms: [...row.glossaryTerms].sort((a, b) => (a.name < b.name ? -1 : 1)),
      propagationBlocked: row.propagationBlocked,
    };
  }
}

function sourceOf(steward: unknown, producer: unknown): GovernanceSource | null {
  if (steward !== null && steward !== undefined) return GovernanceSource.STEWARD;
  if (producer !== null && producer !== undefined) return GovernanceSource.PRODUCER;
  return null;
}

function describeClassifications(row: GovernanceRow): unknown {
  return { classifications: row.classifications.map((c) => ({ name: c.name, level: c.level })) };
}

function byDistanceThenId(a: Reached, b: Reached): number {
  return a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function checkName(value: string, what: string): void {
  if (value.length === 0 || value.length > MAX_NAME)
    throw AuthException.badInput(`${what} must be 1-${MAX_NAME} characters`);
}

function notFound(ref: GovernedRef): AuthException {
  return AuthException.notFound(
    `no ${ref.kind.toLowerCase()} ${JSON.stringify(ref.namespace)} ${JSON.stringify(ref.name)}${ref.field ? ` field ${JSON.stringify(ref.field)}` : ''}`,
  );
}

export function parseOwners(json: string | null): Owner[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry: unknown): Owner[] => {
      if (typeof entry === 'string') return [{ name: entry, type: null }];
      if (entry && typeof entry === 'object' && typeof (entry as Owner).name === 'string') {
        const type = (entry as { type?: unknown }).type;
        return [{ name: (entry as Owner).name, type: typeof type === 'string' ? type : null }];
      }
      return [];
    });
  } catch {
    return [];
  }
}

function effectiveOwners(steward: string | null, producer: string | null): Owner[] {
  return steward !== null ? parseOwners(steward) : parseOwners(producer);
}

export type { GovernedKind };
