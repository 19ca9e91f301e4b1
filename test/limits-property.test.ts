import * as assert from "assert";
import fc from "fast-check";
import { planConfig } from "../plan/engine";
import { ConfigError } from "../stacks/errors";
import { loadConfigMap } from "../stacks/load";
import { limitViolations } from "./support/limits-check";

/**
 * "The plan is either valid for the providers or the config was refused": configs generated at
 * the edges (longest names, names the providers reserve, smallest and largest sizes, every
 * version and enum value, many services) go through validation; the accepted ones are planned
 * under mocks and every resource input is checked against the limits table. Few plans, small
 * stacks: this runs in `npm test`.
 */

/** Mostly values the providers accept (edges included), sometimes ones they refuse. */
function edge<T>(valid: readonly T[], invalid: readonly NoInfer<T>[]): fc.Arbitrary<T> {
    return fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 9 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
}

const APP_NAMES = edge(["app", "abcdefghijklmnop", "internal", "sthreex", "xn", "a", "sg"], ["internal-tools", "sg-app", "sthree", "a--b"]);
const STAGES = edge([undefined, "s3", "x", "production", "demo"], ["a--b"]);
const SERVICE_NAMES = ["web", "x", "x-run", "abcdefghijklmnopqrst", "internal", "alb", "db", "cache-1", "a--b"];
const FARGATE = [[256, 512], [256, 2048], [1024, 8192], [4096, 30720], [16384, 122880], [2048, 4096]];
const GCP_SIZES = edge([undefined, { cpu: "8" }, { cpu: "4" }, { memory: "32Gi" }, { cpu: "2", memory: "8Gi" }, { cpu: "6" }], [{ cpu: "0.5" }, { memory: "64Gi" }, { cpu: "1", memory: "8Gi" }]);

const service = (name: string, i: number) => fc.record({
    pair: fc.constantFrom(...FARGATE),
    kind: fc.constantFrom("public", "internal", "worker"),
    gcp: GCP_SIZES,
    timeout: edge([5, 59, 60], [61, 119]),
    command: fc.boolean(),
    env: edge<Record<string, string> | undefined>([undefined, { APP_MODE: "prod" }], [{ PORT: "8080" }, { K_SERVICE: "x" }]),
    efs: edge([undefined, undefined, "/data", "/a/b/c/d", `/${"x".repeat(99)}`], ["/a/b/c/d/e", "/data/", `/${"x".repeat(120)}`, "/.hidden"]),
}).map((s) => {
    const out: Record<string, unknown> = { name, cpu: s.pair[0], memory: s.pair[1] };
    if (s.kind !== "worker") out.port = 8000 + i;
    if (s.kind === "public") {
        out.routes = [i === 0 ? "/*" : `/${name}/*`];
        out.healthCheck = { timeout: s.timeout, interval: 120, ...(s.command ? { command: ["CMD-SHELL", "true"] } : {}) };
    }
    if (s.gcp) out.gcp = s.gcp;
    if (s.env) out.environment = s.env;
    if (s.efs) out.volumes = [{ name: "data", mountPath: "/data", efs: { path: s.efs } }];
    return out;
});

const edgeConfig = fc.record({
    name: APP_NAMES,
    stage: STAGES,
    environment: fc.constantFrom("dev", "staging", "prod"),
    clouds: fc.constantFrom<string[]>(["aws"], ["gcp"], ["aws", "gcp"]),
    names: fc.uniqueArray(fc.oneof({ arbitrary: fc.constantFrom(...SERVICE_NAMES.slice(0, 6)), weight: 12 }, { arbitrary: fc.constantFrom(...SERVICE_NAMES.slice(6)), weight: 1 }), { minLength: 1, maxLength: 3 }),
    database: fc.option(fc.record({
        allocatedStorage: fc.constantFrom(20, 91, 100, 1000, 60000, 65536),
        maxAllocatedStorage: edge([undefined, undefined, 65536], [20, 101]),
        version: edge(["13", "16.3", "17"], ["12", "16.3.1"]),
        instanceClass: edge(["db.t4g.micro", "db.r7g.16xlarge", "db.x2g.large"], ["db.m6g.lrage"]),
    }), { nil: undefined }),
    cache: fc.option(fc.record({
        version: edge(["6.0", "6.2", "7.0", "7.1"], ["7", "5.0.6"]),
        nodeType: edge(["cache.t4g.micro", "cache.r7g.16xlarge"], ["cache.m6g.lrage"]),
    }), { nil: undefined }),
    lifecycle: fc.option(fc.record({ transitionToIaDays: fc.constantFrom(30, 90), expireDays: fc.constantFrom(30, 31, 365) }), { nil: undefined }),
    secret: edge([undefined, "api-key"], ["redis-auth-token", "port"]),
    domain: fc.option(fc.record({
        name: edge(["example.com", `${"a".repeat(52)}.example.com`], [`${"a".repeat(53)}.example.com`]),
        aliases: edge([[], ["www.example.com"]], [["*.example.com"]]),
    }), { nil: undefined }),
    tags: edge<Record<string, string> | undefined>([undefined, { team: "web" }, { ["k".repeat(128)]: "v".repeat(256) }], [{ "aws:team": "x" }, { ["k".repeat(129)]: "v" }, { Team: "a", team: "b" }]),
    perService: fc.boolean(),
}).chain((c) => fc.tuple(...c.names.map((n, i) => service(n, i))).map((services) => {
    const map: Record<string, unknown> = {
        "platform:name": c.name,
        "platform:environment": c.environment,
        "platform:clouds": c.clouds,
        "platform:services": services,
    };
    if (c.stage) map["platform:stage"] = c.stage;
    if (c.clouds.includes("gcp")) map["platform:gcp"] = { project: "my-project-1" };
    if (c.clouds.includes("aws") && c.perService && services.some((s) => s.routes)) map["platform:aws"] = { loadBalancers: "perService" };
    if (c.database) map["platform:database"] = Object.fromEntries(Object.entries(c.database).filter(([, v]) => v !== undefined));
    if (c.cache) map["platform:cache"] = c.cache;
    if (c.lifecycle) map["platform:buckets"] = [{ name: "assets", lifecycle: c.lifecycle }];
    if (c.secret) {
        map["platform:secrets"] = [c.secret];
        services[services.length - 1].secrets = [c.secret];
    }
    if (c.domain) map["platform:domain"] = c.domain;
    if (c.tags) map["platform:tags"] = c.tags;
    return map;
}));

