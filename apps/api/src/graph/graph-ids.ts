/** Node ids as docs/graph-model.md defines them (Marquez style); opaque to readers. */
export const datasetId = (namespace: string, name: string): string => `dataset:${namespace}:${name}`;
export const jobId = (namespace: string, name: string): string => `job:${namespace}:${name}`;
export const fieldId = (namespace: string, name: string, path: string): string => `field:${namespace}:${name}:${path}`;
export const versionId = (dataset: string, hash: string): string => `${dataset}@${hash}`;
