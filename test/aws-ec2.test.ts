import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Ec2Capacity, instanceArchitecture } from "../aws/capacity";
import { AwsStack } from "../aws/stack";
import { namePrefix } from "../components/naming";
import type { ResolvedConfig } from "../components/spec";
import type { PlanResult, PlannedResource } from "../plan/engine";
import { setMockContext } from "../plan/mock-context";
import { mocks } from "../plan/mocks";
import { loadConfigMap, loadStackFile } from "../stacks/load";
import { resolveStackTarget } from "../plan/engine";
import { config, expectInvalid, ofType, one, plan, promiseOf } from "./support/harness";

const AMI_X86 = "ami-0a3c14e1ddbe7f23c";
const AMI_ARM = "ami-07e1aeb90edb268a3";

const EC2 = { type: "ec2", instanceType: "m5.large", min: 2, max: 7, targetCapacity: 90 };

/** A web front, an internal Redis and an internal, EFS-backed Qdrant the web uses. */
const SERVICES = [
    { name: "web", port: 3000, routes: ["/*"], uses: ["redis", "qdrant"] },
    { name: "redis", image: "redis:7", port: 6379, protocol: "tcp", expose: "internal" },
    { name: "qdrant", port: 6333, discovery: true, routes: ["/qdrant/*"], volumes: [{ name: "storage", mountPath: "/qdrant/storage", efs: { path: "/qdrant" } }] },
    { name: "reader", port: 8080, expose: "internal", discovery: false, volumes: [{ name: "ro", mountPath: "/data", efs: { path: "/shared" }, readOnly: true }] },
];

/**
 * Builds an AwsStack under the same mocks as the engine, to read what it hands the Service
 * component (serviceExtras, wiring). Mocha runs tests one at a time, so this never overlaps a plan.
 */
async function buildStack(map: Record<string, unknown> | ResolvedConfig): Promise<AwsStack> {
    const spec = "naming" in map ? map as ResolvedConfig : loadConfigMap(map, "test");
    return underMocks(spec.aws!.region, (provider) => new AwsStack(namePrefix(spec.naming), { spec }, { providers: { aws: provider } }));
}

/** Runs `build` in a mocked Pulumi stack with an AWS provider and returns what it built. */
async function underMocks<T>(region: string, build: (provider: aws.Provider) => T): Promise<T> {
    setMockContext({ awsRegion: region });
    await pulumi.runtime.setMocks(mocks, "platform", "test", false);
    let built: T | undefined;
    await pulumi.runtime.runInPulumiStack(async () => {
        built = build(new aws.Provider("aws", { region: region as aws.Region }));
        return {};
    });
    return built!;
}

const resolve = <T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> => promiseOf(pulumi.output(value));
const userData = (lt: PlannedResource) => Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");

