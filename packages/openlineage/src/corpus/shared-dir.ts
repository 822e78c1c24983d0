import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, from packages/openlineage/dist/corpus at run time. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The read-only shared material beside the checkout (as test/support/env.ts resolves it). */
export const sharedDir = process.env.TRIBUTARY_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** The OpenLineage event corpus with its INDEX.md. */
export const corpusEventsDir = resolve(sharedDir, 'openlineage', 'events');

/** The official JSON Schemas: OpenLineage.json and facets/*.json. */
export const specDir = resolve(sharedDir, 'openlineage', 'spec');
