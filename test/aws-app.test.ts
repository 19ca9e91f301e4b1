import * as assert from "assert";
import type { PlanResult } from "../plan/engine";
import { orderRoutes } from "../aws/routes";
import { config, ofType, one, plan } from "./support/harness";

type Obj = Record<string, any>;
const SEED_003_SERVICES = [
    { name: "frontend", port: 3000, routes: ["/*"], healthCheck: { path: "/" } },
    { name: "backend", port: 8000, routes: ["/api/*"], healthCheck: { path: "/api/v1/health" } },
];
const DOMAIN = { name: "app.example.com", aliases: ["www.app.example.com"] };

const rules = (p: PlanResult) => ofType(p, "aws:lb/listenerRule:ListenerRule")
    .map((r) => ({ priority: r.inputs.priority as number, path: (r.inputs.conditions as Obj[])[0].pathPattern.values[0], tg: (r.inputs.actions as Obj[])[0].targetGroupArn }))
    .sort((a, b) => a.priority - b.priority);
const tgArn = (p: PlanResult, service: string) => {
    const tg = ofType(p, "aws:lb/targetGroup:TargetGroup").find((t) => t.name.endsWith(`-tg-${service}`));
    assert.ok(tg, `no target group for ${service}`);
    return `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${tg.inputs.name}/73e2d6bc24d8a067`;
};
const ingressOn = (p: PlanResult, sgLogicalName: string) =>
    ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === `${sgLogicalName}-id`);

