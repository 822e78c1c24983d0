// Node flags of the API process, for every launcher: scripts/start.mjs, the
// test and benchmark harnesses, apps/api's own `npm start` and the Dockerfile
// (the last two spell them out; apps/api/src/launch-flags.spec.ts checks
// they agree with this list).

/**
 * 32 MB semi-spaces, a young generation twice V8's default here (16 MB
 * semi-spaces, measured with v8.getHeapSpaceStatistics): an impact answer of
 * thousands of items keeps a few MB alive while it is built and serialised,
 * and with four in flight the default young generation promotes them, so old
 * generation collections of the ~300 MB live heap (the lineage copies of the
 * benchmark graph) come every ~40 answers and land in the slowest ones. The
 * p95 of four-client column impacts went 332-374 -> 247-266 ms (three runs
 * each, docs/benchmarks.md).
 * Larger values help queries more but lift the intake's peak RSS past its
 * 400 MB bound (48 MB semi-spaces: 450 MB). V8 reads it only at start-up.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=32'];
