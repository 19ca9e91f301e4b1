import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationArgs } from "@pulumi/policy";
import { isWorld, json, list, looksSecret, num, obj, str } from "../policy/helpers";
import { evaluate, levelOf, RULES, T, type RuleContext, type RuleResource } from "../policy/rules";
import { resourcePolicy } from "../policy/wrappers";
import { awsProvider, CASES, lbWithGroup, res, run } from "./support/policy-cases";

/**
 * One test per branch of the rules that the issue found failing open, and per branch of the
 * hardening rules; `npm run mutation` (StrykerJS) proves each of them can fail.
 */

const check = (id: string, r: RuleResource, env = "prod", others: RuleResource[] = [], extra: Partial<RuleContext> = {}) =>
    RULES.find((x) => x.id === id)!.check(r, { environment: env, resources: [r, ...others], ...extra });

const sgIngress = (cidr: string, from = 22, to = from, protocol = "tcp") =>
    res(T.sgIngress, "in", { ipProtocol: protocol, fromPort: from, toPort: to, ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }), securityGroupId: "svc-sg-id" });

describe("policy helpers", () => {
    it("counts any block shorter than /8 (IPv4) or /7 (IPv6), and anything unreadable, as the internet", () => {
        for (const c of ["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "64.0.0.0/7", "::/0", "::0/0", "0::/0", "8000::/1", "fe00::/6", "not-a-cidr", "10.0.0.0"]) assert.ok(isWorld(c), c);
        for (const c of ["10.0.0.0/8", "10.0.0.0/16", "192.168.1.0/24", " 172.16.0.0/12 ", "fc00::/7", "2001:db8::/32", "1.2.3.4/32"]) assert.ok(!isWorld(c), c);
    });

    it("reads lists from arrays, JSON text and single values, never dropping a plain string", () => {
        assert.deepStrictEqual(list(["a"]), ["a"]);
        assert.deepStrictEqual(list('["a","b"]'), ["a", "b"]);
        assert.deepStrictEqual(list("*"), ["*"]);
        assert.deepStrictEqual(list("arn:aws:s3:::b"), ["arn:aws:s3:::b"]);
        assert.deepStrictEqual(list({ a: 1 }), [{ a: 1 }]);
        for (const empty of [undefined, null, "", "null", '""']) assert.deepStrictEqual(list(empty), [], String(empty));
        assert.deepStrictEqual(list(5), [5]);
    });

    it("reads numbers, strings, objects and JSON defensively", () => {
        assert.strictEqual(num("443"), 443);
        assert.strictEqual(num(443), 443);
        assert.strictEqual(num(" "), undefined);
        assert.strictEqual(num("x"), undefined);
        assert.strictEqual(num(undefined), undefined);
        assert.strictEqual(str(""), undefined);
        assert.strictEqual(str(5), undefined);
        assert.strictEqual(str("a"), "a");
        assert.deepStrictEqual(obj('{"a":1}'), { a: 1 });
        assert.deepStrictEqual(obj("[1]"), {});
        assert.deepStrictEqual(obj(null), {});
        assert.strictEqual(json("{bad"), undefined);
        assert.deepStrictEqual(json({ a: 1 }), { a: 1 });
    });

    it("tells secrets from settings by value and by name", () => {
        assert.ok(looksSecret("DB_PASSWORD", "hunter2"));
        assert.ok(looksSecret("ANY", "postgres://u:p@h/db"));
        assert.ok(looksSecret("ANY", "password=abc"));
        assert.ok(looksSecret("ANY", "-----BEGIN RSA PRIVATE KEY-----"));
        assert.ok(!looksSecret("DB_PASSWORD", ""));
        assert.ok(!looksSecret("API_TOKEN", "true"));
        assert.ok(!looksSecret("API_TOKEN", "false"));
        assert.ok(!looksSecret("DB_PASSWORD_FILE", "/run/secrets/db"));
        assert.ok(!looksSecret("LOG_LEVEL", "info"));
    });
});

describe("policy rules: branches that used to fail open", () => {
    it("flags world ingress written as halves or other spellings of the internet", () => {
        for (const c of ["0.0.0.0/1", "128.0.0.0/1", "::0/0", "::/0"]) assert.strictEqual(check("aws-sg-no-world-ingress", sgIngress(c)).length, 1, c);
        assert.deepStrictEqual(check("aws-sg-no-world-ingress", sgIngress("10.0.0.0/16")), []);
        assert.deepStrictEqual(check("aws-sg-no-world-ingress", res(T.sgIngress, "ref", { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "x" })), []);
    });

    it("flags 0.0.0.0/0 on 443 when nothing shows the group belongs to a load balancer", () => {
        const sg = res(T.sg, "svc-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
        const v = check("aws-sg-no-world-ingress", sg, "dev", []);
        assert.strictEqual(v.length, 1);
        assert.match(v[0], /not shown to be a load balancer's group/);
        const lbSg = res(T.sg, "alb-sg", { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.deepStrictEqual(check("aws-sg-no-world-ingress", lbSg, "dev", [lbWithGroup]), []);
        const rangeOnLb = res(T.sg, "alb-sg", { ingress: [{ protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.strictEqual(check("aws-sg-no-world-ingress", rangeOnLb, "dev", [lbWithGroup]).length, 1);
        const udpOnLb = res(T.sg, "alb-sg", { ingress: [{ protocol: "udp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
        assert.strictEqual(check("aws-sg-no-world-ingress", udpOnLb, "dev", [lbWithGroup]).length, 1);
        const ruleOnLb = res(T.sgIngress, "https", { ipProtocol: "6", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", securityGroupId: "alb-sg-id" });
        assert.deepStrictEqual(check("aws-sg-no-world-ingress", ruleOnLb, "dev", [lbWithGroup, res(T.sg, "alb-sg")]), []);
        const sgRule = res(T.sgRule, "r", { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "svc-sg-id" });
        assert.strictEqual(check("aws-sg-no-world-ingress", sgRule, "dev", [lbWithGroup, res(T.sg, "svc-sg")]).length, 1);
        const egressRule = res(T.sgRule, "e", { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] });
        assert.deepStrictEqual(check("aws-sg-no-world-ingress", egressRule, "dev"), []);
    });

    it("flags port ranges wide enough to be all ports, and a missing protocol", () => {
        const wide = (from: number | undefined, to: number | undefined, protocol?: string) =>
            check("aws-sg-no-all-ports", res(T.sg, "sg", { ingress: [{ protocol, fromPort: from, toPort: to, securityGroups: ["x"] }] }), "dev");
        assert.strictEqual(wide(0, 65534, "tcp").length, 1);
        assert.strictEqual(wide(1, 65535, "udp").length, 1);
        assert.strictEqual(wide(1024, 2048, "6").length, 1);
        assert.strictEqual(wide(undefined, undefined, "tcp").length, 1);
        assert.strictEqual(wide(443, 443, undefined).length, 1);
        assert.strictEqual(wide(0, 0, "ALL").length, 1);
        assert.deepStrictEqual(wide(8000, 8080, "tcp"), []);
        assert.deepStrictEqual(wide(1024, 2047, "tcp"), []);
        assert.deepStrictEqual(wide(-1, -1, "icmp"), []);
        const egress = res(T.sgRule, "e", { type: "egress", protocol: "-1" });
        assert.deepStrictEqual(check("aws-sg-no-all-ports", egress, "dev"), []);
    });

    it("fires the read-only-root rule under CrossGuard from the task definition's tag", () => {
        const td = (tags: Record<string, string> | undefined, ro?: boolean) => ({
            ...resourceArgs(T.taskDef, { tags, containerDefinitions: JSON.stringify([{ name: "web", image: "i", logConfiguration: { logDriver: "awslogs" }, readonlyRootFilesystem: ro }]) }),
        });
        const validate = resourcePolicy(RULES.find((r) => r.id === "aws-ecs-readonly-root")!).validateResource as (a: ResourceValidationArgs, report: (m: string) => void) => void;
        const out: string[] = [];
        validate(td({ "readonly-root": "true" }), (m) => out.push(m));
        assert.strictEqual(out.length, 1);
        out.length = 0;
        validate(td({ "readonly-root": "true" }, true), (m) => out.push(m));
        validate(td(undefined), (m) => out.push(m));
        assert.deepStrictEqual(out, []);
    });
});

function resourceArgs(type: string, props: Record<string, unknown>): ResourceValidationArgs {
    return {
        type, props, urn: `urn:${type}::r`, name: "r", opts: { protect: false } as ResourceValidationArgs["opts"],
        stackTags: new Map(), getConfig: <C extends object>() => ({}) as C,
        isType: () => false, asType: () => undefined, notApplicable: () => { throw new Error("n/a"); },
    };
}

const policy = (statements: unknown[]) => res(T.rolePolicy, "p", { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

describe("policy rules: IAM", () => {
    it("flags wildcard actions, NotAction, NotResource and unconditioned '*' resources", () => {
        const count = (s: unknown) => check("aws-iam-no-wildcards", policy([s]), "dev").length;
        assert.strictEqual(count({ Effect: "Allow", Action: "*", Resource: "arn:x" }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: ["s3:*"], Resource: "arn:x" }), 1);
        assert.strictEqual(count({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:x" }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:x" }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: "sns:Publish", Resource: "*" }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage"], Resource: "*" }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: "sns:*", Resource: "*" }), 2);
        assert.strictEqual(count({ Effect: "Allow", Action: "sns:Publish", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }), 0);
        assert.strictEqual(count({ Effect: "Allow", Action: "sns:Publish", Resource: "*", Condition: {} }), 1);
        assert.strictEqual(count({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/*" }), 0);
        assert.strictEqual(count({ Effect: "Allow", Action: "ssmmessages:OpenDataChannel", Resource: "*" }), 0);
        assert.strictEqual(count({ Effect: "Deny", Action: "*", Resource: "*" }), 0);
        const inline = res(T.role, "r", { inlinePolicies: [{ name: "x", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }] });
        assert.strictEqual(check("aws-iam-no-wildcards", inline, "dev").length, 2);
        const msg = check("aws-iam-no-wildcards", policy([{ Effect: "Allow", NotAction: "x", Resource: "*" }]), "dev");
        assert.ok(msg.some((m) => m.includes("allows NotAction on every resource")), msg.join("\n"));
    });

    it("flags admin managed policies on attachments and roles", () => {
        const attach = (arn: string, type: string = T.roleAttachment) => check("aws-iam-no-admin-policies", res(type, "a", { policyArn: arn }), "dev").length;
        assert.strictEqual(attach("arn:aws:iam::aws:policy/PowerUserAccess"), 1);
        assert.strictEqual(attach("arn:aws:iam::aws:policy/IAMFullAccess", T.userAttachment), 1);
        assert.strictEqual(attach("arn:aws:iam::aws:policy/AmazonS3FullAccess", T.groupAttachment), 1);
        assert.strictEqual(attach("arn:aws:iam::aws:policy/AdministratorAccess", T.policyAttachment), 1);
        assert.strictEqual(attach("arn:aws:iam::aws:policy/AdministratorAccess-Amplify"), 0);
        assert.strictEqual(attach("arn:aws:iam::aws:policy/ReadOnlyAccess"), 0);
        assert.strictEqual(check("aws-iam-no-admin-policies", res(T.role, "r", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }), "dev").length, 1);
        assert.deepStrictEqual(check("aws-iam-no-admin-policies", res(T.role, "r", {}), "dev"), []);
    });

    it("asks trust policies of source-passing services for aws:SourceAccount or aws:SourceArn", () => {
        const trust = (principal: unknown, condition?: unknown, effect = "Allow") =>
            check("aws-iam-trust-scoped", res(T.role, "r", { assumeRolePolicy: { Statement: [{ Effect: effect, Principal: principal, Action: "sts:AssumeRole", Condition: condition }] } }), "dev").length;
        for (const svc of ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "monitoring.rds.amazonaws.com", "scheduler.amazonaws.com"]) assert.strictEqual(trust({ Service: svc }), 1, svc);
        assert.strictEqual(trust({ Service: ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"] }), 1);
        assert.strictEqual(trust({ Service: "ec2.amazonaws.com" }), 0);
        assert.strictEqual(trust({ Service: "ecs-tasks.amazonaws.com" }, { ArnLike: { "aws:SourceArn": "arn:aws:ecs:us-east-1:1:*" } }), 0);
        assert.strictEqual(trust({ Service: "ecs-tasks.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": "1" } }), 0);
        assert.strictEqual(trust({ Service: "ecs-tasks.amazonaws.com" }, { StringEquals: { "aws:PrincipalTag/x": "1" } }), 1);
        assert.strictEqual(trust({ Service: "ecs-tasks.amazonaws.com" }, undefined, "Deny"), 0);
        assert.strictEqual(trust({ AWS: "arn:aws:iam::1:root" }), 0);
    });
});

describe("policy rules: prod egress, HTTPS, WAF/Armor, Exec, logs", () => {
    it("limits world egress to TCP 443 in prod only, on every egress shape", () => {
        const egress = (e: Record<string, unknown>, env = "prod") => check("aws-sg-egress-restricted", res(T.sg, "sg", { egress: [e] }), env).length;
        assert.strictEqual(egress({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), 1);
        assert.strictEqual(egress({ protocol: "-1", ipv6CidrBlocks: ["::/0"] }), 1);
        assert.strictEqual(egress({ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }), 1);
        assert.strictEqual(egress({ protocol: "tcp", fromPort: 443, toPort: 444, cidrBlocks: ["0.0.0.0/0"] }), 1);
        assert.strictEqual(egress({ protocol: "udp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }), 1);
        assert.strictEqual(egress({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }), 0);
        assert.strictEqual(egress({ protocol: "6", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }), 0);
        assert.strictEqual(egress({ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }), 0);
        assert.strictEqual(egress({ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }, "dev"), 0);
        const rule = res(T.sgEgress, "e", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", securityGroupId: "x" });
        assert.match(check("aws-sg-egress-restricted", rule)[0], /rule lets every port out/);
        const tcpRule = res(T.sgRule, "e", { type: "egress", protocol: "tcp", fromPort: 25, toPort: 25, cidrBlocks: ["0.0.0.0/0"] });
        assert.match(check("aws-sg-egress-restricted", tcpRule)[0], /lets tcp 25-25 out/);
        const ingressOnly = res(T.sgRule, "i", { type: "ingress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] });
        assert.deepStrictEqual(check("aws-sg-egress-restricted", ingressOnly), []);
    });

    const lb = (name: string, extra: Record<string, unknown> = {}) => res(T.lb, name, { name, loadBalancerType: "application", ...extra });
    const listener = (protocol: string, lbName: string | undefined, actions: unknown[] = [{ type: "forward" }]) =>
        res(T.listener, `${protocol}-${lbName ?? "x"}`, { protocol, ...(lbName ? { loadBalancerArn: `arn:aws:elasticloadbalancing:r:1:loadbalancer/app/${lbName}/abc` } : {}), defaultActions: actions });

    it("requires an HTTPS listener on each internet-facing ALB in prod", () => {
        const web = lb("web");
        assert.strictEqual(check("https-required-prod", web, "prod", [listener("HTTP", "web")]).length, 1);
        assert.deepStrictEqual(check("https-required-prod", web, "prod", [listener("HTTPS", "web")]), []);
        assert.deepStrictEqual(check("https-required-prod", web, "prod", [listener("HTTPS", undefined)]), [], "unknown ARN (preview) counts");
        assert.strictEqual(check("https-required-prod", web, "prod", [listener("HTTPS", "other")]).length, 1);
        assert.deepStrictEqual(check("https-required-prod", web, "dev", []), []);
        assert.deepStrictEqual(check("https-required-prod", lb("in", { internal: true }), "prod", []), []);
        assert.deepStrictEqual(check("https-required-prod", lb("nlb", { loadBalancerType: "network" }), "prod", []), []);
        assert.strictEqual(check("https-required-prod", res(T.lb, "noname", {}), "prod", []).length, 1);
    });

    it("requires HTTP listeners to redirect, except on internal load balancers", () => {
        const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS" } }];
        assert.strictEqual(check("https-required-prod", listener("HTTP", "web"), "prod", [lb("web")]).length, 1);
        assert.strictEqual(check("https-required-prod", listener("HTTP", undefined), "prod", []).length, 1);
        assert.deepStrictEqual(check("https-required-prod", listener("HTTP", "in"), "prod", [lb("in", { internal: true })]), []);
        assert.deepStrictEqual(check("https-required-prod", listener("HTTP", "web", redirect), "prod", [lb("web")]), []);
        assert.strictEqual(check("https-required-prod", listener("HTTP", "web", [...redirect, { type: "forward" }]), "prod", [lb("web")]).length, 1);
        assert.strictEqual(check("https-required-prod", listener("HTTP", "web", [{ type: "redirect", redirect: { protocol: "HTTP" } }]), "prod", [lb("web")]).length, 1);
        assert.strictEqual(check("https-required-prod", listener("HTTP", "web", []), "prod", [lb("web")]).length, 1);
        assert.deepStrictEqual(check("https-required-prod", listener("HTTPS", "web"), "prod", [lb("web")]), []);
        assert.strictEqual(check("https-required-prod", res(T.listener, "noproto", { loadBalancerArn: "arn/app/web/1" }), "prod", [lb("web")]).length, 1);
    });

    it("requires GCP port-80 forwarding rules to serve only the HTTPS redirect", () => {
        const map = (redirect: boolean) => res(T.urlMap, "map", { defaultUrlRedirect: redirect ? { httpsRedirect: true } : undefined });
        const proxy = res(T.httpProxy, "proxy", { urlMap: "map-id" });
        const fr = (extra: Record<string, unknown> = {}) => res(T.globalForwardingRule, "http", { portRange: "80", target: "proxy-id", loadBalancingScheme: "EXTERNAL_MANAGED", ...extra });
        assert.strictEqual(check("https-required-prod", fr(), "prod", [proxy, map(false)]).length, 1);
        assert.deepStrictEqual(check("https-required-prod", fr(), "prod", [proxy, map(true)]), []);
        assert.strictEqual(check("https-required-prod", fr(), "prod", [map(true)]).length, 1, "proxy not shown");
        assert.strictEqual(check("https-required-prod", fr({ target: undefined }), "prod", [proxy, map(true)]).length, 1);
        assert.strictEqual(check("https-required-prod", res(T.globalForwardingRule, "x", {}), "prod", []).length, 1);
        assert.strictEqual(check("https-required-prod", fr(), "prod", [res(T.httpProxy, "proxy", {}), map(true)]).length, 1);
        assert.deepStrictEqual(check("https-required-prod", fr({ portRange: "443" }), "prod", []), []);
        assert.deepStrictEqual(check("https-required-prod", fr({ loadBalancingScheme: "INTERNAL_MANAGED" }), "prod", []), []);
        assert.strictEqual(check("https-required-prod", fr({ loadBalancingScheme: "EXTERNAL" }), "prod", []).length, 1);
        assert.deepStrictEqual(check("https-required-prod", fr(), "dev", []), []);
    });

    it("requires a web ACL per internet-facing ALB and Armor per external backend in prod", () => {
        const web = lb("web");
        const assoc = (arn?: string) => res(T.wafAssociation, "waf", arn ? { resourceArn: arn } : {});
        assert.strictEqual(check("waf-required-prod", web, "prod", []).length, 1);
        assert.deepStrictEqual(check("waf-required-prod", web, "prod", [assoc("arn:aws:elasticloadbalancing:r:1:loadbalancer/app/web/abc")]), []);
        assert.deepStrictEqual(check("waf-required-prod", web, "prod", [assoc("web-id")]), []);
        assert.deepStrictEqual(check("waf-required-prod", web, "prod", [assoc()]), []);
        assert.strictEqual(check("waf-required-prod", web, "prod", [assoc("arn:aws:elasticloadbalancing:r:1:loadbalancer/app/webby/abc")]).length, 1);
        assert.deepStrictEqual(check("waf-required-prod", web, "staging", []), []);
        assert.deepStrictEqual(check("waf-required-prod", lb("in", { internal: "true" }), "prod", []), []);
        assert.strictEqual(check("waf-required-prod", res(T.backendService, "be", {}), "prod").length, 1);
        assert.deepStrictEqual(check("waf-required-prod", res(T.backendService, "be", { loadBalancingScheme: "INTERNAL_MANAGED" }), "prod"), []);
        assert.deepStrictEqual(check("waf-required-prod", res(T.backendService, "be", {}), "dev"), []);
    });

    it("refuses ECS Exec, SSM host sessions and ssmmessages grants in prod", () => {
        assert.strictEqual(check("exec-disabled-prod", res(T.roleAttachment, "ssm", { policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" })).length, 1);
        assert.deepStrictEqual(check("exec-disabled-prod", res(T.roleAttachment, "ecs", { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role" })), []);
        assert.strictEqual(check("exec-disabled-prod", policy([{ Effect: "Allow", Action: ["ssmmessages:CreateControlChannel"], Resource: "*" }])).length, 1);
        assert.strictEqual(check("exec-disabled-prod", policy([{ Effect: "Allow", Action: "ssm:StartSession", Resource: "*" }])).length, 1);
        assert.deepStrictEqual(check("exec-disabled-prod", policy([{ Effect: "Deny", Action: "ssmmessages:*", Resource: "*" }])), []);
        assert.deepStrictEqual(check("exec-disabled-prod", policy([{ Effect: "Allow", Action: "ssm:GetParameter", Resource: "arn" }])), []);
        assert.deepStrictEqual(check("exec-disabled-prod", res(T.ecsService, "svc", { enableExecuteCommand: true }), "dev"), []);
        assert.deepStrictEqual(check("exec-disabled-prod", res(T.roleAttachment, "ssm", { policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }), "dev"), []);
    });

    it("requires flow logs per VPC and access logs per ALB in prod", () => {
        const vpc = res(T.vpc, "vpc");
        assert.deepStrictEqual(check("aws-flow-logs-prod", vpc, "prod", [res(T.flowLog, "fl", {})]), [], "unknown vpcId (preview) counts");
        assert.strictEqual(check("aws-flow-logs-prod", vpc, "prod", []).length, 1);
        assert.deepStrictEqual(check("aws-flow-logs-prod", vpc, "dev", []), []);
        assert.strictEqual(check("aws-alb-access-logs-prod", res(T.lb, "alb", { accessLogs: { enabled: true } })).length, 1);
        assert.strictEqual(check("aws-alb-access-logs-prod", res(T.lb, "alb", {})).length, 1);
        assert.deepStrictEqual(check("aws-alb-access-logs-prod", res(T.lb, "alb", {}), "dev"), []);
    });
});

describe("policy rules: secrets, buckets, TLS", () => {
    it("finds secrets in Cloud Run env by name or value", () => {
        const run = (envs: unknown[]) => check("gcp-run-no-plaintext-secrets", res(T.runService, "run", { template: { containers: [{ name: "c", envs }] } }), "dev");
        assert.strictEqual(run([{ name: "DATABASE_URL", value: "postgres://u:pw@db/x" }]).length, 1);
        assert.strictEqual(run([{ name: "STRIPE_API_KEY", value: "sk" }, { name: "TOKEN", value: "t" }]).length, 2);
        assert.deepStrictEqual(run([{ name: "DB_PASSWORD", value: null }, { name: "X" }]), []);
        assert.deepStrictEqual(check("gcp-run-no-plaintext-secrets", res(T.runService, "run", {}), "dev"), []);
    });

    it("refuses public bucket policies and ACLs", () => {
        const bp = (s: unknown) => check("aws-s3-no-public", res(T.bucketPolicy, "p", { policy: { Statement: [s] } }), "dev").length;
        assert.strictEqual(bp({ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject" }), 1);
        assert.strictEqual(bp({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root", "*"] }, Action: "s3:GetObject" }), 1);
        assert.strictEqual(bp({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject" }), 0);
        assert.strictEqual(bp({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), 0);
        assert.strictEqual(bp({ Effect: "Deny", Principal: "*", Action: "s3:*" }), 0);
        for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
            assert.strictEqual(check("aws-s3-no-public", res(T.bucketAclV2, "acl", { acl }), "dev").length, 1, acl);
        }
        assert.strictEqual(check("aws-s3-no-public", res(T.bucket, "b", { acl: "public-read" }), "dev").length, 1);
        assert.deepStrictEqual(check("aws-s3-no-public", res(T.bucketAcl, "acl", { acl: "private" }), "dev"), []);
        assert.deepStrictEqual(check("aws-s3-no-public", res(T.bucketV2, "b", {}), "dev"), []);
    });

    it("asks for RESTRICTED SSL policies in prod only", () => {
        assert.strictEqual(check("gcp-ssl-policy-restricted-prod", res(T.regionSslPolicy, "ssl", {})).length, 1);
        assert.deepStrictEqual(check("gcp-ssl-policy-restricted-prod", res(T.sslPolicy, "ssl", { profile: "MODERN" }), "staging"), []);
    });

    it("protects Secret Manager secrets in prod like other stateful resources", () => {
        assert.strictEqual(check("protect-stateful-prod", res(T.gcpSecret, "s", {})).length, 1);
        assert.deepStrictEqual(check("protect-stateful-prod", res(T.gcpSecret, "s", {}, true)), []);
    });
});

describe("policy evaluation: levels and opt-outs", () => {
    it("turns the violations of an opted-out rule advisory, and only those", () => {
        const http = RULES.find((r) => r.id === "https-required-prod")!;
        assert.strictEqual(levelOf(http, {}), "mandatory");
        assert.strictEqual(levelOf(http, { optOuts: { allowHttp: true } }), "advisory");
        assert.strictEqual(levelOf(http, { optOuts: { allowExecInProd: true } }), "mandatory");
        assert.strictEqual(levelOf(RULES.find((r) => r.id === "exec-disabled-prod")!, { optOuts: { allowExecInProd: true } }), "advisory");
        assert.strictEqual(levelOf(RULES.find((r) => r.id === "aws-sg-egress-restricted")!, { optOuts: { openEgress: true } }), "advisory");
        assert.strictEqual(levelOf({ ...http, optOut: undefined, enforcement: "advisory" }, {}), "advisory");
        const web = res(T.ecsService, "svc", { enableExecuteCommand: true });
        const [v] = evaluate([awsProvider, web], { environment: "prod", optOuts: { allowExecInProd: true } });
        assert.deepStrictEqual({ rule: v.rule, urn: v.urn, level: v.level }, { rule: "exec-disabled-prod", urn: web.urn, level: "advisory" });
        assert.strictEqual(evaluate([awsProvider, web], { environment: "prod" })[0].level, "mandatory");
    });

    it("says the same thing for every violating example as the reviewed messages file", () => {
        const file = path.join(__dirname, "policy-messages.json");
        const actual = Object.fromEntries(RULES.map((r) => [r.id, {
            description: r.description, references: r.references, scope: r.scope, optOut: r.optOut ?? null,
            messages: CASES[r.id] ? run(r.id, CASES[r.id].bad, CASES[r.id]) : [],
        }]));
        if (process.env.UPDATE_POLICY_MESSAGES) fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
        assert.deepStrictEqual(actual, JSON.parse(fs.readFileSync(file, "utf8")));
    });
});
