import { createHash } from 'node:crypto';

// Fixed namespace for Tributary's dbt run ids: the same invocation and node give
// the same run id on every collection, so re-collecting changes nothing.
const NAMESPACE = 'b3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d';

/** An RFC 4122 version-5 UUID (SHA-1 of namespace + name). */
export function uuidV5(name: string, namespace: string = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Run id of one dbt node's job in one invocation. */
export function nodeRunId(invocationId: string, jobName: string): string {
  return uuidV5(`${invocationId}/${jobName}`);
}
