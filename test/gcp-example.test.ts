import * as assert from "assert";
import type { PlanResult } from "../plan/engine";
import { planStack } from "../plan/engine";
import { ofType, one } from "./support/harness";

/** Seed 000's numbers, one by one, as planned from stacks/examples/multicloud.yaml. */
describe("example multicloud (seed 000 on AWS and GCP)", function () {
    let p: PlanResult;
    before(async () => {
        p = await planStack("multicloud");
    });

    it("deploys the same two services on both clouds", () => {
        assert.deepStrictEqual(p.config.clouds, ["aws", "gcp"]);
        assert.ok(ofType(p, "aws:ec2/vpc:Vpc").length === 1 && ofType(p, "gcp:compute/network:Network").length === 1);
        assert.deepStrictEqual(ofType(p, "gcp:cloudrunv2/service:Service").map((s) => s.inputs.name).sort(), ["pg-agi-prod-backend", "pg-agi-prod-frontend"]);
        assert.deepStrictEqual(Object.keys(p.outputs).filter((k) => k === "aws" || k === "gcp").sort(), ["aws", "gcp"]);
    });

    it("AWS side: VPC 10.0.0.0/16, public 10.0.0.0/24 + 10.0.1.0/24, private 10.0.100.0/24 + 10.0.101.0/24, NAT per AZ", () => {
        assert.strictEqual(one(p, "aws:ec2/vpc:Vpc").inputs.cidrBlock, "10.0.0.0/16");
        const cidrs = ofType(p, "aws:ec2/subnet:Subnet").map((s) => s.inputs.cidrBlock as string).sort();
        assert.deepStrictEqual(cidrs, ["10.0.0.0/24", "10.0.1.0/24", "10.0.100.0/24", "10.0.101.0/24"]);
        assert.strictEqual(ofType(p, "aws:ec2/natGateway:NatGateway").length, 2);
    });

    it("AWS side: one ALB per service, 2-10 tasks at 70 % CPU, 60 s / 300 s cooldowns, 7-day logs, ECR keeps 10", () => {
        const aws = p.config.aws!;
        assert.strictEqual(aws.loadBalancers, "perService");
        assert.strictEqual(aws.ecr.keepTagged, 10);
        assert.strictEqual(p.config.logRetentionDays, 7);
        for (const s of p.config.services) {
            assert.deepStrictEqual([s.scaling.min, s.scaling.max, s.scaling.cpuTarget, s.scaling.scaleOutCooldown, s.scaling.scaleInCooldown], [2, 10, 70, 60, 300], s.name);
        }
    });

    it("GCP side: custom VPC with subnet 10.0.0.0/24 and connector 10.8.0.0/28", () => {
        assert.strictEqual(one(p, "gcp:compute/network:Network").inputs.autoCreateSubnetworks, false);
        assert.strictEqual(one(p, "gcp:compute/subnetwork:Subnetwork").inputs.ipCidrRange, "10.0.0.0/24");
        assert.strictEqual(one(p, "gcp:vpcaccess/connector:Connector").inputs.ipCidrRange, "10.8.0.0/28");
    });

    it("GCP side: each service 1 vCPU / 512Mi, 1 to 10 instances, concurrency 80, on its port", () => {
        const ports: Record<string, number> = { "pg-agi-prod-frontend": 3000, "pg-agi-prod-backend": 8000 };
        for (const s of ofType(p, "gcp:cloudrunv2/service:Service")) {
            const t = s.inputs.template as Record<string, any>;
            assert.deepStrictEqual(t.containers[0].resources.limits, { cpu: "1", memory: "512Mi" });
            assert.deepStrictEqual(t.scaling, { minInstanceCount: 1, maxInstanceCount: 10 });
            assert.strictEqual(t.maxInstanceRequestConcurrency, 80);
            assert.strictEqual(t.containers[0].ports.containerPort, ports[s.inputs.name as string]);
        }
    });

    it("GCP side: one global LB, / and /home to the frontend (the default), /api/* and /health to the backend", () => {
        assert.strictEqual(ofType(p, "gcp:compute/globalAddress:GlobalAddress").length, 1);
        const map = one(p, "gcp:compute/uRLMap:URLMap", "urlmap");
        const fe = one(p, "gcp:compute/backendService:BackendService", "frontend");
        const be = one(p, "gcp:compute/backendService:BackendService", "lb-backend");
        assert.strictEqual(map.inputs.defaultService, fe.name + "-id");
        assert.deepStrictEqual((map.inputs.pathMatchers as any[])[0].pathRules, [{ paths: ["/api/*", "/health"], service: be.name + "-id" }]);
        assert.strictEqual(ofType(p, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup").length, 2);
    });

    it("GCP side: CDN for the frontend only, Cloud Armor on both, registry keeps 10", () => {
        assert.strictEqual(one(p, "gcp:compute/backendService:BackendService", "frontend").inputs.enableCdn, true);
        assert.strictEqual(one(p, "gcp:compute/backendService:BackendService", "lb-backend").inputs.enableCdn, false);
        const armor = one(p, "gcp:compute/securityPolicy:SecurityPolicy");
        assert.ok(ofType(p, "gcp:compute/backendService:BackendService").every((b) => b.inputs.securityPolicy === armor.name + "-id"));
        const repo = one(p, "gcp:artifactregistry/repository:Repository");
        assert.strictEqual((repo.inputs.cleanupPolicies as any[])[0].mostRecentVersions.keepCount, 10);
        assert.strictEqual(repo.protect, true, "prod profile protects the registry");
    });

    it("GCP side: uptime checks on both health paths through the LB", () => {
        const paths = ofType(p, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig").map((c) => (c.inputs.httpCheck as any).path).sort();
        assert.deepStrictEqual(paths, ["/", "/health"]);
    });

    it("reference stacks dev and prod carry the GCP side too", async () => {
        for (const [stack, min, max, armor] of [["dev", 0, 4, 0], ["prod", 1, 10, 1]] as const) {
            const q = await planStack(stack);
            const scaling = ofType(q, "gcp:cloudrunv2/service:Service").map((s) => (s.inputs.template as any).scaling);
            assert.deepStrictEqual(scaling, [{ minInstanceCount: min, maxInstanceCount: max }, { minInstanceCount: min, maxInstanceCount: max }], stack);
            assert.strictEqual(ofType(q, "gcp:compute/securityPolicy:SecurityPolicy").length, armor, stack);
        }
    });
});
