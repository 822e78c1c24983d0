import { useEffect, useState } from 'react';
import { request } from '../../../api/client.js';
import type { LineageNode } from '../../../api/types.js';
import type { NodeTags } from '../utils/graph-filter.js';

const NODE_TAGS = /* GraphQL */ `
  query NodeTags($ids: [ID!]!) {
    nodeTags(ids: $ids) {
      id
      tags
      classifications
    }
  }
`;

/** The API takes up to 5,000 ids per call. */
const CHUNK = 2000;

/** Tags and classifications of the nodes shown, for the tag filter; best effort — the graph works without them. */
export function useNodeTags(nodes: readonly LineageNode[] | undefined): ReadonlyMap<string, NodeTags> {
  const [tags, setTags] = useState<ReadonlyMap<string, NodeTags>>(new Map());
  // Restricted placeholders and client-side clusters have no tags to ask for.
  const ids = (nodes ?? []).filter((node) => !node.clusterSize && !node.id.startsWith('restricted')).map((n) => n.id);
  const key = ids.join('\n');
  useEffect(() => {
    if (ids.length === 0) return undefined;
    const controller = new AbortController();
    const chunks = Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) =>
      ids.slice(i * CHUNK, (i + 1) * CHUNK),
    );
    Promise.all(
      chunks.map((chunk) =>
        request<{ nodeTags: Array<NodeTags & { id: string }> }>(NODE_TAGS, { ids: chunk }, controller.signal),
      ),
    ).then(
      (answers) => setTags(new Map(answers.flatMap((answer) => answer.nodeTags.map((row) => [row.id, row] as const)))),
      () => undefined,
    );
    return () => controller.abort();
    // The node list is compared by its ids.
  }, [key]);
  return tags;
}
