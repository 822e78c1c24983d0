import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The parts of an impact report that cost database reads or a pass over
 * every item. A report computes only what the query asks for: the impact
 * page does not ask for `jobs`, the benchmark not for totals by owner.
 */
export interface ImpactSelection {
  owners: boolean;
  tags: boolean;
  classifications: boolean;
  lastSuccess: boolean;
  jobs: boolean;
  paths: boolean;
  transformation: boolean;
  byNamespace: boolean;
  byOwner: boolean;
}

export const FULL_IMPACT_SELECTION: Readonly<ImpactSelection> = Object.freeze({
  owners: true,
  tags: true,
  classifications: true,
  lastSuccess: true,
  jobs: true,
  paths: true,
  transformation: true,
  byNamespace: true,
  byOwner: true,
});

/** What the `impact` field being resolved selects; fields under @skip/@include count as selected. */
export function impactSelection(info: GraphQLResolveInfo): ImpactSelection {
  const selected = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, '', info, selected, new Set());
  return {
    owners: selected.has('items.owners') || selected.has('byOwner'),
    tags: selected.has('items.tags'),
    classifications: selected.has('items.classifications'),
    lastSuccess: selected.has('items.lastSuccessfulRunAt'),
    jobs: selected.has('items.jobs'),
    paths: selected.has('items.path'),
    transformation: selected.has('items.strongestTransformation'),
    byNamespace: selected.has('byNamespace'),
    byOwner: selected.has('byOwner'),
  };
}

/** Dotted paths of the selected fields, two levels deep, through fragments. */
function collect(
  selectionSet: SelectionSetNode | undefined,
  prefix: string,
  info: GraphQLResolveInfo,
  into: Set<string>,
  visiting: Set<string>,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const path = prefix + selection.name.value;
      into.add(path);
      if (prefix === '') collect(selection.selectionSet, `${path}.`, info, into, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, prefix, info, into, visiting);
    } else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      // Validation refuses fragment cycles; the guard only keeps this walk finite regardless.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      collect(fragment.selectionSet, prefix, info, into, visiting);
      visiting.delete(name);
    }
  }
}
