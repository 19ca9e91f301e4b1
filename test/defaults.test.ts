import * as assert from "assert";
import { configRows, type KeyRow } from "../scripts/config-reference";
import { PROFILES } from "../stacks/defaults";
import { loadConfigMap } from "../stacks/load";

/**
 * The config reference states defaults; the resolver applies them. This test resolves minimal
 * configs for every profile and checks, key by key, that each literal default in the reference is
 * what the resolver produced, and that each "profile (...)" default matches every profile.
 */

type Env = keyof typeof PROFILES;

/** A config where every optional block exists, so each default shows up in the resolved model. */
function awsConfig(env: Env): Record<string, unknown> {
    return {
        "platform:name": "app",
        "platform:environment": env,
        "platform:services": [{ name: "web", port: 3000, routes: ["/*"], volumes: [{ name: "v", mountPath: "/data", efs: { path: "/data" } }] }],
        "platform:database": {},
        "platform:cache": {},
        "platform:buckets": [{ name: "files" }],
        "platform:domain": { name: "app.example.com" },
        "platform:aws": { compute: { type: "fargate" } },
        // Prod's immutable tags refuse the default "latest": a release tag, as CI would set it.
        "platform:release": "v1",
    };
}

function gcpConfig(env: Env): Record<string, unknown> {
    return {
        "platform:name": "app",
        "platform:environment": env,
        "platform:clouds": ["gcp"],
        "platform:gcp": { project: "app-project-1" },
        "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }],
        "platform:release": "v1",
        "platform:allowHttp": true,
    };
}

/** The resolved value for a reference key such as `services[].healthCheck.path` (list elements: the first). */
function resolvedAt(model: unknown, key: string): { found: boolean; value?: unknown } {
    let cur: unknown = model;
    for (const part of key.split(".")) {
        const list = part.endsWith("[]");
        const name = list ? part.slice(0, -2) : part;
        if (cur === null || typeof cur !== "object" || !(name in cur)) return { found: false };
        cur = (cur as Record<string, unknown>)[name];
        if (list) {
            if (!Array.isArray(cur) || cur.length === 0) return { found: false };
            cur = cur[0];
        }
    }
    return { found: true, value: cur };
}

/** The documented default as a value, or undefined when it is prose ("derived from ..."). */
function literal(text: string): { value: unknown } | undefined {
    try {
        return { value: JSON.parse(text) };
    } catch {
        return undefined;
    }
}

function profileValues(text: string): Partial<Record<Env, unknown>> | undefined {
    const m = /^profile \((.*)\)$/.exec(text);
    if (!m) return undefined;
    const out: Partial<Record<Env, unknown>> = {};
    for (const part of m[1].split(", ")) {
        const [env, ...rest] = part.split(" ");
        out[env as Env] = JSON.parse(rest.join(" "));
    }
    return out;
}

describe("documented defaults are the resolver's defaults", () => {
    // Top-level keys the configs above set themselves (release, allowHttp, ...) say nothing about defaults.
    const given = new Set(Object.keys({ ...awsConfig("dev"), ...gcpConfig("dev") }).map((k) => k.replace(/^platform:/, "")));
    const rows: KeyRow[] = configRows().filter((r) => r.default !== undefined && r.default !== "" && !given.has(r.key));
    const models = Object.fromEntries((Object.keys(PROFILES) as Env[]).map((env) => [env, {
        aws: loadConfigMap(awsConfig(env), `defaults-${env}`),
        gcp: loadConfigMap(gcpConfig(env), `defaults-gcp-${env}`),
    }]));
    const modelFor = (env: Env, key: string) => (key.startsWith("gcp.") || key.startsWith("services[].gcp.") ? models[env].gcp : models[env].aws);

    it("every literal default in the reference equals the resolved value, in every profile", () => {
        const problems: string[] = [];
        let checked = 0;
        for (const r of rows) {
            const lit = literal(r.default!);
            if (!lit) continue;
            for (const env of Object.keys(PROFILES) as Env[]) {
                const at = resolvedAt(modelFor(env, r.key), r.key);
                if (!at.found) continue;
                checked++;
                if (JSON.stringify(at.value) !== JSON.stringify(lit.value)) problems.push(`${r.key} (${env}): documented ${r.default}, resolved ${JSON.stringify(at.value)}`);
            }
        }
        assert.deepStrictEqual(problems, []);
        // Guard against a vacuous pass (e.g. the key mapping breaking): most literal defaults are checked.
        assert.ok(checked >= 3 * 60, `only ${checked} default checks ran`);
    });

    it("every profile default in the reference equals the resolved value of that profile", () => {
        const problems: string[] = [];
        let checked = 0;
        for (const r of rows) {
            const perEnv = profileValues(r.default!);
            if (!perEnv) continue;
            for (const [env, expected] of Object.entries(perEnv) as [Env, unknown][]) {
                const at = resolvedAt(modelFor(env, r.key), r.key);
                assert.ok(at.found, `${r.key} is not in the resolved model`);
                checked++;
                if (JSON.stringify(at.value) !== JSON.stringify(expected)) problems.push(`${r.key} (${env}): documented ${JSON.stringify(expected)}, resolved ${JSON.stringify(at.value)}`);
            }
        }
        assert.deepStrictEqual(problems, []);
        assert.ok(checked >= 3 * 10, `only ${checked} profile checks ran`);
    });
});
