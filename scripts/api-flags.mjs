// Node flags of the API process, for every launcher: scripts/start.mjs, the
// test and benchmark harnesses, apps/api's own `npm start` and the Dockerfile
// (the last two spell them out; test/unit checks they agree with this list).

/**
 * A 32 MB young generation (V8's default here is 16): an impact answer of
 * thousands of items keeps a few MB alive while it is built and serialised,
 * and with four in flight a 16 MB young generation promotes them, so old
 * generation collections of the ~300 MB live heap (the lineage copies) come
 * every ~40 answers and land in the slowest ones. Measured in
 * docs/benchmarks.md: column impact p95 at four clients ~350 -> ~260 ms.
 * Larger values help queries more but lift the intake's peak RSS past its
 * 400 MB bound (48 MB: 450 MB). V8 reads it only at start-up.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=32'];
