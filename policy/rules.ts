/**
 * The platform's mandatory security rules, as pure functions over one resource and its stack.
 * The same functions run in two places: `npm test` (over the offline plan of every stack file)
 * and `pulumi preview --policy-pack policy` (policy/index.ts wraps them for CrossGuard). No
 * @pulumi/policy import here, so tests can load this file next to the Pulumi mocks.
 *
 * A rule only looks at its own `types`; a stack without those types never triggers it.
 * References name the public check a rule matches (checkov, trivy/tfsec AVD ids, AWS
 * Foundational Security Best Practices control ids); "" means none we could confirm.
 */
import {
    isFalse, isTrue, isWorld, list, listenerProtocol, looksSecret, num, obj, ofType, referenced, refersTo, str,
    type RuleContext, type RuleResource,
} from "./helpers";
import { isProd, rule, say, T, type Rule } from "./kit";
import { HARDENING_RULES, statementsOf } from "./rules-hardening";
import { allPorts, entriesOf, MAX_PORT_SPAN } from "./sg-entries";

export type { RuleContext, RuleResource } from "./helpers";
export { SECRET_VALUE } from "./helpers";
export { T, type Rule } from "./kit";

/** Stateful types that get Pulumi `protect: true` and cloud-side deletion protection in prod. */
export const PROTECTED_TYPES: readonly string[] = [
    T.rdsInstance, T.rdsCluster, T.cacheGroup, T.cacheCluster, T.bucket, T.bucketV2, T.efs, T.ecr, T.kmsKey,
    T.arRepo, T.gcsBucket, T.sqlInstance, T.memorystore, T.gcpKmsKey,
    // GCP data tier (issue 14): the database inside the instance and every Secret Manager secret.
    T.sqlDatabase, T.gcpSecret,
];

/** Types whose replacement loses data or history: the URN snapshot test names these. */
export const STATEFUL_TYPES: readonly string[] = [...PROTECTED_TYPES, T.secret, T.logGroup];

const STANDARD_TAGS = ["app", "environment", "managed-by"] as const;

// ---------------------------------------------------------------- RDS

const rdsTypes = [T.rdsInstance, T.rdsCluster];

const rdsEncrypted = rule("aws-rds-encrypted", "RDS storage is encrypted at rest.", "CKV_AWS_16, AVD-AWS-0080, FSBP RDS.3", rdsTypes,
    (r) => isTrue(r.inputs.storageEncrypted) ? [] : [say("aws-rds-encrypted", r, `storageEncrypted is ${JSON.stringify(r.inputs.storageEncrypted)}`, "set storageEncrypted: true (and kmsKeyId to the stack's key)")]);

const rdsNotPublic = rule("aws-rds-not-public", "RDS instances are not publicly accessible.", "CKV_AWS_17, FSBP RDS.2", [T.rdsInstance],
    (r) => isTrue(r.inputs.publiclyAccessible) ? [say("aws-rds-not-public", r, "publiclyAccessible is true", "set publiclyAccessible: false and keep the instance in isolated subnets")] : []);

const rdsBackups = rule("aws-rds-backup-retention", "RDS keeps automated backups: at least 7 days in prod, at least 1 day elsewhere.", "CKV_AWS_133, AVD-AWS-0077, FSBP RDS.11", rdsTypes,
    (r, ctx) => {
        const min = isProd(ctx) ? 7 : 1;
        const days = num(r.inputs.backupRetentionPeriod) ?? 0;
        return days >= min ? [] : [say("aws-rds-backup-retention", r, `backupRetentionPeriod is ${days} in ${ctx.environment}`, `set backupRetentionPeriod >= ${min} (platform:database.backupRetentionDays)`)];
    });

const rdsDeletionProtection = rule("aws-rds-deletion-protection", "RDS has deletion protection in prod.", "CKV_AWS_293, AVD-AWS-0177, FSBP RDS.8", rdsTypes,
    (r, ctx) => !isProd(ctx) || isTrue(r.inputs.deletionProtection) ? [] : [say("aws-rds-deletion-protection", r, "deletionProtection is not true in prod", "set deletionProtection: true (profile prod)")]);

const rdsFinalSnapshot = rule("aws-rds-final-snapshot", "RDS takes a final snapshot on deletion in prod.", "", rdsTypes,
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        if (isTrue(r.inputs.skipFinalSnapshot)) return [say("aws-rds-final-snapshot", r, "skipFinalSnapshot is true in prod", "set skipFinalSnapshot: false with a finalSnapshotIdentifier")];
        if (!str(r.inputs.finalSnapshotIdentifier)) return [say("aws-rds-final-snapshot", r, "finalSnapshotIdentifier is not set in prod (AWS refuses the delete, or loses the data)", "set finalSnapshotIdentifier, e.g. <name>-final")];
        return [];
    });

const rdsCredentials = rule("aws-rds-credentials", "RDS uses a password managed by RDS in Secrets Manager or IAM authentication, never a plain password.", "CKV_AWS_161, AVD-AWS-0176, FSBP RDS.10 (IAM auth)", rdsTypes,
    (r) => {
        const out: string[] = [];
        const managed = isTrue(r.inputs.manageMasterUserPassword);
        if (!managed && !isTrue(r.inputs.iamDatabaseAuthenticationEnabled)) {
            out.push(say("aws-rds-credentials", r, "neither manageMasterUserPassword nor iamDatabaseAuthenticationEnabled is true", "set manageMasterUserPassword: true (RDS keeps the password in Secrets Manager)"));
        }
        const pw = r.inputs.password;
        if (pw !== undefined && pw !== "[secret]") out.push(say("aws-rds-credentials", r, "password is set in plain text", "drop password and use manageMasterUserPassword, or pass pulumi.secret(...)"));
        return out;
    });

const rdsPiEncrypted = rule("aws-rds-performance-insights-kms", "Performance Insights, when on, is encrypted with the stack's KMS key.", "CKV_AWS_354, AVD-AWS-0078", rdsTypes,
    (r) => isTrue(r.inputs.performanceInsightsEnabled) && !str(r.inputs.performanceInsightsKmsKeyId)
        ? [say("aws-rds-performance-insights-kms", r, "performanceInsightsEnabled without performanceInsightsKmsKeyId", "set performanceInsightsKmsKeyId to the stack's KMS key ARN")] : []);

