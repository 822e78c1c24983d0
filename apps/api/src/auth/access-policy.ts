import { Injectable } from '@nestjs/common';
import { matchesNamespace } from './namespace-pattern.js';
import type { Principal, Role } from './principal.js';

/** What a binding's role lets its holder do (admin implies everything; producer and steward imply viewer). */
const GRANTS: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  producer: ['producer', 'viewer'],
  steward: ['steward', 'viewer'],
  admin: ['admin', 'steward', 'producer', 'viewer'],
};

/** The parts of an OpenLineage event a producer must own: the job and every dataset it writes. */
export type ProducedEvent = {
  job?: { namespace: string } | null;
  outputs?: ReadonlyArray<{ namespace: string }> | null;
  dataset?: { namespace: string } | null;
};

export type ProduceDecision = { allowed: true } | { allowed: false; deniedNamespaces: string[] };

export function hasRole(principal: Principal, role: Role, namespace: string): boolean {
  return principal.bindings.some(
    (binding) => GRANTS[binding.role].includes(role) && matchesNamespace(binding.namespace, namespace),
  );
}

/**
 * Every access decision in one place, pure over the principal so services,
 * resolvers and the intake ask the same question the same way.
 */
@Injectable()
export class AccessPolicy {
  canRead(principal: Principal, namespace: string): boolean {
    return hasRole(principal, 'viewer', namespace);
  }

  canSteward(principal: Principal, namespace: string): boolean {
    return hasRole(principal, 'steward', namespace);
  }

  /** Inputs are not checked: a producer may read from anywhere, it may only write where it owns. */
  canProduce(principal: Principal, event: ProducedEvent): ProduceDecision {
    const namespaces = new Set<string>();
    if (event.job?.namespace !== undefined) namespaces.add(event.job.namespace);
    if (event.dataset?.namespace !== undefined) namespaces.add(event.dataset.namespace);
    for (const output of event.outputs ?? []) namespaces.add(output.namespace);
    const denied = [...namespaces].filter((namespace) => !hasRole(principal, 'producer', namespace));
    return denied.length === 0 ? { allowed: true } : { allowed: false, deniedNamespaces: denied };
  }

  /** Tokens and the audit log: an admin binding on `*`. */
  isGlobalAdmin(principal: Principal): boolean {
    return principal.bindings.some((binding) => binding.role === 'admin' && binding.namespace === '*');
  }

  /** Cheap pre-check before reading a body: could this caller do `role` anywhere at all? */
  hasRoleAnywhere(principal: Principal, role: Role): boolean {
    return principal.bindings.some((binding) => GRANTS[binding.role].includes(role));
  }
}
