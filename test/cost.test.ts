import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { estimateCost, type CostReport } from "../plan/cost/estimate";
import { renderDiagramMarkdown } from "../plan/diagram";
import { allStackFiles, planStack, PROJECT_ROOT, type PlannedResource } from "../plan/engine";
import { loadConfigMap } from "../stacks/load";
import { config } from "./support/harness";
import { planCli } from "./support/cli";

/** A resolved spec with the default cost assumptions (10 GB NAT, 1 LCU, 5 GB logs, 1M requests x 0.2 s). */
const spec = (overrides: Record<string, unknown> = {}) => loadConfigMap(config(overrides), "test");

const STACK = "urn:pulumi:test::platform::pulumi:pulumi:Stack::platform-test";

/** A synthetic planned resource, as the offline engine records it. */
/** A planned resource as the engine records it; its provider id is `<name>-id`, as inputs below refer to it. */
function res(type: string, name: string, inputs: Record<string, unknown> = {}, parent: string | null = STACK): PlannedResource {
    return { urn: `urn:pulumi:test::platform::${type}::${name}`, type, name, id: `${name}-id`, parent, inputs, custom: !type.startsWith("platform:"), protect: false };
}

/** Sum of the lines of one resource. */
function costOf(report: CostReport, name: string): number {
    const lines = report.lines.filter((l) => l.name === name);
    assert.ok(lines.length, `no cost lines for ${name}; unpriced: ${JSON.stringify(report.unpriced)}`);
    return lines.reduce((a, l) => a + l.monthlyUsd, 0);
}