// ---------------------------------------------------------------- ElastiCache

const isRedisCluster = (r: RuleResource) => r.type === T.cacheCluster && (str(r.inputs.engine) ?? "redis") !== "memcached" && !str(r.inputs.replicationGroupId);

const cacheAtRest = rule("aws-cache-at-rest-encryption", "ElastiCache Redis encrypts data at rest (replication groups only; a standalone Redis cluster cannot).", "CKV_AWS_29, AVD-AWS-0045, FSBP ElastiCache.4", [T.cacheGroup, T.cacheCluster],
    (r) => {
        if (isRedisCluster(r)) return [say("aws-cache-at-rest-encryption", r, "a standalone Redis cache cluster cannot encrypt at rest", "use aws.elasticache.ReplicationGroup with atRestEncryptionEnabled: true")];
        if (r.type === T.cacheGroup && !isTrue(r.inputs.atRestEncryptionEnabled)) return [say("aws-cache-at-rest-encryption", r, "atRestEncryptionEnabled is not true", "set atRestEncryptionEnabled: true and kmsKeyId")];
        return [];
    });

const cacheInTransit = rule("aws-cache-in-transit-encryption", "ElastiCache Redis encrypts traffic in transit (TLS).", "CKV_AWS_30, AVD-AWS-0051, FSBP ElastiCache.5", [T.cacheGroup],
    (r) => isTrue(r.inputs.transitEncryptionEnabled) ? [] : [say("aws-cache-in-transit-encryption", r, "transitEncryptionEnabled is not true", "set transitEncryptionEnabled: true (clients connect with rediss://)")]);

const cacheAuth = rule("aws-cache-auth", "ElastiCache Redis requires authentication (AUTH token or RBAC user group).", "CKV_AWS_31, FSBP ElastiCache.6", [T.cacheGroup],
    (r) => str(r.inputs.authToken) || list(r.inputs.userGroupIds).length > 0 ? [] : [say("aws-cache-auth", r, "neither authToken nor userGroupIds is set", "set authToken from a random.RandomPassword (stored in Secrets Manager)")]);

const cacheBackups = rule("aws-cache-backups", "ElastiCache keeps snapshots in prod.", "AVD-AWS-0050, FSBP ElastiCache.1", [T.cacheGroup],
    (r, ctx) => !isProd(ctx) || (num(r.inputs.snapshotRetentionLimit) ?? 0) >= 1 ? [] : [say("aws-cache-backups", r, `snapshotRetentionLimit is ${num(r.inputs.snapshotRetentionLimit) ?? 0} in prod`, "set snapshotRetentionLimit >= 1 (platform:cache.snapshotRetentionDays)")]);

// ---------------------------------------------------------------- Load balancers

const lbTypes = [T.lb, T.alb];
const listenerTypes = [T.listener, T.albListener];

const albDropHeaders = rule("aws-alb-drop-invalid-headers", "Application load balancers drop invalid HTTP header fields.", "CKV_AWS_131, AVD-AWS-0052, FSBP ELB.4", lbTypes,
    (r) => (str(r.inputs.loadBalancerType) ?? "application") !== "application" || isTrue(r.inputs.dropInvalidHeaderFields) ? []
        : [say("aws-alb-drop-invalid-headers", r, "dropInvalidHeaderFields is not true", "set dropInvalidHeaderFields: true")]);

const albRedirect = rule("aws-alb-http-redirect", "An HTTP listener on a load balancer that serves HTTPS only redirects to HTTPS.", "CKV2_AWS_20, AVD-AWS-0054, FSBP ELB.1", listenerTypes,
    (r, ctx) => {
        if (listenerProtocol(r) !== "HTTP") return [];
        const lbArn = str(r.inputs.loadBalancerArn);
        const servesHttps = ofType(ctx, ...listenerTypes).some((l) => l !== r && listenerProtocol(l) === "HTTPS"
            && (!lbArn || !str(l.inputs.loadBalancerArn) || str(l.inputs.loadBalancerArn) === lbArn));
        if (!servesHttps) return [];
        const actions = list(r.inputs.defaultActions).map(obj);
        const redirects = actions.length > 0 && actions.every((a) => a.type === "redirect" && String(obj(a.redirect).protocol ?? "").toUpperCase() === "HTTPS");
        return redirects ? [] : [say("aws-alb-http-redirect", r, "the HTTP listener does not redirect while the load balancer has an HTTPS listener", 'make its defaultActions [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }]')];
    }, "stack");

/** ELB policies that allow only TLS 1.2 or later (AWS "Security policies for your Application Load Balancer"). */
const MODERN_TLS = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

const albTls = rule("aws-alb-tls-policy", "HTTPS/TLS listeners use a TLS 1.2+ security policy.", "CKV_AWS_103, AVD-AWS-0047", listenerTypes,
    (r) => {
        if (!["HTTPS", "TLS"].includes(listenerProtocol(r))) return [];
        const policy = str(r.inputs.sslPolicy);
        return policy && MODERN_TLS.test(policy) ? [] : [say("aws-alb-tls-policy", r, `sslPolicy is ${JSON.stringify(policy ?? null)}`, 'set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"')];
    });

// ---------------------------------------------------------------- Security groups

/** The security group an ingress belongs to: itself, or the one its securityGroupId names. */
function groupOf(r: RuleResource, ctx: RuleContext): RuleResource | undefined {
    if (r.type === T.sg) return r;
    return referenced(ofType(ctx, T.sg), r, "securityGroupId", [T.sg])[0];
}

/** True only when the group is shown to belong to a load balancer; unknown is not a load balancer. */
function isLoadBalancerGroup(group: RuleResource | undefined, ctx: RuleContext): boolean {
    return !!group && ofType(ctx, ...lbTypes).some((lb) => refersTo(lb, "securityGroups", group));
}

