export { ArtifactError, readArtifacts, type DbtArtifacts } from './artifacts.js';
export { collectDbt, type CollectDbtOptions, type DbtCollection } from './collect.js';
export { columnLineageFacet } from './column-lineage-facet.js';
export { normalizeDbt } from './events.js';
export { modelColumnLineage, type ModelColumnLineage } from './model-lineage.js';
export { NamingError, datasetName, datasetNamespace } from './naming.js';
export { uuidV5 } from './run-id.js';