describe("aws EC2 capacity (aws.compute.type: ec2)", () => {
    let p: PlanResult;
    before(async () => {
        p = await plan(config({ "platform:services": SERVICES, "platform:aws": { compute: EC2 } }));
    });

    it("spreads an Auto Scaling group of the configured size across the private subnets, protected from scale-in", () => {
        const asg = one(p, "aws:autoscaling/group:Group");
        assert.deepStrictEqual([asg.inputs.minSize, asg.inputs.maxSize], [2, 7]);
        const privateSubnets = ofType(p, "aws:ec2/subnet:Subnet").filter((s) => (s.inputs.tags as Record<string, string>).tier === "private").map((s) => `${s.name}-id`);
        assert.deepStrictEqual(asg.inputs.vpcZoneIdentifiers, privateSubnets);
        assert.strictEqual(asg.inputs.protectFromScaleIn, true);
        assert.ok((asg.inputs.tags as { key: string; value: string; propagateAtLaunch: boolean }[])
            .some((t) => t.key === "AmazonECSManaged" && t.value === "true" && t.propagateAtLaunch));
        assert.strictEqual(asg.inputs.desiredCapacity, undefined, "managed scaling owns the desired count");
        assert.deepStrictEqual(asg.inputs.launchTemplate, { id: `${one(p, "aws:ec2/launchTemplate:LaunchTemplate").name}-id`, version: "1" });
    });

    it("attaches a capacity provider with managed scaling at the target capacity and managed termination protection", () => {
        const cp = one(p, "aws:ecs/capacityProvider:CapacityProvider");
        const asgProvider = cp.inputs.autoScalingGroupProvider as Record<string, any>;
        assert.strictEqual(asgProvider.autoScalingGroupArn, `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/app-dev-ecs`);
        assert.strictEqual(asgProvider.managedTerminationProtection, "ENABLED");
        assert.strictEqual(asgProvider.managedScaling.status, "ENABLED");
        assert.strictEqual(asgProvider.managedScaling.targetCapacity, 90);
        assert.strictEqual(cp.inputs.name, "app-dev-ec2");
    });

    it("makes the capacity provider the cluster's default strategy", () => {
        const ccp = one(p, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders");
        assert.strictEqual(ccp.inputs.clusterName, one(p, "aws:ecs/cluster:Cluster").inputs.name);
        assert.deepStrictEqual(ccp.inputs.capacityProviders, ["app-dev-ec2"]);
        assert.deepStrictEqual(ccp.inputs.defaultCapacityProviderStrategies, [{ capacityProvider: "app-dev-ec2", weight: 1, base: 0 }]);
    });

    it("requires IMDSv2 with a hop limit of 1 and blocks awsvpc tasks from the instance metadata", () => {
        const lt = one(p, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepStrictEqual(lt.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
        assert.match(userData(lt), /^ECS_AWSVPC_BLOCK_IMDS=true$/m);
    });

    it("launches the ECS-optimised AL2023 AMI read from its public SSM parameter", async () => {
        assert.strictEqual(one(p, "aws:ec2/launchTemplate:LaunchTemplate").inputs.imageId, AMI_X86);
        assert.strictEqual(one(p, "aws:ec2/launchTemplate:LaunchTemplate").inputs.instanceType, "m5.large");
        const graviton = await plan(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], architecture: "arm64" }],
            "platform:aws": { compute: { type: "ec2", instanceType: "m7g.large" } },
        }));
        assert.strictEqual(one(graviton, "aws:ec2/launchTemplate:LaunchTemplate").inputs.imageId, AMI_ARM);
    });

    it("joins the cluster from user data with task IAM roles on", () => {
        const text = userData(one(p, "aws:ec2/launchTemplate:LaunchTemplate"));
        assert.match(text, /^ECS_CLUSTER=app-dev-cluster$/m);
        assert.match(text, /^ECS_ENABLE_TASK_IAM_ROLE=true$/m);
    });

    it("encrypts a gp3 root volume and tags what the group launches", () => {
        const lt = one(p, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
        const specs = lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
        assert.deepStrictEqual(specs.map((s) => s.resourceType), ["instance", "volume"]);
        assert.strictEqual(specs[0].tags.environment, "dev");
    });

    it("gives instances a role with the ECS and SSM managed policies through an instance profile, and a group with no ingress", () => {
        const role = one(p, "aws:iam/role:Role", "instance-role");
        assert.strictEqual(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal.Service, "ec2.amazonaws.com");
        const attached = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.inputs.name).map((a) => a.inputs.policyArn);
        assert.deepStrictEqual(attached, [
            "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
        const profile = one(p, "aws:iam/instanceProfile:InstanceProfile");
        assert.strictEqual(profile.inputs.role, role.inputs.name);
        const lt = one(p, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.deepStrictEqual(lt.inputs.iamInstanceProfile, { arn: `arn:aws:iam::123456789012:instance-profile/${profile.inputs.name}` });
        const sg = one(p, "aws:ec2/securityGroup:SecurityGroup", "instances-sg");
        assert.ok(sg.inputs.ingress === undefined || (sg.inputs.ingress as unknown[]).length === 0);
        assert.deepStrictEqual(lt.inputs.vpcSecurityGroupIds, [`${sg.name}-id`]);
    });

    it("hands every service the capacity provider strategy, resolved through the cluster association", async () => {
        const stack = await buildStack(config({ "platform:services": SERVICES, "platform:aws": { compute: EC2 } }));
        assert.deepStrictEqual(await resolve(stack.capacity!.capacityProviderStrategy), [{ capacityProvider: "app-dev-ec2", weight: 1, base: 0 }]);
        const planned = await plan(config({ "platform:services": SERVICES, "platform:aws": { compute: EC2 } }));
        const ecs = ofType(planned, "aws:ecs/service:Service");
        assert.strictEqual(ecs.length, SERVICES.length);
        for (const svc of ecs) {
            assert.deepStrictEqual(svc.inputs.capacityProviderStrategies, [{ capacityProvider: "app-dev-ec2", weight: 1, base: 0 }], svc.name);
            assert.strictEqual(svc.inputs.launchType, undefined, svc.name);
        }
    });

    it("applies transform hooks and refuses a minimum above the maximum", async () => {
        const base = { naming: { app: "app", stage: "dev" }, clusterName: "c", vpcId: "vpc-1", subnetIds: ["subnet-1"], instanceType: "m5.large", minSize: 1, maxSize: 2 };
        const cap = await underMocks("us-east-1", (provider) => new Ec2Capacity("t", {
            ...base,
            transform: {
                launchTemplate: (args) => { args.instanceType = "c5.large"; },
                autoScalingGroup: { maxSize: 4 },
            },
        }, { providers: { aws: provider } }));
        assert.strictEqual(await resolve(cap.launchTemplate.instanceType), "c5.large");
        assert.strictEqual(await resolve(cap.autoScalingGroup.maxSize), 4);
        await assert.rejects(underMocks("us-east-1", (provider) => new Ec2Capacity("bad", { ...base, minSize: 3 }, { providers: { aws: provider } })), /minSize 3 exceeds maxSize 2/);
    });

    it("creates no EC2 capacity on Fargate (the default)", async () => {
        const fargate = await plan(config());
        for (const t of ["aws:autoscaling/group:Group", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ecs/capacityProvider:CapacityProvider", "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"]) {
            assert.strictEqual(ofType(fargate, t).length, 0, t);
        }
    });

    it("keeps capacity provider names clear of the reserved aws/ecs/fargate prefixes", async () => {
        const q = await plan(config({ "platform:name": "ecs-demo", "platform:aws": { compute: { type: "ec2" } } }));
        assert.strictEqual(one(q, "aws:ecs/capacityProvider:CapacityProvider").inputs.name, "cp-ecs-demo-dev-ec2");
    });

    it("knows Graviton instance types and rejects a service of the other architecture", () => {
        assert.deepStrictEqual(["m7g.large", "c6gn.xlarge", "t4g.small", "m5.xlarge", "g4dn.xlarge", "c6i.large"].map(instanceArchitecture),
            ["arm64", "arm64", "arm64", "x86_64", "x86_64", "x86_64"]);
        expectInvalid(config({ "platform:aws": { compute: { type: "ec2", instanceType: "m7g.large" } } }), "platform:services[0].architecture", "arm64");
        expectInvalid(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], architecture: "arm64" }],
            "platform:aws": { compute: { type: "ec2" } },
        }), "platform:services[0].architecture", "t3.medium is x86_64");
    });
});

