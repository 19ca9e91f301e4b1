import * as assert from "assert";
import { loadConfigMap } from "../stacks/load";
import { ConfigError } from "../stacks/errors";
import { BASE, config, expectInvalid } from "./support/harness";

const svc = (extra: Record<string, unknown>) => [{ name: "web", port: 3000, routes: ["/*"], ...extra }];

/** [what, config overrides, key path of the issue, text the message must contain] */
const BAD: [string, Record<string, unknown>, string, string | RegExp][] = [
    ["missing name", { "platform:name": undefined }, "platform:name", "is required"],
    ["name with capitals", { "platform:name": "MyApp" }, "platform:name", "lowercase letters"],
    ["name too long", { "platform:name": "a-very-long-application-name" }, "platform:name", "at most 16 characters"],
    ["unknown environment", { "platform:environment": "qa" }, "platform:environment", 'must be one of "dev", "staging", "prod"'],
    ["unknown top-level key", { "platform:servcies": [] }, "platform:servcies", 'did you mean "services"'],
    ["key without namespace", { name: "x" }, "name", 'write "platform:name"'],
    ["unknown cloud", { "platform:clouds": ["azure"] }, "platform:clouds[0]", '"aws", "gcp"'],
    ["empty clouds", { "platform:clouds": [] }, "platform:clouds", "at least one cloud"],
    ["cloud twice", { "platform:clouds": ["aws", "aws"] }, "platform:clouds", "must not name a cloud twice"],
    ["clouds as a string", { "platform:clouds": "aws" }, "platform:clouds", "must be a list"],
    ["no services", { "platform:services": [] }, "platform:services", "at least one service"],
    ["port out of range", { "platform:services": svc({ port: 70000 }) }, "platform:services[0].port", "integer from 1 to 65535 (got 70000)"],
    ["port as a string", { "platform:services": svc({ port: "3000" }) }, "platform:services[0].port", 'integer from 1 to 65535 (got "3000")'],
    ["fractional port", { "platform:services": svc({ port: 80.5 }) }, "platform:services[0].port", "integer"],
    ["routes without port", { "platform:services": [{ name: "web", routes: ["/*"] }] }, "platform:services[0].routes", "need a port"],
    ["route without slash", { "platform:services": svc({ routes: ["api/*"] }) }, "platform:services[0].routes[0]", 'starting with "/"'],
    ["empty routes", { "platform:services": svc({ routes: [] }) }, "platform:services[0].routes", "at least one path"],
    ["duplicate service names", { "platform:services": [{ name: "web", port: 1, routes: ["/a"] }, { name: "web", port: 2, routes: ["/b"] }] }, "platform:services[1].name", "must be unique"],
    ["route claimed twice", { "platform:services": [{ name: "a", port: 1, routes: ["/*"] }, { name: "b", port: 2, routes: ["/*"] }] }, "platform:services[1].routes[0]", 'already routed to service "a"'],
    ["min above max", { "platform:services": svc({ scaling: { min: 5, max: 2 } }) }, "platform:services[0].scaling.min", "must not exceed scaling.max (2)"],
    ["cpu target above 100", { "platform:services": svc({ scaling: { cpuTarget: 120 } }) }, "platform:services[0].scaling.cpuTarget", "from 1 to 100"],
    ["unknown service key", { "platform:services": svc({ prot: 1 }) }, "platform:services[0].prot", "is not a known key"],
    ["service name with underscore", { "platform:services": [{ name: "my_web", port: 1, routes: ["/"] }] }, "platform:services[0].name", "lowercase letters"],
    ["reserved service name", { "platform:services": [{ name: "database", port: 1, routes: ["/"] }] }, "platform:services[0].name", "reserved"],
    ["fargate pair that does not exist", { "platform:services": svc({ cpu: 256, memory: 4096 }) }, "platform:services[0].memory", "512, 1024 or 2048"],
    ["fargate cpu that does not exist", { "platform:services": svc({ cpu: 300, memory: 1024 }) }, "platform:services[0].memory", "Fargate CPU must be one of"],
    ["uses database without database", { "platform:services": svc({ uses: ["database"] }) }, "platform:services[0].uses[0]", "platform:database is not set"],
    ["uses unknown name", { "platform:services": svc({ uses: ["queue"] }) }, "platform:services[0].uses[0]", 'is not "database", "cache"'],
    ["secret not declared", { "platform:services": svc({ secrets: ["api-key"] }) }, "platform:services[0].secrets[0]", "not declared in platform:secrets"],
    ["public without routes", { "platform:services": [{ name: "web", port: 3000, expose: "public" }] }, "platform:services[0].routes", "required for a public service"],
    ["internal without port", { "platform:services": [{ name: "w", expose: "internal" }] }, "platform:services[0].port", "required for an internal service"],
    ["bad VPC CIDR prefix", { "platform:aws": { network: { cidr: "10.0.0.0/33" } } }, "platform:aws.network.cidr", "prefix above /32"],
    ["VPC CIDR with host bits", { "platform:aws": { network: { cidr: "10.0.1.0/16" } } }, "platform:aws.network.cidr", "host bits set"],
    ["VPC CIDR not a CIDR", { "platform:aws": { network: { cidr: "10.0.0.0" } } }, "platform:aws.network.cidr", "not an IPv4 CIDR"],
    ["VPC too large", { "platform:aws": { network: { cidr: "10.0.0.0/8" } } }, "platform:aws.network.cidr", "from /16 to /24"],
    ["subnet outside the VPC", { "platform:aws": { network: { cidr: "10.0.0.0/16", subnets: { public: ["10.1.0.0/24", "10.0.1.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.public[0]", "outside the VPC block 10.0.0.0/16"],
    ["overlapping subnets", { "platform:aws": { network: { subnets: { public: ["10.0.0.0/24", "10.0.1.0/24"], private: ["10.0.0.0/20", "10.0.16.0/20"] } } } }, "platform:aws.network.subnets.private[0]", "overlaps subnets.public[0]"],
    ["subnet count differs from AZs", { "platform:aws": { network: { subnets: { public: ["10.0.0.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.public", "must list 2 CIDR blocks"],
    ["data tier without isolated subnets", { "platform:database": {}, "platform:aws": { network: { subnets: { public: ["10.0.0.0/24", "10.0.1.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.isolated", "data tier lives in isolated subnets"],
    ["NAT mode unknown", { "platform:aws": { network: { natGateways: "two" } } }, "platform:aws.network.natGateways", '"perAz", "single", "none"'],
    ["four AZs", { "platform:aws": { network: { azCount: 4 } } }, "platform:aws.network.azCount", "from 2 to 3"],
    ["misspelt network key", { "platform:aws": { netwrok: {} } }, "platform:aws.netwrok", 'did you mean "network"'],
    ["gcp without project", { "platform:clouds": ["gcp"] }, "platform:gcp.project", "is required"],
    ["gcp key while only on aws", { "platform:gcp": { project: "my-project-1" } }, "platform:gcp", 'clouds does not include "gcp"'],
    ["connector not a /28", { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1", network: { connector: { cidr: "10.8.0.0/24" } } } }, "platform:gcp.network.connector.cidr", "must be a /28"],
    ["connector overlaps subnet", { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1", network: { subnetCidr: "10.8.0.0/24", connector: { cidr: "10.8.0.0/28" } } } }, "platform:gcp.network.connector.cidr", "overlaps the subnet"],
    ["version as a YAML number", { "platform:database": { version: 16.3 } }, "platform:database.version", "quoted string"],
    ["instance class typo", { "platform:database": { instanceClass: "t4g.micro" } }, "platform:database.instanceClass", "db.t4g.micro"],
    ["backup window malformed", { "platform:database": { backupWindow: "3am-4am" } }, "platform:database.backupWindow", "hh:mm-hh:mm"],
    ["backup retention above 35", { "platform:database": { backupRetentionDays: 40 } }, "platform:database.backupRetentionDays", "from 0 to 35"],
    ["eviction policy unknown", { "platform:cache": { evictionPolicy: "lru" } }, "platform:cache.evictionPolicy", "allkeys-lru"],
    ["log retention not a CloudWatch value", { "platform:logRetentionDays": 10 } , "platform:logRetentionDays", "CloudWatch retention periods"],
    ["waf without a load balancer", { "platform:services": [{ name: "worker" }], "platform:aws": { waf: true } }, "platform:aws.waf", "needs a load balancer"],
    ["bad email", { "platform:alerts": { email: "ops-at-example" } }, "platform:alerts.email", "an email address"],
    ["target group name too long", { "platform:name": "averylongappname", "platform:stage": "production", "platform:services": [{ name: "frontend-service", port: 1, routes: ["/"] }] }, "platform:services[0].name", "AWS allows 32"],
    ["boolean as a string", { "platform:aws": { waf: "yes" } }, "platform:aws.waf", "true or false"],
    ["bucket referenced but missing", { "platform:services": svc({ permissions: { buckets: ["assets"] } }) }, "platform:services[0].permissions.buckets[0]", "not a bucket"],
    ["health check timeout not below interval", { "platform:services": svc({ healthCheck: { interval: 10, timeout: 10 } }) }, "platform:services[0].healthCheck.timeout", "shorter than healthCheck.interval"],
];

describe("stack config validation", () => {
    it("accepts the minimal config", () => {
        const spec = loadConfigMap(config(), "test");
        assert.strictEqual(spec.name, "app");
        assert.deepStrictEqual(spec.clouds, ["aws"]);
    });

    for (const [what, overrides, path, text] of BAD) {
        it(`rejects ${what}`, () => {
            expectInvalid(config(overrides), path, text);
        });
    }

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
