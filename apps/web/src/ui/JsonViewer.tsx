/** A collapsible viewer for one facet (or any JSON value). */
export function JsonViewer({ name, value }: { name: string; value: unknown }) {
  return (
    <details className="json-viewer">
      <summary>{name}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** Facets arrive as a JSON string or object; either way a map by facet key. */
export function parseFacets(facets: unknown): Record<string, unknown> {
  if (typeof facets === 'string') {
    try {
      const parsed: unknown = JSON.parse(facets);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return facets && typeof facets === 'object' ? (facets as Record<string, unknown>) : {};
}
