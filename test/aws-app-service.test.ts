import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { PlanResult } from "../plan/engine";
import { mocks } from "../plan/mocks";
import { setMockContext } from "../plan/mock-context";
import { loadConfigMap } from "../stacks/load";
import { Service, type ServiceArgs } from "../aws/service";
import { config, ofType, one, plan } from "./support/harness";

type Obj = Record<string, any>;
const container = (td: { inputs: Obj }) => JSON.parse(String(td.inputs.containerDefinitions))[0];
const policyOf = (p: { inputs: Obj }) => JSON.parse(String(p.inputs.policy));

// Internal SDK module (as in plan/engine.ts): waits until every registration has been answered.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

/** Builds one Service component directly (args the stack does not produce yet) and returns what it registered. */
async function buildService(overrides: Partial<ServiceArgs>, serviceConfig: Obj = { name: "api", port: 8000, routes: ["/api/*"] }): Promise<{ type: string; name: string; inputs: Obj }[]> {
    const spec = loadConfigMap(config({ "platform:services": [serviceConfig] }), "test");
    const recorded: { type: string; name: string; inputs: Obj }[] = [];
    setMockContext({ awsRegion: "us-east-1" });
    await pulumi.runtime.setMocks({
        newResource: (a) => {
            recorded.push({ type: a.type, name: a.name, inputs: a.inputs });
            return mocks.newResource(a);
        },
        call: (a) => mocks.call(a),
    }, "platform", "service-test", false);
    new Service("t", {
        naming: spec.naming,
        service: spec.services[0],
        region: "us-east-1",
        cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/app-dev-cluster", name: "app-dev-cluster" },
        subnetIds: ["subnet-a", "subnet-b"],
        securityGroupId: "sg-api",
        grants: { environment: {}, secrets: {}, secretArns: [], kmsKeyArns: [], taskPolicyStatements: [], volumes: [] },
        image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-dev-api:v1",
        logRetentionDays: 7,
        ...overrides,
    });
    await settings.waitForRPCs();
    return recorded;
}
async function oneService() {
    return loadConfigMap(config({ "platform:services": [{ name: "api", port: 8000, routes: ["/api/*"] }] }), "test").services[0];
}
const find = (rs: { type: string; name: string; inputs: Obj }[], type: string, suffix = "") => {
    const hits = rs.filter((r) => r.type === type && r.name.endsWith(suffix));
    assert.strictEqual(hits.length, 1, `expected one ${type} *${suffix}, found ${hits.map((h) => h.name).join(", ") || "none"}`);
    return hits[0];
};

