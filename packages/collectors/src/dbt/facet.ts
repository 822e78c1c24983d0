export const PRODUCER = 'https://github.com/tributary-lineage/tributary/tree/0.1.0/packages/collectors/dbt';

/** `_producer` and `_schemaURL` of a standard OpenLineage facet. */
export const facet = (name: string, version: string) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`,
});