const sgWorld = rule("aws-sg-no-world-ingress", "No security group admits the internet (0.0.0.0/0, ::/0 or any block shorter than /8 or /7), except a load balancer's group on TCP 80/443.", "CKV_AWS_260, CKV_AWS_24, CKV_AWS_25, AVD-AWS-0107, FSBP EC2.18", [T.sg, T.defaultSg, T.sgIngress, T.sgRule],
    (r, ctx) => entriesOf(r, "ingress").filter((e) => e.cidrs.some(isWorld)).flatMap((e) => {
        const webPort = ["tcp", "6"].includes(e.protocol.toLowerCase()) && e.from !== undefined && e.from === e.to && (e.from === 80 || e.from === 443);
        if (webPort && isLoadBalancerGroup(groupOf(r, ctx), ctx)) return [];
        const what = webPort ? "admits the internet on a web port but is not shown to be a load balancer's group" : `admits the internet on ${e.protocol} ${e.from ?? "*"}-${e.to ?? "*"}`;
        return [say("aws-sg-no-world-ingress", r, `${e.label} ${what}`, "admit the load balancer's or the service's security group (referencedSecurityGroupId / securityGroups) instead of a world CIDR")];
    }), "stack");

const sgAllPorts = rule("aws-sg-no-all-ports", `No security group ingress is open on all protocols or on a range of more than ${MAX_PORT_SPAN} ports.`, "CKV_AWS_277", [T.sg, T.defaultSg, T.sgIngress, T.sgRule],
    (r) => entriesOf(r, "ingress").filter(allPorts).map((e) => say("aws-sg-no-all-ports", r, `${e.label} allows every port (protocol ${e.protocol}, ports ${e.from ?? "*"}-${e.to ?? "*"})`, "admit only the service's port (fromPort = toPort = port, protocol tcp)")));

// ---------------------------------------------------------------- S3

const bucketTypes = [T.bucket, T.bucketV2];

/** The configuration resources of `types` that target this bucket. */
function configsFor(bucket: RuleResource, ctx: RuleContext, ...types: string[]): RuleResource[] {
    return ofType(ctx, ...types).filter((c) => refersTo(c, "bucket", bucket));
}

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

const s3PublicAccess = rule("aws-s3-public-access-block", "Every bucket has a public access block with all four settings on.", "CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, CKV2_AWS_6, AVD-AWS-0094, FSBP S3.8", [...bucketTypes, T.publicAccessBlock],
    (r, ctx) => {
        if (r.type === T.publicAccessBlock) {
            const off = PAB_FLAGS.filter((f) => !isTrue(r.inputs[f]));
            return off.length ? [say("aws-s3-public-access-block", r, `${off.join(", ")} not true`, `set ${off.map((f) => `${f}: true`).join(", ")}`)] : [];
        }
        if (ctx.resources.length === 0) return [];
        return configsFor(r, ctx, T.publicAccessBlock).length ? [] : [say("aws-s3-public-access-block", r, "has no BucketPublicAccessBlock", "add aws.s3.BucketPublicAccessBlock { bucket: bucket.id, all four flags true }")];
    }, "stack");

const s3Encryption = rule("aws-s3-encryption", "Every bucket has default server-side encryption (SSE-KMS or SSE-S3).", "CKV_AWS_19, CKV_AWS_145, AVD-AWS-0088", [...bucketTypes, T.sse, T.sseV2],
    (r, ctx) => {
        if (r.type === T.sse || r.type === T.sseV2) {
            const algos = list(r.inputs.rules).map(obj).map((x) => obj(x.applyServerSideEncryptionByDefault).sseAlgorithm);
            return algos.length > 0 && algos.every((a) => ["aws:kms", "AES256", "aws:kms:dsse"].includes(String(a))) ? []
                : [say("aws-s3-encryption", r, `rules give sseAlgorithm ${JSON.stringify(algos)}`, 'set rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId } }]')];
        }
        if (ctx.resources.length === 0) return [];
        return configsFor(r, ctx, T.sse, T.sseV2).length ? [] : [say("aws-s3-encryption", r, "has no BucketServerSideEncryptionConfiguration", "add aws.s3.BucketServerSideEncryptionConfiguration for it")];
    }, "stack");

/** Access-log and audit buckets: "logs" or "log" as a word of the name (not "catalog", "blog"). */
const LOG_WORD = /(^|[-_.])logs?([-_.]|$)/i;
const isLogBucket = (r: RuleResource) => LOG_WORD.test(r.name) || LOG_WORD.test(String(r.inputs.bucket ?? ""));

const s3LogVersioning = rule("aws-s3-log-versioning", "Log buckets (access logs, audit trails) keep object versions.", "CKV_AWS_21, AVD-AWS-0090", bucketTypes,
    (r, ctx) => {
        if (!isLogBucket(r) || ctx.resources.length === 0) return [];
        const enabled = configsFor(r, ctx, T.versioning, T.versioningV2).some((v) => obj(v.inputs.versioningConfiguration).status === "Enabled");
        return enabled ? [] : [say("aws-s3-log-versioning", r, "log bucket without versioning Enabled", 'add aws.s3.BucketVersioning { versioningConfiguration: { status: "Enabled" } }')];
    }, "stack");

/** True when a policy document denies any request made without TLS. */
function deniesInsecureTransport(policy: unknown): boolean {
    return list(obj(policy).Statement).map(obj).some((s) => s.Effect === "Deny"
        && ["false", false].includes(obj(obj(s.Condition).Bool)["aws:SecureTransport"] as string | boolean));
}

const s3TlsOnly = rule("aws-s3-tls-only", "Every bucket policy denies requests without TLS (aws:SecureTransport false).", "CKV_AWS_379, FSBP S3.5", [...bucketTypes, T.bucketPolicy],
    (r, ctx) => {
        if (r.type === T.bucketPolicy) {
            return deniesInsecureTransport(r.inputs.policy) ? [] : [say("aws-s3-tls-only", r, "the policy has no Deny on aws:SecureTransport = false", 'add { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, bucketArn/*], Condition: { Bool: { "aws:SecureTransport": "false" } } }')];
        }
        if (ctx.resources.length === 0) return [];
        return configsFor(r, ctx, T.bucketPolicy).length ? [] : [say("aws-s3-tls-only", r, "has no bucket policy", "add aws.s3.BucketPolicy that denies aws:SecureTransport = false")];
    }, "stack");

const prodRetain = rule("aws-prod-retain-data", "In prod, buckets and registries are never deleted with their contents.", "", [...bucketTypes, T.ecr],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const flag = r.type === T.ecr ? "forceDelete" : "forceDestroy";
        return isTrue(r.inputs[flag]) ? [say("aws-prod-retain-data", r, `${flag} is true in prod`, `set ${flag}: false (profile prod: bucketForceDestroy false)`)] : [];
    });

