import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { StackValidationArgs } from "@pulumi/policy";
import { RULES, T, type RuleResource } from "../policy/rules";
import { policiesFor, stackPolicy } from "../policy/wrappers";
import { awsProvider, res, TAGS } from "./support/policy-cases";

/**
 * Every branch of every rule, as a scenario: [rule, resource, environment, other resources]. The
 * messages they produce are compared with test/policy-scenarios.json, reviewed by hand: a rule
 * that stops flagging, flags more, or says something else fails here (and in `npm run mutation`).
 */
type Scenario = [string, RuleResource, string, RuleResource[]?];

const lb = (name: string, x: Record<string, unknown> = {}) => res(T.lb, name, { name, dropInvalidHeaderFields: true, ...x });
const listener = (name: string, x: Record<string, unknown>) => res(T.listener, name, x);
const bucket = res(T.bucket, "assets", { bucket: "assets-phys" });
const gcpProv = res(T.gcpProvider, "gcp", { defaultLabels: TAGS });

export const SCENARIOS: Record<string, Scenario> = {
    "rds final snapshot identifier missing": ["aws-rds-final-snapshot", res(T.rdsInstance, "db", {}), "prod"],
    "rds final snapshot dev": ["aws-rds-final-snapshot", res(T.rdsInstance, "db", { skipFinalSnapshot: true }), "dev"],
    "rds secret password is fine": ["aws-rds-credentials", res(T.rdsInstance, "db", { manageMasterUserPassword: true, password: "[secret]" }), "dev"],
    "rds iam auth only": ["aws-rds-credentials", res(T.rdsInstance, "db", { iamDatabaseAuthenticationEnabled: true }), "dev"],
    "rds plain password with managed": ["aws-rds-credentials", res(T.rdsInstance, "db", { manageMasterUserPassword: true, password: "p" }), "dev"],
    "standalone redis cluster": ["aws-cache-at-rest-encryption", res(T.cacheCluster, "c", {}), "dev"],
    "standalone memcached": ["aws-cache-at-rest-encryption", res(T.cacheCluster, "c", { engine: "memcached" }), "dev"],
    "cluster member of a group": ["aws-cache-at-rest-encryption", res(T.cacheCluster, "c", { replicationGroupId: "g" }), "dev"],
    "cache backups 1 day": ["aws-cache-backups", res(T.cacheGroup, "g", { snapshotRetentionLimit: 1 }), "prod"],
    "cache backups unset": ["aws-cache-backups", res(T.cacheGroup, "g", {}), "prod"],
    "nlb needs no header dropping": ["aws-alb-drop-invalid-headers", res(T.lb, "nlb", { loadBalancerType: "network" }), "dev"],
    "alb default type": ["aws-alb-drop-invalid-headers", res(T.lb, "alb", {}), "dev"],
    "redirect rule: no https on the lb": ["aws-alb-http-redirect", listener("http", { protocol: "HTTP", loadBalancerArn: "a", defaultActions: [{ type: "forward" }] }), "dev", [listener("https", { protocol: "HTTPS", loadBalancerArn: "b" })]],
    "redirect rule: https on an unknown lb": ["aws-alb-http-redirect", listener("http", { protocol: "HTTP", defaultActions: [{ type: "forward" }] }), "dev", [listener("https", { port: 443, loadBalancerArn: "b" })]],
    "redirect rule: https listener itself": ["aws-alb-http-redirect", listener("https", { protocol: "HTTPS", loadBalancerArn: "a" }), "dev", [listener("https2", { protocol: "HTTPS", loadBalancerArn: "a" })]],
    "redirect rule: partial redirect": ["aws-alb-http-redirect", listener("http", { port: 80, loadBalancerArn: "a", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }, { type: "forward" }] }), "dev", [listener("https", { protocol: "HTTPS" })]],
    "redirect rule: empty actions": ["aws-alb-http-redirect", listener("http", { protocol: "HTTP", loadBalancerArn: "a", defaultActions: [] }), "dev", [listener("https", { protocol: "HTTPS", loadBalancerArn: "a" })]],
    "redirect rule: redirect to http": ["aws-alb-http-redirect", listener("http", { protocol: "HTTP", loadBalancerArn: "a", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTP" } }] }), "dev", [listener("https", { protocol: "HTTPS", loadBalancerArn: "a" })]],
    "tls policy on TLS listener": ["aws-alb-tls-policy", listener("tls", { protocol: "TLS" }), "dev"],
    "tls policy on port 443 without protocol": ["aws-alb-tls-policy", listener("p443", { port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }), "dev"],
    "tls policy ignores http": ["aws-alb-tls-policy", listener("http", { protocol: "HTTP" }), "dev"],
    "world ingress on a range": ["aws-sg-no-world-ingress", res(T.sg, "sg", { ingress: [{ protocol: "tcp", fromPort: 8000, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] }] }), "dev"],
    "world ingress without ports": ["aws-sg-no-world-ingress", res(T.sg, "sg", { ingress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] }), "dev"],
    "default sg world ingress": ["aws-sg-no-world-ingress", res(T.defaultSg, "d", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/0"] }] }), "dev"],
    "pab flags off": ["aws-s3-public-access-block", res(T.publicAccessBlock, "pab", { blockPublicAcls: true, ignorePublicAcls: "true" }), "dev"],
    "pab: bucket alone under CrossGuard": ["aws-s3-public-access-block", bucket, "dev", []],
    "sse v2 without rules": ["aws-s3-encryption", res(T.sseV2, "sse", { bucket: "b" }), "dev"],
    "sse with one bad rule of two": ["aws-s3-encryption", res(T.sse, "sse", { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }, { applyServerSideEncryptionByDefault: { sseAlgorithm: "none" } }] }), "dev"],
    "sse dsse": ["aws-s3-encryption", res(T.sse, "sse", { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } }] }), "dev"],
    "bucket without sse": ["aws-s3-encryption", bucket, "dev", [awsProvider]],
    "bucket with sse by physical name": ["aws-s3-encryption", bucket, "dev", [res(T.sse, "sse", { bucket: "assets-phys", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] })]],
    "bucket alone (CrossGuard) sse": ["aws-s3-encryption", bucket, "dev", []],
    "log bucket by physical name": ["aws-s3-log-versioning", res(T.bucket, "b", { bucket: "app-logs" }), "dev", [awsProvider]],
    "log bucket alone": ["aws-s3-log-versioning", res(T.bucket, "access-logs"), "dev", []],
    "bucket policy: deny with true": ["aws-s3-tls-only", res(T.bucketPolicy, "p", { policy: { Statement: [{ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "true" } } }] } }), "dev"],
    "bucket policy: allow with false": ["aws-s3-tls-only", res(T.bucketPolicy, "p", { policy: { Statement: [{ Effect: "Allow", Condition: { Bool: { "aws:SecureTransport": false } } }] } }), "dev"],
    "bucket policy: boolean false deny": ["aws-s3-tls-only", res(T.bucketPolicy, "p", { policy: { Statement: [{ Effect: "Allow" }, { Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": false } } }] } }), "dev"],
    "bucket without policy": ["aws-s3-tls-only", bucket, "dev", [awsProvider]],
    "bucket with policy": ["aws-s3-tls-only", bucket, "dev", [res(T.bucketPolicy, "p", { bucket: "assets-phys", policy: { Statement: [{ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }] } })]],
    "bucket alone tls": ["aws-s3-tls-only", bucket, "dev", []],
    "ecr force delete": ["aws-prod-retain-data", res(T.ecr, "repo", { forceDelete: true }), "prod"],
    "ecr force destroy is not its flag": ["aws-prod-retain-data", res(T.ecr, "repo", { forceDestroy: true }), "prod"],
    "bucket force destroy dev": ["aws-prod-retain-data", res(T.bucket, "b", { forceDestroy: true }), "dev"],
    "ecr mutable by default": ["aws-ecr-immutable-tags", res(T.ecr, "repo", {}), "prod"],
    "ecr immutable with exclusion": ["aws-ecr-immutable-tags", res(T.ecr, "repo", { imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }), "prod"],
    "ecr lifecycle for another repo": ["aws-ecr-lifecycle", res(T.ecr, "repo", { name: "a" }), "dev", [res(T.ecrLifecycle, "lc", { repository: "b" }), res(T.ecrLifecycle, "lc2", { repository: "a" })]],
    "ecr alone": ["aws-ecr-lifecycle", res(T.ecr, "repo", {}), "dev", []],
    "readonly root not boolean": ["aws-ecs-readonly-root", res(T.taskDef, "td", { containerDefinitions: [{ name: "web", readonlyRootFilesystem: "true" }] }), "dev"],
    "plain env with null and booleans": ["aws-ecs-no-plaintext-secrets", res(T.taskDef, "td", { containerDefinitions: [{ name: "web", environment: [{ name: "DB_PASSWORD", value: null }, { name: "API_TOKEN", value: "true" }, { name: "X" }, { value: "postgres://a:b@h/d" }] }] }), "dev"],
    "insights enhanced": ["aws-ecs-container-insights", res(T.ecsCluster, "c", { settings: [{ name: "other", value: "enabled" }, { name: "containerInsights", value: "enhanced" }] }), "prod"],
    "insights wrong setting": ["aws-ecs-container-insights", res(T.ecsCluster, "c", { settings: [{ name: "other", value: "enabled" }] }), "prod"],
    "kms asymmetric key": ["aws-kms-rotation", res(T.kmsKey, "k", { customerMasterKeySpec: "RSA_2048" }), "dev"],
    "kms key spec": ["aws-kms-rotation", res(T.kmsKey, "k", { keySpec: "ECC_NIST_P256" }), "dev"],
    "cloudfront ordered behaviour": ["aws-cloudfront-https", res(T.cloudfront, "cdn", { defaultCacheBehavior: { viewerProtocolPolicy: "https-only" }, orderedCacheBehaviors: [{ pathPattern: "/img/*", viewerProtocolPolicy: "allow-all" }] }), "dev"],
    "run internal without iam": ["gcp-run-no-public-internal", res(T.runService, "run", { ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY", invokerIamDisabled: true }), "dev"],
    "run public without iam": ["gcp-run-no-public-internal", res(T.runService, "run", { ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", invokerIamDisabled: true }), "dev"],
    "run iam policy with allUsers on internal": ["gcp-run-no-public-internal", res(T.runIamPolicy, "pol", { name: "projects/p/locations/r/services/app-ai", policyData: { bindings: [{ role: "roles/run.invoker", members: ["allAuthenticatedUsers", "user:a@b.c"] }] } }), "dev", [res(T.runService, "ai", { name: "app-ai", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY" })]],
    "run binding admin to public": ["gcp-run-no-public-internal", res(T.runIamBinding, "b", { name: "app-web", role: "roles/run.admin", members: ["allUsers"] }), "dev", [res(T.runService, "web", { name: "app-web" })]],
    "run member private": ["gcp-run-no-public-internal", res(T.runIamMember, "m", { name: "app-ai", role: "roles/run.invoker", member: "serviceAccount:x" }), "dev", [res(T.runService, "ai", { name: "app-ai", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY" })]],
    "https proxy without policy": ["gcp-ssl-policy-tls12", res(T.httpsProxy, "proxy", {}), "dev"],
    "https proxy with policy": ["gcp-ssl-policy-tls12", res(T.httpsProxy, "proxy", { sslPolicy: "p" }), "dev"],
    "ssl policy default and compatible": ["gcp-ssl-policy-tls12", res(T.regionSslPolicy, "ssl", { profile: "COMPATIBLE" }), "dev"],
    "ssl policy tls13": ["gcp-ssl-policy-tls12", res(T.sslPolicy, "ssl", { minTlsVersion: "TLS_1_3", profile: "RESTRICTED" }), "dev"],
    "registry dry run": ["gcp-registry-cleanup", res(T.arRepo, "ar", { cleanupPolicies: [{ id: "x" }], cleanupPolicyDryRun: true }), "dev"],
    "gcp provider labels": ["tags-provider-defaults", res(T.gcpProvider, "gcp", { defaultLabels: { app: "a", environment: "dev", "managed-by": "terraform" } }), "prod"],
    "aws provider wrong environment": ["tags-provider-defaults", res(T.awsProvider, "aws", { defaultTags: { tags: { app: "a", environment: "dev", "managed-by": "pulumi" } } }), "prod"],
    "gcp resource override": ["tags-standard", res("gcp:storage/bucket:Bucket", "b", { labels: { app: "other" } }), "dev", [gcpProv]],
    "gcp resource without provider but own labels": ["tags-standard", res("gcp:storage/bucket:Bucket", "b", { labels: TAGS }), "dev", []],
    "aws resource without tagged provider": ["tags-standard", res("aws:ec2/vpc:Vpc", "v", {}), "dev", [res(T.awsProvider, "aws", {})]],
    "aws resource with the gcp provider only": ["tags-standard", res("aws:ec2/vpc:Vpc", "v", {}), "dev", [gcpProv]],
    "random resource": ["tags-standard", res("random:index/randomPassword:RandomPassword", "pw", {}), "dev", []],
    "iam messages": ["aws-iam-no-wildcards", res(T.rolePolicy, "p", { policy: { Statement: [{ Effect: "Allow", NotAction: "iam:*", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" }] } }), "dev"],
    "admin role message": ["aws-iam-no-admin-policies", res(T.role, "r", { managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] }), "dev"],
    "trust message": ["aws-iam-trust-scoped", res(T.role, "r", { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { Service: ["monitoring.rds.amazonaws.com", "vpc-flow-logs.amazonaws.com"] } }] } }), "dev"],
    "egress message": ["aws-sg-egress-restricted", res(T.sg, "sg", { egress: [{ protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["8.8.8.8/32", "0.0.0.0/0"] }, { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }] }), "prod"],
    "egress rule without ports": ["aws-sg-egress-restricted", res(T.sgEgress, "e", { ipProtocol: "tcp", cidrIpv6: "::/0" }), "prod"],
    "https gcp message": ["https-required-prod", res(T.globalForwardingRule, "fr", { portRange: "8080" }), "prod"],
    "https lb message": ["https-required-prod", lb("web"), "prod", [listener("http", { protocol: "HTTP", loadBalancerArn: "arn/app/web/1" })]],
    "waf message": ["waf-required-prod", lb("web"), "prod", []],
    "exec messages": ["exec-disabled-prod", res(T.role, "r", { inlinePolicies: [{ policy: { Statement: [{ Effect: "Allow", Action: ["ssmmessages:OpenDataChannel", "ssm:StartSession", "s3:GetObject"], Resource: "*" }] } }] }), "prod"],
    "exec attachment message": ["exec-disabled-prod", res(T.roleAttachment, "a", { policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }), "prod"],
    "cloud run env message": ["gcp-run-no-plaintext-secrets", res(T.runService, "run", { template: { containers: [{ envs: [{ name: "SECRET_KEY", value: "x" }] }, { name: "side", envs: [{ value: "password=abc" }] }] } }), "dev"],
    "s3 public messages": ["aws-s3-no-public", res(T.bucketPolicy, "p", { policy: { Statement: [{ Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"] }] } }), "dev"],
    "s3 acl message": ["aws-s3-no-public", res(T.bucketAclV2, "acl", { acl: "public-read-write" }), "dev"],
    "sg rule egress-only entries": ["aws-sg-no-all-ports", res(T.sgRule, "r", { type: "ingress", protocol: "udp", fromPort: 0, toPort: 65535, sourceSecurityGroupId: "x" }), "dev"],
    "ingress rule with protocol 17": ["aws-sg-no-all-ports", res(T.sgIngress, "r", { ipProtocol: "17", fromPort: 1, toPort: 65535 }), "dev"],
};

describe("policy rules: every branch, with reviewed messages", () => {
    it("matches test/policy-scenarios.json", () => {
        const file = path.join(__dirname, "policy-scenarios.json");
        const actual = Object.fromEntries(Object.entries(SCENARIOS).map(([what, [id, r, env, others]]) => {
            const rule = RULES.find((x) => x.id === id);
            assert.ok(rule, `${what}: no rule ${id}`);
            return [what, rule.check(r, { environment: env, resources: others ? [r, ...others] : [] })];
        }));
        if (process.env.UPDATE_POLICY_MESSAGES) fs.writeFileSync(file, JSON.stringify(actual, null, 2) + "\n");
        assert.deepStrictEqual(actual, JSON.parse(fs.readFileSync(file, "utf8")));
    });
});

describe("policy pack wrappers: descriptions and stack environment", () => {
    it("describes each policy with its references in parentheses, or alone without", () => {
        const policies = policiesFor(RULES);
        RULES.forEach((r, i) => assert.strictEqual(policies[i].description, r.references ? `${r.description} (${r.references})` : r.description));
    });

    it("reads a stack's environment from its GCP provider too, and applies prod rules with it", async () => {
        const p = stackPolicy(RULES.find((r) => r.id === "waf-required-prod")!);
        const args = (labels: Record<string, string>, provType: string) => ({
            resources: [
                { type: "random:index/randomPassword:RandomPassword", name: "pw", urn: "urn:pw", props: {}, opts: {} },
                { type: provType, name: "p", urn: "urn:p", props: provType === T.gcpProvider ? { defaultLabels: labels } : { defaultTags: { tags: labels } }, opts: {} },
                { type: T.backendService, name: "be", urn: "urn:be", props: { loadBalancingScheme: "EXTERNAL_MANAGED" }, opts: {} },
            ],
            stackTags: new Map(), getConfig: () => ({}),
        }) as unknown as StackValidationArgs;
        const out: string[] = [];
        await p.validateStack(args({ ...TAGS, environment: "dev" }, T.gcpProvider), (m) => out.push(m));
        await p.validateStack(args({ ...TAGS, environment: "dev" }, T.awsProvider), (m) => out.push(m));
        assert.strictEqual(out.length, 0);
        await p.validateStack(args({ ...TAGS, environment: "prod" }, T.gcpProvider), (m) => out.push(m));
        assert.strictEqual(out.length, 1);
    });
});
