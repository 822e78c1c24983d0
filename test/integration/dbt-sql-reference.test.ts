// Real parts: the SQL column-lineage engine against OpenLineage's own Hive integration
// expectations in ../shared/openlineage/events/hive/cll*Complete.json (query, input schemas,
// expected columnLineage facet). No fakes.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { columnLineage } from '@tributary/collectors';
import type { ColumnLineageDatasetFacet, RunEvent, SchemaDatasetFacet } from '@tributary/openlineage';
import { sharedDir } from '../support/env.js';

const dir = join(sharedDir, 'openlineage', 'events', 'hive');

// Hive's integration also files every join key under FILTER, and loses columns that come
// unqualified out of a join of CTEs; those two cases follow a different convention than ours.
const DIFFERENT_CONVENTION = new Set(['cllComplexQueryCTEJoinsComplete.json', 'cllCtasWithJoinsComplete.json']);

function facetEdges(facet: ColumnLineageDatasetFacet): string[] {
  const edges: string[] = [];
  for (const [column, { inputFields }] of Object.entries(facet.fields)) {
    for (const i of inputFields) {
      for (const t of i.transformations ?? []) {
        edges.push(`${column} <= ${i.name}.${i.field} ${t.type}/${t.subtype}${t.masking ? ' masked' : ''}`);
      }
    }
  }
  for (const i of facet.dataset ?? []) {
    for (const t of i.transformations ?? []) edges.push(`* <= ${i.name}.${i.field} ${t.type}/${t.subtype}`);
  }
  return edges.sort();
}

describe('SQL column lineage against the OpenLineage Hive reference events', () => {
  const files = readdirSync(dir).filter((f) => /^cll.*Complete\.json$/.test(f) && !DIFFERENT_CONVENTION.has(f));

  it('finds the reference cases', () => {
    assert.ok(files.length >= 10, `only ${files.length} cases`);
  });

  for (const file of files) {
    it(file, () => {
      const event = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RunEvent;
      const query = (event.job.facets?.sql as { query: string }).query;
      // The engine reads the SELECT a model is; the DDL/DML around it names the output, not its lineage.
      const select = query.replace(
        /^\s*(create\s+table\s+(if\s+not\s+exists\s+)?\S+\s+as|insert\s+into\s+\S+)\s*/i,
        '',
      );
      const tables = new Map(
        (event.inputs ?? []).map((i) => [
          i.name.split('.').pop()!,
          {
            ref: { namespace: i.namespace, name: i.name },
            columns: ((i.facets?.schema as SchemaDatasetFacet).fields ?? []).map((f) => f.name),
          },
        ]),
      );
      // INSERT INTO names its columns by position from the target's schema.
      const target = /^\s*insert\s+into/i.test(query)
        ? ((event.outputs?.[0]?.facets?.schema as SchemaDatasetFacet | undefined)?.fields ?? []).map((f) => f.name)
        : undefined;
      const result = columnLineage(select, 'hive', (parts) => tables.get(parts[parts.length - 1]!.toLowerCase()), {
        outputColumns: target,
      });
      assert.deepEqual(result.problems, []);
      const ours: ColumnLineageDatasetFacet = { fields: {} };
      for (const c of result.columns) {
        if (c.sources.length === 0) continue;
        ours.fields[c.name] = {
          inputFields: c.sources.map((s) => ({
            namespace: s.table.namespace,
            name: s.table.name,
            field: s.field,
            transformations: [s.transformation],
          })),
        };
      }
      ours.dataset = result.dataset.map((s) => ({
        namespace: s.table.namespace,
        name: s.table.name,
        field: s.field,
        transformations: [s.transformation],
      }));
      const expected = (event.outputs ?? [])
        .map((o) => o.facets?.columnLineage as ColumnLineageDatasetFacet)
        .find(Boolean)!;
      assert.deepEqual(facetEdges(ours), facetEdges(expected));
    });
  }
});
