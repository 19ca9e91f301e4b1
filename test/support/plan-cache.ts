import { planStack, type PlanResult } from "../../plan/engine";

/**
 * One offline plan per stack file per test run: the policy, URN, prod-protection and secrets
 * tests all read every stack file's plan, and planning is the slow part. Plans are read-only
 * for those tests.
 */
const cache = new Map<string, Promise<PlanResult>>();

export function cachedPlan(stackFile: string): Promise<PlanResult> {
    let p = cache.get(stackFile);
    if (!p) {
        p = planStack(stackFile);
        cache.set(stackFile, p);
    }
    return p;
}
