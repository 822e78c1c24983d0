export { columnLineage } from './column-lineage.js';
export type * from './types.js';
