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
import * as path from "path";

export const TS_REGISTER = "@swc-node/register";
export const NODE_ARGS = ["--max-semi-space-size=64", "-r", TS_REGISTER];

/** The plan CLI of this checkout, as a child process's arguments: `[...NODE_ARGS, plan/cli.ts, ...args]`. */
export function planCliArgs(...args: string[]): string[] {
    return [...NODE_ARGS, path.join(__dirname, "cli.ts"), ...args];
}

/**
 * Pulumi records a stack trace for every promise and resource (debug aids), and the source-map
 * hook rewrites each one: most of a large plan's time. Off (no frames, and V8's own formatter for
 * the `new Error().stack` Pulumi still reads per promise) unless PLAN_STACK_TRACES=1. Used by the
 * plan CLI, the benchmark's children and the test run.
 */
export function stackTracesOff(): void {
    if (process.env.PLAN_STACK_TRACES) return;
    Error.stackTraceLimit = 0;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}
