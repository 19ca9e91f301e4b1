import * as assert from "assert";
import {
    AliasRecords, AppSecrets, GcpMonitoring, GcpSecrets, Monitoring, ProjectApis, Waf,
    type MonitoringArgs,
} from "../lib";
import { planProgram, type PlannedResource } from "../plan/engine";

/**
 * `transform` is a component argument, not a stack config key, so each component is built on its
 * own under the mocks with minimal args. Every test checks that the hook reached the child, that
 * fields it does not name are kept, and that the child's logical name (hence its URN) is unchanged.
 */

const naming = { app: "shop", stage: "qa" };
/** Children of one type, by logical name: the mocks register siblings in no fixed order. */
const byType = (resources: PlannedResource[], type: string) =>
    resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));

const alerts: MonitoringArgs["alerts"] = {
    cpuPercent: 80, memoryPercent: 80, http5xxCount: 10, databaseCpuPercent: 75, cacheCpuPercent: 75, cacheMemoryPercent: 80, evaluationPeriods: 2,
};

describe("transform hooks reach the children (components built directly)", () => {
    it("AliasRecords: record", async () => {
        const plan = await planProgram(() => {
            new AliasRecords("dns", {
                zoneId: "Z123", hosts: ["shop.example.com"], targetDnsName: "alb.example.com", targetZoneId: "ZALB",
                transform: { record: (args, _opts, name) => { if (name.endsWith("-aaaa")) args.allowOverwrite = true; } },
            });
        });
        const records = byType(plan.resources, "aws:route53/record:Record");
        assert.deepStrictEqual(records.map((r) => [r.name, r.inputs.type, r.inputs.allowOverwrite]), [["dns-1-a", "A", undefined], ["dns-1-aaaa", "AAAA", true]]);
        assert.strictEqual(records[1].inputs.name, "shop.example.com");
    });

    it("Monitoring (AWS): topic, alarm and dashboard", async () => {
        const plan = await planProgram(() => {
            new Monitoring("mon", {
                naming, region: "eu-west-1", alerts, clusterName: "shop-qa-cluster", services: ["api"],
                transform: {
                    topic: { kmsMasterKeyId: "alias/aws/sns" },
                    alarm: (args, _opts, name) => { if (name.endsWith("-cpu")) args.datapointsToAlarm = 1; },
                    dashboard: (args) => { args.dashboardName = "shop-qa-custom"; },
                },
            });
        });
        const topic = byType(plan.resources, "aws:sns/topic:Topic");
        assert.deepStrictEqual(topic.map((t) => [t.name, t.inputs.name, t.inputs.kmsMasterKeyId]), [["mon-alerts-topic", "shop-qa-alerts", "alias/aws/sns"]]);
        const alarms = byType(plan.resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.deepStrictEqual(alarms.map((a) => [a.name, a.inputs.datapointsToAlarm]), [["mon-api-cpu", 1], ["mon-api-memory", undefined]]);
        assert.strictEqual(alarms[0].inputs.metricName, "CPUUtilization");
        const dashboard = byType(plan.resources, "aws:cloudwatch/dashboard:Dashboard");
        assert.deepStrictEqual(dashboard.map((d) => [d.name, d.inputs.dashboardName]), [["mon-dashboard", "shop-qa-custom"]]);
        assert.match(String(dashboard[0].inputs.dashboardBody), /CPUUtilization/);
    });

    it("Waf: webAcl", async () => {
        const plan = await planProgram(() => {
            new Waf("waf", {
                naming, loadBalancers: { alb: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1" },
                transform: { webAcl: { defaultAction: { block: {} } } },
            });
        });
        const acls = byType(plan.resources, "aws:wafv2/webAcl:WebAcl");
        assert.deepStrictEqual(acls.map((a) => [a.name, a.inputs.defaultAction]), [["waf-acl", { block: {} }]]);
        assert.strictEqual((acls[0].inputs.rules as unknown[]).length, 4, "managed rules and the rate limit are kept");
    });

    it("AppSecrets: secret", async () => {
        const plan = await planProgram(() => {
            new AppSecrets("secrets", {
                naming, names: ["database-url", "secret-key"], kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1",
                transform: { secret: (args, opts, name) => { if (name.endsWith("-secret-key")) { args.recoveryWindowInDays = 7; opts.protect = true; } } },
            });
        });
        const secrets = byType(plan.resources, "aws:secretsmanager/secret:Secret");
        assert.deepStrictEqual(secrets.map((s) => [s.name, s.inputs.name, s.inputs.recoveryWindowInDays, s.protect]), [
            ["secrets-database-url", "qa/shop/database-url", 30, false],
            ["secrets-secret-key", "qa/shop/secret-key", 7, true],
        ]);
    });

    it("ProjectApis: service", async () => {
        const plan = await planProgram(() => {
            new ProjectApis("apis", {
                project: "shop-qa", apis: ["run", "compute"],
                transform: { service: (args, _opts, name) => { if (name === "apis-compute") args.disableOnDestroy = true; } },
            });
        });
        const services = byType(plan.resources, "gcp:projects/service:Service");
        assert.deepStrictEqual(services.map((s) => [s.name, s.inputs.service, s.inputs.disableOnDestroy]), [
            ["apis-compute", "compute.googleapis.com", true],
            ["apis-run", "run.googleapis.com", false],
        ]);
    });

    it("GCP Secrets: secret", async () => {
        const replication = { userManaged: { replicas: [{ location: "europe-west1" }] } };
        const plan = await planProgram(() => {
            new GcpSecrets("secrets", { naming, names: ["database-url"], transform: { secret: { replication } } });
        });
        const secrets = byType(plan.resources, "gcp:secretmanager/secret:Secret");
        assert.deepStrictEqual(secrets.map((s) => [s.name, s.inputs.replication]), [["secrets-database-url", replication]]);
        assert.match(String(secrets[0].inputs.secretId), /database-url/);
    });

    it("GCP Monitoring: alertPolicy and uptimeCheck", async () => {
        const plan = await planProgram(() => {
            new GcpMonitoring("mon", {
                naming, project: "shop-qa",
                services: [{ name: "api", runName: "shop-qa-api", maxInstances: 4 }],
                uptime: [{ name: "api", host: "shop.example.com", path: "/healthz", https: true }],
                transform: {
                    alertPolicy: (args, _opts, name) => { if (name.endsWith("-latency")) args.severity = "WARNING"; },
                    uptimeCheck: { period: "300s", selectedRegions: ["EUROPE", "USA_VIRGINIA", "ASIA_PACIFIC"] },
                },
            });
        });
        const policies = byType(plan.resources, "gcp:monitoring/alertPolicy:AlertPolicy");
        assert.deepStrictEqual(policies.map((p) => [p.name, p.inputs.severity]), [
            ["mon-api-5xx", undefined], ["mon-api-at-max", undefined], ["mon-api-latency", "WARNING"], ["mon-api-uptime-failed", undefined],
        ]);
        const checks = byType(plan.resources, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig");
        assert.deepStrictEqual(checks.map((c) => [c.name, c.inputs.period, c.inputs.selectedRegions, c.inputs.timeout]), [
            ["mon-api-uptime", "300s", ["EUROPE", "USA_VIRGINIA", "ASIA_PACIFIC"], "10s"],
        ]);
    });
});
