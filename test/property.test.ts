import * as assert from "assert";
import fc from "fast-check";
import { planConfig } from "../plan/engine";
import { ConfigError } from "../stacks/errors";
import { loadConfigMap } from "../stacks/load";
import { LIMITS } from "../components/limits";
import { LOG_RETENTION_DAYS } from "../stacks/schema-helpers";

/**
 * Property-based checks of the config layer. Valid configs are generated inside the schema's
 * ranges (short names so derived physical names fit AWS limits, Fargate pairs from the table,
 * min <= max, unique routes); mutations then break them at random places. Run counts are small
 * because each plan runs the whole program under mocks.
 */

const FARGATE_PAIRS: [number, number][] = [[256, 512], [256, 1024], [256, 2048], [512, 1024], [512, 4096], [1024, 2048], [1024, 8192], [2048, 4096], [4096, 8192]];
const SERVICE_NAMES = ["web", "api", "worker", "admin", "jobs"];

/**
 * Physical names start with `<name>-`, so an app name such as "sg" or "sthree" meets a prefix a
 * provider reserves ("sg-", "sthree-") and is rightly refused: valid app names avoid every one.
 */
const RESERVED_PREFIXES = Object.values(LIMITS).flatMap((l) => l.name?.prefixes ?? []);
const appNameArb = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/).filter((n) => !RESERVED_PREFIXES.some((p) => `${n}-`.startsWith(p)));

const serviceArb = (name: string, index: number) => fc.record({
    kind: fc.constantFrom("public", "internal", "worker"),
    port: fc.integer({ min: 1024, max: 65535 }),
    pair: fc.constantFrom(...FARGATE_PAIRS),
    min: fc.integer({ min: 0, max: 3 }),
    extra: fc.integer({ min: 0, max: 6 }),
    interval: fc.integer({ min: 10, max: 60 }),
    arm: fc.boolean(),
}).map((s) => {
    const out: Record<string, unknown> = { name, cpu: s.pair[0], memory: s.pair[1], scaling: { min: s.min, max: Math.max(1, s.min + s.extra) } };
    if (s.arm) out.architecture = "arm64";
    if (s.kind !== "worker") out.port = s.port;
    if (s.kind === "public") {
        out.routes = [index === 0 ? "/*" : `/${name}/*`];
        out.healthCheck = { path: "/", interval: s.interval, timeout: Math.min(5, s.interval - 1) };
    }
    return out;
});

export const validConfigArb = fc.record({
    name: appNameArb,
    environment: fc.constantFrom("dev", "staging", "prod"),
    names: fc.uniqueArray(fc.constantFrom(...SERVICE_NAMES), { minLength: 1, maxLength: 3 }),
    seeds: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    database: fc.option(fc.record({
        version: fc.constantFrom("15.5", "16.3"),
        allocatedStorage: fc.integer({ min: 20, max: 100 }),
        backupRetentionDays: fc.integer({ min: 0, max: 35 }),
        multiAz: fc.boolean(),
    }), { nil: undefined }),
    cache: fc.option(fc.record({ version: fc.constantFrom("7.0", "7.1"), replicas: fc.integer({ min: 0, max: 2 }), evictionPolicy: fc.constantFrom("allkeys-lru", "volatile-ttl", "noeviction") }), { nil: undefined }),
    logRetentionDays: fc.constantFrom(...LOG_RETENTION_DAYS),
    clouds: fc.constantFrom<string[]>(["aws"], ["aws", "gcp"], ["gcp"]),
    extras: fc.boolean(),
    network: fc.option(fc.record({
        cidr: fc.constantFrom("10.0.0.0/16", "10.1.0.0/16", "172.16.0.0/16", "10.20.0.0/20"),
        azCount: fc.integer({ min: 2, max: 3 }),
        natGateways: fc.constantFrom("perAz", "single", "none"),
    }), { nil: undefined }),
}).chain((c) => fc.tuple(...c.names.map((n, i) => serviceArb(n, i))).map((services) => {
    // A public service needs a route; the first public one takes "/*".
    let first = true;
    for (const s of services) {
        if (s.routes) {
            s.routes = [first ? "/*" : `/${String(s.name)}/*`];
            first = false;
        }
    }
    const map: Record<string, unknown> = {
        "platform:name": c.name,
        "platform:environment": c.environment,
        // Prod's immutable tags refuse the default "latest": a release tag, as CI sets it.
        "platform:release": "v1",
        "platform:services": services,
        "platform:logRetentionDays": c.logRetentionDays,
    };
    // Prod needs HTTPS for a public app: generated prod stacks get a domain under an example zone.
    if (c.environment === "prod") map["platform:domain"] = { name: `${String(c.name)}.example.com`, zoneName: "example.com" };
    if (c.database) map["platform:database"] = c.database;
    if (c.cache) map["platform:cache"] = c.cache;
    map["platform:clouds"] = c.clouds;
    if (c.network && c.clouds.includes("aws")) map["platform:aws"] = { network: c.network };
    if (c.clouds.includes("gcp")) map["platform:gcp"] = { project: `${c.name}-proj-1` };
    const last = services[services.length - 1];
    if (c.database) last.uses = ["database"];
    if (c.extras) {
        map["platform:buckets"] = [{ name: "assets" }];
        map["platform:secrets"] = ["api-key"];
        last.secrets = ["api-key"];
        last.permissions = { buckets: ["assets"] };
    }
    return map;
}));