/** Lines are rounded to cents, so a resource with n lines may be off by n/2 cents. */
function near(actual: number, expected: number, tol = 0.011) {
    assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

describe("cost estimate: hand-computed figures", () => {
    it("NAT gateway: 0.045 x 730 + 0.045 x 10 GB = 33.30", () => {
        const r = estimateCost([res("aws:ec2/natGateway:NatGateway", "nat-1")], spec());
        near(costOf(r, "nat-1"), 0.045 * 730 + 0.045 * 10);
        near(r.monthlyUsd, 33.3);
    });

    it("NAT gateway with natGbPerMonth 100: 32.85 + 0.045 x 100 = 37.35", () => {
        const r = estimateCost([res("aws:ec2/natGateway:NatGateway", "nat-1")], spec({ "platform:costAssumptions": { natGbPerMonth: 100 } }));
        near(r.monthlyUsd, 37.35);
    });

    it("ALB: 0.0225 x 730 + 1 LCU x 730 x 0.008 = 16.425 + 5.84 = 22.265", () => {
        const r = estimateCost([res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" })], spec());
        near(costOf(r, "alb"), 22.265);
    });

    it("Fargate x86: 2 tasks x (0.5 vCPU x 0.04048 + 1 GB x 0.004445) x 730 = 29.5504 + 6.4897 = 36.04", () => {
        const r = estimateCost([
            res("aws:ecs/taskDefinition:TaskDefinition", "api-task", { family: "app-api", cpu: "512", memory: "1024", requiresCompatibilities: ["FARGATE"] }),
            res("aws:ecs/service:Service", "api", { taskDefinition: "api-task-id", desiredCount: 2, launchType: "FARGATE" }),
        ], spec());
        near(costOf(r, "api"), 2 * 0.5 * 730 * 0.04048 + 2 * 1 * 730 * 0.004445);
        near(costOf(r, "api"), 36.04);
    });

    it("Fargate ARM via a capacity provider strategy and a task definition ARN: 2 x (0.5 x 0.03238 + 1 x 0.00356) x 730 = 28.835", () => {
        const r = estimateCost([
            res("aws:ecs/taskDefinition:TaskDefinition", "api-task", { family: "app-api", cpu: "512", memory: "1024", runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } }),
            res("aws:ecs/service:Service", "api", {
                taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/app-api:3",
                desiredCount: 2,
                capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1 }],
            }),
        ], spec());
        near(costOf(r, "api"), 2 * 0.5 * 730 * 0.03238 + 2 * 1 * 730 * 0.00356);
        assert.match(r.lines.find((l) => l.name === "api")!.item, /ARM/);
    });

    it("ECS on EC2: the service is $0 and the Auto Scaling group carries 2 x t3.medium: 2 x 0.0416 x 730 + 2 x 30 GB x 0.08 = 60.736 + 4.80", () => {
        const r = estimateCost([
            res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { instanceType: "t3.medium" }),
            res("aws:autoscaling/group:Group", "asg", { minSize: 2, maxSize: 5, launchTemplate: { id: "lt-id", version: "$Latest" } }),
            res("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "x", cpu: "256", memory: "512" }),
            res("aws:ecs/service:Service", "svc", { taskDefinition: "td-id", desiredCount: 3, capacityProviderStrategies: [{ capacityProvider: "app-cp", weight: 1 }] }),
        ], spec());
        near(costOf(r, "asg"), 2 * 0.0416 * 730 + 2 * 30 * 0.08);
        assert.strictEqual(costOf(r, "svc"), 0);
    });

    it("RDS db.t4g.small Multi-AZ 20 GB gp3: 2 x 730 x 0.032 + 2 x 20 x 0.115 = 46.72 + 4.60 = 51.32", () => {
        const r = estimateCost([res("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.small", multiAz: true, allocatedStorage: 20, storageType: "gp3" })], spec());
        near(costOf(r, "db"), 51.32);
    });

    it("RDS db.t4g.micro single-AZ 20 GB: 730 x 0.016 + 20 x 0.115 = 11.68 + 2.30 = 13.98", () => {
        const r = estimateCost([res("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.t4g.micro", multiAz: false, allocatedStorage: 20 })], spec());
        near(costOf(r, "db"), 13.98);
    });

    it("ElastiCache 2 x cache.t4g.micro: 2 x 730 x 0.016 = 23.36; a cluster-mode group counts shards x (1 + replicas)", () => {
        const r = estimateCost([
            res("aws:elasticache/replicationGroup:ReplicationGroup", "redis", { nodeType: "cache.t4g.micro", numCacheClusters: 2 }),
            res("aws:elasticache/replicationGroup:ReplicationGroup", "sharded", { nodeType: "cache.t3.small", numNodeGroups: 2, replicasPerNodeGroup: 1 }),
        ], spec());
        near(costOf(r, "redis"), 23.36);
        near(costOf(r, "sharded"), 4 * 730 * 0.034);
    });

    it("fixed monthly items: 3 secrets x 0.40 + 5 alarms x 0.10 + hosted zone 0.50 + KMS key 1.00 = 3.20", () => {
        const rs = [
            ...[1, 2, 3].map((i) => res("aws:secretsmanager/secret:Secret", `s${i}`)),
            ...[1, 2, 3, 4, 5].map((i) => res("aws:cloudwatch/metricAlarm:MetricAlarm", `a${i}`, { period: 60 })),
            res("aws:route53/zone:Zone", "zone"),
            res("aws:kms/key:Key", "key"),
        ];
        near(estimateCost(rs, spec()).monthlyUsd, 3 * 0.4 + 5 * 0.1 + 0.5 + 1);
    });

    it("log groups share the ingest: 2 groups x 2.5 GB x 0.50 ingest; stored 2.5 x 1 month x 0.03 (30 d) and 2.5 x 12 x 0.03 (never expire)", () => {
        const r = estimateCost([
            res("aws:cloudwatch/logGroup:LogGroup", "lg30", { retentionInDays: 30 }),
            res("aws:cloudwatch/logGroup:LogGroup", "lgforever", {}),
        ], spec());
        near(costOf(r, "lg30"), 1.25 + 0.075);
        near(costOf(r, "lgforever"), 1.25 + 0.9);
    });

    it("EFS 10 GB x 0.30 = 3.00; S3 10 GB x 0.023 = 0.23; ECR 1 GB x 0.10 = 0.10", () => {
        const r = estimateCost([
            res("aws:efs/fileSystem:FileSystem", "efs"),
            res("aws:s3/bucketV2:BucketV2", "bucket"),
            res("aws:ecr/repository:Repository", "repo"),
        ], spec());
        near(costOf(r, "efs"), 3);
        near(costOf(r, "bucket"), 0.23);
        near(costOf(r, "repo"), 0.1);
    });

    it("Cloud Run instance-based, min 1, 1 vCPU / 512Mi: 730 x 3600 s x (1 x 0.000018 + 0.5 x 0.000002) = 2,628,000 x 0.000019 = 49.93", () => {
        const r = estimateCost([res("gcp:cloudrunv2/service:Service", "run", {
            template: { scaling: { minInstanceCount: 1, maxInstanceCount: 4 }, containers: [{ image: "x", resources: { cpuIdle: false, limits: { cpu: "1", memory: "512Mi" } } }] },
        })], spec());
        near(costOf(r, "run"), 2_628_000 * 0.000019);
        assert.strictEqual(r.lines[0].cloud, "gcp");
    });

    it("Cloud Run request-based, min 0: 1M requests x 0.2 s = 200,000 s x (0.000024 + 0.5 x 0.0000025) + 1 x 0.40 = 5.05 + 0.40 = 5.45", () => {
        const r = estimateCost([res("gcp:cloudrunv2/service:Service", "run", {
            template: { scaling: { minInstanceCount: 0 }, containers: [{ image: "x", resources: { cpuIdle: true, limits: { cpu: "1000m", memory: "512Mi" } } }] },
        })], spec());
        near(costOf(r, "run"), 200_000 * (0.000024 + 0.5 * 0.0000025) + 0.4);
    });

    it("GCP: 2 global forwarding rules = one first-5 charge 0.025 x 730 = 18.25; VPC connector 2 x e2-micro 0.00838 x 730 = 12.23; Artifact Registry (1 - 0.5) GB x 0.10 = 0.05", () => {
        const r = estimateCost([
            res("gcp:compute/globalForwardingRule:GlobalForwardingRule", "https"),
            res("gcp:compute/globalForwardingRule:GlobalForwardingRule", "http"),
            res("gcp:vpcaccess/connector:Connector", "conn", { minInstances: 2, maxInstances: 3, machineType: "e2-micro" }),
            res("gcp:artifactregistry/repository:Repository", "ar"),
        ], spec());
        near(costOf(r, "https") + costOf(r, "http"), 18.25);
        near(costOf(r, "conn"), 2 * 0.00838 * 730);
        near(costOf(r, "ar"), 0.05);
        near(r.byCloud.gcp, 18.25 + 12.2348 + 0.05, 0.02);
    });
});