// ---------------------------------------------------------------- ECR

const ecrScan = rule("aws-ecr-scan-on-push", "ECR repositories scan images on push.", "CKV_AWS_163, AVD-AWS-0030, FSBP ECR.1", [T.ecr],
    (r) => isTrue(obj(r.inputs.imageScanningConfiguration).scanOnPush) ? [] : [say("aws-ecr-scan-on-push", r, "imageScanningConfiguration.scanOnPush is not true", "set imageScanningConfiguration: { scanOnPush: true }")]);

const ecrImmutable = rule("aws-ecr-immutable-tags", "ECR tags are immutable in prod.", "CKV_AWS_51, AVD-AWS-0031, FSBP ECR.2", [T.ecr],
    (r, ctx) => !isProd(ctx) || String(r.inputs.imageTagMutability ?? "MUTABLE").startsWith("IMMUTABLE") ? []
        : [say("aws-ecr-immutable-tags", r, `imageTagMutability is ${JSON.stringify(r.inputs.imageTagMutability ?? "MUTABLE")} in prod`, 'set imageTagMutability: "IMMUTABLE" (platform:aws.ecr.immutableTags)')]);

const ecrLifecycle = rule("aws-ecr-lifecycle", "Every ECR repository has a lifecycle policy.", "FSBP ECR.3", [T.ecr],
    (r, ctx) => {
        if (ctx.resources.length === 0) return [];
        const has = ofType(ctx, T.ecrLifecycle).some((p) => refersTo(p, "repository", r));
        return has ? [] : [say("aws-ecr-lifecycle", r, "has no LifecyclePolicy", "add aws.ecr.LifecyclePolicy { repository: repo.name } (keep tagged, expire untagged)")];
    }, "stack");

// ---------------------------------------------------------------- CloudWatch

const logRetention = rule("aws-log-retention", "Every CloudWatch log group sets a retention period.", "CKV_AWS_66", [T.logGroup],
    (r) => (num(r.inputs.retentionInDays) ?? 0) > 0 ? [] : [say("aws-log-retention", r, "retentionInDays is not set (logs kept forever)", "set retentionInDays: spec.logRetentionDays")]);

// ---------------------------------------------------------------- ECS

function containersOf(r: RuleResource): Record<string, unknown>[] {
    return list(r.inputs.containerDefinitions).map(obj);
}

const ecsPrivileged = rule("aws-ecs-not-privileged", "ECS containers do not run privileged.", "CKV_AWS_334, FSBP ECS.4", [T.taskDef],
    (r) => containersOf(r).filter((c) => isTrue(c.privileged)).map((c) => say("aws-ecs-not-privileged", r, `container "${String(c.name)}" is privileged`, "remove privileged: true")));

/**
 * Whether the config asked for a read-only root: the offline plan knows it from the config; under
 * CrossGuard the task definition's `readonly-root` tag (set by aws/service.ts) carries it.
 */
function wantsReadonlyRoot(r: RuleResource, container: string, ctx: RuleContext): boolean {
    return ctx.readonlyRootServices?.has(container) === true || isTrue(obj(r.inputs.tags)["readonly-root"]);
}

const ecsReadonly = rule("aws-ecs-readonly-root", "Containers of services that ask for a read-only root file system get it; none sets a non-boolean value.", "CKV_AWS_336, FSBP ECS.5", [T.taskDef],
    (r, ctx) => containersOf(r).flatMap((c) => {
        const ro = c.readonlyRootFilesystem;
        if (ro !== undefined && typeof ro !== "boolean") return [say("aws-ecs-readonly-root", r, `container "${String(c.name)}" has readonlyRootFilesystem ${JSON.stringify(ro)}`, "use a boolean")];
        if (wantsReadonlyRoot(r, String(c.name), ctx) && ro !== true) return [say("aws-ecs-readonly-root", r, `container "${String(c.name)}" has a writable root although its service sets readonlyRootFilesystem`, "pass readonlyRootFilesystem: true into the container definition")];
        return [];
    }));

const ecsPlainSecrets = rule("aws-ecs-no-plaintext-secrets", "No secret in plain container environment variables (use `secrets` from Secrets Manager).", "AVD-AWS-0036, FSBP ECS.8", [T.taskDef],
    (r) => containersOf(r).flatMap((c) => list(c.environment).map(obj).flatMap((e) => {
        const name = String(e.name ?? "");
        const value = e.value === undefined || e.value === null ? "" : String(e.value);
        if (looksSecret(name, value)) {
            return [say("aws-ecs-no-plaintext-secrets", r, `container "${String(c.name)}" has ${name} in plain environment`, `move ${name} to the container's secrets (valueFrom: a Secrets Manager ARN)`)];
        }
        return [];
    })));

const ecsLogging = rule("aws-ecs-logging", "Every ECS container sends its logs somewhere (logConfiguration).", "FSBP ECS.9", [T.taskDef],
    (r) => containersOf(r).filter((c) => !str(obj(c.logConfiguration).logDriver)).map((c) => say("aws-ecs-logging", r, `container "${String(c.name)}" has no logConfiguration`, 'add logConfiguration: { logDriver: "awslogs", options: { awslogs-group, awslogs-region, awslogs-stream-prefix } }')));

const ecsPublicIp = rule("aws-ecs-no-public-ip", "ECS services do not give tasks public IP addresses.", "CKV_AWS_333, FSBP ECS.2", [T.ecsService],
    (r) => isTrue(obj(r.inputs.networkConfiguration).assignPublicIp) ? [say("aws-ecs-no-public-ip", r, "networkConfiguration.assignPublicIp is true", "set assignPublicIp: false and run tasks in private subnets")] : []);

const ecsInsights = rule("aws-ecs-container-insights", "ECS clusters have Container Insights in prod.", "CKV_AWS_65, AVD-AWS-0034, FSBP ECS.12", [T.ecsCluster],
    (r, ctx) => {
        if (!isProd(ctx)) return [];
        const on = list(r.inputs.settings).map(obj).some((s) => s.name === "containerInsights" && ["enabled", "enhanced"].includes(String(s.value)));
        return on ? [] : [say("aws-ecs-container-insights", r, "containerInsights is not enabled in prod", 'add settings: [{ name: "containerInsights", value: "enabled" }]')];
    });

