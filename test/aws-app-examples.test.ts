import * as assert from "assert";
import * as path from "path";
import { planStack, PROJECT_ROOT, type PlanResult } from "../plan/engine";
import { config, ofType, one, plan } from "./support/harness";

type Obj = Record<string, any>;
const example = (name: string) => planStack(path.join(PROJECT_ROOT, "stacks", "examples", `${name}.yaml`));

describe("aws app: portfolio examples match seed 003", () => {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        dev = await example("portfolio-dev");
        prod = await example("portfolio-prod");
    });

    it("network: 10.0.0.0/16 over us-east-1a/b, public 10.0.1-2.0/24, private 10.0.10-11.0/24, a NAT per AZ", () => {
        for (const p of [dev, prod]) {
            assert.strictEqual(one(p, "aws:ec2/vpc:Vpc").inputs.cidrBlock, "10.0.0.0/16");
            const cidrs = ofType(p, "aws:ec2/subnet:Subnet").map((s) => `${(s.inputs.tags as Obj).tier} ${s.inputs.cidrBlock} ${s.inputs.availabilityZone}`);
            assert.deepStrictEqual(cidrs.slice(0, 4), ["public 10.0.1.0/24 us-east-1a", "public 10.0.2.0/24 us-east-1b", "private 10.0.10.0/24 us-east-1a", "private 10.0.11.0/24 us-east-1b"]);
            assert.strictEqual(ofType(p, "aws:ec2/natGateway:NatGateway").length, 2);
        }
    });

    it("one ALB: 80 redirects to 443 (TLS 1.3 policy), /api/* to backend :8000, everything else to frontend :3000", () => {
        for (const p of [dev, prod]) {
            assert.strictEqual(ofType(p, "aws:lb/loadBalancer:LoadBalancer").length, 1);
            const listeners = ofType(p, "aws:lb/listener:Listener");
            assert.deepStrictEqual(listeners.map((l) => [l.inputs.port, (l.inputs.defaultActions as Obj[])[0].type]), [[80, "redirect"], [443, "forward"]]);
            assert.strictEqual(listeners[1].inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
            const rule = one(p, "aws:lb/listenerRule:ListenerRule");
            assert.deepStrictEqual((rule.inputs.conditions as Obj[])[0].pathPattern.values, ["/api/*"]);
            assert.match(String((rule.inputs.actions as Obj[])[0].targetGroupArn), /targetgroup\/portfolio-\w+-backend\//);
            const tgs = ofType(p, "aws:lb/targetGroup:TargetGroup").map((t) => [t.inputs.port, (t.inputs.healthCheck as Obj).path]);
            assert.deepStrictEqual(tgs, [[3000, "/"], [8000, "/api/v1/health"]]);
        }
        assert.strictEqual((dev.outputs.aws as Obj).url, "https://dev.therpiproject.com");
        assert.strictEqual((prod.outputs.aws as Obj).url, "https://therpiproject.com");
    });

    it("DNS: the zone per environment, A and AAAA for the domain and www, a DNS-validated certificate", () => {
        const cert = one(prod, "aws:acm/certificate:Certificate");
        assert.deepStrictEqual([cert.inputs.domainName, cert.inputs.subjectAlternativeNames, cert.inputs.validationMethod], ["therpiproject.com", ["www.therpiproject.com"], "DNS"]);
        const alias = ofType(dev, "aws:route53/record:Record").filter((r) => r.inputs.aliases).map((r) => `${r.inputs.name} ${r.inputs.type}`);
        assert.deepStrictEqual(alias, ["dev.therpiproject.com A", "dev.therpiproject.com AAAA", "www.dev.therpiproject.com A", "www.dev.therpiproject.com AAAA"]);
    });

    it("tasks: 256 CPU / 512 MB, scaling on 70 % CPU, 1-4 in dev and 2-4 in prod, rolling 100/200 with rollback", () => {
        for (const [p, min] of [[dev, 1], [prod, 2]] as const) {
            for (const td of ofType(p, "aws:ecs/taskDefinition:TaskDefinition")) assert.deepStrictEqual([td.inputs.cpu, td.inputs.memory], ["256", "512"]);
            for (const t of ofType(p, "aws:appautoscaling/target:Target")) assert.deepStrictEqual([t.inputs.minCapacity, t.inputs.maxCapacity], [min, 4]);
            for (const pol of ofType(p, "aws:appautoscaling/policy:Policy")) assert.strictEqual((pol.inputs.targetTrackingScalingPolicyConfiguration as Obj).targetValue, 70);
            for (const s of ofType(p, "aws:ecs/service:Service")) {
                assert.deepStrictEqual([s.inputs.deploymentMinimumHealthyPercent, s.inputs.deploymentMaximumPercent, s.inputs.deploymentCircuitBreaker], [100, 200, { enable: true, rollback: true }]);
            }
        }
    });

    it("ECR: portfolio-<env>-frontend/backend, scan on push, AES256, keep 10 tagged v*, untagged gone after 7 days", () => {
        for (const [p, env] of [[dev, "dev"], [prod, "prod"]] as const) {
            const repos = ofType(p, "aws:ecr/repository:Repository");
            assert.deepStrictEqual(repos.map((r) => r.inputs.name), [`portfolio-${env}-frontend`, `portfolio-${env}-backend`]);
            assert.ok(repos.every((r) => (r.inputs.imageScanningConfiguration as Obj).scanOnPush && (r.inputs.encryptionConfigurations as Obj[])[0].encryptionType === "AES256"));
            const rules = JSON.parse(String(ofType(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy")[0].inputs.policy)).rules;
            assert.deepStrictEqual(rules.map((r: Obj) => [r.selection.tagStatus, r.selection.countNumber, r.selection.tagPrefixList]), [["untagged", 7, undefined], ["tagged", 10, ["v"]]]);
        }
    });

    it("observability: 30-day logs, Container Insights, CPU/memory alarms above 80 % for 2 periods, a dashboard", () => {
        for (const p of [dev, prod]) {
            const groups = ofType(p, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith("/ecs/"));
            assert.deepStrictEqual(groups.map((g) => g.inputs.retentionInDays), [30, 30]);
            assert.deepStrictEqual(one(p, "aws:ecs/cluster:Cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
            const alarms = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.namespace === "AWS/ECS" && ["CPUUtilization", "MemoryUtilization"].includes(String(a.inputs.metricName)));
            assert.strictEqual(alarms.length, 4);
            assert.ok(alarms.every((a) => a.inputs.threshold === 80 && a.inputs.evaluationPeriods === 2));
            assert.strictEqual(ofType(p, "aws:cloudwatch/dashboard:Dashboard").length, 1);
        }
    });

    it("data tier keys (PostgreSQL 16.3, Redis 7.1, sizes per environment) resolve to the seed's numbers", () => {
        assert.deepStrictEqual([dev.config.database?.version, dev.config.database?.instanceClass, dev.config.database?.allocatedStorage, dev.config.database?.multiAz], ["16.3", "db.t4g.micro", 20, false]);
        assert.deepStrictEqual([prod.config.database?.instanceClass, prod.config.database?.allocatedStorage, prod.config.database?.multiAz], ["db.t4g.small", 50, true]);
        assert.deepStrictEqual([dev.config.cache?.version, dev.config.cache?.nodeType, dev.config.cache?.replicas], ["7.1", "cache.t4g.micro", 0]);
        assert.deepStrictEqual([prod.config.cache?.nodeType, prod.config.cache?.replicas, prod.config.cache?.evictionPolicy], ["cache.t4g.small", 1, "allkeys-lru"]);
        assert.deepStrictEqual(dev.config.aws?.network.subnets.isolated, ["10.0.20.0/24", "10.0.21.0/24"]);
    });
});

describe("aws app: seed 000's AWS side is expressible", () => {
    it("two ALBs (frontend, backend), 2-10 tasks on 70 % CPU with 60 s out / 300 s in, 7-day logs, ECR keep 10", async () => {
        const scaling = { min: 2, max: 10, cpuTarget: 70, scaleOutCooldown: 60, scaleInCooldown: 300 };
        const p = await plan(config({
            "platform:name": "webapp",
            "platform:logRetentionDays": 7,
            "platform:services": [
                { name: "frontend", port: 3000, routes: ["/*"], scaling },
                { name: "backend", port: 8000, routes: ["/api/*", "/health"], healthCheck: { path: "/health" }, scaling },
            ],
            "platform:aws": { loadBalancers: "perService", ecr: { keepTagged: 10 } },
        }));
        assert.deepStrictEqual(ofType(p, "aws:lb/loadBalancer:LoadBalancer").map((a) => a.inputs.name), ["webapp-dev-frontend-alb", "webapp-dev-backend-alb"]);
        for (const t of ofType(p, "aws:appautoscaling/target:Target")) assert.deepStrictEqual([t.inputs.minCapacity, t.inputs.maxCapacity], [2, 10]);
        for (const pol of ofType(p, "aws:appautoscaling/policy:Policy")) {
            const c = pol.inputs.targetTrackingScalingPolicyConfiguration as Obj;
            assert.deepStrictEqual([c.targetValue, c.scaleOutCooldown, c.scaleInCooldown], [70, 60, 300]);
        }
        const groups = ofType(p, "aws:cloudwatch/logGroup:LogGroup").filter((g) => String(g.inputs.name).startsWith("/ecs/"));
        assert.deepStrictEqual(groups.map((g) => [g.inputs.name, g.inputs.retentionInDays]), [["/ecs/webapp-dev-frontend", 7], ["/ecs/webapp-dev-backend", 7]]);
        const rules = JSON.parse(String(ofType(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy")[0].inputs.policy)).rules;
        assert.strictEqual(rules[1].selection.countNumber, 10);
    });
});