describe("cost estimate: GCP monitoring", () => {
    it("alerting: 8 policies x 1 condition x 1.50 = 12.00; uptime checks every 60 s from 6 regions: 2 x 43,200 x 6 = 518,400 executions, within the free million = 0", () => {
        const rs = [
            ...Array.from({ length: 8 }, (_, i) => res("gcp:monitoring/alertPolicy:AlertPolicy", `alert${i}`, { conditions: [{ displayName: "c" }] })),
            res("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", "up1", { period: "60s" }),
            res("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", "up2", { period: "60s" }),
        ];
        const r = estimateCost(rs, spec());
        near(r.monthlyUsd, 12);
        assert.strictEqual(costOf(r, "up1"), 0);
    });

    it("5 uptime checks: 5 x 259,200 = 1,296,000 executions; (1,296,000 - 1,000,000) / 1000 x 0.30 = 88.80", () => {
        const rs = Array.from({ length: 5 }, (_, i) => res("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig", `up${i}`, { period: "60s" }));
        near(estimateCost(rs, spec()).monthlyUsd, 88.8, 0.03);
    });
});

describe("cost estimate: report rules", () => {
    it("lists unknown types as unpriced (never zero), counts free ones, and attributes lines to the nearest component", () => {
        const comp = res("platform:aws:Network", "net");
        const r = estimateCost([
            comp,
            res("aws:ec2/vpc:Vpc", "vpc", {}, comp.urn),
            res("aws:ec2/natGateway:NatGateway", "nat", {}, comp.urn),
            res("aws:foo/bar:Bar", "mystery"),
            res("aws:rds/instance:Instance", "odd-db", { instanceClass: "db.x2g.16xlarge" }),
        ], spec());
        assert.deepStrictEqual(r.unpriced.map((u) => u.name).sort(), ["mystery", "odd-db"]);
        assert.match(r.unpriced.find((u) => u.name === "odd-db")!.reason, /db\.x2g\.16xlarge/);
        assert.strictEqual(r.freeCount, 1);
        assert.deepStrictEqual(Object.keys(r.byComponent), ["platform:aws:Network"]);
        near(r.monthlyUsd, 33.3);
    });

    it("applies the region multiplier (eu-west-1 x1.1: 32.85 x 1.1 = 36.135) and says so", () => {
        const r = estimateCost([res("aws:ec2/natGateway:NatGateway", "nat")], spec({ "platform:aws": { region: "eu-west-1" } }));
        near(r.lines[0].monthlyUsd, 36.135);
        assert.ok(r.assumptions.some((a) => /eu-west-1.*1\.1/.test(a)));
    });

    it("a stack's price override wins (aws.nat.hour 0.05 x 730 = 36.50) and an unknown override id is reported", () => {
        const r = estimateCost([res("aws:ec2/natGateway:NatGateway", "nat")], spec({ "platform:costAssumptions": { prices: { "aws.nat.hour": 0.05, "aws.nat.typo": 1 } } }));
        near(r.lines[0].monthlyUsd, 36.5);
        assert.ok(r.assumptions.some((a) => a.includes("aws.nat.typo")));
    });

    it("grows linearly with services: n Fargate services cost n x one", () => {
        const one = (i: number) => [
            res("aws:ecs/taskDefinition:TaskDefinition", `td${i}`, { family: `f${i}`, cpu: "256", memory: "512" }),
            res("aws:ecs/service:Service", `svc${i}`, { taskDefinition: `td${i}-id`, desiredCount: 1, launchType: "FARGATE" }),
        ];
        const cost = (n: number) => estimateCost(Array.from({ length: n }, (_, i) => one(i)).flat(), spec()).monthlyUsd;
        near(cost(10), 10 * cost(1), 0.05);
        near(cost(100), 100 * cost(1), 0.5);
    });
});

