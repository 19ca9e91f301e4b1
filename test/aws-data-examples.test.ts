import * as assert from "assert";
import { planStack, type PlanResult, type PlannedResource } from "../plan/engine";
import { ofType, one } from "./support/harness";

type Json = Record<string, any>;
const inputs = (r: PlannedResource): Json => r.inputs;

// Each example is planned once for all the describes below (plans are the slow part).
const plans = new Map<string, Promise<PlanResult>>();
const planOnce = (stack: string) => {
    if (!plans.has(stack)) plans.set(stack, planStack(stack));
    return plans.get(stack)!;
};

/** The numbers each seed document states, checked against what the example stack plans. */
interface SeedFacts {
    stack: string;
    prefix: string;
    vpc: string;
    subnets: { public: string[]; private: string[]; isolated: string[] };
    nats: number;
    db: { engineVersion: string; family: string; instanceClass: string; allocatedStorage: number; maxAllocatedStorage: number; multiAz: boolean; backupRetentionPeriod: number; deletionProtection: boolean; protect: boolean };
    cache: { engineVersion: string; nodeType: string; numCacheClusters: number; automaticFailoverEnabled: boolean };
    scaling: Record<string, [number, number]>;
    sizes: Record<string, [number, number]>;
}

const SEEDS: SeedFacts[] = [
    {
        stack: "saas-dev", prefix: "saas-dev", vpc: "10.0.0.0/16",
        subnets: { public: ["10.0.0.0/24", "10.0.16.0/24"], private: ["10.0.1.0/24", "10.0.17.0/24"], isolated: ["10.0.2.0/28", "10.0.18.0/28"] },
        nats: 1,
        db: { engineVersion: "16.3", family: "postgres16", instanceClass: "db.t4g.micro", allocatedStorage: 20, maxAllocatedStorage: 100, multiAz: false, backupRetentionPeriod: 1, deletionProtection: false, protect: false },
        cache: { engineVersion: "7.1", nodeType: "cache.t4g.micro", numCacheClusters: 1, automaticFailoverEnabled: false },
        scaling: { app: [1, 2] },
        sizes: { app: [512, 1024] },
    },
    {
        stack: "saas-prod", prefix: "saas-prod", vpc: "10.0.0.0/16",
        subnets: { public: ["10.0.0.0/24", "10.0.16.0/24"], private: ["10.0.1.0/24", "10.0.17.0/24"], isolated: ["10.0.2.0/28", "10.0.18.0/28"] },
        nats: 2,
        db: { engineVersion: "16.3", family: "postgres16", instanceClass: "db.t4g.small", allocatedStorage: 100, maxAllocatedStorage: 500, multiAz: true, backupRetentionPeriod: 7, deletionProtection: true, protect: true },
        cache: { engineVersion: "7.1", nodeType: "cache.t4g.small", numCacheClusters: 1, automaticFailoverEnabled: false },
        scaling: { app: [2, 10] },
        sizes: { app: [1024, 2048] },
    },
    {
        stack: "tiger", prefix: "fastapi-tiger", vpc: "10.0.0.0/16",
        subnets: { public: ["10.0.1.0/24", "10.0.2.0/24"], private: ["10.0.10.0/24", "10.0.11.0/24"], isolated: ["10.0.20.0/24", "10.0.21.0/24"] },
        nats: 2,
        db: { engineVersion: "15", family: "postgres15", instanceClass: "db.t3.micro", allocatedStorage: 20, maxAllocatedStorage: 100, multiAz: false, backupRetentionPeriod: 7, deletionProtection: false, protect: false },
        cache: { engineVersion: "7.1", nodeType: "cache.t3.micro", numCacheClusters: 1, automaticFailoverEnabled: false },
        scaling: { app: [1, 4], "celery-worker": [1, 1] },
        sizes: { app: [512, 1024], "celery-worker": [256, 512] },
    },
    {
        stack: "cheetah", prefix: "fastapi-cheetah", vpc: "10.1.0.0/16",
        subnets: { public: ["10.1.1.0/24", "10.1.2.0/24"], private: ["10.1.10.0/24", "10.1.11.0/24"], isolated: ["10.1.20.0/24", "10.1.21.0/24"] },
        nats: 2,
        db: { engineVersion: "15", family: "postgres15", instanceClass: "db.t3.small", allocatedStorage: 50, maxAllocatedStorage: 100, multiAz: true, backupRetentionPeriod: 14, deletionProtection: false, protect: false },
        cache: { engineVersion: "7.1", nodeType: "cache.t3.small", numCacheClusters: 2, automaticFailoverEnabled: true },
        scaling: { app: [2, 6], "celery-worker": [1, 1] },
        sizes: { app: [512, 1024], "celery-worker": [256, 512] },
    },
];