// ---------------------------------------------------------------- EC2, EFS, KMS, Secrets, CloudFront

const imdsv2 = rule("aws-ec2-imdsv2", "Launch templates and instances require IMDSv2 (httpTokens required).", "CKV_AWS_79, AVD-AWS-0130, AVD-AWS-0028", [T.launchTemplate, T.instance],
    (r) => obj(r.inputs.metadataOptions).httpTokens === "required" ? [] : [say("aws-ec2-imdsv2", r, `metadataOptions.httpTokens is ${JSON.stringify(obj(r.inputs.metadataOptions).httpTokens ?? null)}`, 'set metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }')]);

const efsEncrypted = rule("aws-efs-encrypted", "EFS file systems are encrypted at rest.", "CKV_AWS_42, AVD-AWS-0037, FSBP EFS.1", [T.efs],
    (r) => isTrue(r.inputs.encrypted) ? [] : [say("aws-efs-encrypted", r, "encrypted is not true", "set encrypted: true (and kmsKeyId)")]);

const kmsRotation = rule("aws-kms-rotation", "Customer-managed KMS keys rotate yearly.", "CKV_AWS_7, AVD-AWS-0065, FSBP KMS.4", [T.kmsKey],
    (r) => isTrue(r.inputs.enableKeyRotation) || String(r.inputs.customerMasterKeySpec ?? r.inputs.keySpec ?? "SYMMETRIC_DEFAULT") !== "SYMMETRIC_DEFAULT" ? []
        : [say("aws-kms-rotation", r, "enableKeyRotation is not true", "set enableKeyRotation: true")]);

const secretRecovery = rule("aws-secret-recovery-window", "Secrets Manager secrets keep a recovery window in prod (no immediate delete).", "", [T.secret],
    (r, ctx) => !isProd(ctx) || num(r.inputs.recoveryWindowInDays) !== 0 ? [] : [say("aws-secret-recovery-window", r, "recoveryWindowInDays is 0 in prod", "leave recoveryWindowInDays unset (30) or 7 or more")]);

const cloudfrontHttps = rule("aws-cloudfront-https", "CloudFront never serves plain HTTP to viewers.", "CKV_AWS_34, AVD-AWS-0012, FSBP CloudFront.3", [T.cloudfront],
    (r) => {
        const behaviours = [obj(r.inputs.defaultCacheBehavior), ...list(r.inputs.orderedCacheBehaviors).map(obj)];
        return behaviours.filter((b) => !["redirect-to-https", "https-only"].includes(String(b.viewerProtocolPolicy)))
            .map((b) => say("aws-cloudfront-https", r, `cache behaviour ${String(b.pathPattern ?? "default")} has viewerProtocolPolicy ${JSON.stringify(b.viewerProtocolPolicy ?? null)}`, 'set viewerProtocolPolicy: "redirect-to-https"'));
    });

// ---------------------------------------------------------------- GCP

const runIngress = rule("gcp-run-ingress", "Cloud Run services do not take traffic from the internet directly: ingress is internal or internal-and-load-balancer.", "", [T.runService],
    (r) => {
        const ingress = str(r.inputs.ingress) ?? "INGRESS_TRAFFIC_ALL";
        return ingress === "INGRESS_TRAFFIC_ALL" ? [say("gcp-run-ingress", r, `ingress is ${ingress}`, 'set ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" (public, behind the LB) or "INGRESS_TRAFFIC_INTERNAL_ONLY"')] : [];
    });

const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

const runNoPublicInternal = rule("gcp-run-no-public-internal", "Internal Cloud Run services grant no allUsers / allAuthenticatedUsers access and keep IAM invoker checks on.", "CKV_GCP_102", [T.runService, T.runIamMember, T.runIamBinding, T.runIamPolicy],
    (r, ctx) => {
        const internal = (s: RuleResource | undefined) => !!s && str(s.inputs.ingress) === "INGRESS_TRAFFIC_INTERNAL_ONLY";
        if (r.type === T.runService) {
            return internal(r) && isTrue(r.inputs.invokerIamDisabled) ? [say("gcp-run-no-public-internal", r, "an internal service has invokerIamDisabled true", "remove invokerIamDisabled; grant roles/run.invoker to the calling service accounts")] : [];
        }
        const members = r.type === T.runIamPolicy
            ? list(obj(r.inputs.policyData).bindings).map(obj).flatMap((b) => list(b.members).map(String))
            : [...list(r.inputs.members), ...(r.inputs.member === undefined ? [] : [r.inputs.member])].map(String);
        const pub = members.filter((m) => PUBLIC_MEMBERS.includes(m));
        if (pub.length === 0) return [];
        const target = str(r.inputs.name);
        const service = ofType(ctx, T.runService).find((s) => refersTo(r, "name", s) || (!!target && target.endsWith(`/${String(s.inputs.name ?? "")}`)));
        const role = str(r.inputs.role);
        const out: string[] = [];
        if (role && role !== "roles/run.invoker") out.push(say("gcp-run-no-public-internal", r, `grants ${role} to ${pub.join(", ")}`, "grant the public at most roles/run.invoker"));
        if (internal(service)) out.push(say("gcp-run-no-public-internal", r, `grants ${pub.join(", ")} on internal service "${service!.name}"`, "remove the public member; grant roles/run.invoker to the calling service accounts"));
        return out;
    }, "stack");

const gcpTls = rule("gcp-ssl-policy-tls12", "GCP SSL policies require TLS 1.2+, and every HTTPS proxy names one.", "AVD-GCP-0039, CKV_GCP_4", [T.sslPolicy, T.regionSslPolicy, T.httpsProxy],
    (r) => {
        if (r.type === T.httpsProxy) return str(r.inputs.sslPolicy) ? [] : [say("gcp-ssl-policy-tls12", r, "no sslPolicy (the default allows TLS 1.0)", "set sslPolicy to a policy with minTlsVersion TLS_1_2")];
        const v = str(r.inputs.minTlsVersion) ?? "TLS_1_0";
        const problems: string[] = [];
        if (!["TLS_1_2", "TLS_1_3"].includes(v)) problems.push(say("gcp-ssl-policy-tls12", r, `minTlsVersion is ${v}`, 'set minTlsVersion: "TLS_1_2"'));
        if (str(r.inputs.profile) === "COMPATIBLE") problems.push(say("gcp-ssl-policy-tls12", r, "profile COMPATIBLE allows weak ciphers", 'set profile: "MODERN" or "RESTRICTED"'));
        return problems;
    });

