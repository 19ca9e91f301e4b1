/**
 * The rules that keep prod safe by default (issue 16): least-privilege IAM, limited egress, HTTPS,
 * WAF / Cloud Armor, no shell access, flow and access logs, no secrets in Cloud Run's plain env,
 * no public buckets. Three of them have a documented stack opt-out (`optOut`): declared in the
 * stack file, their violations are reported as advisory instead of failing the pack.
 */
import { isTrue, isWorld, list, looksSecret, obj, ofType, refersTo, str, type RuleContext, type RuleResource } from "./helpers";
import { isProd, rule, say, T } from "./kit";
import { allPorts, entriesOf } from "./sg-entries";

// ---------------------------------------------------------------- IAM

const policyTypes = [T.rolePolicy, T.iamPolicy, T.userPolicy, T.groupPolicy, T.role];

/** Every identity-policy statement of a resource: `policy` of a (role/user/group) policy, inline policies of a role. */
export function statementsOf(r: RuleResource): Record<string, unknown>[] {
    const docs = r.type === T.role ? list(r.inputs.inlinePolicies).map((p) => obj(p).policy) : [r.inputs.policy];
    return docs.flatMap((d) => list(obj(d).Statement).map(obj));
}

/**
 * Actions that take no resource-level permission, so "*" is the only Resource AWS accepts for
 * them (AWS Service Authorization Reference: Amazon ECR, Amazon Message Gateway Service).
 */
export const RESOURCELESS_ACTIONS: ReadonlySet<string> = new Set([
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
]);

const hasCondition = (s: Record<string, unknown>) => Object.keys(obj(s.Condition)).length > 0;
const isAllow = (s: Record<string, unknown>) => s.Effect === "Allow";

const iamWildcards = rule("aws-iam-no-wildcards", "IAM Allow statements name their actions (no \"*\" or \"service:*\"), and name their resources unless the actions take none or a condition scopes them.", "CKV_AWS_1, CKV_AWS_355, AVD-AWS-0057, FSBP IAM.1", policyTypes,
    (r) => statementsOf(r).filter(isAllow).flatMap((s, k) => {
        const out: string[] = [];
        const actions = list(s.Action).map(String);
        if (s.NotAction !== undefined) out.push(say("aws-iam-no-wildcards", r, `statement ${k} allows NotAction (everything else)`, "list the actions the service needs in Action"));
        const wild = actions.filter((a) => a === "*" || a.endsWith(":*"));
        if (wild.length > 0) out.push(say("aws-iam-no-wildcards", r, `statement ${k} allows ${wild.join(", ")}`, "list the actions the service needs, e.g. sns:Publish"));
        const anyResource = s.NotResource !== undefined || list(s.Resource).map(String).includes("*");
        const resourceless = actions.length > 0 && actions.every((a) => RESOURCELESS_ACTIONS.has(a));
        if (anyResource && !resourceless && !hasCondition(s)) {
            out.push(say("aws-iam-no-wildcards", r, `statement ${k} allows ${actions.join(", ") || "NotAction"} on every resource without a condition`, "name the resources (topic, identity, repository, key ARNs) or add the condition that scopes them"));
        }
        return out;
    }));

/** Managed policies that hand out administration: never attached by this program. */
const ADMIN_POLICY = /:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$|FullAccess$/;

const iamAdmin = rule("aws-iam-no-admin-policies", "No role, user or group gets AdministratorAccess, PowerUserAccess or any *FullAccess managed policy.", "CKV_AWS_274, FSBP IAM.1", [T.roleAttachment, T.policyAttachment, T.userAttachment, T.groupAttachment, T.role],
    (r) => {
        const arns = r.type === T.role ? list(r.inputs.managedPolicyArns).map(String) : [String(r.inputs.policyArn ?? "")];
        return arns.filter((a) => ADMIN_POLICY.test(a)).map((a) => say("aws-iam-no-admin-policies", r, `attaches ${a}`, "attach a policy that grants only what the workload needs"));
    });

