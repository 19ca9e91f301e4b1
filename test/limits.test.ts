import * as assert from "assert";
import * as fs from "fs";
import { CACHE_HOURLY, RDS_HOURLY } from "../plan/cost/prices";
import { renderTree } from "../plan/tree";
import { CACHE_NODE_TYPES, RDS_INSTANCE_CLASSES, cloudRunSize, redisFamily } from "../components/catalog";
import { LIMITS, nameProblem } from "../components/limits";
import { loadConfigMap } from "../stacks/load";
import { LIMITS_DOC, renderLimitsDoc } from "../scripts/limits-doc";
import { config, expectInvalid, plan } from "./support/harness";
import { limitViolations } from "./support/limits-check";
import { planCliAsync } from "./support/cli";

const svc = (extra: Record<string, unknown> = {}, name = "web") => ({ name, port: 3000, routes: ["/*"], ...extra });
const GCP = { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1" } };

describe("provider limits", () => {
    it("refuses an instance class typo with exit-2 material: key, value and the class meant", () => {
        const e = expectInvalid(config({ "platform:database": { instanceClass: "db.m6g.lrage" } }), "platform:database.instanceClass", 'did you mean "db.m6g.large"');
        assert.match(e.message, /got "db\.m6g\.lrage"/);
        expectInvalid(config({ "platform:cache": { nodeType: "cache.t4g.mciro" } }), "platform:cache.nodeType", 'did you mean "cache.t4g.micro"');
        expectInvalid(config({ "platform:aws": { compute: { type: "ec2", instanceType: "m5.xlrage" } } }), "platform:aws.compute.instanceType", 'did you mean "m5.xlarge"');
    });

    it("knows every class the price table prices", () => {
        for (const c of Object.keys(RDS_HOURLY)) assert.ok(RDS_INSTANCE_CLASSES.includes(c), c);
        for (const c of Object.keys(CACHE_HOURLY)) assert.ok(CACHE_NODE_TYPES.includes(c), c);
    });

    it("gives Redis 6 the redis6.x family and refuses a bare major version", () => {
        assert.strictEqual(loadConfigMap(config({ "platform:cache": { version: "6.2" } }), "t").cache!.family, "redis6.x");
        assert.strictEqual(redisFamily("7.1"), "redis7");
        expectInvalid(config({ "platform:cache": { version: "7" } }), "platform:cache.version", 'did you mean "7.1"');
        expectInvalid(config({ "platform:database": { version: "12" } }), "platform:database.version", "13, 14, 15, 16, 17");
    });

    it("sets the storage ceiling at least 10 % above a large allocation and validates explicit ceilings", () => {
        for (const allocated of [91, 100, 1000, 59578]) {
            const max = loadConfigMap(config({ "platform:database": { allocatedStorage: allocated } }), "t").database!.maxAllocatedStorage;
            assert.ok(max >= Math.ceil(allocated * 1.1) && max <= 65536, `${allocated} -> ${max}`);
        }
        assert.strictEqual(loadConfigMap(config({ "platform:database": { allocatedStorage: 20 } }), "t").database!.maxAllocatedStorage, 100, "small databases keep 100");
        assert.strictEqual(loadConfigMap(config({ "platform:database": { allocatedStorage: 65000 } }), "t").database!.maxAllocatedStorage, 0, "no room for 10 %: autoscaling off");
        expectInvalid(config({ "platform:database": { allocatedStorage: 100, maxAllocatedStorage: 105 } }), "platform:database.maxAllocatedStorage", "at least 110");
    });

    it("refuses names the providers reserve, citing the limit and its source", () => {
        expectInvalid(config({ "platform:name": "internal-tools" }), "platform:name", /ALB|load balancer name "internal-tools-dev-alb".*internal-.*aws\.alb\.name/i);
        expectInvalid(config({ "platform:name": "sg-app" }), "platform:name", 'must not start with "sg-"');
        expectInvalid(config({ "platform:name": "sthree" }), "platform:name", 'must not start with "sthree-"');
        expectInvalid(config({ "platform:name": "a--b", "platform:database": {} }), "platform:name", "two hyphens in a row");
        expectInvalid(config({ "platform:services": [svc({}, "a--b")] }), "platform:services[0].name", "ECR repository");
    });

    it("keeps internal names to the program: reserved user names are refused with the list", () => {
        expectInvalid(config({ "platform:services": [svc({}, "db")], "platform:database": {} }), "platform:services[0].name", "reserved service names: db, database, cache, cache-<number>");
        expectInvalid(config({ "platform:services": [svc({}, "cache-1")] }), "platform:services[0].name", "reserved");
        expectInvalid(config({ "platform:secrets": ["redis-auth-token"] }), "platform:secrets[0]", "reserved secret names: redis-auth-token");
        expectInvalid(config({ "platform:buckets": [{ name: "alb-logs" }] }), "platform:buckets[0].name", "reserved bucket names: alb-logs");
        expectInvalid(config({ "platform:name": "a", "platform:stage": "b", ...GCP, "platform:services": [svc({}, "x"), svc({ routes: ["/r/*"] }, "x-run")] }), "platform:services[1].name", "service account id");
    });

    it("refuses the container health check timeout ECS does not take, but not the ALB's", () => {
        expectInvalid(config({ "platform:services": [svc({ healthCheck: { command: ["CMD", "true"], timeout: 90, interval: 120 } })] }), "platform:services[0].healthCheck.timeout", "at most 60");
        loadConfigMap(config({ "platform:services": [svc({ healthCheck: { timeout: 90, interval: 120 } })] }), "t");
    });

    it("refuses EFS paths, lifecycle orders and certificate names the providers refuse", () => {
        for (const path of ["/a/b/c/d/e", "/data/", `/${"x".repeat(100)}`]) {
            expectInvalid(config({ "platform:services": [svc({ volumes: [{ name: "d", mountPath: "/d", efs: { path } }] })] }), "platform:services[0].volumes[0].efs.path", "aws.efs.accessPointPath");
        }
        expectInvalid(config({ "platform:buckets": [{ name: "b", lifecycle: { transitionToIaDays: 60, expireDays: 60 } }] }), "platform:buckets[0].lifecycle.expireDays", "after lifecycle.transitionToIaDays (60)");
        expectInvalid(config({ "platform:domain": { name: `${"a".repeat(60)}.example.com` } }), "platform:domain.name", "at most 64");
        expectInvalid(config({ ...GCP, "platform:domain": { name: "example.com", aliases: ["*.example.com"] } }), "platform:domain.aliases[0]", "wildcard");
    });

    it("sizes Cloud Run validly: CPU derived from memory, fractions and impossible pairs refused, reserved variables refused", () => {
        assert.deepStrictEqual(cloudRunSize(8192), { cpu: "2", memory: "8192Mi" });
        assert.deepStrictEqual(cloudRunSize(512, "4"), { cpu: "4", memory: "2048Mi" });
        assert.deepStrictEqual(cloudRunSize(512), { cpu: "1", memory: "512Mi" });
        const spec = loadConfigMap(config({ ...GCP, "platform:services": [svc({ cpu: 2048, memory: 16384 })] }), "t");
        assert.deepStrictEqual([spec.services[0].gcp.cpu, spec.services[0].gcp.memory], ["4", "16384Mi"]);
        expectInvalid(config({ ...GCP, "platform:services": [svc({ gcp: { cpu: "0.5", concurrency: 1, cpuIdle: true } })] }), "platform:services[0].gcp.cpu", "first-generation");
        expectInvalid(config({ ...GCP, "platform:services": [svc({ gcp: { cpu: "1", memory: "8Gi" } })] }), "platform:services[0].gcp.memory", "512Mi to 4096Mi with 1 CPU");
        expectInvalid(config({ ...GCP, "platform:services": [svc({ cpu: 16384, memory: 65536 })] }), "platform:services[0].memory", "set services[].gcp.memory");
        expectInvalid(config({ ...GCP, "platform:services": [svc({ environment: { PORT: "8080" } })] }), "platform:services[0].environment.PORT", "set by Cloud Run");
        loadConfigMap(config({ "platform:services": [svc({ environment: { PORT: "8080" } })] }), "aws only: PORT is fine");
    });

    it("refuses AWS tag keys and values AWS refuses, and GCP label keys that collide", () => {
        expectInvalid(config({ "platform:tags": { "aws:team": "x" } }), "platform:tags.aws:team", 'must not start with "aws:"');
        expectInvalid(config({ "platform:tags": { team: "v".repeat(257) } }), "platform:tags.team", "at most 256");
        expectInvalid(config({ "platform:tags": { "a#b": "x" } }), "platform:tags.a#b", "only letters");
        expectInvalid(config({ ...GCP, "platform:tags": { Team: "a", team: "b" } }), "platform:tags.team", 'GCP label key "team"');
    });

    it("warns, without failing, where a stack goes past an adjustable quota, saying which and by how much", () => {
        const services = Array.from({ length: 62 }, (_, i) => ({ name: `s${i}`, port: 3000, uses: ["database"], ...(i === 0 ? { routes: ["/*"] } : {}) }));
        const spec = loadConfigMap(config({ "platform:services": services, "platform:database": {} }), "t");
        const w = (spec.warnings ?? []).find((x) => x.startsWith("platform:database:"));
        assert.ok(w, `no database warning in ${JSON.stringify(spec.warnings)}`);
        assert.match(w, /62 inbound rules, 2 over the default quota of 60/);
        const hosts = loadConfigMap(config({ "platform:domain": { name: "example.com", aliases: Array.from({ length: 10 }, (_, i) => `h${i}.example.com`) } }), "t");
        assert.ok(hosts.warnings?.some((x) => /11 names on the ACM certificate, 1 over/.test(x)));
        assert.strictEqual(loadConfigMap(config(), "t").warnings, undefined);
    });

    it("catches what the plan checker is for: an invalid input is a violation", () => {
        const r = (type: string, inputs: Record<string, unknown>) => ({ urn: `urn:${type}`, type, name: "x", parent: "p", custom: true, protect: false, inputs });
        const found = limitViolations([
            r("aws:lb/loadBalancer:LoadBalancer", { name: "internal-x" }),
            r("aws:rds/instance:Instance", { identifier: "a--b", instanceClass: "db.m6g.lrage", allocatedStorage: 100, maxAllocatedStorage: 100, engineVersion: "16.3" }),
            r("gcp:cloudrunv2/service:Service", { name: "s", template: { containers: [{ resources: { limits: { cpu: "1", memory: "8192Mi" } }, envs: [{ name: "PORT" }] }] } }),
            r("aws:cloudwatch/metricAlarm:MetricAlarm", { name: "a" }),
            r("aws:cloudwatch/metricAlarm:MetricAlarm", { name: "a" }),
        ]);
        for (const id of ["aws.alb.name", "aws.rds.identifier", "aws.rds.instanceClass", "aws.rds.maxAllocatedStorage", "gcp.cloudRun.size", "gcp.cloudRun.reservedEnv", "unique names"]) {
            assert.ok(found.some((f) => f.endsWith(`[${id}]`)), `${id} not caught: ${found.join("; ")}`);
        }
        assert.strictEqual(nameProblem("aws.s3.bucket", "app-dev-x-s3alias"), 'must not end with "-s3alias" (reserved)');
    });

    it("lists unpriced resources next to the cost total (a known class without a price)", async function () {
        this.timeout(120000);
        const p = await plan(config({ "platform:database": { instanceClass: "db.m6g.4xlarge" } }));
        const tree = renderTree(p);
        assert.match(tree, /Monthly cost: \$\d+\.\d\d \(estimate; excludes \d+ unpriced resources? \([^)]*rds\/instance/);
    });

    it("documents every limit in docs/limits.md, generated and current", () => {
        const text = renderLimitsDoc();
        for (const id of Object.keys(LIMITS)) assert.ok(text.includes(`\`${id}\``), id);
        assert.strictEqual(fs.readFileSync(LIMITS_DOC, "utf8"), text, "docs/limits.md is stale: run npm run docs");
    });
});

describe("provider limits through the CLI", () => {
    it("prints quota warnings on stderr and still plans (exit 0)", async function () {
        this.timeout(180000);
        const os = await import("os");
        const path = await import("path");
        const { stringify } = await import("yaml");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "limits-")), "quota.yaml");
        fs.writeFileSync(file, stringify({ config: config({ "platform:domain": { name: "example.com", aliases: Array.from({ length: 10 }, (_, i) => `h${i}.example.com`) } }) }));
        const r = await planCliAsync(file);
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stderr, /^warning: platform:domain: puts 11 names on the ACM certificate, 1 over the default quota of 10/m);
        assert.doesNotMatch(r.stdout, /warning:/);
    });
});
