import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { Neo4jService } from '../neo4j.service.js';
import { translateReadError } from './read-errors.js';

/** The writer's full-text index over Dataset/Job/Field name and description (docs/graph-model.md). */
export const SEARCH_INDEX = 'lineage_search';

export interface SearchHitRow {
  label: 'Dataset' | 'Job' | 'Field';
  id: string;
  namespace: string;
  name: string;
  path: string | null;
  description: string | null;
  score: number;
}

const SEARCH = `
CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l IN ['Dataset', 'Job', 'Field']][0] AS label
WHERE label IN $labels AND ($namespace IS NULL OR node.namespace = $namespace)
RETURN label, node.id AS id, node.namespace AS namespace,
       CASE label WHEN 'Field' THEN node.datasetName ELSE node.name END AS name,
       CASE label WHEN 'Field' THEN node.path ELSE null END AS path,
       node.description AS description, score
ORDER BY score DESC, id
LIMIT $limit`;

@Injectable()
export class SearchRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  /**
   * Ranked hits for a Lucene query (already escaped by the caller). `fetch`
   * bounds what the index hands over before the label and namespace filters.
   */
  async search(
    query: string,
    labels: string[],
    namespace: string | null,
    limit: number,
    fetch: number,
  ): Promise<SearchHitRow[]> {
    try {
      return await this.neo4j.read(async (tx) => {
        const result = await tx.run(SEARCH, {
          index: SEARCH_INDEX,
          query,
          labels,
          namespace,
          limit: neo4j.int(limit),
          fetch: neo4j.int(fetch),
        });
        return result.records.map((record) => record.toObject() as SearchHitRow);
      });
    } catch (error) {
      return translateReadError(error);
    }
  }
}
