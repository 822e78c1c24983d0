/**
 * Owner names from the writer's JSON string: the OpenLineage ownership facet
 * gives `{name, type}` objects; plain strings are accepted too.
 */
export function parseOwners(json: string | null | undefined): string[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const entry of value) {
    if (typeof entry === 'string') names.push(entry);
    else if (entry && typeof entry === 'object' && 'name' in entry && typeof entry.name === 'string')
      names.push(entry.name);
  }
  return [...new Set(names)];
}
