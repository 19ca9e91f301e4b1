// The rule cases shared by the policy test files: a violating and a compliant resource per rule.
// In a module of its own, not a test file: mocha workers would register an imported test file's
// suites a second time.
import { RULES, T, type RuleContext, type RuleResource } from "../../policy/rules";

/** A resource as a deployed stack shows it: inputs below refer to it by its provider id, `<name>-id`. */
export const res = (type: string, name: string, inputs: Record<string, unknown> = {}, protect = false): RuleResource =>
    ({ type, name, inputs, protect, urn: `urn:pulumi:test::platform::${type}::${name}`, id: `${name}-id` });

export const TAGS = { app: "app", environment: "prod", "managed-by": "pulumi" };
export const awsProvider = res(T.awsProvider, "aws", { defaultTags: JSON.stringify({ tags: TAGS }) });
const gcpProvider = res(T.gcpProvider, "gcp", { defaultLabels: JSON.stringify(TAGS) });

interface Case {
    /** The resource under test when it breaks the rule, and when it complies. */
    bad: RuleResource;
    good: RuleResource;
    /** Other resources of the stack (for stack-scoped rules); a function gets the resource under test. */
    others?: RuleResource[] | ((r: RuleResource) => RuleResource[]);
    env?: string;
    readonlyRootServices?: string[];
}