/**
 * Service principals that pass aws:SourceAccount / aws:SourceArn when they assume a role, so the
 * trust policy can refuse a confused deputy (IAM User Guide, "The confused deputy problem";
 * ECS task IAM role, VPC flow logs IAM role and RDS Enhanced Monitoring pages name the keys).
 */
export const SCOPABLE_SERVICES: ReadonlySet<string> = new Set([
    "ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "monitoring.rds.amazonaws.com", "scheduler.amazonaws.com",
]);
const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn"];

const iamTrust = rule("aws-iam-trust-scoped", "Roles assumed by an AWS service that passes the source account carry an aws:SourceAccount or aws:SourceArn condition.", "", [T.role],
    (r) => list(obj(r.inputs.assumeRolePolicy).Statement).map(obj).filter(isAllow).flatMap((s) => {
        const services = list(obj(s.Principal).Service).map(String).filter((p) => SCOPABLE_SERVICES.has(p));
        if (services.length === 0) return [];
        const keys = Object.values(obj(s.Condition)).flatMap((c) => Object.keys(obj(c)));
        return SOURCE_KEYS.some((k) => keys.includes(k)) ? []
            : [say("aws-iam-trust-scoped", r, `${services.join(", ")} may assume it from any account`, 'add Condition: { StringEquals: { "aws:SourceAccount": <account id> } } (and aws:SourceArn where the service names its resource)')];
    }));

// ---------------------------------------------------------------- egress

const egressTypes = [T.sg, T.defaultSg, T.sgEgress, T.sgRule];
const isHttpsOnly = (e: { protocol: string; from?: number; to?: number }) => ["tcp", "6"].includes(e.protocol.toLowerCase()) && e.from === 443 && e.to === 443;

const sgEgress = rule("aws-sg-egress-restricted", "In prod, security groups reach the internet on TCP 443 only; everything else goes to named ports inside the VPC.", "CKV_AWS_382, AVD-AWS-0104", egressTypes,
    (r, ctx) => !isProd(ctx) ? [] : entriesOf(r, "egress").filter((e) => e.cidrs.some(isWorld) && !isHttpsOnly(e)).map((e) =>
        say("aws-sg-egress-restricted", r, `${e.label} lets ${allPorts(e) ? "every port" : `${e.protocol} ${e.from ?? "*"}-${e.to ?? "*"}`} out to the internet in prod`, "limit world egress to TCP 443 and linked ports to the VPC CIDR (platform:aws.egress: restricted)")),
    "resource", { optOut: "openEgress" });

// ---------------------------------------------------------------- HTTPS, WAF, Armor

const isPublicAlb = (lb: RuleResource) => !isTrue(lb.inputs.internal) && (str(lb.inputs.loadBalancerType) ?? "application") === "application";

/** Input `prop` of a listener or association names this load balancer (recorded reference, or its physical name inside the ARN); unknown (preview) matches. */
function pointsAt(from: RuleResource, prop: string, lb: RuleResource): boolean {
    const arn = str(from.inputs[prop]);
    if (!arn) return true;
    const name = str(lb.inputs.name);
    return refersTo(from, prop, lb) || (!!name && arn.includes(`/${name}/`));
}

const listenerProtocol = (r: RuleResource) => (str(r.inputs.protocol) ?? "HTTP").toUpperCase();
const redirectsToHttps = (actions: unknown) => {
    const all = list(actions).map(obj);
    return all.length > 0 && all.every((a) => a.type === "redirect" && String(obj(a.redirect).protocol ?? "").toUpperCase() === "HTTPS");
};

/** The GCP URL map a forwarding rule serves through its HTTP proxy, when the stack shows it. */
function urlMapOf(fr: RuleResource, ctx: RuleContext): RuleResource | undefined {
    const proxy = ofType(ctx, T.httpProxy).find((p) => refersTo(fr, "target", p));
    return proxy ? ofType(ctx, T.urlMap).find((m) => refersTo(proxy, "urlMap", m)) : undefined;
}

