import { Injectable } from '@nestjs/common';
import { Neo4jService } from './neo4j.service.js';

// Ids are opaque (never parsed): the namespace of a node the read filter only knows by id comes from here.
const NAMESPACES_OF = `
UNWIND $ids AS id
OPTIONAL MATCH (d:Dataset {id: id})
OPTIONAL MATCH (j:Job {id: id})
OPTIONAL MATCH (f:Field {id: id})
RETURN id, coalesce(d.namespace, j.namespace, f.namespace) AS namespace`;

@Injectable()
export class NodeNamespaceRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  /** Namespace by node id; ids of no dataset, job or field are absent. */
  async namespacesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    return this.neo4j.read(async (tx) => {
      const result = await tx.run(NAMESPACES_OF, { ids: unique });
      const out = new Map<string, string>();
      for (const record of result.records) {
        const namespace = record.get('namespace') as string | null;
        if (namespace !== null) out.set(record.get('id') as string, namespace);
      }
      return out;
    });
  }
}