/** Every path into a config map (keys and array indices), for picking a place to mutate. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = prefix.length ? [prefix] : [];
    if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    return out;
}

const MUTATIONS = ["delete", "null", "number", "negative", "huge", "fraction", "string", "bool", "emptyList", "emptyObject", "unknownKey", "duplicate", "longString"] as const;
type Mutation = typeof MUTATIONS[number];

function mutate(map: Record<string, unknown>, at: (string | number)[], how: Mutation): Record<string, unknown> {
    const copy = structuredClone(map);
    const parent = at.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
    const key = at[at.length - 1];
    const current = parent[key];
    switch (how) {
        case "delete": if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key]; break;
        case "null": parent[key] = null; break;
        case "number": parent[key] = 7; break;
        case "negative": parent[key] = -1; break;
        case "huge": parent[key] = 1e12; break;
        case "fraction": parent[key] = 2.5; break;
        case "string": parent[key] = "yes"; break;
        case "bool": parent[key] = true; break;
        case "emptyList": parent[key] = []; break;
        case "emptyObject": parent[key] = {}; break;
        case "unknownKey": if (current && typeof current === "object" && !Array.isArray(current)) (current as Record<string, unknown>).surprise = 1; else parent[key] = { surprise: 1 }; break;
        case "duplicate": if (Array.isArray(current) && current.length) current.push(structuredClone(current[0])); else parent[key] = [current, current]; break;
        case "longString": parent[key] = "x".repeat(300); break;
    }
    return copy;
}

describe("config properties (fast-check)", () => {
    it("accepts every generated valid config", () => {
        fc.assert(fc.property(validConfigArb, (map) => {
            loadConfigMap(map, "generated");
        }), { numRuns: 60 });
    });

    it("plans generated valid configs", async () => {
        await fc.assert(fc.asyncProperty(validConfigArb, async (map) => {
            const spec = loadConfigMap(map, "generated");
            const plan = await planConfig(spec, "generated");
            for (const cloud of spec.clouds) assert.ok(plan.resources.some((r) => r.type === `pulumi:providers:${cloud}`), `nothing planned for ${cloud}`);
            if (spec.aws) assert.ok(plan.resources.some((r) => r.type === "aws:ec2/vpc:Vpc"), "no VPC planned");
        }), { numRuns: 6 });
    });

    it("rejects a mutated config with a ConfigError or plans it, and never crashes otherwise", async () => {
        let planned = 0;
        await fc.assert(fc.asyncProperty(validConfigArb, fc.nat(), fc.constantFrom(...MUTATIONS), async (map, pick, how) => {
            const all = paths(map);
            const mutated = mutate(map, all[pick % all.length], how);
            let spec;
            try {
                spec = loadConfigMap(mutated, "mutated");
            } catch (e) {
                if (e instanceof ConfigError) {
                    assert.ok(e.issues.length > 0 && e.issues.every((i) => i.path.length > 0), "a ConfigError names where the problem is");
                    return;
                }
                throw e;
            }
            // Accepted mutations are planned too (a few: each plan runs the whole program).
            if (planned++ < 4) await planConfig(spec, "mutated");
        }), { numRuns: 60 });
    });
});
