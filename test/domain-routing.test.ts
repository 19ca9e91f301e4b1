import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import type { PlannedResource, PlanResult } from "../plan/engine";
import { evaluate, HTTPS_PER_CLOUD_RULES, RULES } from "../policy/rules";
import { ConfigError, renderIssue } from "../stacks/errors";
import { loadConfigMap } from "../stacks/load";
import { config, expectInvalid, ofType, one, plan } from "./support/harness";
import { planCli } from "./support/cli";

/**
 * One domain over both clouds (issue 19): each routing mode planned under mocks, with the zone in
 * Route 53 and in Cloud DNS, asserting on the records, certificates and checks that come out.
 */

const T = {
    record: "aws:route53/record:Record",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
    acm: "aws:acm/certificate:Certificate",
    recordSet: "gcp:dns/recordSet:RecordSet",
    dnsAuth: "gcp:certificatemanager/dnsAuthorization:DnsAuthorization",
    gcpCert: "gcp:certificatemanager/certificate:Certificate",
    mapEntry: "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry",
    managedSsl: "gcp:compute/managedSslCertificate:ManagedSslCertificate",
    httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    uptime: "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
    apis: "gcp:projects/service:Service",
};
const GCP_IP = "34.120.10.20";
const DOMAIN = { name: "shop.example.org", zoneName: "example.org", aliases: ["www.shop.example.org"] };
const WEB = [{ name: "web", port: 3000, routes: ["/*"], healthCheck: { path: "/healthz" } }];
const GCP_ONLY = { "platform:clouds": ["gcp"], "platform:gcp": { project: "shop-prod-123456" } };

function both(domain: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return config({
        "platform:clouds": ["aws", "gcp"],
        "platform:gcp": { project: "shop-prod-123456" },
        "platform:services": WEB,
        "platform:domain": { ...DOMAIN, ...domain },
        ...extra,
    });
}

const named = (p: PlanResult, type: string, host: string) => ofType(p, type).filter((r) => String(r.inputs.name).replace(/\.$/, "") === host);
const hosts = (rs: PlannedResource[]) => rs.map((r) => String(r.inputs.name).replace(/\.$/, "")).sort();

