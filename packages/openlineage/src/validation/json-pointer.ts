/** RFC 6901 JSON Pointer from a path of keys and indexes, e.g. ["run", "runId"] → "/run/runId". */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  let pointer = '';
  for (const key of path) pointer += '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1');
  return pointer;
}
