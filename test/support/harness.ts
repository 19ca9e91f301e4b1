import * as assert from "assert";
import { ConfigError, renderIssue } from "../../stacks/errors";
import { loadConfigMap } from "../../stacks/load";
import type { PlanResult, PlannedResource } from "../../plan/engine";
import { planConfig } from "../../plan/engine";

/** A minimal valid AWS stack config; tests override keys from here. */
export const BASE: Readonly<Record<string, unknown>> = Object.freeze({
    "platform:name": "app",
    "platform:environment": "dev",
    "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }],
});

/** BASE with keys replaced (a key set to undefined is removed). */
export function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = structuredClone({ ...BASE });
    for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete out[k];
        else out[k] = v;
    }
    return out;
}

/** Asserts the config is rejected with an issue at `path` whose rendered text contains `text`. */
export function expectInvalid(map: Record<string, unknown>, path: string, text: string | RegExp): ConfigError {
    let error: unknown;
    try {
        loadConfigMap(map, "test");
    } catch (e) {
        error = e;
    }
    assert.ok(error instanceof ConfigError, `expected a ConfigError for ${path}, got ${error === undefined ? "a valid config" : String(error)}`);
    const rendered = error.issues.map(renderIssue);
    const hit = rendered.find((r) => r.startsWith(path + ":") && (typeof text === "string" ? r.includes(text) : text.test(r)));
    assert.ok(hit, `no issue at ${path} matching ${String(text)}; issues were:\n  ${rendered.join("\n  ")}`);
    return error;
}

/** Validates, resolves and plans a config map under mocks. */
export async function plan(map: Record<string, unknown>, stack = "test"): Promise<PlanResult> {
    return planConfig(loadConfigMap(map, "test"), stack);
}

export function ofType(p: PlanResult, type: string): PlannedResource[] {
    return p.resources.filter((r) => r.type === type);
}

export function one(p: PlanResult, type: string, nameIncludes = ""): PlannedResource {
    const hits = ofType(p, type).filter((r) => r.name.includes(nameIncludes));
    assert.strictEqual(hits.length, 1, `expected one ${type} named *${nameIncludes}*, found ${hits.map((h) => h.name).join(", ") || "none"}`);
    return hits[0];
}

/** Resolves an Output or promise for assertions (instead of done() inside apply). */
export function promiseOf<T>(output: { apply<U>(f: (t: T) => U): unknown }): Promise<T> {
    return new Promise((resolve) => output.apply((v: T) => { resolve(v); return v; }));
}
