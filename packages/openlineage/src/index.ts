export const OPENLINEAGE_SPEC_VERSION = '2-0-2';
export * from './types.js';
