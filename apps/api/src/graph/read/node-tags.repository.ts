import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j.service.js';
import { readRecords } from './read-errors.js';

export interface NodeTagsRow {
  id: string;
  namespace: string;
  tags: string[];
  classifications: string[];
}

// Steward tags (govTags) win over the producer's, as on the dataset page;
// `classifications` is governance's effective list, inherited ones included.
const NODE_TAGS = `
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Dataset {id: id}) RETURN n
  UNION
  MATCH (n:Job {id: id}) RETURN n
  UNION
  MATCH (n:Field {id: id}) RETURN n
}
RETURN n.id AS id, n.namespace AS namespace, coalesce(n.govTags, n.tags, []) AS tags,
       coalesce(n.classifications, []) AS classifications`;

/** Tags and classifications of lineage nodes by id, for filtering a graph that carries none. */
@Injectable()
export class NodeTagsRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async byIds(ids: readonly string[]): Promise<NodeTagsRow[]> {
    if (ids.length === 0) return [];
    return readRecords<NodeTagsRow>(this.neo4j, NODE_TAGS, { ids: [...ids] });
  }
}
