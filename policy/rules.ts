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
    isTrue, list, num, obj, ofType, refsOf, str, WORLD_V4, WORLD_V6,
    type RuleContext, type RuleResource,
} from "./helpers";

export type { RuleContext, RuleResource } from "./helpers";

export interface Rule {
    /** Stable id, used as the CrossGuard policy name. */
    readonly id: string;
    /** What the rule requires, one sentence. */
    readonly description: string;
    /** Matching public checks (checkov CKV_*, trivy AVD-*, AWS FSBP control), "" when none. */
    readonly references: string;
    /** Type tokens the rule looks at. */
    readonly types: readonly string[];
    /** "stack" when the rule needs the other resources of the stack (CrossGuard stack policy). */
    readonly scope: "resource" | "stack";
    /** Violation messages for `resource` (empty when compliant). */
    readonly check: (resource: RuleResource, context: RuleContext) => string[];
}

// ---------------------------------------------------------------- type tokens

export const T = {
    rdsInstance: "aws:rds/instance:Instance",
    rdsCluster: "aws:rds/cluster:Cluster",
    cacheGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    alb: "aws:alb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    ecr: "aws:ecr/repository:Repository",
    ecrLifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    ecsService: "aws:ecs/service:Service",
    ecsCluster: "aws:ecs/cluster:Cluster",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    efs: "aws:efs/fileSystem:FileSystem",
    kmsKey: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    cloudfront: "aws:cloudfront/distribution:Distribution",
    runService: "gcp:cloudrunv2/service:Service",
    runIamMember: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    runIamBinding: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    runIamPolicy: "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    regionSslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
    httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    arRepo: "gcp:artifactregistry/repository:Repository",
    gcsBucket: "gcp:storage/bucket:Bucket",
    sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
    memorystore: "gcp:redis/instance:Instance",
    gcpKmsKey: "gcp:kms/cryptoKey:CryptoKey",
    gcpSecret: "gcp:secretmanager/secret:Secret",
    awsProvider: "pulumi:providers:aws",
    gcpProvider: "pulumi:providers:gcp",
} as const;

/** Stateful types that get Pulumi `protect: true` and cloud-side deletion protection in prod. */
export const PROTECTED_TYPES: readonly string[] = [
    T.rdsInstance, T.rdsCluster, T.cacheGroup, T.cacheCluster, T.bucket, T.bucketV2, T.efs, T.ecr, T.kmsKey,
    T.arRepo, T.gcsBucket, T.sqlInstance, T.memorystore, T.gcpKmsKey,
];

/** Types whose replacement loses data or history: the URN snapshot test names these. */
export const STATEFUL_TYPES: readonly string[] = [...PROTECTED_TYPES, T.secret, T.gcpSecret, T.logGroup];

const STANDARD_TAGS = ["app", "environment", "managed-by"] as const;

// ---------------------------------------------------------------- message helpers

/** "rule-id: type "name": problem; fix: what to change" — enough to find and fix the line. */
function say(id: string, r: RuleResource, problem: string, fix: string): string {
    return `${id}: ${r.type} "${r.name}": ${problem}; fix: ${fix}`;
}

const isProd = (ctx: RuleContext) => ctx.environment === "prod";

function rule(
    id: string, description: string, references: string, types: readonly string[],
    check: Rule["check"], scope: Rule["scope"] = "resource",
): Rule {
    return { id, description, references, types, scope, check: (r, ctx) => (types.includes(r.type) ? check(r, ctx) : []) };
}

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

const listenerProtocol = (r: RuleResource) => (str(r.inputs.protocol) ?? (num(r.inputs.port) === 443 ? "HTTPS" : "HTTP")).toUpperCase();

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

interface IngressEntry { protocol: string; from?: number; to?: number; cidrs: string[]; label: string }

