/**
 * Cypher expression for `searchName`: the name with separators turned into
 * spaces. Lucene's standard analyzer keeps `shop.public.orders` or
 * `order_id` as one token, so a search for "orders" would miss them; the
 * full-text index covers this property beside `name`.
 */
export function searchName(expression: string): string {
  let out = expression;
  for (const separator of ['.', '_', '/', ':', '-']) out = `replace(${out}, '${separator}', ' ')`;
  return out;
}