describe("cost estimate: end to end", () => {
    it("every stack in the repository plans with a cost report whose total is the sum of its lines", async () => {
        for (const f of allStackFiles()) {
            const p = await planStack(f);
            const c = p.cost as CostReport;
            assert.ok(c.monthlyUsd > 0, `${path.basename(f)} costs nothing`);
            near(c.monthlyUsd, c.lines.reduce((a, l) => a + l.monthlyUsd, 0), 0.01);
            near(c.monthlyUsd, Object.values(c.byCloud).reduce((a, b) => a + b, 0), 0.05);
            const cloudResources = p.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
            const priced = new Set(c.lines.map((l) => l.resource));
            assert.strictEqual(cloudResources.filter((r) => priced.has(r.urn)).length + c.unpriced.length + c.freeCount, cloudResources.length, "every resource is priced, free or unpriced");
        }
    });

    it("dev: one NAT gateway (dev profile) and prod: one per AZ, priced from the plan", async () => {
        const dev = (await planStack("dev")).cost as CostReport;
        const prod = (await planStack("prod")).cost as CostReport;
        const nat = (c: CostReport) => c.lines.filter((l) => l.type === "aws:ec2/natGateway:NatGateway" && /730 h/.test(l.item)).length;
        assert.strictEqual(nat(dev), 1);
        assert.strictEqual(nat(prod), 2);
        assert.ok(prod.monthlyUsd > dev.monthlyUsd);
    });

    it("npm run plan -- dev --diagram --cost --out FILE writes the diagram, then the cost table by cloud and component with the assumptions", async () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "dev.md");
        const r = planCli("dev", "--diagram", "--cost", "--out", out);
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout, "");
        const text = fs.readFileSync(out, "utf8");
        const dev = await planStack("dev");
        assert.ok(text.startsWith(renderDiagramMarkdown("dev", dev.resources, dev.config)), "the diagram comes first, as renderDiagramMarkdown draws it");
        assert.match(text, /NAT gateway x1/);
        assert.match(text, /Monthly cost estimate for stack "dev": \$\d+\.\d\d/);
        assert.match(text, /By cloud:\n {2}aws/);
        assert.match(text, /By component:\n {2}aws:Network/);
        assert.match(text, /Assumptions:\n {2}- on-demand list prices/);
        assert.match(text, /NAT gateway: 730 h x \$0\.045/);
    });
});

describe("cost estimate: type tokens", () => {
    it("every priced or free type token is a real resource type of the installed providers (catches a mistyped token, which would never match)", async () => {
        const { AWS_RULES } = await import("../plan/cost/rules-aws");
        const { GCP_RULES } = await import("../plan/cost/rules-gcp");
        const { FREE_TYPES } = await import("../plan/cost/free");
        const known = new Map<string, Set<string>>();
        const typesIn = (pkg: string, mod: string) => {
            const dir = path.join(PROJECT_ROOT, "node_modules", "@pulumi", pkg, mod);
            if (!known.has(dir)) {
                const found = new Set<string>();
                for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((x) => x.endsWith(".js")) : []) {
                    for (const m of fs.readFileSync(path.join(dir, f), "utf8").matchAll(/__pulumiType = '([^']+)'/g)) found.add(m[1]);
                }
                known.set(dir, found);
            }
            return known.get(dir)!;
        };
        const tokens = [...Object.keys(AWS_RULES), ...Object.keys(GCP_RULES), ...Object.keys(FREE_TYPES)];
        const unknown = tokens.filter((t) => {
            const m = /^(aws|gcp):([^/]+)\//.exec(t);
            // Image builds: docker-build keeps its types at the package root, awsx per module (ecr).
            const other = /^(docker-build):index:|^(awsx):([^:]+):/.exec(t);
            if (other) return !typesIn(other[1] ?? other[2], other[1] ? "" : other[3]).has(t);
            return !m || !typesIn(m[1], m[2]).has(t);
        });
        assert.deepStrictEqual(unknown, []);
    });
});
