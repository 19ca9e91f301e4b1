/**
 * How this project starts Node.js for its own TypeScript, for every child process we start (the plan
 * CLI from tests, the diff's base plan, benchmark children) and in package.json's `plan` script.
 *
 * - SWC (`@swc-node/register`) transpiles a file in well under a millisecond where ts-node's
 *   TypeScript emitter takes tens of milliseconds; that made a CLI start-up 3 to 4 s. Types are
 *   checked once, by `tsc` (scripts/static-check.js).
 * - A 64 MB young generation: a plan allocates an object graph per resource (inputs, outputs,
 *   promises) that dies young; with V8's default 16 MB semi-space the scavenger ran several
 *   hundred times per plan (docs/benchmark.md has the measurements).
 */
export const TS_REGISTER = "@swc-node/register";
export const NODE_ARGS = ["--max-semi-space-size=64", "-r", TS_REGISTER];