export const container = (extra: Record<string, unknown>) => JSON.stringify([{ name: "web", image: "nginx", logConfiguration: { logDriver: "awslogs" }, ...extra }]);
export const rds = (x: Record<string, unknown>) => res(T.rdsInstance, "db", {
    storageEncrypted: true, backupRetentionPeriod: 7, deletionProtection: true, finalSnapshotIdentifier: "db-final", manageMasterUserPassword: true, ...x,
});
const cache = (x: Record<string, unknown>) => res(T.cacheGroup, "cache", { atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: "[secret]", snapshotRetentionLimit: 5, ...x });
const httpsListener = res(T.listener, "https", { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", loadBalancerArn: "arn:lb" });
export const lbWithGroup = res(T.lb, "alb", { securityGroups: ["alb-sg-id"], dropInvalidHeaderFields: true });
const bucketCfg = (type: string, extra: Record<string, unknown>) => (b: RuleResource) => [res(type, `${b.name}-cfg`, { bucket: `${b.name}-id`, ...extra })];
const TLS_POLICY = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const PAB = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** One violating and one compliant example per rule: every rule can fail. */
export const CASES: Record<string, Case> = {
    "aws-rds-encrypted": { bad: rds({ storageEncrypted: false }), good: rds({}) },
    "aws-rds-not-public": { bad: rds({ publiclyAccessible: true }), good: rds({ publiclyAccessible: false }) },
    "aws-rds-backup-retention": { bad: rds({ backupRetentionPeriod: 1 }), good: rds({ backupRetentionPeriod: 7 }), env: "prod" },
    "aws-rds-deletion-protection": { bad: rds({ deletionProtection: false }), good: rds({}), env: "prod" },
    "aws-rds-final-snapshot": { bad: rds({ skipFinalSnapshot: true }), good: rds({ skipFinalSnapshot: false }), env: "prod" },
    "aws-rds-credentials": { bad: rds({ manageMasterUserPassword: false, password: "hunter2hunter2" }), good: rds({}) },
    "aws-rds-performance-insights-kms": { bad: rds({ performanceInsightsEnabled: true }), good: rds({ performanceInsightsEnabled: true, performanceInsightsKmsKeyId: "arn:aws:kms:key" }) },
    "aws-cache-at-rest-encryption": { bad: cache({ atRestEncryptionEnabled: false }), good: cache({}) },
    "aws-cache-in-transit-encryption": { bad: cache({ transitEncryptionEnabled: false }), good: cache({}) },
    "aws-cache-auth": { bad: cache({ authToken: undefined }), good: cache({ authToken: undefined, userGroupIds: ["g"] }) },
    "aws-cache-backups": { bad: cache({ snapshotRetentionLimit: 0 }), good: cache({}), env: "prod" },
    "aws-alb-drop-invalid-headers": { bad: res(T.lb, "alb", { loadBalancerType: "application" }), good: res(T.lb, "alb", { dropInvalidHeaderFields: true }) },
    "aws-alb-http-redirect": {
        bad: res(T.listener, "http", { protocol: "HTTP", port: 80, loadBalancerArn: "arn:lb", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }),
        good: res(T.listener, "http", { protocol: "HTTP", port: 80, loadBalancerArn: "arn:lb", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }),
        others: [httpsListener],
    },
    "aws-alb-tls-policy": { bad: res(T.listener, "https", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }), good: httpsListener },
    "aws-sg-no-world-ingress": {
        bad: res(T.sg, "svc-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }),
        good: res(T.sg, "alb-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }),
        others: [lbWithGroup, res(T.sg, "alb-sg", {})],
    },
    "aws-sg-no-all-ports": {
        bad: res(T.sgIngress, "from-alb", { ipProtocol: "-1", referencedSecurityGroupId: "alb-sg-id", securityGroupId: "svc-sg-id" }),
        good: res(T.sgIngress, "from-alb", { ipProtocol: "tcp", fromPort: 3000, toPort: 3000, referencedSecurityGroupId: "alb-sg-id", securityGroupId: "svc-sg-id" }),
    },
    "aws-s3-public-access-block": { bad: res(T.bucket, "assets"), good: res(T.bucket, "assets"), others: (b) => b === CASES["aws-s3-public-access-block"].good ? bucketCfg(T.publicAccessBlock, PAB)(b) : [res(T.publicAccessBlock, "other", { bucket: "other-id", ...PAB })] },
    "aws-s3-encryption": { bad: res(T.sse, "assets-sse", { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: {} }] }), good: res(T.sse, "assets-sse", { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }) },
    "aws-s3-log-versioning": { bad: res(T.bucket, "access-logs"), good: res(T.bucket, "access-logs"), others: (b) => b === CASES["aws-s3-log-versioning"].good ? bucketCfg(T.versioning, { versioningConfiguration: { status: "Enabled" } })(b) : bucketCfg(T.versioning, { versioningConfiguration: { status: "Suspended" } })(b) },
    "aws-s3-tls-only": { bad: res(T.bucketPolicy, "p", { bucket: "b", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }) }), good: res(T.bucketPolicy, "p", { bucket: "b", policy: TLS_POLICY }) },
    "aws-prod-retain-data": { bad: res(T.bucket, "assets", { forceDestroy: true }), good: res(T.bucket, "assets", { forceDestroy: false }), env: "prod" },
    "aws-ecr-scan-on-push": { bad: res(T.ecr, "repo", {}), good: res(T.ecr, "repo", { imageScanningConfiguration: { scanOnPush: true } }) },
    "aws-ecr-immutable-tags": { bad: res(T.ecr, "repo", { imageTagMutability: "MUTABLE" }), good: res(T.ecr, "repo", { imageTagMutability: "IMMUTABLE" }), env: "prod" },
    "aws-ecr-lifecycle": { bad: res(T.ecr, "repo"), good: res(T.ecr, "repo", { name: "app-prod-web" }), others: [res(T.ecrLifecycle, "repo-lc", { repository: "app-prod-web" })] },
    "aws-log-retention": { bad: res(T.logGroup, "logs", {}), good: res(T.logGroup, "logs", { retentionInDays: 30 }) },
    "aws-ecs-not-privileged": { bad: res(T.taskDef, "td", { containerDefinitions: container({ privileged: true }) }), good: res(T.taskDef, "td", { containerDefinitions: container({ privileged: false }) }) },
    "aws-ecs-readonly-root": { bad: res(T.taskDef, "td", { containerDefinitions: container({}) }), good: res(T.taskDef, "td", { containerDefinitions: container({ readonlyRootFilesystem: true }) }), readonlyRootServices: ["web"] },
    "aws-ecs-no-plaintext-secrets": {
        bad: res(T.taskDef, "td", { containerDefinitions: container({ environment: [{ name: "STRIPE_API_KEY", value: "sk_live_abc" }] }) }),
        good: res(T.taskDef, "td", { containerDefinitions: container({ environment: [{ name: "DATABASE_SECRET_ARN", value: "arn:aws:secretsmanager:x" }, { name: "PORT", value: "3000" }], secrets: [{ name: "STRIPE_API_KEY", valueFrom: "arn" }] }) }),
    },
    "aws-ecs-logging": { bad: res(T.taskDef, "td", { containerDefinitions: JSON.stringify([{ name: "web", image: "nginx" }]) }), good: res(T.taskDef, "td", { containerDefinitions: container({}) }) },
    "aws-ecs-no-public-ip": { bad: res(T.ecsService, "svc", { networkConfiguration: { assignPublicIp: true } }), good: res(T.ecsService, "svc", { networkConfiguration: { assignPublicIp: false } }) },
    "aws-ecs-container-insights": { bad: res(T.ecsCluster, "c", { settings: [{ name: "containerInsights", value: "disabled" }] }), good: res(T.ecsCluster, "c", { settings: [{ name: "containerInsights", value: "enabled" }] }), env: "prod" },
    "aws-ec2-imdsv2": { bad: res(T.launchTemplate, "lt", { metadataOptions: { httpTokens: "optional" } }), good: res(T.launchTemplate, "lt", { metadataOptions: { httpTokens: "required" } }) },
    "aws-efs-encrypted": { bad: res(T.efs, "fs", {}), good: res(T.efs, "fs", { encrypted: true }) },
    "aws-kms-rotation": { bad: res(T.kmsKey, "key", {}), good: res(T.kmsKey, "key", { enableKeyRotation: true }) },
    "aws-secret-recovery-window": { bad: res(T.secret, "s", { recoveryWindowInDays: 0 }), good: res(T.secret, "s", { recoveryWindowInDays: 7 }), env: "prod" },
    "aws-cloudfront-https": { bad: res(T.cloudfront, "cdn", { defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }), good: res(T.cloudfront, "cdn", { defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" } }) },
    "gcp-run-ingress": { bad: res(T.runService, "run", {}), good: res(T.runService, "run", { ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" }) },
    "gcp-run-no-public-internal": {
        bad: res(T.runIamMember, "inv", { name: "app-prod-ai", role: "roles/run.invoker", member: "allUsers" }),
        good: res(T.runIamMember, "inv", { name: "app-prod-web", role: "roles/run.invoker", member: "allUsers" }),
        others: [res(T.runService, "ai", { name: "app-prod-ai", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY" }), res(T.runService, "web", { name: "app-prod-web", ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" })],
    },
    "aws-scheduler-no-public-ip": {
        bad: res("aws:scheduler/schedule:Schedule", "sch", { target: { ecsParameters: { networkConfiguration: { assignPublicIp: true } } } }),
        good: res("aws:scheduler/schedule:Schedule", "sch", { target: { ecsParameters: { networkConfiguration: { assignPublicIp: false } } } }),
    },
    "aws-run-task-scoped": {
        bad: res("aws:iam/rolePolicy:RolePolicy", "p", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["ecs:RunTask"], Resource: "*" }] }) }),
        good: res("aws:iam/rolePolicy:RolePolicy", "p", { policy: JSON.stringify({ Statement: [
            { Effect: "Allow", Action: ["ecs:RunTask"], Resource: ["arn:aws:ecs:us-east-1:1:task-definition/app-dev-job:3"] },
            { Effect: "Allow", Action: ["iam:PassRole"], Resource: ["arn:aws:iam::1:role/a"], Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
        ] }) }),
    },
    "gcp-run-invoker-scoped": {
        bad: res("gcp:projects/iAMMember:IAMMember", "m", { role: "roles/run.invoker", member: "serviceAccount:x@p.iam.gserviceaccount.com" }),
        good: res("gcp:projects/iAMMember:IAMMember", "m", { role: "roles/logging.logWriter", member: "serviceAccount:x@p.iam.gserviceaccount.com" }),
    },
    "gcp-ssl-policy-tls12": { bad: res(T.sslPolicy, "ssl", { minTlsVersion: "TLS_1_0" }), good: res(T.sslPolicy, "ssl", { minTlsVersion: "TLS_1_2", profile: "MODERN" }) },
    "gcp-registry-cleanup": { bad: res(T.arRepo, "ar", { cleanupPolicies: [] }), good: res(T.arRepo, "ar", { cleanupPolicies: [{ id: "keep", action: "KEEP" }], cleanupPolicyDryRun: false }) },
    "tags-provider-defaults": { bad: res(T.awsProvider, "aws", { defaultTags: JSON.stringify({ tags: { app: "app" } }) }), good: awsProvider, env: "prod" },
    "tags-standard": {
        bad: res("aws:ec2/vpc:Vpc", "vpc", { tags: { Name: "vpc", environment: "production" } }),
        good: res("aws:ec2/vpc:Vpc", "vpc", { tags: { Name: "vpc" } }),
        others: [awsProvider, gcpProvider],
    },
    "protect-stateful-prod": { bad: rds({}), good: res(T.rdsInstance, "db", {}, true), env: "prod" },
    "aws-iam-no-wildcards": {
        bad: res(T.rolePolicy, "task", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sns:*", Resource: "*" }] }) }),
        good: res(T.rolePolicy, "task", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["sns:Publish"], Resource: ["arn:aws:sns:us-east-1:1:orders"] }, { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }] }) }),
    },
    "aws-iam-no-admin-policies": { bad: res(T.roleAttachment, "a", { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), good: res(T.roleAttachment, "a", { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }) },
    "aws-iam-trust-scoped": {
        bad: res(T.role, "r", { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }),
        good: res(T.role, "r", { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "1" } } }] }) }),
    },
    "aws-sg-egress-restricted": {
        bad: res(T.sg, "svc", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
        good: res(T.sg, "svc", { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }] }),
        env: "prod",
    },
    "https-required-prod": {
        bad: res(T.listener, "http", { protocol: "HTTP", port: 80, loadBalancerArn: "arn:lb/app/web/1", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }),
        good: res(T.listener, "http", { protocol: "HTTP", port: 80, loadBalancerArn: "arn:lb/app/web/1", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }),
        env: "prod",
    },
    "waf-required-prod": { bad: res(T.backendService, "be", { loadBalancingScheme: "EXTERNAL_MANAGED" }), good: res(T.backendService, "be", { loadBalancingScheme: "EXTERNAL_MANAGED", securityPolicy: "armor-id" }), env: "prod" },
    "exec-disabled-prod": { bad: res(T.ecsService, "svc", { enableExecuteCommand: true }), good: res(T.ecsService, "svc", { enableExecuteCommand: false }), env: "prod" },
    "aws-flow-logs-prod": { bad: res(T.vpc, "vpc"), good: res(T.vpc, "vpc"), others: (v) => [res(T.flowLog, "fl", { vpcId: v === CASES["aws-flow-logs-prod"].good ? "vpc-id" : "other-vpc-id" })], env: "prod" },
    "aws-alb-access-logs-prod": { bad: res(T.lb, "alb", { accessLogs: { enabled: false } }), good: res(T.lb, "alb", { accessLogs: { enabled: true, bucket: "logs" } }), env: "prod" },
    "gcp-run-no-plaintext-secrets": {
        bad: res(T.runService, "run", { template: { containers: [{ name: "web", envs: [{ name: "DB_PASSWORD", value: "hunter2" }] }] } }),
        good: res(T.runService, "run", { template: { containers: [{ name: "web", envs: [{ name: "PORT", value: "8080" }, { name: "DB_PASSWORD", valueSource: { secretKeyRef: { secret: "s" } } }] }] } }),
    },
    "aws-s3-no-public": {
        bad: res(T.bucketPolicy, "p", { bucket: "b", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }) }),
        good: res(T.bucketPolicy, "p", { bucket: "b", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Condition: { StringEquals: { "aws:SourceArn": "arn" } } }] }) }),
    },
    "gcp-ssl-policy-restricted-prod": { bad: res(T.sslPolicy, "ssl", { minTlsVersion: "TLS_1_2", profile: "MODERN" }), good: res(T.sslPolicy, "ssl", { minTlsVersion: "TLS_1_2", profile: "RESTRICTED" }), env: "prod" },
};