const isExternalScheme = (v: unknown) => ["EXTERNAL", "EXTERNAL_MANAGED"].includes(str(v) ?? "EXTERNAL");

const httpsProd = rule("https-required-prod", "In prod, every internet-facing load balancer serves HTTPS and its port 80 only redirects to HTTPS (AWS listeners, GCP forwarding rules).", "CKV2_AWS_20, AVD-AWS-0054, FSBP ELB.1", [T.lb, T.alb, T.listener, T.albListener, T.globalForwardingRule],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const fix = "set platform:domain (certificate + HTTPS listener), or declare platform:allowHttp: true";
        if (r.type === T.lb || r.type === T.alb) {
            if (!isPublicAlb(r)) return [];
            const https = ofType(ctx, T.listener, T.albListener).some((l) => listenerProtocol(l) === "HTTPS" && pointsAt(l, "loadBalancerArn", r));
            return https ? [] : [say("https-required-prod", r, "serves no HTTPS listener in prod", fix)];
        }
        if (r.type === T.globalForwardingRule) {
            if (!isExternalScheme(r.inputs.loadBalancingScheme) || String(r.inputs.portRange ?? "") === "443") return [];
            const map = urlMapOf(r, ctx);
            return map && isTrue(obj(map.inputs.defaultUrlRedirect).httpsRedirect) ? []
                : [say("https-required-prod", r, `port ${String(r.inputs.portRange ?? "*")} serves the app over plain HTTP in prod`, fix)];
        }
        if (listenerProtocol(r) !== "HTTP" || redirectsToHttps(r.inputs.defaultActions)) return [];
        const lb = ofType(ctx, T.lb, T.alb).find((x) => pointsAt(r, "loadBalancerArn", x));
        return lb && !isPublicAlb(lb) ? [] : [say("https-required-prod", r, "forwards plain HTTP from the internet in prod", 'redirect to HTTPS ({ type: "redirect", redirect: { protocol: "HTTPS", port: "443" } }); ' + fix)];
    }, "stack", { optOut: "allowHttp" });

const wafProd = rule("waf-required-prod", "In prod, every internet-facing ALB has a WAFv2 web ACL and every external GCP backend service a Cloud Armor policy.", "CKV2_AWS_28, FSBP ELB.16", [T.lb, T.alb, T.backendService],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        if (r.type === T.backendService) {
            return !isExternalScheme(r.inputs.loadBalancingScheme) || str(r.inputs.securityPolicy) ? []
                : [say("waf-required-prod", r, "has no Cloud Armor securityPolicy in prod", "set platform:gcp.armor: true (the prod default)")];
        }
        if (!isPublicAlb(r)) return [];
        const attached = ofType(ctx, T.wafAssociation).some((a) => pointsAt(a, "resourceArn", r));
        return attached ? [] : [say("waf-required-prod", r, "has no WAFv2 web ACL association in prod", "set platform:aws.waf: true (the prod default)")];
    }, "stack");

// ---------------------------------------------------------------- shell access

const SSM_CORE = /:policy\/AmazonSSMManagedInstanceCore$/;
const isShellAction = (a: string) => a.startsWith("ssmmessages:") || a === "ssm:StartSession";

const execProd = rule("exec-disabled-prod", "In prod, no ECS Exec and no SSM sessions on hosts unless the stack declares platform:aws.allowExecInProd.", "", [T.ecsService, T.roleAttachment, T.rolePolicy, T.role],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const fix = "remove services[].exec (the prod profile turns it off), or declare platform:aws.allowExecInProd: true";
        if (r.type === T.ecsService) return isTrue(r.inputs.enableExecuteCommand) ? [say("exec-disabled-prod", r, "enableExecuteCommand is true in prod", fix)] : [];
        if (r.type === T.roleAttachment) return SSM_CORE.test(String(r.inputs.policyArn ?? "")) ? [say("exec-disabled-prod", r, "attaches AmazonSSMManagedInstanceCore (SSM sessions on hosts) in prod", fix)] : [];
        const shell = statementsOf(r).filter(isAllow).flatMap((s) => list(s.Action).map(String)).filter(isShellAction);
        return shell.length > 0 ? [say("exec-disabled-prod", r, `allows ${shell.join(", ")} in prod`, fix)] : [];
    }, "resource", { optOut: "allowExecInProd" });