const arCleanup = rule("gcp-registry-cleanup", "Artifact Registry repositories have active cleanup policies.", "", [T.arRepo],
    (r) => {
        if (list(r.inputs.cleanupPolicies).length === 0) return [say("gcp-registry-cleanup", r, "no cleanupPolicies", "add cleanupPolicies (keep the most recent N, delete untagged after D days)")];
        if (isTrue(r.inputs.cleanupPolicyDryRun)) return [say("gcp-registry-cleanup", r, "cleanupPolicyDryRun is true (nothing is ever deleted)", "set cleanupPolicyDryRun: false")];
        return [];
    });

// ---------------------------------------------------------------- Tags and protection

/** Standard tags of a provider: AWS defaultTags.tags, GCP defaultLabels (JSON text in the offline plan). */
export function providerTags(p: RuleResource): Record<string, unknown> {
    return p.type === T.awsProvider ? obj(obj(p.inputs.defaultTags).tags) : obj(p.inputs.defaultLabels);
}

function missingStandardTags(tags: Record<string, unknown>, environment: string): string[] {
    const missing: string[] = STANDARD_TAGS.filter((k) => !str(tags[k]));
    if (str(tags["managed-by"]) && tags["managed-by"] !== "pulumi") missing.push("managed-by=pulumi");
    if (str(tags.environment) && environment && tags.environment !== environment) missing.push(`environment=${environment}`);
    return missing;
}

const tagsProvider = rule("tags-provider-defaults", "Every AWS/GCP provider carries the standard tags/labels (app, environment, managed-by=pulumi) as defaults.", "", [T.awsProvider, T.gcpProvider],
    (r, ctx) => {
        const missing = missingStandardTags(providerTags(r), ctx.environment);
        const key = r.type === T.awsProvider ? "defaultTags.tags" : "defaultLabels";
        return missing.length ? [say("tags-provider-defaults", r, `${key} lacks ${missing.join(", ")}`, `create the provider with ${key} = spec.tags (components/tags.ts)`)] : [];
    });

/** Applies to every aws:* and gcp:* type, so it matches by package instead of listing types. */
const tagsResource: Rule = {
    id: "tags-standard",
    description: "Every cloud resource carries the standard tags: through a tagged provider, never overriding them.",
    references: "",
    types: ["aws:*", "gcp:*"],
    scope: "resource",
    check: (r, ctx) => {
        const pkg = r.type.split(":")[0];
        return pkg === "aws" || pkg === "gcp" ? tagsResourceCheck(r, ctx) : [];
    },
};

function tagsResourceCheck(r: RuleResource, ctx: RuleContext): string[] {
    const pkg = r.type.split(":")[0];
    const own = pkg === "aws" ? obj(r.inputs.tags) : obj(r.inputs.labels);
    const providers = ctx.provider ? [ctx.provider] : ofType(ctx, pkg === "aws" ? T.awsProvider : T.gcpProvider);
    const tagged = providers.find((p) => missingStandardTags(providerTags(p), "").length === 0);
    const out: string[] = [];
    if (!tagged && missingStandardTags(own, "").length > 0) {
        out.push(say("tags-standard", r, "no tagged provider and no standard tags of its own", "create it with the stack's provider (opts.providers / parent), which has default tags"));
    }
    const defaults = tagged ? providerTags(tagged) : {};
    for (const k of STANDARD_TAGS) {
        if (str(own[k]) && str(defaults[k]) && own[k] !== defaults[k]) out.push(say("tags-standard", r, `tags.${k} = ${JSON.stringify(own[k])} overrides the default ${JSON.stringify(defaults[k])}`, `remove ${k} from its tags`));
    }
    return out;
}

const protectStateful = rule("protect-stateful-prod", "In prod every stateful resource (database, cache, bucket, EFS, registry, KMS key) has Pulumi protect: true.", "", PROTECTED_TYPES,
    (r, ctx) => !isProd(ctx) || r.protect === true ? [] : [say("protect-stateful-prod", r, "protect is not true in prod", "pass { protect: spec.protectStateful } in its resource options")]);

// ---------------------------------------------------------------- HTTPS only, per cloud (issue 19)

const DNS_T = {
    httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
    urlMap: "gcp:compute/uRLMap:URLMap",
    healthCheck: "aws:route53/healthCheck:HealthCheck",
} as const;

/** True when the stack serves HTTPS on either cloud: an ALB HTTPS listener or a GCP HTTPS proxy. */
const servesHttps = (ctx: RuleContext) => ofType(ctx, T.httpsProxy).length > 0 || ofType(ctx, ...listenerTypes).some((l) => listenerProtocol(l) === "HTTPS");

const gcpRedirect = rule("gcp-lb-http-redirect", "On a GCP load balancer that serves HTTPS, port 80 only redirects to HTTPS.", "", [DNS_T.httpProxy],
    (r, ctx) => {
        if (ofType(ctx, T.httpsProxy).length === 0) return [];
        const map = ofType(ctx, DNS_T.urlMap).find((m) => refersTo(r, "urlMap", m));
        if (!map) return [];
        return isTrue(obj(map.inputs.defaultUrlRedirect).httpsRedirect) ? []
            : [say("gcp-lb-http-redirect", r, `its URL map "${map.name}" serves content over HTTP while the load balancer has an HTTPS proxy`, "point it at a URL map with defaultUrlRedirect: { httpsRedirect: true }")];
    }, "stack");

const gcpProxyCert = rule("gcp-https-proxy-certificate", "Every GCP HTTPS proxy serves a certificate: sslCertificates or a Certificate Manager map.", "", [T.httpsProxy],
    (r) => list(r.inputs.sslCertificates).length > 0 || str(r.inputs.certificateMap) ? []
        : [say("gcp-https-proxy-certificate", r, "names neither sslCertificates nor certificateMap", "set certificateMap (DNS-authorized, gcp/certificate.ts) or sslCertificates")]);

