import * as assert from "assert";
import type { PlanResult } from "../plan/engine";
import { config, ofType, one, plan } from "./support/harness";

type Obj = Record<string, any>;

describe("aws app: ECR registry", () => {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        const services = [{ name: "web", port: 3000, routes: ["/*"] }, { name: "api", port: 8000, routes: ["/api/*"] }, { name: "ext", image: "nginx:1.27" }];
        dev = await plan(config({ "platform:services": services }));
        prod = await plan(config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1", "platform:services": services, "platform:aws": { ecr: { keepTagged: 25, tagPrefix: "release-", untaggedExpireDays: 3 } } }));
    });

    it("creates one scanned, encrypted repository per service that has no explicit image", () => {
        const repos = ofType(dev, "aws:ecr/repository:Repository");
        assert.deepStrictEqual(repos.map((r) => r.inputs.name), ["app-dev-web", "app-dev-api"]);
        for (const r of repos) {
            assert.deepStrictEqual(r.inputs.imageScanningConfiguration, { scanOnPush: true });
            assert.deepStrictEqual(r.inputs.encryptionConfigurations, [{ encryptionType: "AES256" }]);
        }
        assert.deepStrictEqual((dev.outputs.aws as Obj).ecrRepositoryUrls, {
            web: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-dev-web",
            api: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-dev-api",
        });
    });

    it("makes tags immutable and protects repositories in prod only", () => {
        assert.ok(ofType(dev, "aws:ecr/repository:Repository").every((r) => r.inputs.imageTagMutability === "MUTABLE" && r.inputs.forceDelete === true && !r.protect));
        assert.ok(ofType(prod, "aws:ecr/repository:Repository").every((r) => r.inputs.imageTagMutability === "IMMUTABLE" && r.inputs.forceDelete === false && r.protect));
    });

    it("writes a valid lifecycle policy: untagged expire after N days, keep the last N tagged with the prefix", () => {
        const parse = (p: PlanResult) => ofType(p, "aws:ecr/lifecyclePolicy:LifecyclePolicy").map((l) => JSON.parse(String(l.inputs.policy)));
        const [seedDefaults] = parse(dev);
        assert.deepStrictEqual(seedDefaults.rules.map((r: Obj) => [r.rulePriority, r.selection, r.action]), [
            [1, { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, { type: "expire" }],
            [2, { tagStatus: "tagged", tagPrefixList: ["v"], countType: "imageCountMoreThan", countNumber: 10 }, { type: "expire" }],
        ]);
        const custom = parse(prod);
        assert.strictEqual(custom.length, 2);
        assert.deepStrictEqual(custom[0].rules[1].selection, { tagStatus: "tagged", tagPrefixList: ["release-"], countType: "imageCountMoreThan", countNumber: 25 });
        assert.strictEqual(custom[0].rules[0].selection.countNumber, 3);
        const prios = custom[0].rules.map((r: Obj) => r.rulePriority);
        assert.strictEqual(new Set(prios).size, prios.length, "rule priorities must be unique");
        assert.strictEqual(one(prod, "aws:ecr/lifecyclePolicy:LifecyclePolicy", "web").inputs.repository, "app-prod-web");
    });
});

describe("aws app: monitoring", () => {
    let p: PlanResult;
    let quiet: PlanResult;
    before(async () => {
        p = await plan(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }, { name: "worker" }],
            "platform:alerts": { email: "ops@example.com", cpuPercent: 85, memoryPercent: 90, http5xxCount: 25, evaluationPeriods: 3 },
        }));
        quiet = await plan(config());
    });

    it("sends alarms to an SNS topic with an email subscription only when alerts.email is set", () => {
        assert.strictEqual(one(p, "aws:sns/topic:Topic").inputs.name, "app-dev-alerts");
        const sub = one(p, "aws:sns/topicSubscription:TopicSubscription");
        assert.deepStrictEqual([sub.inputs.protocol, sub.inputs.endpoint], ["email", "ops@example.com"]);
        assert.strictEqual(ofType(quiet, "aws:sns/topicSubscription:TopicSubscription").length, 0);
    });

    it("alarms per service on CPU and memory, per target group on unhealthy hosts and 5XX, per ALB on 5XX", () => {
        const alarms = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const summary = alarms.map((a) => [a.inputs.name, a.inputs.metricName, a.inputs.threshold, a.inputs.statistic]);
        assert.deepStrictEqual(summary, [
            ["app-dev-web-cpu-high", "CPUUtilization", 85, "Average"],
            ["app-dev-web-memory-high", "MemoryUtilization", 90, "Average"],
            ["app-dev-worker-cpu-high", "CPUUtilization", 85, "Average"],
            ["app-dev-worker-memory-high", "MemoryUtilization", 90, "Average"],
            ["app-dev-alb-5xx", "HTTPCode_ELB_5XX_Count", 25, "Sum"],
            ["app-dev-web-unhealthy-hosts", "UnHealthyHostCount", 0, "Maximum"],
            ["app-dev-web-target-5xx", "HTTPCode_Target_5XX_Count", 25, "Sum"],
        ]);
        for (const a of alarms) {
            assert.strictEqual(a.inputs.evaluationPeriods, 3);
            assert.strictEqual(a.inputs.comparisonOperator, "GreaterThanThreshold");
            assert.deepStrictEqual(a.inputs.alarmActions, ["arn:aws:sns:us-east-1:123456789012:app-dev-alerts"]);
        }
        assert.deepStrictEqual(alarms[0].inputs.dimensions, { ClusterName: "app-dev-cluster", ServiceName: "web" });
        assert.deepStrictEqual(alarms[5].inputs.dimensions, { LoadBalancer: "app/app-dev-alb/50dc6c495c0c9188", TargetGroup: "targetgroup/app-dev-web/73e2d6bc24d8a067" });
        const defaults = ofType(quiet, "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.deepStrictEqual(defaults.map((a) => [a.inputs.threshold, a.inputs.evaluationPeriods]), [[80, 2], [80, 2], [10, 2], [0, 2], [10, 2]]);
    });

    it("draws a dashboard of the same metrics", () => {
        const body = JSON.parse(String(one(p, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody));
        const metrics = body.widgets.flatMap((w: Obj) => w.properties.metrics.map((m: unknown[]) => `${m[0]} ${m[1]}`));
        for (const m of ["AWS/ECS CPUUtilization", "AWS/ECS MemoryUtilization", "AWS/ApplicationELB RequestCount", "AWS/ApplicationELB HTTPCode_ELB_5XX_Count",
            "AWS/ApplicationELB HTTPCode_Target_5XX_Count", "AWS/ApplicationELB UnHealthyHostCount", "AWS/ApplicationELB TargetResponseTime"]) {
            assert.ok(metrics.includes(m), `dashboard lacks ${m}`);
        }
        assert.ok(body.widgets.every((w: Obj) => w.properties.region === "us-east-1"));
    });
});