// ---------------------------------------------------------------- logs

const flowLogsProd = rule("aws-flow-logs-prod", "In prod, every VPC has flow logs.", "CKV2_AWS_11, AVD-AWS-0178, FSBP EC2.6", [T.vpc],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const logged = ofType(ctx, T.flowLog).some((f) => !str(f.inputs.vpcId) || refersTo(f, "vpcId", r));
        return logged ? [] : [say("aws-flow-logs-prod", r, "has no flow log in prod", "leave platform:aws.network.flowLogs on (default true)")];
    }, "stack");

const accessLogsProd = rule("aws-alb-access-logs-prod", "In prod, every ALB writes access logs to S3.", "CKV_AWS_91, FSBP ELB.5", [T.lb, T.alb],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const logs = obj(r.inputs.accessLogs);
        return isTrue(logs.enabled) && str(logs.bucket) ? [] : [say("aws-alb-access-logs-prod", r, "accessLogs are not enabled in prod", "leave platform:aws.accessLogs on (the prod default)")];
    });

// ---------------------------------------------------------------- secrets, buckets, TLS

const runPlainSecrets = rule("gcp-run-no-plaintext-secrets", "No secret in a Cloud Run container's plain env (use Secret Manager through valueSource).", "", [T.runService],
    (r) => list(obj(r.inputs.template).containers).map(obj).flatMap((c) => list(c.envs).map(obj).flatMap((e) => {
        const name = String(e.name ?? "");
        const value = e.value === undefined || e.value === null ? "" : String(e.value);
        return looksSecret(name, value) ? [say("gcp-run-no-plaintext-secrets", r, `container "${String(c.name ?? "")}" has ${name} in plain env`, `move ${name} to valueSource.secretKeyRef (platform:secrets)`)] : [];
    })));

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const isEveryone = (p: unknown) => p === "*" || list(obj(p).AWS).map(String).includes("*");

const s3NoPublic = rule("aws-s3-no-public", "No bucket policy allows everyone (Principal \"*\") without a condition, and no ACL makes a bucket public.", "CKV_AWS_20, CKV_AWS_57, FSBP S3.2, FSBP S3.3", [T.bucket, T.bucketV2, T.bucketPolicy, T.bucketAcl, T.bucketAclV2],
    (r) => {
        if (r.type === T.bucketPolicy) {
            return list(obj(r.inputs.policy).Statement).map(obj).filter((s) => isAllow(s) && isEveryone(s.Principal) && !hasCondition(s))
                .map((s) => say("aws-s3-no-public", r, `allows ${list(s.Action).map(String).join(", ")} to everyone`, "name the principal (e.g. the CloudFront service with an aws:SourceArn condition)"));
        }
        const acl = str(r.inputs.acl);
        return acl && PUBLIC_ACLS.includes(acl) ? [say("aws-s3-no-public", r, `acl is ${acl}`, 'remove the ACL (BucketOwnerEnforced) or set acl: "private"')] : [];
    });

const gcpRestricted = rule("gcp-ssl-policy-restricted-prod", "In prod, GCP SSL policies use the RESTRICTED profile (TLS 1.2+, strongest ciphers only).", "", [T.sslPolicy, T.regionSslPolicy],
    (r, ctx) => !isProd(ctx) || str(r.inputs.profile) === "RESTRICTED" ? []
        : [say("gcp-ssl-policy-restricted-prod", r, `profile is ${JSON.stringify(r.inputs.profile ?? null)} in prod`, 'set profile: "RESTRICTED"')]);

export const HARDENING_RULES = [
    iamWildcards, iamAdmin, iamTrust, sgEgress, httpsProd, wafProd, execProd, flowLogsProd, accessLogsProd,
    runPlainSecrets, s3NoPublic, gcpRestricted,
];
