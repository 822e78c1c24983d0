/** Node flags every launcher passes to apps/api/dist/main.js (why: api-flags.mjs). */
export const API_NODE_FLAGS: readonly string[];