describe("aws service discovery (Cloud Map)", () => {
    let p: PlanResult;
    let stack: AwsStack;
    before(async () => {
        p = await plan(config({ "platform:services": SERVICES }));
        stack = await buildStack(config({ "platform:services": SERVICES }));
    });

    it("creates the private DNS namespace <app>-<stage>.local in the VPC, or the configured one", async () => {
        const ns = one(p, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace");
        assert.strictEqual(ns.inputs.name, "app-dev.local");
        assert.strictEqual(ns.inputs.vpc, `${one(p, "aws:ec2/vpc:Vpc").name}-id`);
        const named = await plan(config({ "platform:services": SERVICES, "platform:aws": { discovery: { namespace: "corp.internal" } } }));
        assert.strictEqual(one(named, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace").inputs.name, "corp.internal");
    });

    it("registers internal services and services with discovery: true, with A records (TTL 10, multivalue)", () => {
        const services = ofType(p, "aws:servicediscovery/service:Service");
        assert.deepStrictEqual(services.map((s) => s.inputs.name), ["redis", "qdrant"]);
        const ns = one(p, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace");
        for (const s of services) {
            assert.deepStrictEqual(s.inputs.dnsConfig, { namespaceId: `${ns.name}-id`, routingPolicy: "MULTIVALUE", dnsRecords: [{ type: "A", ttl: 10 }] });
            assert.deepStrictEqual(s.inputs.healthCheckCustomConfig, { failureThreshold: 1 });
        }
    });

    it("creates no namespace when nothing is discoverable", async () => {
        const none = await plan(config());
        assert.strictEqual(ofType(none, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace").length, 0);
    });

    it("hands each registered service its registry ARN, and nothing to the others", () => {
        const ecs = (n: string) => one(p, "aws:ecs/service:Service", `svc-${n}-service`).inputs;
        assert.deepStrictEqual(ecs("redis").serviceRegistries, { registryArn: "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-app-dev-discovery-redis" });
        assert.ok(ecs("qdrant").serviceRegistries);
        assert.strictEqual(ecs("web").serviceRegistries, undefined);
        assert.strictEqual(ecs("reader").serviceRegistries, undefined);
        assert.strictEqual(ecs("web").capacityProviderStrategies, undefined, "Fargate: no capacity strategy");
        assert.strictEqual(ecs("web").launchType, "FARGATE");
    });

    it("gives the user of a service <NAME>_HOST, <NAME>_PORT and, for HTTP services, <NAME>_URL; nothing to the others", async () => {
        assert.deepStrictEqual(await resolve(stack.wiring.web.environment), {
            REDIS_HOST: "redis.app-dev.local", REDIS_PORT: "6379",
            QDRANT_HOST: "qdrant.app-dev.local", QDRANT_PORT: "6333", QDRANT_URL: "http://qdrant.app-dev.local:6333",
        });
        assert.deepStrictEqual(stack.wiring.redis.environment, {});
        assert.deepStrictEqual(stack.wiring.reader.environment, {});
    });

    it("admits exactly the declared callers on each used service's port (fail closed)", () => {
        const peers = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.includes("-peers-"));
        assert.deepStrictEqual(peers.map((r) => [r.name.replace(/^.*-peers-/, ""), r.inputs.fromPort]).sort(), [["web-to-qdrant", 6333], ["web-to-redis", 6379]]);
        // "reader" is internal and nobody uses it: nobody is admitted to it.
        const readerSg = one(p, "aws:ec2/securityGroup:SecurityGroup", "services-reader").name;
        assert.deepStrictEqual(ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === `${readerSg}-id`), []);
    });
});

describe("aws EFS volumes", () => {
    let p: PlanResult;
    let prod: PlanResult;
    let stack: AwsStack;
    before(async () => {
        p = await plan(config({ "platform:services": SERVICES }));
        prod = await plan(config({ "platform:services": SERVICES, "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1" }));
        stack = await buildStack(config({ "platform:services": SERVICES }));
    });

    it("creates one encrypted file system with IA after 30 days and backups, protected in prod", () => {
        const fs = one(p, "aws:efs/fileSystem:FileSystem");
        assert.strictEqual(fs.inputs.encrypted, true);
        assert.deepStrictEqual(fs.inputs.lifecyclePolicies, [{ transitionToIa: "AFTER_30_DAYS" }, { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" }]);
        assert.deepStrictEqual(one(p, "aws:efs/backupPolicy:BackupPolicy").inputs, { fileSystemId: `${fs.name}-id`, backupPolicy: { status: "ENABLED" } });
        assert.strictEqual(fs.protect, false);
        assert.strictEqual(one(prod, "aws:efs/fileSystem:FileSystem").protect, true);
    });

    it("puts a mount target in each private subnet behind the EFS security group", () => {
        const sg = one(p, "aws:ec2/securityGroup:SecurityGroup", "volumes-sg");
        const targets = ofType(p, "aws:efs/mountTarget:MountTarget");
        const privateSubnets = ofType(p, "aws:ec2/subnet:Subnet").filter((s) => (s.inputs.tags as Record<string, string>).tier === "private").map((s) => `${s.name}-id`);
        assert.deepStrictEqual(targets.map((t) => t.inputs.subnetId), privateSubnets);
        assert.ok(targets.every((t) => JSON.stringify(t.inputs.securityGroups) === JSON.stringify([`${sg.name}-id`])));
    });

    it("admits NFS (2049) only from the security groups of the services that mount it", () => {
        const sg = one(p, "aws:ec2/securityGroup:SecurityGroup", "volumes-sg");
        assert.ok(sg.inputs.ingress === undefined || (sg.inputs.ingress as unknown[]).length === 0, "no inline (open) ingress");
        const rules = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === `${sg.name}-id`);
        const svcSg = (s: string) => `${one(p, "aws:ec2/securityGroup:SecurityGroup", `services-${s}`).name}-id`;
        assert.deepStrictEqual(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]), [
            [svcSg("qdrant"), "tcp", 2049, 2049],
            [svcSg("reader"), "tcp", 2049, 2049],
        ]);
        assert.ok(rules.every((r) => r.inputs.cidrIpv4 === undefined));
    });

    it("refuses clients that do not use TLS", () => {
        const policy = JSON.parse(String(one(p, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy));
        assert.deepStrictEqual(policy.Statement.map((s: Record<string, unknown>) => [s.Effect, s.Condition]), [["Deny", { Bool: { "aws:SecureTransport": "false" } }]]);
    });

    it("creates an access point per volume rooted at its path as uid/gid 1000", () => {
        const ap = one(p, "aws:efs/accessPoint:AccessPoint", "qdrant-storage");
        assert.deepStrictEqual(ap.inputs.posixUser, { uid: 1000, gid: 1000 });
        assert.deepStrictEqual(ap.inputs.rootDirectory, { path: "/qdrant", creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "750" } });
        assert.strictEqual(ap.inputs.fileSystemId, `${one(p, "aws:efs/fileSystem:FileSystem").name}-id`);
        assert.strictEqual(ofType(p, "aws:efs/accessPoint:AccessPoint").length, 2);
    });

    it("hands the task definition its volumes and the task role mount/write through its access point only", async () => {
        assert.deepStrictEqual(await resolve(stack.wiring.qdrant.volumes), [{
            name: "storage", fileSystemId: "app-dev-volumes-fs-id", accessPointId: "app-dev-volumes-qdrant-storage-id", mountPath: "/qdrant/storage", readOnly: false,
        }]);
        assert.deepStrictEqual(stack.wiring.web.volumes, []);
        const statements = await resolve(stack.wiring.qdrant.taskPolicyStatements);
        assert.deepStrictEqual(statements, [{
            Effect: "Allow",
            Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            Resource: "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-app-dev-volumes-fs",
            Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-app-dev-volumes-qdrant-storage" } },
        }]);
        const readOnly = await resolve(stack.wiring.reader.taskPolicyStatements);
        assert.deepStrictEqual(readOnly.map((s) => s.Action), [["elasticfilesystem:ClientMount"]]);
        assert.deepStrictEqual(stack.wiring.web.taskPolicyStatements, []);
    });

    it("creates no file system when no service has volumes", async () => {
        assert.strictEqual(ofType(await plan(config()), "aws:efs/fileSystem:FileSystem").length, 0);
    });
});

describe("example ai-platform.yaml (seed 001): what its services get", () => {
    let stack: AwsStack;
    before(async () => {
        stack = await buildStack(loadStackFile(resolveStackTarget("ai-platform").file));
    });

    it("wires the backend to redis and ai-service, and ai-service to qdrant, by their Cloud Map names", async () => {
        assert.deepStrictEqual(await resolve(stack.wiring.backend.environment), {
            REDIS_HOST: "redis.prod-infra-production.local", REDIS_PORT: "6379",
            AI_SERVICE_HOST: "ai-service.prod-infra-production.local", AI_SERVICE_PORT: "8000", AI_SERVICE_URL: "http://ai-service.prod-infra-production.local:8000",
        });
        assert.deepStrictEqual(await resolve(stack.wiring["ai-service"].environment), {
            QDRANT_HOST: "qdrant.prod-infra-production.local", QDRANT_PORT: "6333", QDRANT_URL: "http://qdrant.prod-infra-production.local:6333",
        });
    });

    it("gives qdrant its EFS volume, registry and the EC2 strategy", async () => {
        assert.deepStrictEqual((await resolve(stack.wiring.qdrant.volumes)).map((v) => v.mountPath), ["/qdrant/storage"]);
        assert.ok(stack.discovery?.registryArns.qdrant);
        assert.strictEqual(stack.discovery?.registryArns.frontend, undefined);
        assert.ok(stack.capacity);
    });
});
