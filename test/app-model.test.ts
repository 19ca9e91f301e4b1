import * as assert from "assert";
import { Database, type ResolvedDatabase } from "../lib";
import { planProgram, type PlannedResource } from "../plan/engine";
import { loadConfigMap } from "../stacks/load";
import { config, expectInvalid, ofType, one, plan } from "./support/harness";

/** The app model: links with key paths, what each cloud can build, existing networks, components on their own. */

const GCP = { "platform:gcp": { project: "shop-project-1" } };

describe("app model: links", () => {
    const spec = loadConfigMap(config({
        "platform:services": [
            { name: "web", port: 3000, routes: ["/*"], uses: ["api", "files", "database"], secrets: ["stripe-key"] },
            { name: "api", port: 8000, expose: "internal", uses: ["cache", "database"], permissions: { buckets: ["files"] } },
            { name: "worker", uses: ["files", "cache"] },
        ],
        "platform:database": {},
        "platform:cache": {},
        "platform:buckets": [{ name: "files" }],
        "platform:secrets": ["stripe-key"],
    }), "test");

    it("turns every uses, secrets and permissions.buckets entry into one link, in grant order, with the key that declared it", () => {
        const row = (from: string) => spec.links.filter((l) => l.from === from).map((l) => `${l.kind}:${l.to}@${l.keyPath}`);
        assert.deepStrictEqual(row("web"), [
            "database:database@platform:services[0].uses[2]",
            "secret:stripe-key@platform:services[0].secrets[0]",
            "bucket:files@platform:services[0].uses[1]",
            "service:api@platform:services[0].uses[0]",
        ]);
        assert.deepStrictEqual(row("api"), [
            "database:database@platform:services[1].uses[1]",
            "cache:cache@platform:services[1].uses[0]",
            "bucket:files@platform:services[1].permissions.buckets[0]",
        ]);
        assert.deepStrictEqual(row("worker"), ["cache:cache@platform:services[2].uses[1]", "bucket:files@platform:services[2].uses[0]"]);
        assert.strictEqual(spec.services[1].keyPath, "platform:services[1]");
    });

    it("makes a service another service uses discoverable, and refuses discovery: false on it", () => {
        assert.strictEqual(spec.services.find((s) => s.name === "api")!.discovery, true);
        expectInvalid(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["api"] }, { name: "api", port: 8000, routes: ["/api/*"], discovery: false }],
        }), "platform:services[1].discovery", 'service "web" uses this service');
    });
});

