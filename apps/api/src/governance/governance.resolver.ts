import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import type { GovernedRef } from '../graph/governance.repository.js';
import { NodeRef } from '../lineage/dto/node-ref.input.js';
import { ClassificationFlow, GlossaryTerm, Governance, OwnerInput } from './dto/governance.dto.js';
import { GovernanceService } from './governance.service.js';

function ref(node: NodeRef): GovernedRef {
  return { kind: node.kind, namespace: node.namespace, name: node.name, field: node.field ?? null };
}

/** Governance metadata: reads need viewer, changes steward, on the node's namespace. */
@Resolver(() => Governance)
export class GovernanceResolver {
  constructor(private readonly service: GovernanceService) {}

  @Query(() => Governance, {
    description: 'Owners, description, tags, classifications (direct and inherited) and glossary terms of a node.',
  })
  governance(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
  ): Promise<Governance> {
    return this.service.get(principal, ref(node));
  }

  @Query(() => ClassificationFlow, {
    description:
      'Where does this classification flow? Every column it reaches through current column lineage, with path and owners.',
  })
  classificationFlow(
    @CurrentPrincipal() principal: Principal,
    @Args('classification') classification: string,
    @Args('from', {
      type: () => NodeRef,
      nullable: true,
      description: 'Start from this column instead of every directly classified one.',
    })
    from: NodeRef | null,
    @Args('namespace', { type: () => String, nullable: true, description: 'Only columns in this namespace.' })
    namespace: string | null,
  ): Promise<ClassificationFlow> {
    return this.service.flow(principal, classification, from ? ref(from) : null, namespace ?? null);
  }

  @Query(() => [GlossaryTerm])
  glossaryTerms(): Promise<GlossaryTerm[]> {
    return this.service.terms();
  }

  @Mutation(() => Governance, { description: 'Steward description; null returns to the producer value.' })
  setDescription(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('description', { type: () => String, nullable: true }) description: string | null,
  ): Promise<Governance> {
    return this.service.setDescription(principal, ref(node), description ?? null);
  }

  @Mutation(() => Governance, { description: 'Steward owners; null returns to the producer value.' })
  setOwners(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('owners', { type: () => [OwnerInput], nullable: true }) owners: OwnerInput[] | null,
  ): Promise<Governance> {
    return this.service.setOwners(
      principal,
      ref(node),
      owners ? owners.map((o) => ({ name: o.name, type: o.type ?? null })) : null,
    );
  }

  @Mutation(() => Governance, { description: 'Steward tags; null returns to the producer value.' })
  setTags(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('tags', { type: () => [String], nullable: true }) tags: string[] | null,
  ): Promise<Governance> {
    return this.service.setTags(principal, ref(node), tags ?? null);
  }

  @Mutation(() => Governance, {
    description: 'Classify a dataset, job or column (e.g. PII level 3); columns propagate it downstream.',
  })
  classify(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('classification') classification: string,
    @Args('level', { type: () => Int, defaultValue: 1 }) level: number,
  ): Promise<Governance> {
    return this.service.classify(principal, ref(node), classification, level);
  }

  @Mutation(() => Governance)
  declassify(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('classification') classification: string,
  ): Promise<Governance> {
    return this.service.declassify(principal, ref(node), classification);
  }

  @Mutation(() => Governance, {
    description: 'Stop a classification (* = all) from propagating into and through this column.',
  })
  blockPropagation(
    @CurrentPrincipal() principal: Principal,
    @Args('field', { type: () => NodeRef }) field: NodeRef,
    @Args('classification', { defaultValue: '*' }) classification: string,
  ): Promise<Governance> {
    return this.service.setPropagationBlock(principal, ref(field), classification, true);
  }

  @Mutation(() => Governance)
  unblockPropagation(
    @CurrentPrincipal() principal: Principal,
    @Args('field', { type: () => NodeRef }) field: NodeRef,
    @Args('classification', { defaultValue: '*' }) classification: string,
  ): Promise<Governance> {
    return this.service.setPropagationBlock(principal, ref(field), classification, false);
  }

  @Mutation(() => GlossaryTerm, { description: 'Create or redefine a glossary term (steward anywhere).' })
  upsertGlossaryTerm(
    @CurrentPrincipal() principal: Principal,
    @Args('name') name: string,
    @Args('definition', { type: () => String, nullable: true }) definition: string | null,
  ): Promise<GlossaryTerm> {
    return this.service.upsertTerm(principal, name, definition ?? null);
  }

  @Mutation(() => Governance)
  assignGlossaryTerm(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('term') term: string,
  ): Promise<Governance> {
    return this.service.assignTerm(principal, ref(node), term, true);
  }

  @Mutation(() => Governance)
  unassignGlossaryTerm(
    @CurrentPrincipal() principal: Principal,
    @Args('node', { type: () => NodeRef }) node: NodeRef,
    @Args('term') term: string,
  ): Promise<Governance> {
    return this.service.assignTerm(principal, ref(node), term, false);
  }
}
