import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlannedResource, PlanResult } from "../plan/engine";
import { cloudSqlTierFor, cloudSqlTierProblem, memorystoreGbFor, memorystoreVersion } from "../gcp/sizes";
import { GCP_ONLY_ENV } from "../gcp/links";
import { estimateCost } from "../plan/cost/estimate";
import { renderCost } from "../plan/cost/render";
import { renderTree } from "../plan/tree";
import { evaluate, PROTECTED_TYPES, RULES, T } from "../policy/rules";
import { config, expectInvalid, ofType, one, plan } from "./support/harness";
import { planCli } from "./support/cli";

/** A both-clouds app with every store: the same description on ECS and Cloud Run. */
const SERVICES = [
    { name: "web", port: 3000, routes: ["/*"], uses: ["api", "assets"] },
    { name: "api", port: 8000, routes: ["/api/*"], uses: ["database", "cache", "uploads", "catalog"], secrets: ["stripe-key"] },
    { name: "catalog", port: 8080, expose: "internal", uses: ["database"] },
    { name: "worker", command: ["run-worker"], uses: ["database", "cache", "uploads"] },
];
const GCP = { project: "shop-dev-123456", region: "us-central1" };

function shop(extra: Record<string, unknown> = {}) {
    return config({
        "platform:name": "shop",
        "platform:clouds": ["aws", "gcp"],
        "platform:services": SERVICES,
        "platform:database": {},
        "platform:cache": {},
        "platform:buckets": [{ name: "uploads", lifecycle: { transitionToIaDays: 30, expireDays: 365 } }, { name: "assets", cdn: true }],
        "platform:secrets": ["stripe-key"],
        "platform:gcp": GCP,
        ...extra,
    });
}

type Json = Record<string, any>;
const inputs = (r: PlannedResource) => r.inputs as Json;
const runOf = (p: PlanResult, svc: string) => one(p, "gcp:cloudrunv2/service:Service", `-${svc}-service`);
const poolOf = (p: PlanResult, svc: string) => one(p, "gcp:cloudrunv2/workerPool:WorkerPool", `-${svc}-worker`);
const envOf = (r: PlannedResource): Json[] => inputs(r).template.containers[0].envs;
const envNames = (r: PlannedResource) => new Set(envOf(r).map((e) => String(e.name)));
const member = (svc: string) => `serviceAccount:shop-dev-${svc}@${GCP.project}.iam.gserviceaccount.com`;

/** The env var names (plain + secret) of a service's ECS container. */
function ecsEnvNames(p: PlanResult, svc: string): Set<string> {
    const td = one(p, "aws:ecs/taskDefinition:TaskDefinition", `-${svc}-task`);
    const raw = inputs(td).containerDefinitions;
    const defs = (typeof raw === "string" ? JSON.parse(raw) : raw) as Json[];
    const c = defs.find((d) => d.name === svc) ?? defs[0];
    return new Set([...(c.environment ?? []), ...(c.secrets ?? [])].map((e: Json) => String(e.name)));
}