describe("aws app: load balancer listeners and TLS", () => {
    let http: PlanResult;
    let https: PlanResult;
    before(async () => {
        http = await plan(config({ "platform:services": SEED_003_SERVICES }));
        https = await plan(config({ "platform:services": SEED_003_SERVICES, "platform:domain": DOMAIN }));
    });

    it("without a domain serves HTTP only: port 80 forwards to the catch-all service, no certificate, no 443", () => {
        const listeners = ofType(http, "aws:lb/listener:Listener");
        assert.deepStrictEqual(listeners.map((l) => l.inputs.port), [80]);
        assert.deepStrictEqual(listeners[0].inputs.defaultActions, [{ type: "forward", targetGroupArn: tgArn(http, "frontend") }]);
        assert.strictEqual(ofType(http, "aws:acm/certificate:Certificate").length, 0);
        assert.deepStrictEqual(ingressOn(http, "app-dev-lb-sg").map((r) => r.inputs.fromPort), [80, 80]);
        assert.match(String((http.outputs.aws as Obj).url), /^http:\/\/app-dev-alb-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    });

    it("with a domain redirects HTTP to HTTPS and terminates TLS 1.3/1.2 with the validated certificate", () => {
        const httpL = ofType(https, "aws:lb/listener:Listener").find((l) => l.inputs.port === 80)!;
        assert.deepStrictEqual(httpL.inputs.defaultActions, [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]);
        const tls = one(https, "aws:lb/listener:Listener", "-https");
        assert.strictEqual(tls.inputs.port, 443);
        assert.strictEqual(tls.inputs.protocol, "HTTPS");
        assert.strictEqual(tls.inputs.sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
        const cert = one(https, "aws:acm/certificate:Certificate");
        assert.strictEqual(tls.inputs.certificateArn, `arn:aws:acm:us-east-1:123456789012:certificate/${cert.name}`);
        assert.deepStrictEqual(tls.inputs.defaultActions, [{ type: "forward", targetGroupArn: tgArn(https, "frontend") }]);
        // Path rules hang off the HTTPS listener, not the redirecting one.
        const rule = one(https, "aws:lb/listenerRule:ListenerRule");
        assert.match(String(rule.inputs.listenerArn), /listener\/app\/app-dev-lb-https\//);
        assert.deepStrictEqual(ingressOn(https, "app-dev-lb-sg").map((r) => r.inputs.fromPort).sort(), [443, 443, 80, 80]);
        assert.strictEqual((https.outputs.aws as Obj).url, "https://app.example.com");
    });

    it("validates the certificate through DNS in the looked-up zone and aliases A and AAAA to the ALB", () => {
        const cert = one(https, "aws:acm/certificate:Certificate");
        assert.strictEqual(cert.inputs.domainName, "app.example.com");
        assert.deepStrictEqual(cert.inputs.subjectAlternativeNames, ["www.app.example.com"]);
        assert.strictEqual(cert.inputs.validationMethod, "DNS");
        const records = ofType(https, "aws:route53/record:Record");
        const validation = records.filter((r) => r.inputs.type === "CNAME");
        assert.deepStrictEqual(validation.map((r) => r.inputs.name), ["_0123456789abcdef.app.example.com.", "_0123456789abcdef.www.app.example.com."]);
        assert.ok(records.every((r) => r.inputs.zoneId === "Z0LOOKEDUP123456"));
        const v = one(https, "aws:acm/certificateValidation:CertificateValidation");
        assert.deepStrictEqual(v.inputs.validationRecordFqdns, validation.map((r) => String(r.inputs.name).replace(/\.$/, "")));
        const alias = records.filter((r) => r.inputs.aliases);
        assert.deepStrictEqual(alias.map((r) => `${r.inputs.name} ${r.inputs.type}`).sort(),
            ["app.example.com A", "app.example.com AAAA", "www.app.example.com A", "www.app.example.com AAAA"]);
        for (const r of alias) {
            assert.deepStrictEqual(r.inputs.aliases, [{ name: "app-dev-alb-1234567890.us-east-1.elb.amazonaws.com", zoneId: "Z35SXDOTRQ7X7K", evaluateTargetHealth: true }]);
        }
    });

    it("uses a given zone id without a lookup, or creates the zone when asked", async () => {
        const byId = await plan(config({ "platform:domain": { name: "app.example.com", zoneId: "Z0GIVEN12345" } }));
        assert.ok(ofType(byId, "aws:route53/record:Record").every((r) => r.inputs.zoneId === "Z0GIVEN12345"));
        assert.strictEqual(ofType(byId, "aws:route53/zone:Zone").length, 0);
        const created = await plan(config({ "platform:domain": { name: "app.example.com", createZone: true } }));
        const zone = one(created, "aws:route53/zone:Zone");
        assert.strictEqual(zone.inputs.name, "example.com");
        assert.ok(ofType(created, "aws:route53/record:Record").every((r) => r.inputs.zoneId === "Z0MOCK19ZONE"));
    });
});

describe("aws app: listener rule priorities", () => {
    it("orders routes most specific first whatever the config order, and leaves /* to the default action", () => {
        const services = [
            { name: "web", routes: ["/*"] },
            { name: "api", routes: ["/api/*"] },
            { name: "v2", routes: ["/api/v2/*"] },
            { name: "admin", routes: ["/admin", "/admin/*"] },
            { name: "docs", routes: ["/docs/*"] },
        ];
        const expected = ["/api/v2/* v2", "/admin/* admin", "/admin admin", "/docs/* docs", "/api/* api"];
        // "/admin/*" has the longer literal prefix ("/admin/"); "/admin" beats "/docs/*" (same length, exact).
        assert.deepStrictEqual(orderRoutes(services).map((r) => `${r.path} ${r.service}`), expected);
        assert.deepStrictEqual(orderRoutes([...services].reverse()).map((r) => `${r.path} ${r.service}`), expected);
    });

    it("1 service at /*: no rules, everything forwards to it", async () => {
        const p = await plan(config());
        assert.deepStrictEqual(rules(p), []);
        assert.deepStrictEqual(one(p, "aws:lb/listener:Listener").inputs.defaultActions, [{ type: "forward", targetGroupArn: tgArn(p, "web") }]);
    });

    it("1 service at /api/*: one rule at priority 10 and a 404 for everything else", async () => {
        const p = await plan(config({ "platform:services": [{ name: "api", port: 8000, routes: ["/api/*"] }] }));
        assert.deepStrictEqual(rules(p), [{ priority: 10, path: "/api/*", tg: tgArn(p, "api") }]);
        const action = (one(p, "aws:lb/listener:Listener").inputs.defaultActions as Obj[])[0];
        assert.strictEqual(action.type, "fixed-response");
        assert.strictEqual(action.fixedResponse.statusCode, "404");
    });

    it("2 services (seed 003): /api/* → backend at 10, /* → frontend as the default", async () => {
        const p = await plan(config({ "platform:services": SEED_003_SERVICES }));
        assert.deepStrictEqual(rules(p), [{ priority: 10, path: "/api/*", tg: tgArn(p, "backend") }]);
    });

    it("5 services: priorities 10..40 most specific first, stable when the services are listed in another order", async () => {
        const services = [
            { name: "web", port: 3000, routes: ["/*"] },
            { name: "api", port: 8000, routes: ["/api/*"] },
            { name: "v2", port: 8001, routes: ["/api/v2/*"] },
            { name: "admin", port: 8002, routes: ["/admin"] },
            { name: "docs", port: 8003, routes: ["/docs/*"] },
        ];
        const a = await plan(config({ "platform:services": services }));
        const b = await plan(config({ "platform:services": [...services].reverse() }));
        const expected = (p: PlanResult) => [
            { priority: 10, path: "/api/v2/*", tg: tgArn(p, "v2") },
            { priority: 20, path: "/admin", tg: tgArn(p, "admin") },
            { priority: 30, path: "/docs/*", tg: tgArn(p, "docs") },
            { priority: 40, path: "/api/*", tg: tgArn(p, "api") },
        ];
        assert.deepStrictEqual(rules(a), expected(a));
        assert.deepStrictEqual(rules(b), expected(b));
        const names = (p: PlanResult) => ofType(p, "aws:lb/listenerRule:ListenerRule").map((r) => r.name).sort();
        assert.deepStrictEqual(names(a), names(b));
    });
});

describe("aws app: ALB, target groups and the security group chain", () => {
    let p: PlanResult;
    let prod: PlanResult;
    before(async () => {
        p = await plan(config({
            "platform:services": [
                { name: "web", port: 3000, routes: ["/*"], healthCheck: { path: "/healthz", interval: 15, timeout: 4, healthyThreshold: 3, unhealthyThreshold: 4, matcher: "200" } },
                { name: "api", port: 8000, routes: ["/api/*"] },
                { name: "auth", port: 9000, expose: "internal" },
                { name: "search", port: 9200, expose: "internal" },
                { name: "worker", uses: ["auth"] },
            ],
        }));
        prod = await plan(config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1" }));
    });

    it("is internet-facing in the public subnets, drops invalid headers, logs to S3 only when enabled", () => {
        const alb = one(p, "aws:lb/loadBalancer:LoadBalancer");
        assert.strictEqual(alb.inputs.name, "app-dev-alb");
        assert.strictEqual(alb.inputs.internal, false);
        assert.strictEqual(alb.inputs.loadBalancerType, "application");
        assert.strictEqual(alb.inputs.dropInvalidHeaderFields, true);
        assert.deepStrictEqual(alb.inputs.subnets, ["app-dev-network-public-1-id", "app-dev-network-public-2-id"]);
        assert.deepStrictEqual(alb.inputs.securityGroups, ["app-dev-lb-sg-id"]);
        assert.strictEqual(alb.inputs.accessLogs, undefined);
        const prodAlb = one(prod, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepStrictEqual(prodAlb.inputs.accessLogs, { bucket: "app-prod-alb-logs-123456789012", prefix: "alb", enabled: true });
        const policy = JSON.parse(String(one(prod, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy));
        assert.deepStrictEqual(policy.Statement[0].Principal, { AWS: "arn:aws:iam::127311923021:root" });
        assert.strictEqual(policy.Statement[0].Resource, "arn:aws:s3:::app-prod-alb-logs-123456789012/*/AWSLogs/123456789012/*");
        assert.strictEqual(one(prod, "aws:s3/bucket:Bucket").protect, true);
    });

    it("gives each routed service an ip target group with the configured health check and deregistration delay", () => {
        const tgs = ofType(p, "aws:lb/targetGroup:TargetGroup");
        assert.deepStrictEqual(tgs.map((t) => [t.inputs.name, t.inputs.port]), [["app-dev-web", 3000], ["app-dev-api", 8000]]);
        assert.ok(tgs.every((t) => t.inputs.targetType === "ip" && t.inputs.protocol === "HTTP" && t.inputs.deregistrationDelay === 30));
        assert.deepStrictEqual(tgs[0].inputs.healthCheck, {
            enabled: true, path: "/healthz", protocol: "HTTP", port: "traffic-port", interval: 15, timeout: 4, healthyThreshold: 3, unhealthyThreshold: 4, matcher: "200",
        });
        assert.deepStrictEqual(tgs[1].inputs.healthCheck, {
            enabled: true, path: "/", protocol: "HTTP", port: "traffic-port", interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200-399",
        });
    });

    it("admits the internet on 80 (v4 and v6) only to the ALB", () => {
        const rulesOnAlb = ingressOn(p, "app-dev-lb-sg");
        assert.deepStrictEqual(rulesOnAlb.map((r) => [r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6]), [[80, 80, "0.0.0.0/0"], [80, 80, "::/0"]]);
        const egress = ofType(p, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        // One egress rule however many services: the VPC over the targets' port range (quota: 60 rules per group).
        assert.deepStrictEqual(egress.map((r) => [r.inputs.securityGroupId, r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]), [["app-dev-lb-sg-id", "10.0.0.0/16", 3000, 8000]]);
    });

    it("lets only the ALB reach a routed service's port, and nothing from the internet reaches any service", () => {
        for (const [svc, port] of [["web", 3000], ["api", 8000]] as const) {
            const r = ingressOn(p, `app-dev-services-${svc}`);
            assert.deepStrictEqual(r.map((x) => [x.inputs.referencedSecurityGroupId, x.inputs.fromPort, x.inputs.toPort, x.inputs.ipProtocol]), [["app-dev-lb-sg-id", port, port, "tcp"]]);
        }
        const serviceSgs = ofType(p, "aws:ec2/securityGroup:SecurityGroup").filter((s) => s.name.startsWith("app-dev-services-"));
        const onServices = ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
            .filter((r) => serviceSgs.some((s) => r.inputs.securityGroupId === `${s.name}-id`));
        assert.ok(onServices.length >= 3);
        assert.ok(onServices.every((r) => r.inputs.cidrIpv4 === undefined && r.inputs.cidrIpv6 === undefined && typeof r.inputs.referencedSecurityGroupId === "string"));
        assert.ok(serviceSgs.every((s) => !(s.inputs.ingress as Obj[] | undefined)?.length));
        assert.deepStrictEqual(ingressOn(p, "app-dev-services-worker"), []);
    });

    it("admits exactly an internal service's declared callers, and nobody when none declares it (fail closed)", () => {
        const from = (svc: string) => ingressOn(p, `app-dev-services-${svc}`).map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]);
        assert.deepStrictEqual(from("auth"), [["app-dev-services-worker-id", 9000]]);
        assert.deepStrictEqual(from("search"), []);
        // Internal services get no target group.
        assert.strictEqual(ofType(p, "aws:lb/targetGroup:TargetGroup").filter((t) => /auth|search/.test(String(t.inputs.name))).length, 0);
    });
});

describe("aws app: one ALB per service (seed 000) and WAF", () => {
    let p: PlanResult;
    let withDomain: PlanResult;
    const SEED_000 = [
        { name: "frontend", port: 3000, routes: ["/*"] },
        { name: "backend", port: 8000, routes: ["/api/*"], healthCheck: { path: "/health" } },
    ];
    before(async () => {
        p = await plan(config({ "platform:services": SEED_000, "platform:aws": { loadBalancers: "perService", waf: true } }));
        withDomain = await plan(config({ "platform:services": SEED_000, "platform:aws": { loadBalancers: "perService" }, "platform:domain": { name: "example.com" } }));
    });

    it("builds a frontend and a backend ALB, each sending everything to its own service", () => {
        const albs = ofType(p, "aws:lb/loadBalancer:LoadBalancer");
        assert.deepStrictEqual(albs.map((a) => a.inputs.name), ["app-dev-frontend-alb", "app-dev-backend-alb"]);
        for (const svc of ["frontend", "backend"]) {
            const listener = one(p, "aws:lb/listener:Listener", `lb-${svc}-http`);
            assert.strictEqual(listener.inputs.port, 80);
            assert.deepStrictEqual(listener.inputs.defaultActions, [{ type: "forward", targetGroupArn: tgArn(p, svc) }]);
            const tg = ofType(p, "aws:lb/targetGroup:TargetGroup").find((t) => t.name.endsWith(`-tg-${svc}`))!;
            assert.ok(tg.parent!.endsWith(`::app-dev-lb-${svc}`));
            assert.deepStrictEqual(ingressOn(p, `app-dev-services-${svc}`).map((r) => r.inputs.referencedSecurityGroupId), [`app-dev-lb-${svc}-sg-id`]);
        }
        const url = (p.outputs.aws as Obj).url;
        assert.deepStrictEqual(Object.keys(url), ["frontend", "backend"]);
        assert.strictEqual(url.backend, "http://app-dev-backend-alb-1234567890.us-east-1.elb.amazonaws.com");
    });

    it("with a domain gives the catch-all service the domain and the other <service>.<domain>, on one certificate", () => {
        const cert = one(withDomain, "aws:acm/certificate:Certificate");
        assert.strictEqual(cert.inputs.domainName, "example.com");
        assert.deepStrictEqual(cert.inputs.subjectAlternativeNames, ["backend.example.com"]);
        const aliases = ofType(withDomain, "aws:route53/record:Record").filter((r) => r.inputs.type === "A");
        assert.deepStrictEqual(aliases.map((r) => [r.inputs.name, (r.inputs.aliases as Obj[])[0].name]), [
            ["example.com", "app-dev-frontend-alb-1234567890.us-east-1.elb.amazonaws.com"],
            ["backend.example.com", "app-dev-backend-alb-1234567890.us-east-1.elb.amazonaws.com"],
        ]);
        assert.deepStrictEqual((withDomain.outputs.aws as Obj).url, { frontend: "https://example.com", backend: "https://backend.example.com" });
    });

    it("attaches one WAF web ACL with the managed rule groups and a rate limit to each ALB", () => {
        const acl = one(p, "aws:wafv2/webAcl:WebAcl");
        assert.strictEqual(acl.inputs.scope, "REGIONAL");
        assert.deepStrictEqual(acl.inputs.defaultAction, { allow: {} });
        const r = acl.inputs.rules as Obj[];
        assert.deepStrictEqual(r.map((x) => x.statement.managedRuleGroupStatement?.name ?? "rate"), [
            "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "rate",
        ]);
        assert.deepStrictEqual(r.map((x) => x.priority), [1, 2, 3, 4]);
        assert.deepStrictEqual(r[3].statement.rateBasedStatement, { limit: 2000, aggregateKeyType: "IP" });
        assert.deepStrictEqual(r[3].action, { block: {} });
        const assoc = ofType(p, "aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.deepStrictEqual(assoc.map((a) => String(a.inputs.resourceArn).split("/")[2]), ["app-dev-frontend-alb", "app-dev-backend-alb"]);
        assert.strictEqual(ofType(withDomain, "aws:wafv2/webAcl:WebAcl").length, 0);
    });
});
