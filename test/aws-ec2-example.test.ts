import * as assert from "assert";
import { planStack, type PlanResult } from "../plan/engine";
import { ofType, one } from "./support/harness";

/** Seed 001 (ECS on EC2, Cloud Map, Qdrant on EFS) as stacks/examples/ai-platform.yaml. */
describe("example ai-platform.yaml (seed 001)", () => {
    let p: PlanResult;
    before(async () => {
        p = await planStack("ai-platform");
    });

    it("has the seed's VPC, subnets and a NAT gateway per AZ", () => {
        assert.strictEqual(one(p, "aws:ec2/vpc:Vpc").inputs.cidrBlock, "10.0.0.0/16");
        const tier = (t: string) => ofType(p, "aws:ec2/subnet:Subnet").filter((s) => (s.inputs.tags as Record<string, string>).tier === t).map((s) => s.inputs.cidrBlock);
        assert.deepStrictEqual(tier("public"), ["10.0.1.0/24", "10.0.2.0/24"]);
        assert.deepStrictEqual(tier("private"), ["10.0.3.0/24", "10.0.4.0/24"]);
        assert.deepStrictEqual(tier("isolated"), []);
        assert.strictEqual(ofType(p, "aws:ec2/natGateway:NatGateway").length, 2);
    });

    it("keeps image pulls, logs and secrets off the NAT through VPC endpoints", () => {
        const interfaces = ofType(p, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface").map((e) => e.inputs.serviceName);
        assert.deepStrictEqual(interfaces, ["ecr.api", "ecr.dkr", "logs", "secretsmanager"].map((s) => `com.amazonaws.us-east-1.${s}`));
    });

    it("names the cluster prod-infra-production-cluster with Container Insights on", () => {
        const cluster = one(p, "aws:ecs/cluster:Cluster");
        assert.strictEqual(cluster.inputs.name, "prod-infra-production-cluster");
        assert.deepStrictEqual(cluster.inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
    });

    it("runs on 1 to 5 EC2 instances with a capacity provider targeting 100 %", () => {
        const asg = one(p, "aws:autoscaling/group:Group");
        assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize], [1, 5]);
        const scaling = (one(p, "aws:ecs/capacityProvider:CapacityProvider").inputs.autoScalingGroupProvider as Record<string, any>).managedScaling;
        assert.strictEqual(scaling.targetCapacity, 100);
        const lt = one(p, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.strictEqual(lt.inputs.instanceType, "m5.xlarge");
        assert.match(Buffer.from(String(lt.inputs.userData), "base64").toString(), /^ECS_CLUSTER=prod-infra-production-cluster$/m);
    });

    it("fits the seed's minimum task set on one m5.xlarge (4096 CPU units, 16 GiB)", () => {
        const services = p.config.services;
        const cpu = services.reduce((n, s) => n + s.cpu * s.desiredCount, 0);
        const memory = services.reduce((n, s) => n + s.memory * s.desiredCount, 0);
        assert.deepStrictEqual([cpu, memory], [3840, 7680]);
        assert.ok(cpu <= 4096 && memory <= 15 * 1024);
    });

    it("has the seed's services, ports, sizes, task counts, routes and exposure", () => {
        const rows = p.config.services.map((s) => [s.name, s.port, s.cpu, s.memory, s.desiredCount, s.routes.join(","), s.expose]);
        assert.deepStrictEqual(rows, [
            ["frontend", 3000, 512, 1024, 2, "/*", "public"],
            ["backend", 5001, 512, 1024, 2, "/api/*", "public"],
            ["ai-service", 8000, 1024, 2048, 1, "", "internal"],
            ["redis", 6379, 256, 512, 1, "", "internal"],
            // Deviation from the seed: the vector database stays off the public ALB (see the stack file).
            ["qdrant", 6333, 512, 1024, 1, "", "internal"],
        ]);
        assert.strictEqual(p.config.services.find((s) => s.name === "redis")!.image, "redis:7");
        const scaling = Object.fromEntries(p.config.services.map((s) => [s.name, [s.scaling.min, s.scaling.max]]));
        assert.deepStrictEqual(scaling, { frontend: [1, 10], backend: [1, 10], "ai-service": [1, 10], redis: [1, 1], qdrant: [1, 1] });
    });

    it("registers redis, ai-service and qdrant in prod-infra-production.local", () => {
        assert.strictEqual(one(p, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace").inputs.name, "prod-infra-production.local");
        assert.deepStrictEqual(ofType(p, "aws:servicediscovery/service:Service").map((s) => s.inputs.name).sort(), ["ai-service", "qdrant", "redis"]);
    });

    it("keeps Qdrant's data on a protected EFS file system mounted from /qdrant, reachable only from qdrant", () => {
        const fs = one(p, "aws:efs/fileSystem:FileSystem");
        assert.strictEqual(fs.protect, true);
        assert.strictEqual((one(p, "aws:efs/accessPoint:AccessPoint").inputs.rootDirectory as Record<string, unknown>).path, "/qdrant");
        assert.deepStrictEqual(p.config.services.find((s) => s.name === "qdrant")!.volumes, [{ name: "storage", mountPath: "/qdrant/storage", efsPath: "/qdrant", readOnly: false }]);
        const rules = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 2049);
        assert.deepStrictEqual(rules.map((r) => r.inputs.referencedSecurityGroupId), [`${one(p, "aws:ec2/securityGroup:SecurityGroup", "services-qdrant").name}-id`]);
    });

    it("keeps logs 7 days", () => {
        assert.strictEqual(p.config.logRetentionDays, 7);
        assert.strictEqual(one(p, "aws:cloudwatch/logGroup:LogGroup", "flow-logs").inputs.retentionInDays, 7);
    });

    it("reports the namespace, capacity provider and file system as stack outputs", () => {
        const out = p.outputs.aws as Record<string, unknown>;
        assert.strictEqual(out.clusterName, "prod-infra-production-cluster");
        assert.strictEqual(out.discoveryNamespace, "prod-infra-production.local");
        assert.strictEqual(out.capacityProviderName, "prod-infra-production-ec2");
        assert.strictEqual(out.fileSystemId, "prod-infra-production-volumes-fs-id");
    });
});