/** Ingress of a SecurityGroup (inline), a SecurityGroupIngressRule or an ingress SecurityGroupRule, in one shape. */
function ingressOf(r: RuleResource): IngressEntry[] {
    const i = r.inputs;
    if (r.type === T.sg || r.type === T.defaultSg) {
        return list(i.ingress).map(obj).map((e, k) => ({
            protocol: String(e.protocol ?? "tcp"), from: num(e.fromPort), to: num(e.toPort),
            cidrs: [...list(e.cidrBlocks), ...list(e.ipv6CidrBlocks)].map(String), label: `ingress[${k}]`,
        }));
    }
    if (r.type === T.sgIngress) {
        return [{ protocol: String(i.ipProtocol ?? "tcp"), from: num(i.fromPort), to: num(i.toPort), cidrs: [i.cidrIpv4, i.cidrIpv6].filter((c): c is string => typeof c === "string"), label: "rule" }];
    }
    if (r.type === T.sgRule && i.type === "ingress") {
        return [{ protocol: String(i.protocol ?? "tcp"), from: num(i.fromPort), to: num(i.toPort), cidrs: [...list(i.cidrBlocks), ...list(i.ipv6CidrBlocks)].map(String), label: "rule" }];
    }
    return [];
}

const allProtocols = (p: string) => p === "-1" || p.toLowerCase() === "all";
const allPorts = (e: IngressEntry) => allProtocols(e.protocol) || ((e.from ?? 0) <= 1 && (e.to ?? 65535) >= 65535 && ["tcp", "udp", "6", "17"].includes(e.protocol.toLowerCase()));

/** The security group an ingress belongs to: itself, or the one its securityGroupId names. */
function groupOf(r: RuleResource, ctx: RuleContext): RuleResource | undefined {
    if (r.type === T.sg) return r;
    const id = str(r.inputs.securityGroupId);
    return id ? ofType(ctx, T.sg).find((g) => refsOf(g).has(id)) : undefined;
}

/** True when the group is attached to a load balancer, or when the stack does not let us tell. */
function isLoadBalancerGroup(group: RuleResource | undefined, ctx: RuleContext): boolean {
    const lbGroups = new Set(ofType(ctx, ...lbTypes).flatMap((lb) => list(lb.inputs.securityGroups).map(String)));
    const groups = ofType(ctx, T.sg);
    const linkable = groups.some((g) => [...refsOf(g)].some((ref) => lbGroups.has(ref)));
    if (!linkable) return true;
    return !!group && [...refsOf(group)].some((ref) => lbGroups.has(ref));
}

const sgWorld = rule("aws-sg-no-world-ingress", "No security group admits 0.0.0.0/0 or ::/0, except a load balancer's group on TCP 80/443.", "CKV_AWS_260, CKV_AWS_24, CKV_AWS_25, AVD-AWS-0107, FSBP EC2.18", [T.sg, T.defaultSg, T.sgIngress, T.sgRule],
    (r, ctx) => ingressOf(r).filter((e) => e.cidrs.some((c) => c === WORLD_V4 || c === WORLD_V6)).flatMap((e) => {
        const webPort = ["tcp", "6"].includes(e.protocol.toLowerCase()) && e.from !== undefined && e.from === e.to && (e.from === 80 || e.from === 443);
        if (webPort && isLoadBalancerGroup(groupOf(r, ctx), ctx)) return [];
        const what = webPort ? "admits the internet on a web port but is not a load balancer's group" : `admits the internet on ${e.protocol} ${e.from ?? "*"}-${e.to ?? "*"}`;
        return [say("aws-sg-no-world-ingress", r, `${e.label} ${what}`, "admit the load balancer's or the service's security group (referencedSecurityGroupId / securityGroups) instead of a world CIDR")];
    }), "stack");

const sgAllPorts = rule("aws-sg-no-all-ports", "No security group ingress is open on all ports or all protocols.", "CKV_AWS_277", [T.sg, T.defaultSg, T.sgIngress, T.sgRule],
    (r) => ingressOf(r).filter(allPorts).map((e) => say("aws-sg-no-all-ports", r, `${e.label} allows every port (protocol ${e.protocol}, ports ${e.from ?? "*"}-${e.to ?? "*"})`, "admit only the service's port (fromPort = toPort = port, protocol tcp)")));

// ---------------------------------------------------------------- S3

const bucketTypes = [T.bucket, T.bucketV2];

