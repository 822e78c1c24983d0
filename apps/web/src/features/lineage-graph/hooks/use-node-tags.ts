import type { LineageNode } from '../../../api/types.js';
import { type NodeTags, useTagsOf } from '../../governance/hooks/use-tags-of.js';

/** Tags and classifications of the nodes shown, for the tag filter. */
export function useNodeTags(nodes: readonly LineageNode[] | undefined): ReadonlyMap<string, NodeTags> {
  // Restricted placeholders and client-side clusters have no tags to ask for.
  const ids = (nodes ?? []).filter((node) => !node.clusterSize && !node.id.startsWith('restricted')).map((n) => n.id);
  return useTagsOf(ids);
}