for (const seed of SEEDS) {
    describe(`example ${seed.stack} against its seed`, function () {
        let p: PlanResult;
        before(async () => {
            p = await planOnce(seed.stack);
        });

        it("has the seed's VPC, subnets per tier and NAT count", () => {
            assert.strictEqual(inputs(one(p, "aws:ec2/vpc:Vpc")).cidrBlock, seed.vpc);
            const subnets = ofType(p, "aws:ec2/subnet:Subnet").map(inputs);
            for (const tier of ["public", "private", "isolated"] as const) {
                assert.deepStrictEqual(subnets.filter((s) => s.tags.tier === tier).map((s) => s.cidrBlock), seed.subnets[tier], tier);
            }
            assert.strictEqual(ofType(p, "aws:ec2/natGateway:NatGateway").length, seed.nats);
        });

        it("has the seed's database, in the isolated subnets, encrypted, private", () => {
            const r = one(p, "aws:rds/instance:Instance");
            const db = inputs(r);
            const d = seed.db;
            assert.deepStrictEqual(
                [db.engineVersion, db.instanceClass, db.allocatedStorage, db.maxAllocatedStorage, db.multiAz, db.backupRetentionPeriod, db.deletionProtection, r.protect],
                [d.engineVersion, d.instanceClass, d.allocatedStorage, d.maxAllocatedStorage, d.multiAz, d.backupRetentionPeriod, d.deletionProtection, d.protect],
            );
            assert.strictEqual(inputs(one(p, "aws:rds/parameterGroup:ParameterGroup")).family, d.family);
            assert.deepStrictEqual([db.publiclyAccessible, db.storageEncrypted, db.manageMasterUserPassword, db.backupWindow], [false, true, true, "03:00-04:00"]);
            assert.deepStrictEqual(inputs(one(p, "aws:rds/subnetGroup:SubnetGroup")).subnetIds, [`${seed.prefix}-network-isolated-1-id`, `${seed.prefix}-network-isolated-2-id`]);
        });

        it("has the seed's cache", () => {
            const rg = inputs(one(p, "aws:elasticache/replicationGroup:ReplicationGroup"));
            const c = seed.cache;
            assert.deepStrictEqual(
                [rg.engineVersion, rg.nodeType, rg.numCacheClusters, rg.automaticFailoverEnabled, rg.multiAzEnabled],
                [c.engineVersion, c.nodeType, c.numCacheClusters, c.automaticFailoverEnabled, c.automaticFailoverEnabled],
            );
            assert.deepStrictEqual([rg.atRestEncryptionEnabled, rg.transitEncryptionEnabled, rg.authToken], [true, true, "[secret]"]);
        });

        it("admits every service that uses the database and cache, and nothing else", () => {
            const rules = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs);
            for (const [tier, port] of [["db", 5432], ["cache", 6379]] as const) {
                const admitted = rules.filter((r) => r.securityGroupId === `${seed.prefix}-data-${tier}-sg-id`);
                assert.deepStrictEqual(admitted.map((r) => r.referencedSecurityGroupId).sort(), Object.keys(seed.scaling).map((s) => `${seed.prefix}-services-${s}-id`).sort());
                assert.ok(admitted.every((r) => r.fromPort === port));
            }
        });

        it("sizes and scales the services as the seed says", () => {
            for (const s of p.config.services) {
                assert.deepStrictEqual([s.scaling.min, s.scaling.max], seed.scaling[s.name], s.name);
                assert.deepStrictEqual([s.cpu, s.memory], seed.sizes[s.name], s.name);
            }
        });
    });
}