const dnsHealthHttps = rule("dns-health-check-https", "On a stack that serves HTTPS, Route 53 health checks probe over HTTPS, so a cloud answering only HTTP counts as down.", "", [DNS_T.healthCheck],
    (r, ctx) => !servesHttps(ctx) || (str(r.inputs.type) ?? "").startsWith("HTTPS") ? []
        : [say("dns-health-check-https", r, `type is ${JSON.stringify(r.inputs.type ?? null)}`, 'set type: "HTTPS" and port: 443')], "stack");

// ---------------------------------------------------------------- GCP data tier (issue 14, branch gcp-data)

const sqlNoPublicIp = rule("gcp-sql-no-public-ip", "Cloud SQL instances have no public IPv4 address and no authorized networks: private IP only.", "CKV_GCP_60, CKV_GCP_11", [T.sqlInstance],
    (r) => {
        const ip = obj(obj(r.inputs.settings).ipConfiguration);
        const out: string[] = [];
        if (!isFalse(ip.ipv4Enabled)) out.push(say("gcp-sql-no-public-ip", r, `ipv4Enabled is ${JSON.stringify(ip.ipv4Enabled ?? "unset (true)")}`, "set settings.ipConfiguration.ipv4Enabled: false and privateNetwork to the VPC"));
        if (list(ip.authorizedNetworks).length > 0) out.push(say("gcp-sql-no-public-ip", r, "has authorizedNetworks", "remove them; clients connect over the VPC"));
        return out;
    });

const SQL_TLS_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

const sqlSsl = rule("gcp-sql-ssl-required", "Cloud SQL instances accept only TLS connections.", "CKV_GCP_6", [T.sqlInstance],
    (r) => {
        const mode = str(obj(obj(r.inputs.settings).ipConfiguration).sslMode);
        return mode && SQL_TLS_MODES.includes(mode) ? [] : [say("gcp-sql-ssl-required", r, `sslMode is ${mode ?? "unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)"}`, 'set settings.ipConfiguration.sslMode: "ENCRYPTED_ONLY"')];
    });

const sqlBackups = rule("gcp-sql-backups", "Cloud SQL takes automated backups; in prod with point-in-time recovery and deletion protection.", "CKV_GCP_14", [T.sqlInstance],
    (r, ctx) => {
        const settings = obj(r.inputs.settings);
        const backup = obj(settings.backupConfiguration);
        const out: string[] = [];
        if (!isTrue(backup.enabled)) out.push(say("gcp-sql-backups", r, "automated backups are off", "set settings.backupConfiguration.enabled: true (database.backupRetentionDays >= 1)"));
        if (isProd(ctx) && !isTrue(backup.pointInTimeRecoveryEnabled)) out.push(say("gcp-sql-backups", r, "point-in-time recovery is off in prod", "set backupConfiguration.pointInTimeRecoveryEnabled: true"));
        if (isProd(ctx) && !(isTrue(r.inputs.deletionProtection) && isTrue(settings.deletionProtectionEnabled))) out.push(say("gcp-sql-backups", r, "deletion protection is off in prod", "set deletionProtection and settings.deletionProtectionEnabled: true"));
        return out;
    });

const redisAuth = rule("gcp-redis-auth", "Memorystore for Redis requires AUTH.", "CKV_GCP_95", [T.memorystore],
    (r) => (isTrue(r.inputs.authEnabled) ? [] : [say("gcp-redis-auth", r, "authEnabled is not true", "set authEnabled: true and read the AUTH string from Secret Manager")]));

const redisTls = rule("gcp-redis-tls", "Memorystore for Redis encrypts traffic in transit.", "CKV_GCP_97", [T.memorystore],
    (r) => (str(r.inputs.transitEncryptionMode) === "SERVER_AUTHENTICATION" ? [] : [say("gcp-redis-tls", r, `transitEncryptionMode is ${str(r.inputs.transitEncryptionMode) ?? "unset (DISABLED)"}`, 'set transitEncryptionMode: "SERVER_AUTHENTICATION"')]));

const gcsNotPublic = rule("gcp-gcs-not-public", "Cloud Storage buckets enforce public access prevention and uniform bucket-level access, and no IAM grant or ACL names allUsers / allAuthenticatedUsers.", "CKV_GCP_114, CKV_GCP_29, CKV_GCP_28",
    [T.gcsBucket, T.gcsIamMember, T.gcsIamBinding, T.gcsAccessControl, T.gcsDefaultAcl],
    (r) => {
        if (r.type === T.gcsBucket) {
            const out: string[] = [];
            if (str(r.inputs.publicAccessPrevention) !== "enforced") out.push(say("gcp-gcs-not-public", r, `publicAccessPrevention is ${str(r.inputs.publicAccessPrevention) ?? "unset (inherited)"}`, 'set publicAccessPrevention: "enforced" (serve public files through a CDN backend bucket with signed URLs)'));
            if (!isTrue(r.inputs.uniformBucketLevelAccess)) out.push(say("gcp-gcs-not-public", r, "uniformBucketLevelAccess is not true (object ACLs can make objects public)", "set uniformBucketLevelAccess: true"));
            return out;
        }
        const members = [...list(r.inputs.members), ...(r.inputs.member === undefined ? [] : [r.inputs.member]), ...(r.inputs.entity === undefined ? [] : [r.inputs.entity])].map(String);
        const pub = members.filter((m) => PUBLIC_MEMBERS.includes(m));
        return pub.length ? [say("gcp-gcs-not-public", r, `grants bucket access to ${pub.join(", ")}`, "remove the public member; grant roles to service accounts")] : [];
    });

const PROJECT_IAM = [T.projectIamMember, T.projectIamBinding, T.projectIamPolicy];

/** The roles of a project IAM resource: `role` of a member/binding, every binding's role of a policy. */
function projectRoles(r: RuleResource): string[] {
    if (r.type === T.projectIamPolicy) return list(obj(r.inputs.policyData).bindings).map((b) => str(obj(b).role)).filter((x): x is string => !!x);
    const role = str(r.inputs.role);
    return role ? [role] : [];
}

const noProjectSecretAccessor = rule("gcp-no-project-secret-accessor", "Secret Manager access is granted per secret, never on the whole project.", "", PROJECT_IAM,
    (r) => (projectRoles(r).some((role) => role === "roles/secretmanager.secretAccessor" || role === "roles/secretmanager.admin")
        ? [say("gcp-no-project-secret-accessor", r, "grants a Secret Manager role on the whole project", "grant roles/secretmanager.secretAccessor on each secret the identity reads (gcp.secretmanager.SecretIamMember)")]
        : []));

