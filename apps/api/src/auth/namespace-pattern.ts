const compiled = new Map<string, RegExp>();

/**
 * Whether a namespace matches a role binding's glob: `*` is any run of
 * characters (slashes and colons included, since namespaces are URIs such as
 * `postgres://sales-db:5432`), `?` one character, everything else literal and
 * case-sensitive, anchored at both ends.
 */
export function matchesNamespace(pattern: string, namespace: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const body = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('')
      .replace(/(\.\*)+/g, '.*');
    regex = new RegExp(`^${body}$`, 's');
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex.test(namespace);
}

/** A pattern a binding may carry: non-empty, printable, bounded. */
export function isValidPattern(pattern: string): boolean {
  return pattern.length > 0 && pattern.length <= 512 && [...pattern].every((char) => char.charCodeAt(0) >= 0x20);
}