/** GCP's certificate is DNS-authorized for the main names and its own host, with the CNAMEs in the zone of `recordType`. */
function assertGcpCertificate(p: PlanResult, recordType: string) {
    const wanted = ["gcp.shop.example.org", "shop.example.org", "www.shop.example.org"];
    assert.deepStrictEqual(ofType(p, T.dnsAuth).map((a) => a.inputs.domain).sort(), wanted);
    const cert = one(p, T.gcpCert);
    assert.deepStrictEqual([...(cert.inputs.managed as { domains: string[] }).domains].sort(), wanted);
    assert.strictEqual((cert.inputs.managed as { dnsAuthorizations: string[] }).dnsAuthorizations.length, 3);
    const challenges = ofType(p, recordType).filter((r) => String(r.inputs.name).startsWith("_acme-challenge."));
    assert.deepStrictEqual(hosts(challenges), wanted.map((h) => `_acme-challenge.${h}`));
    assert.ok(challenges.every((r) => r.inputs.type === "CNAME"));
    assert.deepStrictEqual(ofType(p, T.mapEntry).map((e) => e.inputs.hostname).sort(), wanted);
    assert.strictEqual(ofType(p, T.managedSsl).length, 0, "a load-balancer-authorized certificate never activates while DNS points elsewhere");
    assert.match(String(one(p, T.httpsProxy).inputs.certificateMap), /^\/\/certificatemanager\.googleapis\.com\/projects\/shop-prod-123456\/locations\/global\/certificateMaps\//);
}

/** ACM covers the main names and AWS's own host, validated by CNAMEs in the zone of `recordType`. */
function assertAwsCertificate(p: PlanResult, recordType: string) {
    const acm = one(p, T.acm);
    assert.strictEqual(acm.inputs.domainName, "shop.example.org");
    assert.deepStrictEqual(acm.inputs.subjectAlternativeNames, ["www.shop.example.org", "aws.shop.example.org"]);
    const validations = ofType(p, recordType).filter((r) => String(r.inputs.name).startsWith("_0123456789abcdef."));
    assert.deepStrictEqual(hosts(validations), ["_0123456789abcdef.aws.shop.example.org", "_0123456789abcdef.shop.example.org", "_0123456789abcdef.www.shop.example.org"]);
}

function assertPerCloudUrls(p: PlanResult) {
    const urls = p.outputs.urls as Record<string, string>;
    assert.strictEqual(urls.aws, "https://aws.shop.example.org");
    assert.strictEqual(urls.gcp, "https://gcp.shop.example.org");
    assert.strictEqual(urls.domain, "https://shop.example.org");
    // GCP's uptime checks probe GCP, whatever the main name routes to.
    for (const check of ofType(p, T.uptime)) {
        assert.strictEqual((check.inputs.monitoredResource as { labels: { host: string } }).labels.host, "gcp.shop.example.org");
    }
}

describe("domain over both clouds (issue 19)", function () {
    describe("zone in Route 53", function () {
        let failover: PlanResult;
        before(async function () {
            failover = await plan(both({ routing: "failover" }));
        });

        it("failover: per-cloud hosts, DNS-validated certificates on both clouds, per-cloud urls", function () {
            assertAwsCertificate(failover, T.record);
            assertGcpCertificate(failover, T.record);
            assertPerCloudUrls(failover);
            const own = named(failover, T.record, "aws.shop.example.org");
            assert.deepStrictEqual(own.map((r) => r.inputs.type).sort(), ["A", "AAAA"]);
            assert.ok(own.every((r) => (r.inputs.aliases as { name: string }[])[0].name.endsWith(".elb.amazonaws.com")));
            const gcpOwn = named(failover, T.record, "gcp.shop.example.org");
            assert.strictEqual(gcpOwn.length, 1);
            assert.deepStrictEqual([gcpOwn[0].inputs.type, gcpOwn[0].inputs.records], ["A", [GCP_IP]]);
        });

        it("failover: an HTTPS health check per cloud on its own host and health path, PRIMARY aws and SECONDARY gcp", function () {
            const checks = ofType(failover, T.healthCheck);
            assert.deepStrictEqual(checks.map((c) => c.inputs.fqdn).sort(), ["aws.shop.example.org", "gcp.shop.example.org"]);
            for (const c of checks) {
                assert.deepStrictEqual([c.inputs.type, c.inputs.port, c.inputs.resourcePath, c.inputs.enableSni], ["HTTPS", 443, "/healthz", true]);
            }
            for (const host of ["shop.example.org", "www.shop.example.org"]) {
                const records = named(failover, T.record, host);
                assert.strictEqual(records.length, 2, `${host}: one record per cloud`);
                const aws = records.find((r) => r.inputs.setIdentifier === "aws")!;
                const gcp = records.find((r) => r.inputs.setIdentifier === "gcp")!;
                assert.deepStrictEqual(aws.inputs.failoverRoutingPolicies, [{ type: "PRIMARY" }]);
                assert.deepStrictEqual(gcp.inputs.failoverRoutingPolicies, [{ type: "SECONDARY" }]);
                assert.strictEqual(aws.inputs.healthCheckId, checks.find((c) => c.inputs.fqdn === "aws.shop.example.org")!.name + "-id");
                assert.strictEqual(gcp.inputs.healthCheckId, checks.find((c) => c.inputs.fqdn === "gcp.shop.example.org")!.name + "-id");
                assert.ok((aws.inputs.aliases as { name: string }[])[0].name.endsWith(".elb.amazonaws.com"));
                assert.deepStrictEqual(gcp.inputs.records, [GCP_IP]);
            }
        });

        it("failover passes the policy pack, and the HTTPS-only rules catch each cloud going plain HTTP", function () {
            const rules = RULES;
            assert.ok(HTTPS_PER_CLOUD_RULES.every((r) => RULES.includes(r)), "the HTTPS-per-cloud rules are part of the pack");
            assert.deepStrictEqual(evaluate(failover.resources, { environment: "dev" }, rules).map((v) => v.message), []);
            const broken = failover.resources.map((r) => {
                if (r.type === T.healthCheck) return { ...r, inputs: { ...r.inputs, type: "HTTP", port: 80 } };
                if (r.type === T.httpsProxy) return { ...r, inputs: { ...r.inputs, certificateMap: undefined } };
                if (r.type === "gcp:compute/uRLMap:URLMap" && r.name.endsWith("http-redirect")) return { ...r, inputs: { ...r.inputs, defaultUrlRedirect: undefined } };
                return r;
            });
            const found = evaluate(broken, { environment: "dev" }, rules).map((v) => v.rule).sort();
            assert.deepStrictEqual(found, ["dns-health-check-https", "dns-health-check-https", "gcp-https-proxy-certificate", "gcp-lb-http-redirect"]);
        });

        it("failover prices the health checks: AWS endpoint and non-AWS endpoint, HTTPS as an optional feature", function () {
            const lines = (failover.cost as { lines: { name: string; monthlyUsd: number }[] }).lines.filter((l) => l.name.includes("health"));
            const total = (cloud: string) => lines.filter((l) => l.name.endsWith(`health-${cloud}`)).reduce((a, l) => a + l.monthlyUsd, 0);
            assert.strictEqual(total("aws"), 0.5 + 1);
            assert.strictEqual(total("gcp"), 0.75 + 2);
        });

        it("failover with primary gcp swaps the roles", async function () {
            const p = await plan(both({ routing: "failover", primary: "gcp" }));
            const records = named(p, T.record, "shop.example.org");
            assert.deepStrictEqual(records.find((r) => r.inputs.setIdentifier === "gcp")!.inputs.failoverRoutingPolicies, [{ type: "PRIMARY" }]);
        });

        it("weighted: the given percentages, each cloud health-checked", async function () {
            const p = await plan(both({ routing: "weighted", weights: { aws: 90, gcp: 10 } }));
            const records = named(p, T.record, "shop.example.org");
            assert.deepStrictEqual(records.map((r) => [r.inputs.setIdentifier, r.inputs.weightedRoutingPolicies]).sort(), [["aws", [{ weight: 90 }]], ["gcp", [{ weight: 10 }]]]);
            assert.ok(records.every((r) => typeof r.inputs.healthCheckId === "string"));
            assert.strictEqual(ofType(p, T.healthCheck).length, 2);
            assertGcpCertificate(p, T.record);
        });

        it("aws: the main name aliases the ALB from the AWS stack; GCP still holds a valid certificate for it", async function () {
            const p = await plan(both({ routing: "aws" }));
            const main = named(p, T.record, "shop.example.org");
            assert.deepStrictEqual(main.map((r) => r.inputs.type).sort(), ["A", "AAAA"]);
            assert.ok(main.every((r) => r.inputs.setIdentifier === undefined && (r.inputs.aliases as { name: string }[])[0].name.endsWith(".elb.amazonaws.com")));
            assert.strictEqual(ofType(p, T.healthCheck).length, 0);
            assertGcpCertificate(p, T.record);
            assertPerCloudUrls(p);
        });

        it("gcp: the main name is an A record to the GCP load balancer; AWS keeps only its own host", async function () {
            const p = await plan(both({ routing: "gcp" }));
            const main = named(p, T.record, "shop.example.org");
            assert.strictEqual(main.length, 1);
            assert.deepStrictEqual([main[0].inputs.type, main[0].inputs.records], ["A", [GCP_IP]]);
            assertAwsCertificate(p, T.record);
            assert.strictEqual(named(p, T.record, "aws.shop.example.org").length, 2);
        });

        it("a one-cloud AWS stack keeps the main name on AWS, with no per-cloud host", async function () {
            const p = await plan(config({ "platform:domain": DOMAIN }));
            assert.deepStrictEqual(p.config.domain!.hosts, {});
            assert.strictEqual(one(p, T.acm).inputs.domainName, "shop.example.org");
            assert.deepStrictEqual(one(p, T.acm).inputs.subjectAlternativeNames, ["www.shop.example.org"]);
            assert.strictEqual(named(p, T.record, "shop.example.org").length, 2);
            assert.deepStrictEqual(p.outputs.urls, { aws: "https://shop.example.org" });
        });
    });

    describe("zone in Cloud DNS", function () {
        it("weighted: a WRR CNAME between the ALB and GCP's host; every record, ACM's too, in Cloud DNS", async function () {
            const p = await plan(both({ dns: "clouddns", cloudDnsZone: "example-org", routing: "weighted", weights: { aws: 50, gcp: 50 } }));
            assert.strictEqual(ofType(p, T.record).length, 0, "no Route 53 record when the zone is in Cloud DNS");
            assert.ok(ofType(p, T.recordSet).every((r) => r.inputs.managedZone === "example-org"));
            const main = named(p, T.recordSet, "shop.example.org");
            assert.strictEqual(main.length, 1);
            assert.strictEqual(main[0].inputs.type, "CNAME");
            const wrrs = (main[0].inputs.routingPolicy as { wrrs: { weight: number; rrdatas: string[] }[] }).wrrs;
            assert.deepStrictEqual(wrrs.map((w) => w.weight), [50, 50]);
            assert.match(wrrs[0].rrdatas[0], /\.elb\.amazonaws\.com\.$/);
            assert.deepStrictEqual(wrrs[1].rrdatas, ["gcp.shop.example.org."]);
            assertAwsCertificate(p, T.recordSet);
            assertGcpCertificate(p, T.recordSet);
            const awsOwn = named(p, T.recordSet, "aws.shop.example.org");
            assert.deepStrictEqual(awsOwn.map((r) => r.inputs.type), ["CNAME"]);
            assert.deepStrictEqual(named(p, T.recordSet, "gcp.shop.example.org").map((r) => r.inputs.rrdatas), [[GCP_IP]]);
            assert.ok(ofType(p, T.apis).some((a) => a.inputs.service === "dns.googleapis.com"));
            assertPerCloudUrls(p);
        });

        it("aws: the main name is a CNAME to the ALB (Cloud DNS has no alias records)", async function () {
            const p = await plan(both({ dns: "clouddns", routing: "aws" }));
            const main = named(p, T.recordSet, "shop.example.org");
            assert.deepStrictEqual(main.map((r) => r.inputs.type), ["CNAME"]);
            assert.match((main[0].inputs.rrdatas as string[])[0], /\.elb\.amazonaws\.com\.$/);
            assert.ok(ofType(p, T.recordSet).every((r) => r.inputs.managedZone === "example-org"), "the zone name defaults to zoneName with hyphens");
        });

        it("gcp on a GCP-only stack: A records and a DNS-authorized certificate in Cloud DNS", async function () {
            const p = await plan(config({ ...GCP_ONLY, "platform:domain": { name: "shop.example.org", zoneName: "example.org", dns: "clouddns" } }));
            assert.deepStrictEqual(named(p, T.recordSet, "shop.example.org").map((r) => [r.inputs.type, r.inputs.rrdatas]), [["A", [GCP_IP]]]);
            assert.deepStrictEqual(ofType(p, T.dnsAuth).map((a) => a.inputs.domain), ["shop.example.org"]);
            assert.strictEqual(ofType(p, T.managedSsl).length, 0);
            assert.deepStrictEqual(p.outputs.urls, { gcp: "https://shop.example.org" });
        });

        it("a GCP-only stack without domain.dns keeps today's load-balancer-authorized certificate and writes no record", async function () {
            const p = await plan(config({ ...GCP_ONLY, "platform:domain": { name: "shop.example.org" } }));
            assert.deepStrictEqual((one(p, T.managedSsl).inputs.managed as { domains: string[] }).domains, ["shop.example.org"]);
            assert.strictEqual(ofType(p, T.recordSet).length + ofType(p, T.dnsAuth).length, 0);
            assert.ok(!ofType(p, T.apis).some((a) => a.inputs.service === "certificatemanager.googleapis.com"));
        });
    });

    describe("bad input: exit 2 with the key path", function () {
        const D = "platform:domain";
        it("a routing mode that needs both clouds on a one-cloud stack", function () {
            expectInvalid(config({ [D]: { ...DOMAIN, routing: "failover" } }), `${D}.routing`, "needs both clouds");
            expectInvalid(config({ [D]: { ...DOMAIN, routing: "gcp" } }), `${D}.routing`, "which platform:clouds does not include");
        });
        it("weights that do not add up to 100, or are missing", function () {
            expectInvalid(both({ routing: "weighted", weights: { aws: 90, gcp: 20 } }), `${D}.weights`, "must add up to 100 (they add up to 110)");
            expectInvalid(both({ routing: "weighted" }), `${D}.weights`, "are required with routing: weighted");
            expectInvalid(both({ routing: "failover", weights: { aws: 50, gcp: 50 } }), `${D}.weights`, "only apply with routing: weighted");
        });
        it("a host name outside the zone", function () {
            expectInvalid(both({ aliases: ["www.example.com"] }), `${D}.aliases[0]`, "is not in the zone example.org");
            expectInvalid(both({ gcp: { host: "gcp.other.net" } }), `${D}.gcp.host`, "is outside the zone example.org");
            expectInvalid(both({ aws: { host: "shop.example.org" } }), `${D}.aws.host`, "is the same name as domain.name");
            expectInvalid(config({ [D]: { ...DOMAIN, aws: { host: "aws.shop.example.org" } } }), `${D}.aws.host`, "only applies to a stack on both clouds");
        });
        it("a zone on a provider the stack cannot write to", function () {
            expectInvalid(config({ [D]: { ...DOMAIN, dns: "clouddns" } }), `${D}.dns`, "no GCP provider");
            expectInvalid(config({ ...GCP_ONLY, [D]: { ...DOMAIN, dns: "route53" } }), `${D}.dns`, "no AWS provider");
            expectInvalid(both({ dns: "clouddns", zoneId: "Z0123456789ABCDEFGHIJ" }), `${D}.zoneId`, "is a Route 53 hosted zone id");
        });
        it("what Cloud DNS cannot do: failover to an ALB, a CNAME at the apex", function () {
            expectInvalid(both({ dns: "clouddns", routing: "failover" }), `${D}.routing`, "none that stay fixed");
            expectInvalid(both({ dns: "clouddns", routing: "aws", name: "example.org", aliases: [] }), `${D}.name`, "is the zone apex");
        });
        it("failover without a health path (no public service)", function () {
            expectInvalid(both({ routing: "failover" }, { "platform:services": [{ name: "worker", command: ["run"] }] }), `${D}.routing`, "needs a health path");
        });
        it("failover or weighted over per-cloud data needs domain.dataSharing", function () {
            const withDb = { "platform:database": {}, "platform:services": [{ ...WEB[0], uses: ["database"] }] };
            expectInvalid(both({ routing: "failover" }, withDb), `${D}.dataSharing`, "platform:services[0].uses[0] (web uses the database)");
            let error: unknown;
            try {
                loadConfigMap(both({ routing: "failover", dataSharing: "replicated" }, withDb), "test");
            } catch (e) {
                error = e;
            }
            // The GCP renderer may still refuse the database itself; the data question is answered.
            const rendered = error instanceof ConfigError ? error.issues.map(renderIssue) : [];
            assert.ok(!rendered.some((r) => r.startsWith(`${D}.dataSharing`)), rendered.join("\n"));
        });
        it("the CLI exits 2 with the key path and nothing on stdout", function () {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "domain-"));
            const file = path.join(dir, "bad.yaml");
            fs.writeFileSync(file, stringify({ config: both({ routing: "weighted", weights: { aws: 90, gcp: 20 } }) }));
            const run = planCli(file);
            assert.strictEqual(run.status, 2, run.stderr);
            assert.strictEqual(run.stdout, "");
            assert.match(run.stderr, /platform:domain\.weights: must add up to 100/);
            assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
        });
    });
});