describe("seed 004 specifics (tiger, cheetah)", function () {
    let tiger: PlanResult;
    let cheetah: PlanResult;
    before(async () => {
        tiger = await planOnce("tiger");
        cheetah = await planOnce("cheetah");
    });

    it("keeps logs 30 days in Standard, 90 in all, AES-256; serves assets through CloudFront", () => {
        for (const [p, stage] of [[tiger, "tiger"], [cheetah, "cheetah"]] as const) {
            const rules = inputs(one(p, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-logs-")).rules as Json[];
            const tiering = rules.find((r) => r.id === "tiering-and-expiry")!;
            assert.deepStrictEqual([tiering.transitions[0].days, tiering.transitions[0].storageClass, tiering.expiration.days], [30, "STANDARD_IA", 90]);
            const enc = inputs(one(p, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data-logs-")).rules as Json[];
            assert.strictEqual(enc[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
            assert.deepStrictEqual(ofType(p, "aws:s3/bucket:Bucket").map((b) => inputs(b).bucket), [`fastapi-${stage}-logs-123456789012`, `fastapi-${stage}-assets-123456789012`]);
            assert.strictEqual(ofType(p, "aws:cloudfront/distribution:Distribution").length, 1);
            assert.strictEqual(ofType(p, "aws:s3/bucketVersioning:BucketVersioning").length, 2);
        }
    });

    it("creates the {env}/fastapi/* secrets empty", () => {
        const names = (p: PlanResult) => ofType(p, "aws:secretsmanager/secret:Secret").map((s) => String(inputs(s).name)).filter((n) => !n.endsWith("redis-auth-token"));
        assert.deepStrictEqual(names(tiger), ["tiger/fastapi/database-url", "tiger/fastapi/secret-key", "tiger/fastapi/aws-credentials", "tiger/fastapi/ses-config"]);
        assert.deepStrictEqual(names(cheetah).map((n) => n.split("/")[0]), ["cheetah", "cheetah", "cheetah", "cheetah"]);
    });

    it("wires the FastAPI app and the Celery worker to the database, cache, buckets, secrets, SES and SNS", () => {
        const wiring = (tiger.outputs.aws as Json).serviceWiring as Json;
        for (const s of ["app", "celery-worker"]) {
            const w = wiring[s];
            assert.ok(w.environment.DATABASE_HOST && w.environment.REDIS_HOST && w.environment.BUCKET_LOGS && w.environment.BUCKET_ASSETS, s);
            assert.deepStrictEqual(Object.keys(w.secrets).sort(), ["AWS_CREDENTIALS", "DATABASE_PASSWORD", "DATABASE_URL", "REDIS_AUTH_TOKEN", "SECRET_KEY", "SES_CONFIG"]);
            const actions = (w.taskPolicyStatements as Json[]).flatMap((x) => x.Action as string[]);
            assert.ok(actions.includes("ses:SendEmail") && actions.includes("sns:Publish") && actions.includes("s3:PutObject"), s);
        }
    });

    it("has the seed's RDS CPU alarm (> 75 %) and Redis CPU alarm (> 75 %)", () => {
        const alarms = ofType(cheetah, "aws:cloudwatch/metricAlarm:MetricAlarm").map(inputs);
        assert.strictEqual(alarms.find((a) => a.namespace === "AWS/RDS" && a.metricName === "CPUUtilization")!.threshold, 75);
        assert.ok(alarms.filter((a) => a.metricName === "EngineCPUUtilization").every((a) => a.threshold === 75));
        assert.strictEqual(alarms.filter((a) => a.metricName === "EngineCPUUtilization").length, 2, "one per node: primary + replica");
        assert.deepStrictEqual([tiger.config.logRetentionDays, cheetah.config.logRetentionDays], [7, 14]);
    });
});