describe("gcp data tier", function () {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        dev = await plan(shop());
        prod = await plan(shop({ "platform:environment": "prod", "platform:domain": { name: "shop.example.com", zoneName: "example.com" }, "platform:release": "v1" }));
    });

    describe("Cloud SQL", () => {
        it("has a private IP only (Private Service Access on the stack's VPC), TLS required, and the mapped version and tier", () => {
            const sql = inputs(one(dev, "gcp:sql/databaseInstance:DatabaseInstance"));
            const vpc = one(dev, "gcp:compute/network:Network");
            const range = one(dev, "gcp:compute/globalAddress:GlobalAddress", "-psa-range");
            assert.strictEqual(sql.databaseVersion, "POSTGRES_16");
            assert.strictEqual(sql.settings.tier, "db-f1-micro", "db.t4g.micro, not HA in dev");
            assert.deepStrictEqual(sql.settings.ipConfiguration, { ipv4Enabled: false, privateNetwork: `${vpc.name}-id`, allocatedIpRange: "shop-dev-psa", sslMode: "ENCRYPTED_ONLY" });
            assert.deepStrictEqual([inputs(range).purpose, inputs(range).address, inputs(range).prefixLength, inputs(range).network], ["VPC_PEERING", "10.96.0.0", 16, `${vpc.name}-id`]);
            const conn = inputs(one(dev, "gcp:servicenetworking/connection:Connection"));
            assert.deepStrictEqual(conn.reservedPeeringRanges, ["shop-dev-psa"]);
            assert.ok(one(dev, "gcp:sql/databaseInstance:DatabaseInstance").dependsOn!.includes(one(dev, "gcp:servicenetworking/connection:Connection").urn));
        });

        it("dev: zonal, 1 backup kept, no deletion protection; prod: regional HA, 7 backups, PITR, deletion protection both sides, final backup", () => {
            const d = inputs(one(dev, "gcp:sql/databaseInstance:DatabaseInstance"));
            const p = inputs(one(prod, "gcp:sql/databaseInstance:DatabaseInstance"));
            assert.deepStrictEqual([d.settings.availabilityType, d.deletionProtection, d.settings.deletionProtectionEnabled], ["ZONAL", false, false]);
            assert.deepStrictEqual([p.settings.availabilityType, p.deletionProtection, p.settings.deletionProtectionEnabled], ["REGIONAL", true, true]);
            assert.strictEqual(p.settings.tier, "db-custom-1-3840", "shared core has no SLA: HA gets a dedicated core");
            assert.deepStrictEqual(p.settings.backupConfiguration, {
                enabled: true, startTime: "03:00", pointInTimeRecoveryEnabled: true, transactionLogRetentionDays: 7,
                backupRetentionSettings: { retainedBackups: 7, retentionUnit: "COUNT" },
            });
            assert.deepStrictEqual(d.settings.backupConfiguration.backupRetentionSettings, { retainedBackups: 1, retentionUnit: "COUNT" });
            assert.deepStrictEqual(p.settings.maintenanceWindow, { day: 1, hour: 4, updateTrack: "stable" }, "mon:04:00 → Monday = 1");
            assert.deepStrictEqual(p.settings.finalBackupConfig, { enabled: true, retentionDays: 30 });
            assert.strictEqual(p.settings.insightsConfig.queryInsightsEnabled, true);
            assert.ok(p.settings.databaseFlags.some((f: Json) => f.name === "log_connections" && f.value === "on"));
        });

        it("takes the tier from database.gcp.tier and the windows from the config", async () => {
            const q = await plan(shop({ "platform:database": { gcp: { tier: "db-custom-2-7680" }, backupWindow: "22:30-23:30", maintenanceWindow: "sat:01:00-sat:02:00" } }));
            const s = inputs(one(q, "gcp:sql/databaseInstance:DatabaseInstance")).settings;
            assert.deepStrictEqual([s.tier, s.backupConfiguration.startTime, s.maintenanceWindow.day, s.maintenanceWindow.hour], ["db-custom-2-7680", "22:30", 6, 1]);
        });

        it("generates the app user's password, stores it in Secret Manager, and never shows it", () => {
            const user = inputs(one(dev, "gcp:sql/user:User"));
            assert.deepStrictEqual([user.name, user.password], ["app", "[secret]"]);
            const version = ofType(dev, "gcp:secretmanager/secretVersion:SecretVersion").find((v) => v.name.includes("sql-password"))!;
            assert.strictEqual(inputs(version).secretData, "[secret]");
            assert.ok(!JSON.stringify(dev.resources).includes("mock-password"), "the generated password must not appear in the plan");
            assert.ok(!JSON.stringify(dev.outputs).includes("mock-password"));
            assert.ok(!JSON.stringify(dev.resources).includes("mock-redis-auth-string"), "the AUTH string must not appear in the plan");
        });

        it("maps RDS classes to Cloud SQL tiers and rejects what Cloud SQL does not offer", () => {
            assert.deepStrictEqual(
                ["db.t4g.micro", "db.t4g.small", "db.t4g.medium", "db.t4g.large", "db.m6g.large", "db.m6g.xlarge", "db.r6g.large", "db.m5.4xlarge"].map((c) => cloudSqlTierFor(c, false)),
                ["db-f1-micro", "db-g1-small", "db-custom-1-3840", "db-custom-2-8192", "db-custom-2-8192", "db-custom-4-16384", "db-custom-2-13312", "db-custom-16-65536"],
            );
            assert.strictEqual(cloudSqlTierFor("db.t4g.micro", true), "db-custom-1-3840");
            for (const t of ["db-f1-micro", "db-custom-1-3840", "db-custom-4-15360"]) assert.strictEqual(cloudSqlTierProblem(t), undefined, t);
            for (const t of ["db-custom-3-7680", "db-custom-2-1024", "db-custom-2-7000", "db-n1-standard-1", "db-custom-2-16384"]) assert.ok(cloudSqlTierProblem(t), t);
        });
    });

    describe("Memorystore", () => {
        it("Basic in dev, Standard HA in prod, AUTH and TLS on, private service access, mapped version and size, maintenance window", () => {
            const d = inputs(one(dev, "gcp:redis/instance:Instance"));
            const p = inputs(one(prod, "gcp:redis/instance:Instance"));
            assert.deepStrictEqual([d.tier, p.tier], ["BASIC", "STANDARD_HA"]);
            for (const r of [d, p]) {
                assert.deepStrictEqual([r.authEnabled, r.transitEncryptionMode, r.connectMode, r.reservedIpRange], [true, "SERVER_AUTHENTICATION", "PRIVATE_SERVICE_ACCESS", "shop-dev-psa".replace("dev", r === p ? "prod" : "dev")]);
                assert.deepStrictEqual([r.redisVersion, r.memorySizeGb], ["REDIS_7_0", 1]);
                assert.deepStrictEqual(r.maintenancePolicy.weeklyMaintenanceWindows, [{ day: "SUNDAY", startTime: { hours: 5, minutes: 0, seconds: 0, nanos: 0 } }]);
                assert.deepStrictEqual(r.redisConfigs, { "maxmemory-policy": "allkeys-lru" });
            }
            assert.strictEqual(p.persistenceConfig.persistenceMode, "RDB");
            assert.deepStrictEqual([memorystoreVersion("6.2"), memorystoreVersion("7.2"), memorystoreVersion("7.4"), memorystoreGbFor("cache.t4g.small"), memorystoreGbFor("cache.r6g.large")], ["REDIS_6_X", "REDIS_7_2", undefined, 2, 14]);
        });

        it("stores the AUTH string in Secret Manager", () => {
            const v = ofType(dev, "gcp:secretmanager/secretVersion:SecretVersion").find((x) => x.name.includes("redis-auth"))!;
            assert.strictEqual(inputs(v).secretData, "[secret]");
            assert.strictEqual(inputs(one(dev, "gcp:secretmanager/secret:Secret", "redis-auth-secret")).secretId, "shop-dev-redis-auth");
        });
    });

    describe("Cloud Storage", () => {
        it("uniform access, public access prevention enforced, versioning and lifecycle from the S3 keys, optional CMEK", async () => {
            const b = inputs(one(dev, "gcp:storage/bucket:Bucket", "uploads"));
            assert.deepStrictEqual([b.uniformBucketLevelAccess, b.publicAccessPrevention, b.versioning, b.location, b.forceDestroy], [true, "enforced", { enabled: true }, "US-CENTRAL1", true]);
            assert.deepStrictEqual(b.lifecycleRules, [
                { action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: 30, matchesStorageClasses: ["STANDARD"] } },
                { action: { type: "Delete" }, condition: { age: 365 } },
                { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 365, withState: "ARCHIVED" } },
            ]);
            assert.strictEqual(b.encryption, undefined);
            const key = "projects/shop-dev-123456/locations/us-central1/keyRings/shop/cryptoKeys/uploads";
            const q = await plan(shop({ "platform:buckets": [{ name: "uploads", gcp: { kmsKeyName: key } }, { name: "assets", cdn: true }] }));
            assert.deepStrictEqual(inputs(one(q, "gcp:storage/bucket:Bucket", "uploads")).encryption, { defaultKmsKeyName: key });
        });

        it("serves a CDN bucket through a backend bucket on the URL map, read by the CDN fill agent only, with signed requests", () => {
            const bb = one(dev, "gcp:compute/backendBucket:BackendBucket");
            assert.strictEqual(inputs(bb).enableCdn, true);
            assert.strictEqual(inputs(bb).bucketName, inputs(one(dev, "gcp:storage/bucket:Bucket", "assets")).name);
            const urlMap = inputs(one(dev, "gcp:compute/uRLMap:URLMap", "-urlmap"));
            const rule = urlMap.pathMatchers[0].pathRules.find((r: Json) => r.paths.includes("/assets/*"));
            assert.deepStrictEqual(rule, { paths: ["/assets/*"], service: `${bb.name}-id`, routeAction: { urlRewrite: { pathPrefixRewrite: "/" } } });
            const key = inputs(one(dev, "gcp:compute/backendBucketSignedUrlKey:BackendBucketSignedUrlKey"));
            assert.strictEqual(key.keyValue, "[secret]");
            const fill = one(dev, "gcp:storage/bucketIAMMember:BucketIAMMember", "cdn-fill-reader");
            assert.deepStrictEqual([inputs(fill).role, inputs(fill).member], ["roles/storage.objectViewer", "serviceAccount:service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com"]);
            const publicGrants = ofType(dev, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((m) => /allUsers|allAuthenticatedUsers/.test(String(inputs(m).member)));
            assert.deepStrictEqual(publicGrants, []);
        });
    });

    describe("links: env, secrets, grants", () => {
        it("gives each service and worker the same env var names as its ECS task (database, cache, bucket, peer, app secret)", () => {
            for (const svc of ["api", "catalog", "worker"]) {
                const gcpRes = svc === "worker" ? poolOf(dev, svc) : runOf(dev, svc);
                const onGcp = [...envNames(gcpRes)].filter((n) => !(GCP_ONLY_ENV as readonly string[]).includes(n)).sort();
                const onAws = [...ecsEnvNames(dev, svc)].sort();
                const contract = onGcp.filter((n) => /^(DATABASE_|REDIS_|BUCKET_|STRIPE_KEY$)/.test(n));
                assert.deepStrictEqual(contract, onAws.filter((n) => /^(DATABASE_|REDIS_|BUCKET_|STRIPE_KEY$)/.test(n)), svc);
                assert.ok(contract.length >= 5, `${svc}: ${contract.join(", ")}`);
            }
            assert.deepStrictEqual([...envNames(runOf(dev, "api"))].sort(), [
                "BUCKET_UPLOADS", "CATALOG_URL", "DATABASE_HOST", "DATABASE_NAME", "DATABASE_PASSWORD", "DATABASE_PORT", "DATABASE_USERNAME",
                "REDIS_AUTH_TOKEN", "REDIS_CA_CERT", "REDIS_HOST", "REDIS_PORT", "REDIS_TLS", "STRIPE_KEY",
            ]);
        });

        it("sets connection values as plain env and credentials as Secret Manager references only", () => {
            const env = Object.fromEntries(envOf(runOf(dev, "api")).map((e) => [e.name, e]));
            assert.deepStrictEqual([env.DATABASE_HOST.value, env.DATABASE_PORT.value, env.DATABASE_NAME.value, env.DATABASE_USERNAME.value], ["10.96.0.3", "5432", "shop", "app"]);
            assert.deepStrictEqual([env.REDIS_HOST.value, env.REDIS_PORT.value, env.REDIS_TLS.value], ["10.96.1.4", "6378", "true"]);
            assert.strictEqual(env.CATALOG_URL.value, "https://shop-dev-catalog-123456789012.us-central1.run.app");
            assert.strictEqual(env.BUCKET_UPLOADS.value, "shop-dev-uploads-shop-dev-123456");
            for (const k of ["DATABASE_PASSWORD", "REDIS_AUTH_TOKEN", "STRIPE_KEY"]) {
                assert.strictEqual(env[k].value, undefined, k);
                assert.strictEqual(env[k].valueSource.secretKeyRef.version, "latest", k);
            }
            assert.strictEqual(env.DATABASE_PASSWORD.valueSource.secretKeyRef.secret, "shop-dev-db-password");
            const web = Object.fromEntries(envOf(runOf(dev, "web")).map((e) => [e.name, e]));
            assert.deepStrictEqual(Object.keys(web).sort(), ["API_URL", "BUCKET_ASSETS", "BUCKET_ASSETS_CDN_KEY", "BUCKET_ASSETS_CDN_KEY_NAME"]);
        });

        it("grants Cloud SQL client (conditioned on the instance) only to database users", () => {
            const grants = ofType(dev, "gcp:projects/iAMMember:IAMMember").filter((m) => inputs(m).role === "roles/cloudsql.client");
            assert.deepStrictEqual(grants.map((g) => inputs(g).member).sort(), [member("api"), member("catalog"), member("worker")]);
            for (const g of grants) assert.match(inputs(g).condition.expression, /resource\.name == "projects\/shop-dev-123456\/instances\/shop-dev-pg"/);
        });

        it("grants object user on the used buckets only, secret accessor on own secrets only, invoker on used peers only", () => {
            const bucketGrants = ofType(dev, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((m) => inputs(m).role === "roles/storage.objectUser");
            assert.deepStrictEqual(bucketGrants.map((g) => `${String(inputs(g).member).split(":")[1].split("@")[0]} ${inputs(g).bucket}`).sort(), [
                "shop-dev-api shop-dev-uploads-shop-dev-123456", "shop-dev-web shop-dev-assets-shop-dev-123456", "shop-dev-worker shop-dev-uploads-shop-dev-123456",
            ]);
            const secretGrants = ofType(dev, "gcp:secretmanager/secretIamMember:SecretIamMember").map((g) => `${String(inputs(g).member).split(":")[1].split("@")[0]} ${inputs(g).secretId}`).sort();
            const id = (s: string) => `${one(dev, "gcp:secretmanager/secret:Secret", s).name}-id`;
            assert.deepStrictEqual(secretGrants, [
                `shop-dev-api ${id("sql-password")}`, `shop-dev-api ${id("redis-auth")}`, `shop-dev-api ${id("stripe-key")}`,
                `shop-dev-catalog ${id("sql-password")}`,
                `shop-dev-web ${id("assets-cdn-key")}`,
                `shop-dev-worker ${id("sql-password")}`, `shop-dev-worker ${id("redis-auth")}`,
            ].sort());
            assert.ok(ofType(dev, "gcp:projects/iAMMember:IAMMember").every((m) => !/secretmanager|owner|editor|viewer|storage/.test(String(inputs(m).role))));
            const invokers = ofType(dev, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((m) => inputs(m).member !== "allUsers");
            assert.deepStrictEqual(invokers.map((m) => `${String(inputs(m).member).split(":")[1].split("@")[0]} -> ${inputs(m).name}`).sort(), ["shop-dev-api -> shop-dev-catalog", "shop-dev-web -> shop-dev-api"]);
        });

        it("mutual peers form no cycle: both get the other's deterministic URL", async () => {
            const q = await plan(shop({
                "platform:services": [
                    { name: "web", port: 3000, routes: ["/*"], uses: ["api"] },
                    { name: "api", port: 8000, routes: ["/api/*"], uses: ["web"] },
                ],
                "platform:database": undefined, "platform:cache": undefined, "platform:buckets": undefined, "platform:secrets": undefined,
            }));
            const url = (svc: string, name: string) => envOf(runOf(q, svc)).find((e) => e.name === name)!.value;
            assert.deepStrictEqual([url("web", "API_URL"), url("api", "WEB_URL")], ["https://shop-dev-api-123456789012.us-central1.run.app", "https://shop-dev-web-123456789012.us-central1.run.app"]);
        });
    });

    describe("direct VPC egress", () => {
        it("puts services and worker pools on the subnet, with no connector; callers of peers send all traffic through the VPC", () => {
            assert.strictEqual(ofType(dev, "gcp:vpcaccess/connector:Connector").length, 0);
            const net = `${one(dev, "gcp:compute/network:Network").name}-id`;
            const subnet = `${one(dev, "gcp:compute/subnetwork:Subnetwork").name}-id`;
            for (const r of [runOf(dev, "api"), runOf(dev, "catalog"), poolOf(dev, "worker")]) {
                assert.deepStrictEqual(inputs(r).template.vpcAccess.networkInterfaces, [{ network: net, subnetwork: subnet }], r.name);
            }
            assert.strictEqual(inputs(runOf(dev, "api")).template.vpcAccess.egress, "ALL_TRAFFIC");
            assert.strictEqual(inputs(runOf(dev, "catalog")).template.vpcAccess.egress, "PRIVATE_RANGES_ONLY");
            assert.deepStrictEqual(inputs(one(dev, "gcp:compute/firewall:Firewall")).sourceRanges, ["10.0.0.0/24"]);
        });

        it("keeps the connector when asked for", async () => {
            const q = await plan(shop({ "platform:gcp": { ...GCP, network: { egress: "connector" } } }));
            const conn = one(q, "gcp:vpcaccess/connector:Connector");
            assert.strictEqual(inputs(runOf(q, "api")).template.vpcAccess.connector, `${conn.name}-id`);
            assert.strictEqual(inputs(poolOf(q, "worker")).template.vpcAccess.connector, `${conn.name}-id`);
        });
    });

    describe("protection and policy", () => {
        it("prod protects every GCP stateful resource (Cloud SQL, its database, Memorystore, buckets, registry, every secret); dev none", () => {
            const stateful = (p: PlanResult) => p.resources.filter((r) => r.type.startsWith("gcp:") && PROTECTED_TYPES.includes(r.type));
            const kinds = new Set(stateful(prod).map((r) => r.type));
            for (const t of [T.sqlInstance, T.sqlDatabase, T.memorystore, T.gcsBucket, T.arRepo, T.gcpSecret]) assert.ok(kinds.has(t), t);
            assert.deepStrictEqual(stateful(prod).filter((r) => !r.protect).map((r) => r.name), []);
            assert.deepStrictEqual(stateful(dev).filter((r) => r.protect).map((r) => r.name), []);
        });

        it("passes every policy rule in dev and prod, and the GCP data rules catch a broken resource", () => {
            for (const p of [dev, prod]) assert.deepStrictEqual(evaluate(p.resources, { environment: p.config.environment }).map((v) => v.message), []);
            const sql = one(prod, "gcp:sql/databaseInstance:DatabaseInstance");
            const broken = { ...sql, inputs: { ...sql.inputs, settings: { ...inputs(sql).settings, ipConfiguration: { ipv4Enabled: true, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } } };
            const ids = evaluate([broken], { environment: "prod" }, RULES).map((v) => v.rule);
            assert.ok(ids.includes("gcp-sql-no-public-ip") && ids.includes("gcp-sql-ssl-required"), ids.join(", "));
        });
    });

    describe("cost", () => {
        it("prices Cloud SQL, Memorystore, buckets and worker pools; nothing of the data tier is left unpriced", () => {
            const cost = estimateCost(prod.resources, prod.config);
            const lines = (name: string) => cost.lines.filter((l) => l.name.includes(name));
            // db-custom-1-3840 regional: 2 x 730 x 0.0413 + 7.5 x 730 x 0.007; 20 GB x 2 x 0.17
            assert.deepStrictEqual(lines("sql-instance").map((l) => l.monthlyUsd), [60.3, 38.33, 6.8]);
            // Standard HA 1 GB (M1): 730 x 0.064
            assert.deepStrictEqual(lines("redis-instance").map((l) => l.monthlyUsd), [46.72]);
            // worker pool, 2 instances (prod scaling.min) x 2,628,000 s x (1 x 0.000018 + 0.5 x 0.000002) = 99.86 (+ rounding of two lines)
            assert.strictEqual(Math.round(lines("worker-worker").reduce((a, l) => a + l.monthlyUsd, 0) * 100) / 100, 99.87);
            assert.deepStrictEqual(cost.unpriced.map((u) => u.type), []);
        });

        it("the tree's total says what it excludes when something is unpriced", () => {
            const extra: PlannedResource = { ...one(dev, "gcp:redis/instance:Instance"), urn: "urn:x", name: "mystery", type: "gcp:bigtable/instance:Instance" };
            const p = { ...dev, resources: [...dev.resources, extra], cost: estimateCost([...dev.resources, extra], dev.config) };
            assert.match(renderTree(p), /Monthly cost: \$[\d.]+ \(estimate; excludes 1 unpriced resource \(1 x gcp:bigtable\/instance:Instance\)/);
            assert.doesNotMatch(renderTree({ ...dev, cost: estimateCost(dev.resources, dev.config) }), /excludes/);
            assert.match(renderCost("shop", p.cost).split("\n")[0], /; excludes 1 unpriced resource \(1 x gcp:bigtable\/instance:Instance\), listed under Unpriced\)$/);
        });
    });

    describe("bad input", () => {
        const GCP_ONLY = { "platform:clouds": ["gcp"], "platform:gcp": GCP };
        const cases: [string, Record<string, unknown>, string, string][] = [
            ["PostgreSQL 12", { "platform:database": { version: "12.19" } }, "platform:database.version", "Cloud SQL offers major versions 13, 14, 15, 16, 17"],
            ["a tier Cloud SQL lacks", { "platform:database": { gcp: { tier: "db-custom-3-7680" } } }, "platform:database.gcp.tier", "1 or an even number from 2 to 96"],
            ["an unknown instance class", { "platform:database": { instanceClass: "db.c6gd.large" } }, "platform:database.instanceClass", "set database.gcp.tier"],
            ["a Redis version Memorystore lacks", { "platform:cache": { version: "7.4" } }, "platform:cache.version", "REDIS_7_2"],
            ["an unknown node type", { "platform:cache": { nodeType: "cache.c7gn.large" } }, "platform:cache.nodeType", "set cache.gcp.memorySizeGb"],
            ["a subnet below /26", { "platform:gcp": { ...GCP, network: { subnetCidr: "10.0.0.0/27" } } }, "platform:gcp.network.subnetCidr", "/26 or larger"],
            ["a subnet too small for the instances", { "platform:services": [{ name: "web", port: 3000, routes: ["/*"], gcp: { maxInstances: 40 } }], "platform:gcp": { ...GCP, network: { subnetCidr: "10.0.0.0/26" } } }, "platform:gcp.network.subnetCidr", "needs 80 (2 per instance x 40 instances"],
            ["a connector with direct egress", { "platform:gcp": { ...GCP, network: { egress: "direct", connector: { cidr: "10.8.0.0/28" } } } }, "platform:gcp.network.connector", 'egress is "direct"'],
            ["a PSA range over the subnet", { "platform:gcp": { ...GCP, network: { privateServicesCidr: "10.0.0.0/16" } } }, "platform:gcp.network.privateServicesCidr", "overlaps the subnet"],
            ["a CDN bucket with no public service", { "platform:services": [{ name: "jobs", command: ["x"] }], "platform:buckets": [{ name: "assets", cdn: true }] }, "platform:buckets[0].cdn", "needs the GCP load balancer"],
            ["an app secret named like a generated one", { "platform:database": {}, "platform:secrets": ["db-password"] }, "platform:secrets[0]", "Cloud SQL password"],
            ["SES on GCP only", { ...GCP_ONLY, "platform:services": [{ name: "web", port: 3000, routes: ["/*"], permissions: { ses: true } }] }, "platform:services[0].permissions.ses", "AWS permission"],
        ];
        for (const [what, overrides, key, text] of cases) {
            it(`rejects ${what} at ${key}`, () => {
                expectInvalid(shop({ "platform:database": undefined, "platform:cache": undefined, "platform:buckets": undefined, "platform:secrets": undefined, "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }], ...overrides }), key, text);
            });
        }

        it("npm run plan: exit 2, the key path on stderr, nothing on stdout", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcp-data-"));
            const file = path.join(dir, "bad.yaml");
            fs.writeFileSync(file, "config:\n  platform:name: shop\n  platform:environment: dev\n  platform:clouds: [gcp]\n  platform:gcp: { project: shop-dev-123456 }\n  platform:services: [{ name: web, port: 3000, routes: [\"/*\"] }]\n  platform:database: { version: \"12\" }\n");
            const r = planCli(file);
            assert.strictEqual(r.status, 2, r.stderr);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, /platform:database\.version: has no Cloud SQL for PostgreSQL equivalent.*\(got "12"\)/);
            assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
        });
    });
});
