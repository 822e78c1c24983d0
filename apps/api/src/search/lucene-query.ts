// Characters with a meaning in Lucene's query syntax; user text must match them literally.
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(term: string): string {
  return term.replace(SPECIAL, (char) => `\\${char}`);
}

/**
 * A ranked, prefix- and typo-tolerant query from what a user typed: every
 * word must match, exactly (best), as a prefix, within two edits
 * ("ordr" finds "orders") or inside a longer token. Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[\s.,;:/_-]+/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0 && !/^(and|or|not)$/.test(word))
    .slice(0, 8);
  if (words.length === 0) return null;
  return words
    .map((word) => {
      const term = escapeLucene(word);
      const parts = [`${term}^4`, `${term}*^2`];
      if (word.length >= 3) parts.push(`${term}~`);
      // Inside a token: a dotted or snake_case name the analyzer kept whole.
      parts.push(`*${term}*`);
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}