/** The configuration resources of `types` that target this bucket. */
function configsFor(bucket: RuleResource, ctx: RuleContext, ...types: string[]): RuleResource[] {
    const refs = refsOf(bucket);
    return ofType(ctx, ...types).filter((c) => refs.has(String(c.inputs.bucket ?? "")));
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
        const refs = refsOf(r);
        const has = ofType(ctx, T.ecrLifecycle).some((p) => refs.has(String(p.inputs.repository ?? "")));
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

const ecsReadonly = rule("aws-ecs-readonly-root", "Containers of services that ask for a read-only root file system get it; none sets a non-boolean value.", "CKV_AWS_336, FSBP ECS.5", [T.taskDef],
    (r, ctx) => containersOf(r).flatMap((c) => {
        const ro = c.readonlyRootFilesystem;
        if (ro !== undefined && typeof ro !== "boolean") return [say("aws-ecs-readonly-root", r, `container "${String(c.name)}" has readonlyRootFilesystem ${JSON.stringify(ro)}`, "use a boolean")];
        if (ctx.readonlyRootServices?.has(String(c.name)) && ro !== true) return [say("aws-ecs-readonly-root", r, `container "${String(c.name)}" has a writable root although its service sets readonlyRootFilesystem`, "pass readonlyRootFilesystem: true into the container definition")];
        return [];
    }));

/** Names that hold secrets, unless they only point at one (…_ARN, …_FILE, …). */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)(_|$)/i;
const POINTER_NAME = /_(ARN|NAME|ID|FILE|PATH|HOST|PORT|ENDPOINT|TTL|LENGTH|EXPIRES?(_[A-Z]+)?|MINUTES|SECONDS|URL)$/i;
/** Values that are secrets whatever their name: AWS access keys, PEM keys, URLs with a password, password=… */
export const SECRET_VALUE = /AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/\s:@]+:[^/\s@]+@|(password|passwd|secret)=[^&\s]+/i;

const ecsPlainSecrets = rule("aws-ecs-no-plaintext-secrets", "No secret in plain container environment variables (use `secrets` from Secrets Manager).", "AVD-AWS-0036, FSBP ECS.8", [T.taskDef],
    (r) => containersOf(r).flatMap((c) => list(c.environment).map(obj).flatMap((e) => {
        const name = String(e.name ?? "");
        const value = e.value === undefined || e.value === null ? "" : String(e.value);
        if (value === "" || value === "true" || value === "false") return [];
        if (SECRET_VALUE.test(value) || (SECRET_NAME.test(name) && !POINTER_NAME.test(name))) {
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
        const service = target ? ofType(ctx, T.runService).find((s) => refsOf(s).has(target) || target.endsWith(`/${String(s.inputs.name ?? "")}`)) : undefined;
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

// ---------------------------------------------------------------- jobs and schedules

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const GCP_PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";

const schedulerNoPublicIp = rule("aws-scheduler-no-public-ip", "Scheduled ECS tasks get no public IP address.", "", [SCHEDULE],
    (r) => {
        const net = obj(obj(obj(r.inputs.target).ecsParameters).networkConfiguration);
        return isTrue(net.assignPublicIp) ? [say("aws-scheduler-no-public-ip", r, "target.ecsParameters.networkConfiguration.assignPublicIp is true", "set assignPublicIp: false; jobs run in private subnets")] : [];
    });

/** Statements of an inline policy given as JSON text or an object. */
function statementsOf(policy: unknown): Record<string, unknown>[] {
    let doc: unknown = policy;
    if (typeof policy === "string") {
        try {
            doc = JSON.parse(policy);
        } catch {
            return [];
        }
    }
    const st = obj(doc).Statement;
    return (Array.isArray(st) ? st : [st]).map(obj);
}

const runTaskScoped = rule("aws-run-task-scoped", "A role that may run ECS tasks names the task definitions (no *), and passes only named roles, only to ECS tasks.", "", [ROLE_POLICY],
    (r) => {
        const out: string[] = [];
        for (const st of statementsOf(r.inputs.policy)) {
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

const runInvokerNotProjectWide = rule("gcp-run-invoker-scoped", "Cloud Run invoke rights are granted on one service or job, never project-wide.", "", [GCP_PROJECT_MEMBER],
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
    schedulerNoPublicIp, runTaskScoped, runInvokerNotProjectWide,
];

/** One violation found by `evaluate`. */
export interface Violation {
    rule: string;
    urn: string;
    message: string;
}

/** Runs every rule over every resource of a stack. */
export function evaluate(resources: readonly RuleResource[], context: Omit<RuleContext, "resources">, rules: readonly Rule[] = RULES): Violation[] {
    const ctx: RuleContext = { ...context, resources };
    return rules.flatMap((rl) => resources.flatMap((r) => rl.check(r, ctx).map((message) => ({ rule: rl.id, urn: r.urn, message }))));
}
