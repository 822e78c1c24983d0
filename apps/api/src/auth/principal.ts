/** What a caller may do, per namespace pattern. */
export const ROLES = ['viewer', 'producer', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type RoleBinding = { role: Role; namespace: string };

/**
 * The authenticated caller. `token` is a stored API token, `bootstrap` the
 * TRIBUTARY_ADMIN_TOKEN, `anonymous` everyone when TRIBUTARY_AUTH=off.
 */
export type Principal = {
  kind: 'token' | 'bootstrap' | 'anonymous';
  id: string;
  name: string;
  bindings: readonly RoleBinding[];
};

export const ANONYMOUS_ADMIN: Principal = Object.freeze({
  kind: 'anonymous',
  id: 'anonymous',
  name: 'anonymous (TRIBUTARY_AUTH=off)',
  bindings: Object.freeze([{ role: 'admin', namespace: '*' }]) as readonly RoleBinding[],
});

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
