import * as engine from "../../plan/engine";
import type { ResolvedConfig } from "../../components/spec";
import type { PlanResult } from "../../plan/engine";
import { loadStackFile } from "../../stacks/load";

/**
 * One offline plan per distinct (stack name, resolved config) per test process. Planning is the
 * slow part of the suite and many test files read the same stack files (policy, URNs, secrets,
 * cost, diagrams, examples) or the same small configs, so every caller shares one result.
 *
 * Results are deep-frozen: a test that edits a shared plan throws a TypeError (test modules are
 * strict mode) instead of silently changing what later tests see. A config that carries a
 * function (none of our stack configs do) is not cacheable and is planned every time.
 */

const original = { planConfig: engine.planConfig };
const cache = new Map<string, Promise<PlanResult>>();
let hits = 0;
let misses = 0;

/** Plans a stack file (name or path) once per process. */
export async function cachedPlan(target: string): Promise<PlanResult> {
    const { file, stackName } = engine.resolveStackTarget(target);
    return cachedPlanConfig(loadStackFile(file), stackName);
}

/** planConfig, once per distinct (stack name, config). */
export function cachedPlanConfig(spec: ResolvedConfig, stackName: string): Promise<PlanResult> {
    const key = cacheKey(spec, stackName);
    if (key === undefined) return original.planConfig(spec, stackName);
    let p = cache.get(key);
    if (p) hits++;
    else {
        misses++;
        p = original.planConfig(spec, stackName).then(deepFreeze);
        // A failed plan is not kept: the next caller gets a fresh attempt and its own error.
        p.catch(() => cache.delete(key));
        cache.set(key, p);
    }
    return p;
}


/** How many plans were served from the cache and how many ran, for the suite's summary. */
export function planCacheStats(): { hits: number; misses: number } {
    return { hits, misses };
}

function cacheKey(spec: ResolvedConfig, stackName: string): string | undefined {
    let cacheable = true;
    const json = JSON.stringify(spec, (_k, v: unknown) => {
        if (typeof v === "function") cacheable = false;
        return v;
    });
    return cacheable ? `${stackName}\n${json}` : undefined;
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/**
 * Routes every planStack/planConfig call of the test process (test files, harness,
 * and modules they use such as plan/cost/compare.ts) through the functions above. Loaded once by
 * .mocharc.json (test/support/setup.ts) before any test file.
 */
export function installPlanCache(): void {
    // The transpiler exports bindings as getters, so the exports object cannot be assigned to;
    // every later `import ... from "plan/engine"` reads the module cache's exports object instead,
    // which is replaced with a copy whose plan functions are the cached ones.
    const id = require.resolve("../../plan/engine");
    const loaded = require.cache[id];
    if (!loaded) throw new Error("test/support/plan-cache: plan/engine is not in the module cache");
    const patched: Record<string, unknown> = { ...engine, planStack: cachedPlan, planConfig: cachedPlanConfig };
    Object.defineProperty(patched, "__esModule", { value: true });
    loaded.exports = patched;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if ((require("../../plan/engine") as typeof engine).planStack !== cachedPlan) {
        throw new Error("test/support/plan-cache: could not install the plan cache on plan/engine's exports");
    }
}
