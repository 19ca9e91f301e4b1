import * as assert from "assert";
import { planStack, type PlanResult } from "../plan/engine";
import { ofType } from "./support/harness";

type Obj = Record<string, any>;

/** Seed 001 end to end: what EC2 capacity, Cloud Map and EFS give each ECS service really reaches it. */
describe("ai-platform: EC2 capacity, discovery and EFS reach the ECS services", () => {
    let p: PlanResult;
    // ECS service names are scoped to the cluster, so they are the plain service names.
    const service = (name: string) => ofType(p, "aws:ecs/service:Service").find((s) => s.inputs.name === name)!;
    const taskDef = (name: string) => ofType(p, "aws:ecs/taskDefinition:TaskDefinition").find((t) => t.inputs.family === `prod-infra-production-${name}`)!;
    before(async () => {
        p = await planStack("ai-platform");
    });

    it("runs every service on the EC2 capacity provider, with no Fargate launch type", () => {
        const provider = ofType(p, "aws:ecs/capacityProvider:CapacityProvider")[0];
        for (const name of ["frontend", "backend", "ai-service", "redis", "qdrant"]) {
            const s = service(name);
            assert.ok(s, `no ECS service for ${name}`);
            assert.strictEqual(s.inputs.launchType, undefined, name);
            const strategy = s.inputs.capacityProviderStrategies as Obj[];
            assert.deepStrictEqual(strategy.map((x) => x.capacityProvider), [provider.inputs.name], name);
            assert.deepStrictEqual(taskDef(name).inputs.requiresCompatibilities, ["EC2"], name);
            assert.strictEqual(taskDef(name).inputs.networkMode, "awsvpc", name);
        }
    });

    it("registers the discoverable services in Cloud Map and no others", () => {
        const registries = Object.fromEntries(["frontend", "backend", "ai-service", "redis", "qdrant"].map((n) => [n, (service(n).inputs.serviceRegistries as Obj | undefined)?.registryArn]));
        for (const n of ["ai-service", "redis", "qdrant"]) assert.match(String(registries[n]), /^arn:aws:servicediscovery:/, n);
        for (const n of ["frontend", "backend"]) assert.strictEqual(registries[n], undefined, n);
    });

    it("mounts qdrant's EFS volume through its access point with TLS and IAM", () => {
        const volumes = taskDef("qdrant").inputs.volumes as Obj[];
        assert.strictEqual(volumes.length, 1);
        const efs = volumes[0].efsVolumeConfiguration as Obj;
        assert.strictEqual(efs.transitEncryption, "ENABLED");
        assert.strictEqual(efs.authorizationConfig.iam, "ENABLED");
        assert.match(String(efs.authorizationConfig.accessPointId), /-id$/);
        const containers = JSON.parse(String(taskDef("qdrant").inputs.containerDefinitions)) as Obj[];
        assert.deepStrictEqual(containers[0].mountPoints.map((m: Obj) => [m.sourceVolume, m.containerPath]), [[volumes[0].name, "/qdrant/storage"]]);
        assert.strictEqual(taskDef("backend").inputs.volumes === undefined || (taskDef("backend").inputs.volumes as Obj[]).length === 0, true);
    });
});
