import * as assert from "assert";
import { config, ofType, one, plan } from "./support/harness";

describe("aws alarms share one topic", () => {
    it("database, cache, service and load balancer alarms all notify the stack's alarm topic", async () => {
        const p = await plan(config({
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database", "cache"] }],
            "platform:database": {},
            "platform:cache": {},
            "platform:alerts": { email: "ops@example.com" },
        }));
        const topic = one(p, "aws:sns/topic:Topic");
        assert.strictEqual(topic.inputs.name, "app-dev-alerts");
        assert.strictEqual(one(p, "aws:sns/topicSubscription:TopicSubscription").inputs.endpoint, "ops@example.com");
        const topicArn = "arn:aws:sns:us-east-1:123456789012:app-dev-alerts";
        const alarms = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const namespaces = new Set(alarms.map((a) => a.inputs.namespace));
        for (const ns of ["AWS/RDS", "AWS/ElastiCache", "AWS/ECS", "AWS/ApplicationELB"]) assert.ok(namespaces.has(ns), `no ${ns} alarm`);
        const silent = alarms.filter((a) => JSON.stringify(a.inputs.alarmActions) !== JSON.stringify([topicArn]));
        assert.deepStrictEqual(silent.map((a) => a.name), [], "alarms that notify nobody (or another topic)");
    });
});