const PRIMITIVE_ROLES = ["roles/owner", "roles/editor", "roles/viewer"];
const IAM_WITH_ROLE = [...PROJECT_IAM, T.gcsIamMember, T.gcsIamBinding, T.runIamMember, T.runIamBinding, "gcp:secretmanager/secretIamMember:SecretIamMember", "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"];

const noPrimitiveRoles = rule("gcp-no-primitive-roles", "No GCP IAM grant uses a basic (primitive) role: roles/owner, roles/editor, roles/viewer.", "CKV_GCP_117", IAM_WITH_ROLE,
    (r) => {
        const bad = (r.type === T.projectIamPolicy ? projectRoles(r) : [str(r.inputs.role) ?? ""]).filter((role) => PRIMITIVE_ROLES.includes(role));
        return bad.length ? [say("gcp-no-primitive-roles", r, `grants ${bad.join(", ")}`, "grant the predefined role the identity needs (e.g. roles/cloudsql.client, roles/storage.objectUser)")] : [];
    });

/** The GCP data tier's rules, appended to RULES. */
const GCP_DATA_RULES: readonly Rule[] = [sqlNoPublicIp, sqlSsl, sqlBackups, redisAuth, redisTls, gcsNotPublic, noProjectSecretAccessor, noPrimitiveRoles];
// ---------------------------------------------------------------- jobs and schedules


const schedulerNoPublicIp = rule("aws-scheduler-no-public-ip", "Scheduled ECS tasks get no public IP address.", "", [T.schedule],
    (r) => {
        const net = obj(obj(obj(r.inputs.target).ecsParameters).networkConfiguration);
        return isTrue(net.assignPublicIp) ? [say("aws-scheduler-no-public-ip", r, "target.ecsParameters.networkConfiguration.assignPublicIp is true", "set assignPublicIp: false; jobs run in private subnets")] : [];
    });

const runTaskScoped = rule("aws-run-task-scoped", "A role that may run ECS tasks names the task definitions (no *), and passes only named roles, only to ECS tasks.", "", [T.rolePolicy],
    (r) => {
        const out: string[] = [];
        for (const st of statementsOf(r)) {
            const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
            const actions = asList(st.Action);
            const resources = asList(st.Resource);
            if (actions.some((a) => a === "ecs:RunTask" || a === "ecs:*" || a === "*") && resources.some((x) => x.includes("*"))) {
                out.push(say("aws-run-task-scoped", r, `ecs:RunTask on ${resources.join(", ")}`, "name the task definition ARN of the job"));
            }
            if (actions.some((a) => a === "iam:PassRole" || a === "iam:*" || a === "*")) {
                if (resources.some((x) => x.includes("*"))) out.push(say("aws-run-task-scoped", r, `iam:PassRole on ${resources.join(", ")}`, "name the job's execution and task role ARNs"));
                if (!obj(obj(st.Condition).StringEquals)["iam:PassedToService"]) out.push(say("aws-run-task-scoped", r, "iam:PassRole without an iam:PassedToService condition", 'add Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }'));
            }
        }
        return out;
    });

const runInvokerNotProjectWide = rule("gcp-run-invoker-scoped", "Cloud Run invoke rights are granted on one service or job, never project-wide.", "", [T.projectIamMember],
    (r) => ["roles/run.invoker", "roles/run.developer", "roles/run.admin"].includes(String(r.inputs.role))
        ? [say("gcp-run-invoker-scoped", r, `${String(r.inputs.role)} on the whole project`, "grant it on the job (cloudrunv2.JobIamMember) or service instead")] : []);

// ---------------------------------------------------------------- the list

export const RULES: readonly Rule[] = [
    rdsEncrypted, rdsNotPublic, rdsBackups, rdsDeletionProtection, rdsFinalSnapshot, rdsCredentials, rdsPiEncrypted,
    cacheAtRest, cacheInTransit, cacheAuth, cacheBackups,
    albDropHeaders, albRedirect, albTls,
    sgWorld, sgAllPorts,
    s3PublicAccess, s3Encryption, s3LogVersioning, s3TlsOnly, prodRetain,
    ecrScan, ecrImmutable, ecrLifecycle,
    logRetention,
    ecsPrivileged, ecsReadonly, ecsPlainSecrets, ecsLogging, ecsPublicIp, ecsInsights,
    imdsv2, efsEncrypted, kmsRotation, secretRecovery, cloudfrontHttps,
    runIngress, runNoPublicInternal, gcpTls, arCleanup,
    tagsProvider, tagsResource, protectStateful,
    ...GCP_DATA_RULES,
    ...HARDENING_RULES,
    gcpRedirect, gcpProxyCert, dnsHealthHttps,
    schedulerNoPublicIp, runTaskScoped, runInvokerNotProjectWide,
];

/** HTTPS only, per cloud (the one-domain-over-both-clouds issue); part of RULES, listed for the domain tests. */
export const HTTPS_PER_CLOUD_RULES: readonly Rule[] = [gcpRedirect, gcpProxyCert, dnsHealthHttps];


/** One violation found by `evaluate`. */
export interface Violation {
    rule: string;
    urn: string;
    message: string;
    /** mandatory fails the pack; advisory (an advisory rule, or a declared opt-out) is reported only. */
    level: "mandatory" | "advisory";
}

/** How a rule's violations count in this stack: a declared opt-out makes them advisory. */
export function levelOf(rl: Rule, ctx: Pick<RuleContext, "optOuts">): Violation["level"] {
    if (rl.optOut && ctx.optOuts?.[rl.optOut] === true) return "advisory";
    return rl.enforcement ?? "mandatory";
}

/** Runs every rule over every resource of a stack. */
export function evaluate(resources: readonly RuleResource[], context: Omit<RuleContext, "resources">, rules: readonly Rule[] = RULES): Violation[] {
    const ctx: RuleContext = { ...context, resources };
    return rules.flatMap((rl) => {
        const level = levelOf(rl, ctx);
        return resources.flatMap((r) => rl.check(r, ctx).map((message) => ({ rule: rl.id, urn: r.urn, message, level })));
    });
}
