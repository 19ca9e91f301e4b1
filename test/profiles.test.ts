import * as assert from "assert";
import { loadConfigMap } from "../stacks/load";
import { config } from "./support/harness";

const withData = (env: string, extra: Record<string, unknown> = {}) =>
    // A release tag: prod's immutable tags refuse the default "latest".
    loadConfigMap(config({ "platform:environment": env, "platform:allowHttp": true, "platform:database": {}, "platform:cache": {}, "platform:release": "v1", ...extra }), "test");

describe("environment profiles", () => {
    it("dev: one NAT, single-AZ database, 1-day backups, 7-day logs, no protection", () => {
        const s = withData("dev");
        assert.strictEqual(s.aws!.network.natGateways, "single");
        assert.strictEqual(s.database!.multiAz, false);
        assert.strictEqual(s.database!.backupRetentionDays, 1);
        assert.strictEqual(s.database!.deletionProtection, false);
        assert.strictEqual(s.logRetentionDays, 7);
        assert.strictEqual(s.cache!.replicas, 0);
        assert.strictEqual(s.protectStateful, false);
        assert.deepStrictEqual([s.services[0].scaling.min, s.services[0].scaling.max], [1, 2]);
        assert.strictEqual(s.services[0].exec, true);
    });

    it("prod is safe by default: WAF, Cloud Armor, restricted egress; elsewhere they are off and egress is open", () => {
        const prod = loadConfigMap(config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1", "platform:clouds": ["aws", "gcp"], "platform:gcp": { project: "my-project-1" } }), "test");
        assert.deepStrictEqual([prod.aws!.waf, prod.gcp!.armor, prod.aws!.egress, prod.aws!.allowExecInProd, prod.allowHttp], [true, true, "restricted", false, true]);
        const dev = loadConfigMap(config({ "platform:clouds": ["aws", "gcp"], "platform:gcp": { project: "my-project-1" } }), "test");
        assert.deepStrictEqual([dev.aws!.waf, dev.gcp!.armor, dev.aws!.egress, dev.allowHttp], [false, false, "open", false]);
    });

    it("staging: Multi-AZ data tier, 14-day logs, one NAT", () => {
        const s = withData("staging");
        assert.strictEqual(s.aws!.network.natGateways, "single");
        assert.strictEqual(s.database!.multiAz, true);
        assert.strictEqual(s.cache!.replicas, 1);
        assert.strictEqual(s.logRetentionDays, 14);
        assert.strictEqual(s.protectStateful, false);
    });

    it("prod: NAT per AZ, Multi-AZ, 7-day backups, deletion protection, protect, 2-10 tasks, no ECS Exec", () => {
        const s = withData("prod");
        assert.strictEqual(s.aws!.network.natGateways, "perAz");
        assert.strictEqual(s.database!.multiAz, true);
        assert.strictEqual(s.database!.backupRetentionDays, 7);
        assert.strictEqual(s.database!.deletionProtection, true);
        assert.strictEqual(s.database!.finalSnapshot, true);
        assert.strictEqual(s.logRetentionDays, 30);
        assert.strictEqual(s.protectStateful, true);
        assert.deepStrictEqual([s.services[0].scaling.min, s.services[0].scaling.max], [2, 10]);
        assert.strictEqual(s.services[0].exec, false);
        assert.strictEqual(s.aws!.ecr.immutableTags, true);
    });

    it("explicit values beat the profile", () => {
        const s = withData("prod", {
            "platform:database": { multiAz: false, backupRetentionDays: 14 },
            "platform:logRetentionDays": 90,
            "platform:aws": { network: { natGateways: "single" }, allowExecInProd: true, egress: "open", waf: false },
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"], scaling: { min: 1, max: 3 }, exec: true }],
        });
        assert.strictEqual(s.database!.multiAz, false);
        assert.strictEqual(s.database!.backupRetentionDays, 14);
        assert.strictEqual(s.logRetentionDays, 90);
        assert.strictEqual(s.aws!.network.natGateways, "single");
        assert.deepStrictEqual([s.services[0].scaling.min, s.services[0].scaling.max], [1, 3]);
        assert.strictEqual(s.services[0].exec, true);
        assert.deepStrictEqual([s.aws!.egress, s.aws!.waf, s.aws!.allowExecInProd], ["open", false, true]);
    });

    it("a max below the profile's min pulls the min down instead of failing", () => {
        const s = withData("prod", { "platform:services": [{ name: "web", port: 3000, routes: ["/*"], scaling: { max: 1 } }] });
        assert.deepStrictEqual([s.services[0].scaling.min, s.services[0].scaling.max], [1, 1]);
    });

    it("derives the service kind from port and routes", () => {
        const s = loadConfigMap(config({
            "platform:services": [
                { name: "web", port: 3000, routes: ["/*"] },
                { name: "ai", port: 8000 },
                { name: "worker", command: ["celery", "worker"] },
            ],
        }), "test");
        assert.deepStrictEqual(s.services.map((x) => x.expose), ["public", "internal", "none"]);
        assert.deepStrictEqual(s.services.map((x) => x.discovery), [false, true, false]);
    });

    it("computes the subnet layout from the VPC CIDR, with an isolated tier only for a data tier", () => {
        const withDb = withData("dev");
        assert.deepStrictEqual(withDb.aws!.network.subnets, {
            public: ["10.0.0.0/24", "10.0.1.0/24"],
            private: ["10.0.16.0/20", "10.0.32.0/20"],
            isolated: ["10.0.8.0/24", "10.0.9.0/24"],
        });
        const noDb = loadConfigMap(config({ "platform:aws": { network: { cidr: "10.20.0.0/18", azCount: 3 } } }), "test");
        assert.deepStrictEqual(noDb.aws!.network.subnets, {
            public: ["10.20.0.0/26", "10.20.0.64/26", "10.20.0.128/26"],
            private: ["10.20.4.0/22", "10.20.8.0/22", "10.20.12.0/22"],
            isolated: [],
        });
    });

    it("carries the standard tags", () => {
        const s = loadConfigMap(config({ "platform:stage": "tiger", "platform:tags": { team: "core", app: "spoofed" } }), "test");
        assert.deepStrictEqual(s.tags, { team: "core", app: "app", environment: "dev", stage: "tiger", "managed-by": "pulumi" });
        assert.strictEqual(s.naming.stage, "tiger");
    });
});
