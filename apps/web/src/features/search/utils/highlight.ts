export type Segment = { text: string; match: boolean };

/**
 * Splits `text` into runs that match a word of `query` (case-insensitive)
 * and runs that do not, for <mark> highlighting without innerHTML.
 */
export function highlight(text: string, query: string): Segment[] {
  const words = query
    .toLowerCase()
    .split(/[\s.]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0 || text.length === 0) return text ? [{ text, match: false }] : [];
  const lower = text.toLowerCase();
  const marked = new Uint8Array(text.length);
  for (const word of words)
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1))
      marked.fill(1, at, at + word.length);
  const segments: Segment[] = [];
  for (let i = 0; i < text.length;) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    segments.push({ text: text.slice(i, j), match: marked[i] === 1 });
    i = j;
  }
  return segments;
}
