import { createHash } from 'node:crypto';

/**
 * Node ids as docs/graph-model.md defines them (Marquez style); opaque to readers.
 *
 * Ids sit in uniqueness constraints, and Neo4j's range indexes refuse keys
 * over 8,167 bytes, so an id that would be longer than MAX_PLAIN_ID_LENGTH
 * (UTF-16 code units, at most 3 UTF-8 bytes each) becomes a digest of the
 * identity it stands for. Short ids keep the plain form, so graphs written
 * before the digest form existed stay valid.
 */
export const MAX_PLAIN_ID_LENGTH = 1_000;

/**
 * `<kind>#sha256:<hex>` over the JSON list of identity parts: JSON keeps the
 * parts apart whatever they contain (NUL and `:` included), and the `#`
 * never follows the kind in a plain dataset, job or field id.
 */
function digestId(kind: string, parts: readonly string[]): string {
  return `${kind}#sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

const NAMESPACE_DIGEST = 'namespace#sha256:';

/**
 * A namespace's id is its name; a name that is too long, or that could pass
 * for a digest id, is digested so that no two namespaces share an id.
 */
export function namespaceId(namespace: string): string {
  return namespace.length <= MAX_PLAIN_ID_LENGTH && !namespace.startsWith(NAMESPACE_DIGEST)
    ? namespace
    : digestId('namespace', [namespace]);
}

/** Rows name their namespace; Cypher matches Namespace nodes by its id. */
export function withNamespaceIds<T extends { namespace: string }>(rows: T[]): (T & { namespaceId: string })[] {
  return rows.map((row) => ({ ...row, namespaceId: namespaceId(row.namespace) }));
}

export function datasetId(namespace: string, name: string): string {
  const plain = `dataset:${namespace}:${name}`;
  return plain.length <= MAX_PLAIN_ID_LENGTH ? plain : digestId('dataset', [namespace, name]);
}

export function jobId(namespace: string, name: string): string {
  const plain = `job:${namespace}:${name}`;
  return plain.length <= MAX_PLAIN_ID_LENGTH ? plain : digestId('job', [namespace, name]);
}

export function fieldId(namespace: string, name: string, path: string): string {
  const plain = `field:${namespace}:${name}:${path}`;
  return plain.length <= MAX_PLAIN_ID_LENGTH ? plain : digestId('field', [namespace, name, path]);
}

/** Bounded because dataset ids are (schema hashes are short). */
export const versionId = (dataset: string, hash: string): string => `${dataset}@${hash}`;