describe("provider limits (fast-check): a plan is valid for the providers, or its config was refused", function () {
    this.timeout(120000);

    it("refuses or plans every edge config, and every planned input fits the limits table", async () => {
        let planned = 0;
        let refused = 0;
        await fc.assert(fc.asyncProperty(edgeConfig, async (map) => {
            let spec;
            try {
                spec = loadConfigMap(map, "edge");
            } catch (e) {
                if (!(e instanceof ConfigError)) throw e;
                assert.ok(e.issues.every((i) => i.path.length > 0 && i.message.length > 0), "every refusal names a key and a reason");
                refused++;
                return;
            }
            // Each plan runs the whole program under mocks: a few are enough to catch drift.
            if (planned >= 3) return;
            planned++;
            const plan = await planConfig(spec, "edge");
            assert.deepStrictEqual(limitViolations(plan.resources), [], `accepted config breaks provider limits:\n${JSON.stringify(map)}`);
        }), { numRuns: 60, seed: 17 });
        assert.ok(refused > 0 && planned > 0, `refused ${refused}, planned ${planned}: the generator must reach both sides`);
    });

    it("plans the largest accepted AWS stack at the edges (longest names, biggest sizes, 64 TiB, Redis 6) within the limits", async () => {
        const services = Array.from({ length: 6 }, (_, i) => ({
            name: `svc-nmbr-${i}`, // 16 + "-prod-" + 10 = 32, the target group name limit
            port: 8000 + i,
            routes: [i === 0 ? "/*" : `/s${i}/*`],
            cpu: i % 2 ? 16384 : 256,
            memory: i % 2 ? 122880 : 512,
            uses: ["database", "cache"],
            healthCheck: { timeout: 60, interval: 120, command: ["CMD-SHELL", "true"] },
        }));
        const spec = loadConfigMap({
            "platform:name": "abcdefghijklmnop",
            "platform:environment": "prod",
            "platform:release": "v1",
            "platform:stage": "prod",
            "platform:services": services,
            "platform:database": { allocatedStorage: 65536, instanceClass: "db.r7g.16xlarge", version: "17" },
            "platform:cache": { version: "6.2", nodeType: "cache.r7g.16xlarge" },
            "platform:buckets": [{ name: "abcdefghijklmnopqrst", lifecycle: { transitionToIaDays: 30, expireDays: 31 } }],
            "platform:domain": { name: `${"a".repeat(52)}.example.com`, aliases: ["www.example.com"] },
            "platform:tags": { ["k".repeat(128)]: "v".repeat(256) },
        }, "largest");
        const plan = await planConfig(spec, "largest");
        assert.deepStrictEqual(limitViolations(plan.resources), []);
        assert.strictEqual(spec.database!.maxAllocatedStorage, 0, "64 TiB leaves no room for autoscaling: it is off");
        assert.strictEqual(spec.cache!.family, "redis6.x");
    });

    it("derives Cloud Run sizes that fit from the largest and smallest ECS sizes", () => {
        const sizes = [[256, 512], [1024, 4096], [2048, 8192], [4096, 16384], [4096, 24576], [8192, 32768]];
        const spec = loadConfigMap({
            "platform:name": "app", "platform:environment": "dev", "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1" },
            "platform:services": sizes.map(([cpu, memory], i) => ({ name: `s${i}`, port: 8000 + i, routes: [i === 0 ? "/*" : `/s${i}/*`], cpu, memory })),
        }, "sizes");
        assert.deepStrictEqual(spec.services.map((s) => `${s.gcp.cpu}/${s.gcp.memory}`), ["1/512Mi", "1/4096Mi", "2/8192Mi", "4/16384Mi", "6/24576Mi", "8/32768Mi"]);
    });
});