describe("app model: each cloud builds what it declares, or the config is refused", () => {
    it("refuses stores a selected cloud does not build, at their own key, once", () => {
        const err = expectInvalid(config({
            ...GCP,
            "platform:clouds": ["aws", "gcp"],
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database"], volumes: [{ name: "v", mountPath: "/v", efs: { path: "/v" } }] }],
            "platform:database": {},
        }), "platform:services[0].volumes[0]", "gcp renderer does not build");
        // The database is refused at platform:database only if GCP cannot build it; volumes always.
        assert.ok(err.issues.every((i) => i.message.includes("gcp")), "only the gcp renderer lacks these");
    });

    it("refuses a TCP service on GCP (Cloud Run serves HTTP only) and SES/SNS on GCP", () => {
        expectInvalid(config({ ...GCP, "platform:clouds": ["gcp"], "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }, { name: "redis", port: 6379, protocol: "tcp" }] }),
            "platform:services[1].protocol", "serves http only");
        expectInvalid(config({ ...GCP, "platform:clouds": ["aws", "gcp"], "platform:services": [{ name: "web", port: 3000, routes: ["/*"], permissions: { sns: true } }] }),
            "platform:services[0].permissions.sns", "no equivalent");
    });
});

describe("app model: an existing VPC", () => {
    const EXISTING = {
        vpcId: "vpc-0a1b2c3d4e5f60718",
        cidr: "172.31.0.0/16",
        subnets: {
            public: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
            private: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
            isolated: ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"],
        },
    };
    let p: Awaited<ReturnType<typeof plan>>;
    before(async () => {
        p = await plan(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database"] }],
            "platform:database": {},
            "platform:aws": { network: { existing: EXISTING } },
        }));
    });

    it("creates no VPC, subnets, NAT or flow logs, and places everything in the given subnets", () => {
        for (const t of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway", "aws:ec2/flowLog:FlowLog"]) assert.strictEqual(ofType(p, t).length, 0, t);
        assert.deepStrictEqual(one(p, "aws:lb/loadBalancer:LoadBalancer").inputs.subnets, EXISTING.subnets.public);
        assert.deepStrictEqual((one(p, "aws:ecs/service:Service").inputs.networkConfiguration as { subnets: string[] }).subnets, EXISTING.subnets.private);
        assert.deepStrictEqual(one(p, "aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds, EXISTING.subnets.isolated);
        const groups = ofType(p, "aws:ec2/securityGroup:SecurityGroup");
        assert.ok(groups.length > 0 && groups.every((g) => g.inputs.vpcId === EXISTING.vpcId));
    });

    it("refuses keys that describe a VPC we would create, too few subnets, and malformed ids", () => {
        expectInvalid(config({ "platform:aws": { network: { existing: EXISTING, cidr: "10.0.0.0/16" } } }), "platform:aws.network.cidr", "does not apply with aws.network.existing");
        expectInvalid(config({ "platform:aws": { network: { existing: { ...EXISTING, subnets: { ...EXISTING.subnets, public: ["subnet-0aaaaaaaaaaaaaaa1"] } } } } }),
            "platform:aws.network.existing.subnets.public", "at least 2");
        expectInvalid(config({ "platform:database": {}, "platform:aws": { network: { existing: { ...EXISTING, subnets: { private: EXISTING.subnets.private, public: EXISTING.subnets.public } } } } }),
            "platform:aws.network.existing.subnets.isolated", "at least 2");
        expectInvalid(config({ "platform:aws": { network: { existing: { ...EXISTING, vpcId: "vpc-1; rm -rf /" } } } }), "platform:aws.network.existing.vpcId", "a VPC id");
    });
});

describe("app model: a component from another program in a handful of lines", () => {
    it("a Database with ids, then grant() admits a consumer and returns the environment contract", async () => {
        const database: ResolvedDatabase = {
            engine: "postgres", version: "16.3", family: "postgres16", instanceClass: "db.t4g.small", allocatedStorage: 20, maxAllocatedStorage: 100,
            multiAz: false, backupRetentionDays: 7, backupWindow: "03:00-04:00", maintenanceWindow: "mon:04:00-mon:05:00", deletionProtection: false,
            finalSnapshot: false, performanceInsights: true, databaseName: "orders", username: "orders", port: 5432,
        };
        let environment: Record<string, unknown> = {};
        const planned = await planProgram(() => {
            const db = new Database("orders", {
                naming: { app: "shop", stage: "qa" }, database, vpcId: "vpc-123", subnetIds: ["subnet-a", "subnet-b"], kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k",
            });
            environment = db.grant({ name: "api", securityGroupId: "sg-api" }).environment;
        });
        const rule = planned.resources.find((r: PlannedResource) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")!;
        assert.strictEqual(rule.name, "orders-from-api");
        assert.deepStrictEqual([rule.inputs.referencedSecurityGroupId, rule.inputs.fromPort, rule.inputs.toPort], ["sg-api", 5432, 5432]);
        assert.deepStrictEqual(Object.keys(environment).sort(), ["DATABASE_HOST", "DATABASE_NAME", "DATABASE_PORT", "DATABASE_USERNAME"]);
        assert.strictEqual(environment.DATABASE_USERNAME, "orders");
    });
});

describe("app model: an existing GCP network", () => {
    const EXISTING = { network: "projects/shop-project-1/global/networks/shared-vpc", subnetwork: "projects/shop-project-1/regions/us-central1/subnetworks/apps" };
    const gcpOnly = (network: Record<string, unknown>) => config({
        "platform:clouds": ["gcp"],
        "platform:gcp": { project: "shop-project-1", network },
    });

    it("creates no network, subnet, connector or firewall, and Cloud Run egresses into the given subnet", async () => {
        const p = await plan(gcpOnly({ existing: EXISTING, subnetCidr: "10.20.0.0/20" }));
        for (const t of ["gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork", "gcp:vpcaccess/connector:Connector", "gcp:compute/firewall:Firewall"]) assert.strictEqual(ofType(p, t).length, 0, t);
        const run = one(p, "gcp:cloudrunv2/service:Service").inputs as { template: { vpcAccess: { networkInterfaces: unknown[] } } };
        assert.deepStrictEqual(run.template.vpcAccess.networkInterfaces, [{ network: EXISTING.network, subnetwork: EXISTING.subnetwork }]);
    });

    it("refuses a connector, Cloud NAT or malformed names next to it", () => {
        expectInvalid(gcpOnly({ existing: EXISTING, egress: "connector" }), "platform:gcp.network.egress", 'must be "direct" with gcp.network.existing');
        expectInvalid(gcpOnly({ existing: EXISTING, nat: true }), "platform:gcp.network.nat", "does not apply with gcp.network.existing");
        expectInvalid(gcpOnly({ existing: { ...EXISTING, network: "Shared VPC; drop" } }), "platform:gcp.network.existing.network", "a network name");
    });
});
