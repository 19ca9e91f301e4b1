import * as assert from "assert";
import { loadConfigMap } from "../stacks/load";
import { ConfigError } from "../stacks/errors";
import { BASE, config, expectInvalid } from "./support/harness";

const svc = (extra: Record<string, unknown>) => [{ name: "web", port: 3000, routes: ["/*"], ...extra }];

// The catalogue of rejected configs lives in test/bad-input.test.ts (one table for every bad input).

describe("stack config validation", () => {
    it("accepts the minimal config", () => {
        const spec = loadConfigMap(config(), "test");
        assert.strictEqual(spec.name, "app");
        assert.deepStrictEqual(spec.clouds, ["aws"]);
    });

    it("reports every problem at once", () => {
        const err = expectInvalid(config({
            "platform:environment": "qa",
            "platform:services": svc({ port: 0 }),
            "platform:aws": { network: { cidr: "300.0.0.0/16" } },
        }), "platform:environment", "must be one of");
        assert.ok(err.issues.length >= 3, `expected at least 3 issues, got ${err.issues.length}`);
        assert.match(err.message, /^Invalid stack config test: \d+ problems\./);
    });

    it("renders one readable message without a stack trace", () => {
        try {
            loadConfigMap(config({ "platform:services": svc({ port: 70000 }) }), "Pulumi.bad.yaml");
            assert.fail("expected an error");
        } catch (e) {
            assert.ok(e instanceof ConfigError);
            assert.strictEqual(e.message, "Invalid stack config Pulumi.bad.yaml: 1 problem.\n  - platform:services[0].port: must be an integer from 1 to 65535 (got 70000)");
        }
    });

    it("accepts JSON text values as pulumi.runtime.allConfig() gives them", () => {
        const map = Object.fromEntries(Object.entries(BASE).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        const spec = loadConfigMap({ ...map, "platform:clouds": '["aws"]' }, "test");
        assert.strictEqual(spec.services[0].port, 3000);
    });

    it("ignores other namespaces and passes aws:region to the AWS settings", () => {
        const spec = loadConfigMap(config({ "aws:region": "eu-west-1", "pulumi:template": "x" }), "test");
        assert.strictEqual(spec.aws?.region, "eu-west-1");
    });

    it("returns a frozen config", () => {
        const spec = loadConfigMap(config(), "test");
        assert.ok(Object.isFrozen(spec) && Object.isFrozen(spec.services[0]) && Object.isFrozen(spec.aws!.network.subnets.public));
    });
});
