import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, from test/dist/support at run time. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The read-only shared material beside the checkout (OpenLineage corpus, dbt and Airbyte fixtures). */
export const sharedDir = process.env.TRIBUTARY_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** The Neo4j that `npm test` started (or NEO4J_URI), as the API reads it. */
export function neo4jEnv(): { NEO4J_URI: string; NEO4J_USER: string; NEO4J_PASSWORD: string } {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: run the integration tests through `npm test`');
  return {
    NEO4J_URI: uri,
    NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '',
  };
}