// ---- GCP data tier (issue 14, branch gcp-data)
const sql = (settings: Record<string, unknown>, top: Record<string, unknown> = {}) => res(T.sqlInstance, "pg", {
    deletionProtection: true,
    ...top,
    settings: { deletionProtectionEnabled: true, ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" }, backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true }, ...settings },
});
const redis = (x: Record<string, unknown>) => res(T.memorystore, "redis", { authEnabled: true, transitEncryptionMode: "SERVER_AUTHENTICATION", ...x });
const gcs = (x: Record<string, unknown>) => res(T.gcsBucket, "assets", { uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", ...x });
Object.assign(CASES, {
    "gcp-sql-no-public-ip": { bad: sql({ ipConfiguration: { ipv4Enabled: true, sslMode: "ENCRYPTED_ONLY" } }), good: sql({}) },
    "gcp-sql-ssl-required": { bad: sql({ ipConfiguration: { ipv4Enabled: false, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } }), good: sql({}) },
    "gcp-sql-backups": { bad: sql({ backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: false } }), good: sql({}), env: "prod" },
    "gcp-redis-auth": { bad: redis({ authEnabled: false }), good: redis({}) },
    "gcp-redis-tls": { bad: redis({ transitEncryptionMode: "DISABLED" }), good: redis({}) },
    "gcp-gcs-not-public": { bad: gcs({ publicAccessPrevention: "inherited" }), good: gcs({}) },
    "gcp-no-project-secret-accessor": {
        bad: res(T.projectIamMember, "web-secrets", { project: "p", role: "roles/secretmanager.secretAccessor", member: "serviceAccount:web@p.iam.gserviceaccount.com" }),
        good: res(T.projectIamMember, "web-logs", { project: "p", role: "roles/logging.logWriter", member: "serviceAccount:web@p.iam.gserviceaccount.com" }),
    },
    "gcp-no-primitive-roles": {
        bad: res(T.projectIamMember, "web-editor", { project: "p", role: "roles/editor", member: "serviceAccount:web@p.iam.gserviceaccount.com" }),
        good: res(T.projectIamMember, "web-sql", { project: "p", role: "roles/cloudsql.client", member: "serviceAccount:web@p.iam.gserviceaccount.com" }),
    },
} satisfies Record<string, Case>);

// ---- HTTPS per cloud (one domain over both clouds)
const httpsProxy = res(T.httpsProxy, "https-proxy", { certificateMap: "//certificatemanager.googleapis.com/projects/p/locations/global/certificateMaps/m" });
const httpProxy = (urlMap: string) => res("gcp:compute/targetHttpProxy:TargetHttpProxy", "http-proxy", { urlMap });
Object.assign(CASES, {
    "gcp-lb-http-redirect": {
        bad: httpProxy("plain-map-id"), good: httpProxy("redirect-map-id"),
        others: [httpsProxy, res("gcp:compute/uRLMap:URLMap", "plain-map", {}), res("gcp:compute/uRLMap:URLMap", "redirect-map", { defaultUrlRedirect: { httpsRedirect: true } })],
    },
    "gcp-https-proxy-certificate": { bad: res(T.httpsProxy, "p", {}), good: httpsProxy },
    "dns-health-check-https": {
        bad: res("aws:route53/healthCheck:HealthCheck", "hc", { type: "HTTP", port: 80 }),
        good: res("aws:route53/healthCheck:HealthCheck", "hc", { type: "HTTPS", port: 443 }),
        others: [httpsProxy],
    },
} satisfies Record<string, Case>);

export function run(ruleId: string, r: RuleResource, c: Case): string[] {
    const rule = RULES.find((x) => x.id === ruleId)!;
    const others = typeof c.others === "function" ? c.others(r) : c.others ?? [];
    const ctx: RuleContext = { environment: c.env ?? "dev", resources: [r, ...others], readonlyRootServices: new Set(c.readonlyRootServices ?? []) };
    return rule.check(r, ctx);
}

