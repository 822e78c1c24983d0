import { useEffect, useState } from 'react';
import { request } from '../../../api/client.js';

export type NodeTags = { tags: readonly string[]; classifications: readonly string[] };

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

/**
 * Tags and effective classifications (inherited ones included) of datasets,
 * jobs or columns by id; best effort — pages work without them. `version`
 * asks again after an edit.
 */
export function useTagsOf(ids: readonly string[], version = 0): ReadonlyMap<string, NodeTags> {
  const [tags, setTags] = useState<ReadonlyMap<string, NodeTags>>(new Map());
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
    // The id list is compared by value.
  }, [key, version]);
  return tags;
}
