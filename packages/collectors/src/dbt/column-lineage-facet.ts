import type { ColumnLineageDatasetFacet, ColumnLineageInputField } from '@tributary/openlineage';
import type { ColumnLineageResult, ColumnSource } from '../sql/types.js';
import { facet } from './facet.js';

function inputField(source: ColumnSource, transformations: ColumnSource['transformation'][]): ColumnLineageInputField {
  return {
    namespace: source.table.namespace,
    name: source.table.name,
    field: source.field,
    transformations: transformations.map((t) => ({
      type: t.type,
      subtype: t.subtype,
      description: '',
      masking: t.masking === true,
    })),
  };
}

/** Groups sources by input column, one entry per column with every transformation it goes through. */
function inputFields(sources: ColumnSource[]): ColumnLineageInputField[] {
  const grouped = new Map<string, { source: ColumnSource; transformations: ColumnSource['transformation'][] }>();
  for (const s of sources) {
    const key = `${s.table.namespace}\u0000${s.table.name}\u0000${s.field}`;
    const entry = grouped.get(key) ?? { source: s, transformations: [] };
    if (
      !entry.transformations.some(
        (t) =>
          t.type === s.transformation.type &&
          t.subtype === s.transformation.subtype &&
          (t.masking === true) === (s.transformation.masking === true),
      )
    ) {
      entry.transformations.push(s.transformation);
    }
    grouped.set(key, entry);
  }
  return [...grouped.values()].map((e) => inputField(e.source, e.transformations));
}

export function columnLineageFacet(result: ColumnLineageResult): ColumnLineageDatasetFacet | undefined {
  const fields: ColumnLineageDatasetFacet['fields'] = {};
  for (const column of result.columns) {
    if (column.sources.length > 0) fields[column.name] = { inputFields: inputFields(column.sources) };
  }
  if (Object.keys(fields).length === 0 && result.dataset.length === 0) return undefined;
  const out: ColumnLineageDatasetFacet = { ...facet('ColumnLineageDatasetFacet', '1-2-0'), fields };
  if (result.dataset.length > 0) out.dataset = inputFields(result.dataset);
  return out;
}