describe("aws app: services on Fargate", () => {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        const services = [
            { name: "web", port: 3000, routes: ["/*"], environment: { NODE_ENV: "production", WORKERS: 4 }, healthCheck: { gracePeriod: 90 } },
            { name: "api", port: 8000, routes: ["/api/*"], cpu: 512, memory: 1024, architecture: "arm64", imageTag: "v2.1.0",
                scaling: { min: 2, max: 10, cpuTarget: 70, memoryTarget: 75, scaleOutCooldown: 60, scaleInCooldown: 300 },
                healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"] } },
            { name: "worker", image: "ghcr.io/acme/worker:1.4", command: ["celery", "-A", "app", "worker"] },
        ];
        dev = await plan(config({ "platform:services": services }));
        prod = await plan(config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1", "platform:aws": { allowExecInProd: true }, "platform:services": [...services.slice(0, 2), { ...services[2], exec: true }] }));
    });

    it("defines awsvpc Fargate tasks with the configured CPU, memory and architecture", () => {
        const api = one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-api");
        assert.strictEqual(api.inputs.family, "app-dev-api");
        assert.strictEqual(api.inputs.networkMode, "awsvpc");
        assert.deepStrictEqual(api.inputs.requiresCompatibilities, ["FARGATE"]);
        assert.deepStrictEqual([api.inputs.cpu, api.inputs.memory], ["512", "1024"]);
        assert.deepStrictEqual(api.inputs.runtimePlatform, { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" });
        const web = one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-web");
        assert.deepStrictEqual([web.inputs.cpu, web.inputs.memory, (web.inputs.runtimePlatform as Obj).cpuArchitecture], ["256", "512", "X86_64"]);
    });

    it("runs the registry image with the configured tag unless an image is given, logging to /ecs/<app>-<stage>-<service>", () => {
        const api = container(one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-api"));
        assert.strictEqual(api.image, "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-dev-api:v2.1.0");
        assert.deepStrictEqual(api.portMappings, [{ name: "api", containerPort: 8000, hostPort: 8000, protocol: "tcp" }]);
        assert.deepStrictEqual(api.logConfiguration, { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app-dev-api", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs" } });
        assert.deepStrictEqual(api.healthCheck, { command: ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 60 });
        const web = container(one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-web"));
        assert.deepStrictEqual(web.environment, [{ name: "NODE_ENV", value: "production" }, { name: "WORKERS", value: "4" }]);
        assert.strictEqual(web.healthCheck, undefined);
        const worker = container(one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-worker"));
        assert.strictEqual(worker.image, "ghcr.io/acme/worker:1.4");
        assert.deepStrictEqual(worker.command, ["celery", "-A", "app", "worker"]);
        const groups = ofType(dev, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith("/ecs/"));
        assert.deepStrictEqual(groups.map((g) => [g.inputs.name, g.inputs.retentionInDays]), [["/ecs/app-dev-web", 7], ["/ecs/app-dev-api", 7], ["/ecs/app-dev-worker", 7]]);
        assert.deepStrictEqual((dev.outputs.aws as Obj).logGroupNames, { web: "/ecs/app-dev-web", api: "/ecs/app-dev-api", worker: "/ecs/app-dev-worker" });
        assert.deepStrictEqual((dev.outputs.aws as Obj).serviceNames, { web: "web", api: "api", worker: "worker" });
        assert.strictEqual((dev.outputs.aws as Obj).clusterName, "app-dev-cluster");
    });

    it("deploys rolling 100/200 with the circuit breaker rolling back, in private subnets behind the service's own group", () => {
        for (const svc of ofType(dev, "aws:ecs/service:Service")) {
            assert.deepStrictEqual(svc.inputs.deploymentCircuitBreaker, { enable: true, rollback: true });
            assert.strictEqual(svc.inputs.deploymentMinimumHealthyPercent, 100);
            assert.strictEqual(svc.inputs.deploymentMaximumPercent, 200);
            assert.strictEqual(svc.inputs.launchType, "FARGATE");
            assert.deepStrictEqual(svc.inputs.networkConfiguration, {
                subnets: ["app-dev-network-private-1-id", "app-dev-network-private-2-id"],
                securityGroups: [`app-dev-services-${svc.inputs.name}-id`],
                assignPublicIp: false,
            });
        }
        const web = one(dev, "aws:ecs/service:Service", "svc-web");
        assert.deepStrictEqual(web.inputs.loadBalancers, [{ targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app-dev-web/73e2d6bc24d8a067", containerName: "web", containerPort: 3000 }]);
        assert.strictEqual(web.inputs.healthCheckGracePeriodSeconds, 90);
        assert.strictEqual(one(dev, "aws:ecs/service:Service", "svc-api").inputs.desiredCount, 2);
    });

    it("turns ECS Exec on per the profile (dev on, prod off) unless the service asks", () => {
        const exec = (p: PlanResult) => Object.fromEntries(ofType(p, "aws:ecs/service:Service").map((s) => [s.inputs.name, s.inputs.enableExecuteCommand]));
        assert.deepStrictEqual(exec(dev), { web: true, api: true, worker: true });
        assert.deepStrictEqual(exec(prod), { web: false, api: false, worker: true });
        const taskPolicy = ofType(prod, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.endsWith("-task-policy"));
        assert.deepStrictEqual(taskPolicy.map((r) => r.name), ["app-prod-svc-worker-roles-task-policy"]);
        assert.ok(policyOf(taskPolicy[0]).Statement[0].Action.includes("ssmmessages:CreateControlChannel"));
    });

    it("scales on CPU (and memory when set) with separate scale-out and scale-in cooldowns", () => {
        const target = one(dev, "aws:appautoscaling/target:Target", "svc-api");
        assert.deepStrictEqual([target.inputs.minCapacity, target.inputs.maxCapacity], [2, 10]);
        assert.strictEqual(target.inputs.resourceId, "service/app-dev-cluster/api");
        assert.strictEqual(target.inputs.scalableDimension, "ecs:service:DesiredCount");
        const policies = ofType(dev, "aws:appautoscaling/policy:Policy").filter((p) => p.name.includes("svc-api"));
        assert.deepStrictEqual(policies.map((p) => (p.inputs.targetTrackingScalingPolicyConfiguration as Obj)), [
            { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" }, targetValue: 70, scaleOutCooldown: 60, scaleInCooldown: 300 },
            { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" }, targetValue: 75, scaleOutCooldown: 60, scaleInCooldown: 300 },
        ]);
        assert.ok(policies.every((p) => p.inputs.policyType === "TargetTrackingScaling"));
        assert.strictEqual(ofType(dev, "aws:appautoscaling/policy:Policy").filter((p) => p.name.includes("svc-web")).length, 1);
        const web = one(dev, "aws:appautoscaling/target:Target", "svc-web");
        assert.deepStrictEqual([web.inputs.minCapacity, web.inputs.maxCapacity], [1, 2]);
    });

    it("runs a worker (no port) with the same machinery but no port mapping, target group or ingress", () => {
        const worker = one(dev, "aws:ecs/service:Service", "svc-worker");
        assert.deepStrictEqual(worker.inputs.loadBalancers, []);
        assert.strictEqual(worker.inputs.healthCheckGracePeriodSeconds, undefined);
        assert.deepStrictEqual(container(one(dev, "aws:ecs/taskDefinition:TaskDefinition", "svc-worker")).portMappings, []);
        assert.ok(!ofType(dev, "aws:lb/targetGroup:TargetGroup").some((t) => String(t.inputs.name).includes("worker")));
        assert.ok(!ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").some((r) => r.inputs.securityGroupId === "app-dev-services-worker-id"));
        assert.strictEqual(one(dev, "aws:appautoscaling/target:Target", "svc-worker").inputs.resourceId, "service/app-dev-cluster/worker");
    });

    it("gives a service with an external image no ECR permission at all", () => {
        const exec = policyOf(one(dev, "aws:iam/rolePolicy:RolePolicy", "svc-worker-roles-execution-policy")).Statement as { Action: string[] }[];
        assert.deepStrictEqual(exec.flatMap((s) => s.Action).filter((a) => a.startsWith("ecr:")), []);
        assert.ok(exec.some((s) => s.Action.includes("logs:PutLogEvents")));
    });

    it("gives the execution role ECR pull on the service's repository, its log group and no secrets when none are wired", () => {
        const exec = policyOf(one(dev, "aws:iam/rolePolicy:RolePolicy", "svc-api-roles-execution-policy"));
        assert.deepStrictEqual(exec.Statement.map((s: Obj) => [s.Action, s.Resource]), [
            [["ecr:GetAuthorizationToken"], "*"],
            [["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], "arn:aws:ecr:us-east-1:123456789012:repository/app-dev-api"],
            [["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app-dev-api:*"],
        ]);
        const role = one(dev, "aws:iam/role:Role", "svc-api-roles-execution");
        assert.strictEqual(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal.Service, "ecs-tasks.amazonaws.com");
        assert.strictEqual(ofType(dev, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    });
});

describe("aws app: task role permissions from config", () => {
    it("grants SES sending and SNS publishing only to the services that ask, and nothing to the others", async () => {
        const p = await plan(config({
            "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1",
            "platform:services": [
                { name: "web", port: 3000, routes: ["/*"] },
                { name: "mailer", permissions: { ses: true } },
                { name: "notifier", permissions: { sns: true } },
                { name: "scoped", permissions: { ses: { identities: ["example.com"] }, sns: { topics: ["orders", "arn:aws:sns:eu-west-1:210987654321:audit"] } } },
            ],
        }));
        const policies = Object.fromEntries(ofType(p, "aws:iam/rolePolicy:RolePolicy").filter((r) => r.name.endsWith("-task-policy"))
            .map((r) => [r.name.replace(/^app-prod-svc-|-roles-task-policy$/g, ""), policyOf(r).Statement]));
        assert.deepStrictEqual(policies, {
            // ses: true keeps this account's and region's identities (never "*"); SMS is region-conditioned.
            mailer: [{ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: ["arn:aws:ses:us-east-1:123456789012:identity/*"] }],
            notifier: [{ Effect: "Allow", Action: ["sns:Publish"], Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }],
            scoped: [
                { Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: ["arn:aws:ses:us-east-1:123456789012:identity/example.com"] },
                { Effect: "Allow", Action: ["sns:Publish"], Resource: ["arn:aws:sns:us-east-1:123456789012:orders", "arn:aws:sns:eu-west-1:210987654321:audit"] },
            ],
        });
        // ECS may assume the roles only for this account's tasks in this region.
        const trust = JSON.parse(String(one(p, "aws:iam/role:Role", "svc-mailer-roles-task").inputs.assumeRolePolicy));
        assert.deepStrictEqual(trust.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*" },
        });
    });
});

describe("aws app: Service component contract (wiring, EC2 capacity, Cloud Map, EFS)", () => {
    it("lets the execution role read exactly the wired secrets and keys, and the task role only the wired statements", async () => {
        const db = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds-db-AbCdEf";
        const api = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-dev/api-key-XyZ123";
        const kms = "arn:aws:kms:us-east-1:123456789012:key/1111-2222";
        const bucket = { Effect: "Allow" as const, Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::app-dev-uploads/*"] };
        const rs = await buildService({
            grants: {
                environment: { DATABASE_HOST: pulumi.output("db.internal") },
                secrets: { DATABASE_PASSWORD: `${db}:password::`, API_KEY: api },
                secretArns: [db, api],
                kmsKeyArns: [kms],
                taskPolicyStatements: [bucket],
                volumes: [],
            },
        });
        const exec = policyOf(find(rs, "aws:iam/rolePolicy:RolePolicy", "execution-policy")).Statement as Obj[];
        const secretStatements = exec.filter((s) => s.Action.some((a: string) => a.startsWith("secretsmanager:")));
        assert.deepStrictEqual(secretStatements, [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [db, api] }]);
        assert.deepStrictEqual(exec.filter((s) => s.Action.includes("kms:Decrypt")), [{ Effect: "Allow", Action: ["kms:Decrypt"], Resource: [kms], Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } } }]);
        const task = policyOf(find(rs, "aws:iam/rolePolicy:RolePolicy", "task-policy")).Statement as Obj[];
        // dev profile: ECS Exec on, so its SSM channel statement follows the wired one.
        assert.deepStrictEqual(task[0], bucket);
        assert.deepStrictEqual(task.slice(1).map((s) => s.Resource), ["*"]);
        assert.ok(task.slice(1).every((s) => s.Action.every((a: string) => a.startsWith("ssmmessages:"))));
        const c = container(find(rs, "aws:ecs/taskDefinition:TaskDefinition"));
        assert.deepStrictEqual(c.secrets, [{ name: "API_KEY", valueFrom: api }, { name: "DATABASE_PASSWORD", valueFrom: `${db}:password::` }]);
        assert.deepStrictEqual(c.environment, [{ name: "DATABASE_HOST", value: "db.internal" }]);
    });

    it("runs on EC2 capacity providers (no launch type), registers in Cloud Map and mounts EFS with TLS and IAM", async () => {
        const rs = await buildService({
            cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/app-dev-cluster", name: "app-dev-cluster", capacityProviderStrategy: [{ capacityProvider: "app-dev-asg", weight: 1, base: 1 }] },
            serviceRegistryArn: "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc",
            grants: {
                environment: {}, secrets: {}, secretArns: [], kmsKeyArns: [], taskPolicyStatements: [],
                volumes: [{ name: "data", fileSystemId: "fs-123", accessPointId: "fsap-456", mountPath: "/qdrant/storage", readOnly: false }],
            },
        });
        const svc = find(rs, "aws:ecs/service:Service");
        assert.strictEqual(svc.inputs.launchType, undefined);
        assert.deepStrictEqual(svc.inputs.capacityProviderStrategies, [{ capacityProvider: "app-dev-asg", weight: 1, base: 1 }]);
        assert.deepStrictEqual(svc.inputs.serviceRegistries, { registryArn: "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abc" });
        const td = find(rs, "aws:ecs/taskDefinition:TaskDefinition");
        assert.deepStrictEqual(td.inputs.requiresCompatibilities, ["EC2"]);
        assert.strictEqual(td.inputs.networkMode, "awsvpc");
        assert.deepStrictEqual(td.inputs.volumes, [{
            name: "data",
            efsVolumeConfiguration: { fileSystemId: "fs-123", transitEncryption: "ENABLED", authorizationConfig: { accessPointId: "fsap-456", iam: "ENABLED" } },
        }]);
        assert.deepStrictEqual(container(td).mountPoints, [{ sourceVolume: "data", containerPath: "/qdrant/storage", readOnly: false }]);
        // EC2 capacity is not bound by Fargate's CPU/memory pairs; Fargate refuses a pair it does not offer.
        await buildService({ cluster: { arn: "arn:aws:ecs:us-east-1:123456789012:cluster/c", name: "c", capacityProviderStrategy: [{ capacityProvider: "cp", weight: 1 }] }, service: { ...(await oneService()), memory: 3000 } });
        await assert.rejects(async () => buildService({ service: { ...(await oneService()), memory: 3000 } }), /Fargate does not offer 256 CPU with 3000 MiB/);
        const fargate = find(await buildService({}), "aws:ecs/service:Service");
        assert.strictEqual(fargate.inputs.launchType, "FARGATE");
        assert.strictEqual(fargate.inputs.serviceRegistries, undefined);
    });
});
