import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsStack, Network, ServiceSecurityGroups, type NetworkArgs, type ResolvedConfig } from "../lib";
import { collectUrls } from "../stacks/infra";
import { planConfig, planProgram, PROJECT_ROOT, SECRET_MASK, type PlannedResource } from "../plan/engine";

/**
 * Another Pulumi program using our components through the `lib` barrel, with no stack file, no
 * zod schema and no profile: hand-written args, run under the project's mocks.
 */

const byType = (resources: PlannedResource[], type: string) => resources.filter((r) => r.type === type);

function networkArgs(overrides: Partial<NetworkArgs> = {}): NetworkArgs {
    return {
        naming: { app: "shop", stage: "qa" },
        region: "eu-west-1",
        cidr: "172.20.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        subnets: {
            public: ["172.20.0.0/24", "172.20.1.0/24", "172.20.2.0/24"],
            private: ["172.20.16.0/20", "172.20.32.0/20", "172.20.48.0/20"],
            isolated: [],
        },
        natGateways: "single",
        ...overrides,
    };
}

/** A ResolvedConfig written by hand, as a program without our config layer would. */
const handWritten: ResolvedConfig = {
    name: "shop",
    environment: "staging",
    stage: "qa",
    naming: { app: "shop", stage: "qa" },
    clouds: ["aws"],
    tags: { app: "shop", environment: "staging", "managed-by": "pulumi", team: "payments" },
    profile: {
        natGateways: "single", databaseMultiAz: true, backupRetentionDays: 7, deletionProtection: false, finalSnapshot: true,
        protectStateful: false, cacheReplicas: 1, cacheSnapshotRetentionDays: 5, logRetentionDays: 14, minTasks: 1, maxTasks: 4,
        immutableTags: false, ecsExec: true, containerInsights: true, albAccessLogs: false, cloudRunCpuIdle: false, bucketForceDestroy: false,
        waitForSteadyState: true,
    },
    protectStateful: false,
    services: [{
        name: "api",
        imageTag: "v1",
        port: 8080,
        protocol: "http",
        routes: ["/*"],
        expose: "public",
        cpu: 512,
        memory: 1024,
        architecture: "arm64",
        environment: {},
        secrets: [],
        healthCheck: { path: "/healthz", interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200", gracePeriod: 60 },
        scaling: { min: 1, max: 4, cpuTarget: 60, scaleOutCooldown: 60, scaleInCooldown: 300 },
        desiredCount: 1,
        uses: { database: false, cache: false, buckets: [], services: [] },
        discovery: false,
        volumes: [],
        permissions: { ses: false, sns: false, buckets: [] },
        readonlyRootFilesystem: true,
        exec: false,
        gcp: { cpu: "1", memory: "1Gi", minInstances: 1, maxInstances: 4, concurrency: 80, cdn: false, cpuIdle: false, startupCpuBoost: true },
    }],
    buckets: [],
    secrets: [],
    secretValues: {},
    jobs: [],
    links: [],
    alerts: { cpuPercent: 80, memoryPercent: 80, http5xxCount: 10, databaseCpuPercent: 75, cacheCpuPercent: 75, cacheMemoryPercent: 80, evaluationPeriods: 2 },
    logRetentionDays: 14,
    costAssumptions: { natGbPerMonth: 10, lcuPerHour: 1, logGbPerMonth: 5, requestsPerMonth: 1e6, requestSeconds: 0.2, bucketGb: 10, efsGb: 10, registryGb: 1, jobRunsPerMonth: 30, jobMinutesPerRun: 5, prices: {} },
    aws: {
        region: "eu-west-1",
        providerConfig: {},
        network: {
            cidr: "10.42.0.0/16",
            azCount: 2,
            azs: ["eu-west-1a", "eu-west-1b"],
            natGateways: "none",
            subnets: { public: ["10.42.0.0/24", "10.42.1.0/24"], private: ["10.42.16.0/20", "10.42.32.0/20"], isolated: [] },
            flowLogs: false,
            endpoints: [],
        },
        loadBalancers: "shared",
        waf: false,
        accessLogs: false,
        containerInsights: false,
        compute: { type: "fargate", instanceType: "t3.medium", min: 1, max: 5, targetCapacity: 100 },
        ecr: { keepTagged: 10, tagPrefix: "v", untaggedExpireDays: 7, immutableTags: false },
        discovery: { namespace: "shop-qa.local" },
        rollout: { waitForSteadyState: true, timeoutMinutes: 20 },
    },
};

describe("components used from another program (lib barrel, no config layer)", () => {
    it("a bare Network builds the VPC, one subnet per AZ and tier, and the NAT count asked for", async () => {
        const plan = await planProgram(() => {
            const net = new Network("edge", networkArgs());
            return { vpcId: net.vpcId };
        }, "reuse", { awsRegion: "eu-west-1" });
        const vpcs = byType(plan.resources, "aws:ec2/vpc:Vpc");
        assert.deepStrictEqual(vpcs.map((v) => [v.name, v.inputs.cidrBlock]), [["edge-vpc", "172.20.0.0/16"]]);
        const subnets = byType(plan.resources, "aws:ec2/subnet:Subnet");
        assert.strictEqual(subnets.length, 6);
        assert.deepStrictEqual(subnets.filter((s) => (s.inputs.tags as Record<string, string>).tier === "private").map((s) => s.inputs.availabilityZone),
            ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        assert.strictEqual(byType(plan.resources, "aws:ec2/natGateway:NatGateway").length, 1);
        // The S3 endpoint carries the region we passed, not the ambient one.
        assert.strictEqual(byType(plan.resources, "aws:ec2/vpcEndpoint:VpcEndpoint")[0].inputs.serviceName, "com.amazonaws.eu-west-1.s3");
        // The component is the parent of its children, and the program's return value is resolved.
        const component = plan.resources.find((r) => r.type === "platform:aws:Network")!;
        assert.strictEqual(vpcs[0].parent, component.urn);
        assert.deepStrictEqual(plan.outputs, { vpcId: "edge-vpc-id" });
    });

    it("transform hooks change the children's args: a partial object (vpc) and a function (subnet, natGateway)", async () => {
        const plan = await planProgram(() => {
            new Network("edge", networkArgs({
                natGateways: "perAz",
                transform: {
                    vpc: { tags: { Name: "edge-vpc", team: "payments" }, instanceTenancy: "default" },
                    subnet: (args, _opts, name) => {
                        if (name.includes("-public-")) args.mapPublicIpOnLaunch = true;
                    },
                    natGateway: (_args, opts) => {
                        opts.protect = true;
                    },
                },
            }));
        });
        const vpc = byType(plan.resources, "aws:ec2/vpc:Vpc")[0];
        assert.deepStrictEqual(vpc.inputs.tags, { Name: "edge-vpc", team: "payments" });
        assert.strictEqual(vpc.inputs.instanceTenancy, "default");
        assert.strictEqual(vpc.inputs.cidrBlock, "172.20.0.0/16", "fields the transform does not name are kept");
        const subnets = byType(plan.resources, "aws:ec2/subnet:Subnet");
        assert.deepStrictEqual(subnets.filter((s) => s.inputs.mapPublicIpOnLaunch === true).map((s) => s.name), ["edge-public-1", "edge-public-2", "edge-public-3"]);
        const nats = byType(plan.resources, "aws:ec2/natGateway:NatGateway");
        assert.deepStrictEqual(nats.map((n) => n.protect), [true, true, true]);
    });

    it("AwsStack from a hand-written ResolvedConfig, with the caller's own provider", async () => {
        const plan = await planProgram(() => {
            const provider = new aws.Provider("mine", { region: "eu-west-1", defaultTags: { tags: { owner: "team-payments" } } });
            return new AwsStack("shop", { spec: handWritten }, { providers: { aws: provider } }).outputs;
        }, "reuse", { awsRegion: "eu-west-1" });
        assert.strictEqual(byType(plan.resources, "aws:ec2/vpc:Vpc")[0].inputs.cidrBlock, "10.42.0.0/16");
        assert.strictEqual(byType(plan.resources, "aws:ec2/natGateway:NatGateway").length, 0, "natGateways: none");
        assert.strictEqual(byType(plan.resources, "aws:ec2/flowLog:FlowLog").length, 0, "flowLogs: false");
        assert.deepStrictEqual(byType(plan.resources, "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone).slice(0, 2), ["eu-west-1a", "eu-west-1b"]);
        const cluster = byType(plan.resources, "aws:ecs/cluster:Cluster")[0];
        assert.strictEqual(cluster.inputs.name, "shop-qa-cluster");
        assert.deepStrictEqual(cluster.inputs.settings, [{ name: "containerInsights", value: "disabled" }]);
        assert.strictEqual(byType(plan.resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.name === "shop-services-api").length, 1);
        const outputs = plan.outputs as Record<string, unknown>;
        assert.strictEqual(outputs.region, "eu-west-1");
        assert.strictEqual(outputs.clusterName, "shop-qa-cluster");
    });

    it("the same hand-written config through createInfra (planConfig) gets the provider's default tags from spec.tags", async () => {
        const plan = await planConfig(handWritten, "reuse");
        const provider = plan.resources.find((r) => r.type === "pulumi:providers:aws")!;
        // Provider inputs reach the engine JSON-encoded.
        assert.deepStrictEqual(JSON.parse(provider.inputs.defaultTags as string), { tags: handWritten.tags });
        assert.strictEqual(provider.inputs.region, "eu-west-1");
        assert.ok(!plan.resources.some((r) => r.type.startsWith("gcp:")), "clouds: [aws] builds no GCP resource");
    });
});

/** Components exported by lib/index.ts: [class, Args interface, source file]. Syntax only, so it stays fast. */
function exportedComponents(): { name: string; args: string; file: string }[] {
    const barrel = path.join(PROJECT_ROOT, "lib", "index.ts");
    const sf = ts.createSourceFile(barrel, fs.readFileSync(barrel, "utf8"), ts.ScriptTarget.ES2022, true);
    const out: { name: string; args: string; file: string }[] = [];
    for (const stmt of sf.statements) {
        if (!ts.isExportDeclaration(stmt) || !stmt.exportClause || !ts.isNamedExports(stmt.exportClause) || !stmt.moduleSpecifier) continue;
        const from = (stmt.moduleSpecifier as ts.StringLiteral).text;
        if (!/^\.\.\/(aws|gcp)\//.test(from)) continue;
        // The name in the source file (GcpNetwork is exported `as`, declared as Network).
        const names = stmt.exportClause.elements.map((e) => (e.propertyName ?? e.name).text);
        for (const n of names) {
            if (names.includes(`${n}Args`)) out.push({ name: n, args: `${n}Args`, file: path.join(PROJECT_ROOT, "lib", `${from}.ts`) });
        }
    }
    return out;
}

describe("component conventions (every component exported from lib)", () => {
    // AwsStack / GcpStack / DataTier compose the others from a whole ResolvedConfig; their children are
    // reached by using the components directly.
    const COMPOSITES = new Set(["AwsStack", "GcpStack", "DataTier"]);

    it("each component's Args has a transform hook and a doc comment on every field", () => {
        const components = exportedComponents();
        assert.ok(components.length >= 5, `found only ${components.map((c) => c.name).join(", ")}`);
        const problems: string[] = [];
        for (const c of components) {
            const sf = ts.createSourceFile(c.file, fs.readFileSync(c.file, "utf8"), ts.ScriptTarget.ES2022, true);
            const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === c.args);
            assert.ok(decl, `${c.args} not found in ${path.relative(PROJECT_ROOT, c.file)}`);
            const fields = decl.members.filter(ts.isPropertySignature);
            const undocumented = fields.filter((f) => ts.getJSDocCommentsAndTags(f).length === 0).map((f) => f.name.getText());
            if (undocumented.length > 0) problems.push(`${c.args}: fields without a doc comment: ${undocumented.join(", ")}`);
            if (!COMPOSITES.has(c.name) && !fields.some((f) => f.name.getText() === "transform")) problems.push(`${c.args} has no transform hook`);
        }
        assert.deepStrictEqual(problems, []);
    });

    it("ServiceSecurityGroups' transform reaches each group", async () => {
        const plan = await planProgram(() => {
            new ServiceSecurityGroups("svc", {
                naming: { app: "shop", stage: "qa" },
                vpcId: "vpc-123",
                services: ["api", "worker"],
                transform: { securityGroup: (args) => { args.revokeRulesOnDelete = true; } },
            });
        });
        const groups = byType(plan.resources, "aws:ec2/securityGroup:SecurityGroup");
        assert.deepStrictEqual(groups.map((g) => [g.name, g.inputs.revokeRulesOnDelete]), [["svc-api", true], ["svc-worker", true]]);
    });
});

describe("stack outputs", () => {
    it("urls collects each cloud's url and urls (map or list) into one flat map", async () => {
        const plan = await planProgram(() => ({
            urls: collectUrls({
                aws: { url: pulumi.output("https://shop.example.com"), urls: { admin: "https://admin.example.com", none: "" }, vpcId: "vpc-1" },
                gcp: { urls: [pulumi.output("https://a.run.app"), "https://b.run.app"] },
            }),
        }));
        assert.deepStrictEqual(plan.outputs, {
            urls: { aws: "https://shop.example.com", "aws.admin": "https://admin.example.com", "gcp.1": "https://a.run.app", "gcp.2": "https://b.run.app" },
        });
    });

    it("a secret URL keeps the urls output secret", async () => {
        const plan = await planProgram(() => ({ urls: collectUrls({ aws: { url: pulumi.secret("https://user:token@internal.example.com") } }) }));
        assert.deepStrictEqual(plan.outputs, { urls: SECRET_MASK });
    });

    it("the dev stack exports app, environment, per-cloud groups and urls", async () => {
        const { planStack } = await import("../plan/engine");
        const dev = await planStack("dev");
        assert.deepStrictEqual(Object.keys(dev.outputs).sort(), ["app", "aws", "environment", "gcp", "urls"]);
        assert.strictEqual(typeof dev.outputs.urls, "object");
    });
});
