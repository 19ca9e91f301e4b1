/**
 * The one table of provider limits the program respects: name rules, enums and version
 * families, size combinations and per-resource quotas, each with its documentation source.
 * Validation (stacks/checks/limits.ts) refuses configs that would break them, the property test
 * (test/limits-property.test.ts) checks every planned resource input against the same rows,
 * and docs/limits.md is generated from here (scripts/limits-doc.ts). No Pulumi imports.
 */

/** A physical-name rule of one resource type. */
export interface NameRule {
    /** Fewest characters. @default 1 */
    min?: number;
    /** Most characters. */
    max: number;
    /** The allowed form. */
    pattern: RegExp;
    /** The allowed form in words. */
    allowed: string;
    /** Prefixes the provider reserves. */
    prefixes?: readonly string[];
    /** Suffixes the provider reserves. */
    suffixes?: readonly string[];
    /** Two hyphens in a row are refused. */
    noDoubleHyphen?: boolean;
}

export interface Limit {
    /** Stable id, also used in messages: `aws.alb.name`. */
    readonly id: string;
    readonly cloud: "aws" | "gcp";
    /** What it constrains, in words. */
    readonly what: string;
    /** The limit in words. */
    readonly rule: string;
    /** The number, for quotas and sizes. */
    readonly value?: number;
    /** Quotas only: raised on request (a warning when exceeded) or fixed (an error). */
    readonly adjustable?: boolean;
    /** For name rows: the rule applied to planned names. */
    readonly name?: NameRule;
    /** Documentation URL or title. */
    readonly source: string;
    /** Where the program enforces it (config validation unless said otherwise). */
    readonly enforced?: string;
}

const LB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const RDS_NAME = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const RFC1035 = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;

const ELB_API = "Elastic Load Balancing API Reference, CreateLoadBalancer / CreateTargetGroup (Name)";
const ELB_QUOTAS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html";
const S3_NAMING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
const CLOUD_RUN_CONTRACT = "https://cloud.google.com/run/docs/container-contract#env-vars";

const rows: Limit[] = [
    // --- names
    { id: "aws.alb.name", cloud: "aws", what: "Application Load Balancer name", rule: "1-32 letters, digits, hyphens; no hyphen at either end; must not start with internal-", source: ELB_API,
        name: { max: 32, pattern: LB_NAME, allowed: "letters, digits and hyphens, no hyphen at either end", prefixes: ["internal-"] } },
    { id: "aws.targetGroup.name", cloud: "aws", what: "Target group name", rule: "1-32 letters, digits, hyphens; no hyphen at either end", source: ELB_API,
        name: { max: 32, pattern: LB_NAME, allowed: "letters, digits and hyphens, no hyphen at either end" } },
    { id: "aws.securityGroup.name", cloud: "aws", what: "Security group name", rule: "up to 255 characters; must not start with sg-", source: "Amazon EC2 API Reference, CreateSecurityGroup (GroupName)",
        name: { max: 255, pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*", prefixes: ["sg-"] } },
    { id: "aws.s3.bucket", cloud: "aws", what: "S3 bucket name", rule: "3-63 lowercase letters, digits, dots, hyphens; no reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)", source: S3_NAMING,
        name: { min: 3, max: 63, pattern: /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/, allowed: "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
            prefixes: ["xn--", "sthree-", "amzn-s3-demo-"], suffixes: ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] } },
    { id: "aws.rds.identifier", cloud: "aws", what: "RDS DB instance identifier", rule: "1-63 letters, digits, hyphens; starts with a letter; no two hyphens in a row; no trailing hyphen", source: "Amazon RDS API Reference, CreateDBInstance (DBInstanceIdentifier)",
        name: { max: 63, pattern: RDS_NAME, allowed: "letters, digits and hyphens, starting with a letter", noDoubleHyphen: true } },
    { id: "aws.rds.parameterGroup", cloud: "aws", what: "RDS DB parameter group name", rule: "1-255 letters, digits, hyphens; starts with a letter; no two hyphens in a row; no trailing hyphen", source: "Amazon RDS API Reference, CreateDBParameterGroup (DBParameterGroupName)",
        name: { max: 255, pattern: RDS_NAME, allowed: "letters, digits and hyphens, starting with a letter", noDoubleHyphen: true } },
    { id: "aws.elasticache.replicationGroupId", cloud: "aws", what: "ElastiCache replication group id", rule: "1-40 letters, digits, hyphens; starts with a letter; no two hyphens in a row; no trailing hyphen", source: "Amazon ElastiCache API Reference, CreateReplicationGroup (ReplicationGroupId)",
        name: { max: 40, pattern: RDS_NAME, allowed: "letters, digits and hyphens, starting with a letter", noDoubleHyphen: true } },
    { id: "aws.elasticache.parameterGroup", cloud: "aws", what: "ElastiCache parameter group name", rule: "1-255 letters, digits, hyphens; starts with a letter; no two hyphens in a row; no trailing hyphen (no dots: family redis6.x becomes redis6-x)", source: "Amazon ElastiCache API Reference, CreateCacheParameterGroup (CacheParameterGroupName)",
        name: { max: 255, pattern: RDS_NAME, allowed: "letters, digits and hyphens, starting with a letter", noDoubleHyphen: true } },
    { id: "aws.ecr.repository", cloud: "aws", what: "ECR repository name", rule: "2-256 lowercase letters, digits, and single . _ - / separators (so no two hyphens in a row)", source: "Amazon ECR API Reference, CreateRepository (repositoryName)",
        name: { min: 2, max: 256, pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, allowed: "lowercase letters and digits with single . _ - or / between them", noDoubleHyphen: true } },
    { id: "aws.iam.role", enforced: "by construction (schema name patterns) and the property test", cloud: "aws", what: "IAM role name", rule: "1-64 letters, digits and +=,.@_-", source: "IAM User Guide, IAM and AWS STS quotas (name requirements)",
        name: { max: 64, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and +=,.@_-" } },
    { id: "aws.cloudwatch.alarmName", enforced: "characters by construction; uniqueness by stacks/checks/limits.ts and the property test", cloud: "aws", what: "CloudWatch alarm name", rule: "1-255 characters, unique per account and region", source: "Amazon CloudWatch API Reference, PutMetricAlarm (AlarmName)",
        name: { max: 255, pattern: /^\P{Cc}+$/u, allowed: "printable characters" } },
    { id: "aws.secretsmanager.name", enforced: "by construction (schema name patterns) and the property test", cloud: "aws", what: "Secrets Manager secret name", rule: "1-512 letters, digits and /_+=.@-", source: "AWS Secrets Manager API Reference, CreateSecret (Name)",
        name: { max: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, allowed: "letters, digits and /_+=.@-" } },
    { id: "aws.ecs.name", cloud: "aws", what: "ECS cluster, service and task definition family names", rule: "1-255 letters, digits, hyphens, underscores", source: "Amazon ECS API Reference, CreateCluster / RegisterTaskDefinition (family)",
        name: { max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores" } },
    { id: "aws.logs.logGroup", enforced: "by construction (schema name patterns) and the property test", cloud: "aws", what: "CloudWatch Logs log group name", rule: "1-512 letters, digits and ._-/#", source: "Amazon CloudWatch Logs API Reference, CreateLogGroup (logGroupName)",
        name: { max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: "letters, digits and ._-/#" } },
    { id: "aws.efs.accessPointPath", cloud: "aws", what: "EFS access point root directory", rule: "1-100 characters, \"/\" or up to four levels, no trailing slash, no level starting with \".\", none of $#<>;`|&?{}^*", source: "https://docs.aws.amazon.com/efs/latest/ug/API_RootDirectory.html",
        name: { max: 100, pattern: /^(\/|(\/(?!\.)[^$#<>;`|&?{}^*/\n]+){1,4})$/, allowed: "\"/\" or up to four levels such as /data/app, no trailing slash, no level starting with \".\"" } },
    { id: "gcp.name", enforced: "by construction (schema name patterns) and the property test", cloud: "gcp", what: "Compute Engine and most GCP resource names", rule: "RFC 1035: 1-63 lowercase letters, digits, hyphens; starts with a letter; no trailing hyphen", source: "https://cloud.google.com/compute/docs/naming-resources",
        name: { max: 63, pattern: RFC1035, allowed: "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen" } },
    { id: "gcp.cloudRun.name", cloud: "gcp", what: "Cloud Run service / worker pool name", rule: "1-49 lowercase letters, digits, hyphens; starts with a letter; no trailing hyphen", source: "https://cloud.google.com/run/docs/deploying#service-name",
        name: { max: 49, pattern: RFC1035, allowed: "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen" } },
    { id: "gcp.serviceAccount.id", cloud: "gcp", what: "Service account id", rule: "6-30 lowercase letters, digits, hyphens; starts with a letter; no trailing hyphen", source: "IAM API Reference, projects.serviceAccounts.create (accountId)",
        name: { min: 6, max: 30, pattern: RFC1035, allowed: "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen" } },
    { id: "gcp.vpcConnector.name", cloud: "gcp", what: "Serverless VPC Access connector name", rule: "1-25 lowercase letters, digits, hyphens; starts with a letter", source: "https://cloud.google.com/vpc/docs/configure-serverless-vpc-access",
        name: { max: 25, pattern: RFC1035, allowed: "lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen" } },
    { id: "gcp.secret.id", enforced: "by construction (schema name patterns) and the property test", cloud: "gcp", what: "Secret Manager secret id", rule: "1-255 letters, digits, hyphens, underscores", source: "Secret Manager API Reference, projects.secrets.create (secretId)",
        name: { max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores" } },

    // --- tags
    { id: "aws.tag.key", cloud: "aws", what: "Tag key", rule: "1-128 Unicode letters, digits, spaces and _.:/=+-@; must not start with aws: (reserved for AWS)", value: 128, source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (Tag naming limits and requirements)" },
    { id: "aws.tag.value", cloud: "aws", what: "Tag value", rule: "0-256 Unicode letters, digits, spaces and _.:/=+-@", value: 256, source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html" },
    { id: "aws.tag.count", cloud: "aws", what: "Tags per resource", rule: "50 tags per resource, the program's up to 4 standard tags included", value: 50, source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html" },
    { id: "gcp.label.count", cloud: "gcp", what: "Labels per resource", rule: "64 labels per resource (tags become labels, lowercased)", value: 64, source: "https://cloud.google.com/resource-manager/docs/labels-overview#requirements" },
    { id: "gcp.label.distinct", cloud: "gcp", what: "Label keys", rule: "tags whose keys differ only in case or punctuation become the same label key", source: "https://cloud.google.com/resource-manager/docs/labels-overview#requirements" },

    // --- enums, versions, families
    { id: "aws.rds.instanceClass", cloud: "aws", what: "RDS instance class", rule: "a current-generation class listed in components/catalog.ts", source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html" },
    { id: "aws.rds.version", cloud: "aws", what: "RDS for PostgreSQL version", rule: "major 13-17 (\"16\" or \"16.4\"); parameter group family postgres<major>", source: "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html" },
    { id: "aws.elasticache.nodeType", cloud: "aws", what: "ElastiCache node type", rule: "a current-generation node type listed in components/catalog.ts", source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html" },
    { id: "aws.elasticache.version", cloud: "aws", what: "ElastiCache Redis OSS version", rule: "6.0, 6.2, 7.0 or 7.1: Redis 6 and later take <major>.<minor>; family redis6.x for 6, redis7 for 7", source: "Pulumi aws.elasticache.ReplicationGroup engineVersion; ElastiCache API Reference, CacheEngineVersion (CacheParameterGroupFamily)" },
    { id: "aws.ec2.instanceType", cloud: "aws", what: "EC2 instance type for ECS container instances", rule: "a type listed in components/catalog.ts", source: "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html" },

    // --- sizes and combinations
    { id: "aws.rds.maxAllocatedStorage", cloud: "aws", what: "RDS storage autoscaling ceiling", rule: "at least 10 % above the allocated storage (the default is max(100, 126 % of it), the 26 % AWS recommends); at most 65536 GiB", source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html" },
    { id: "aws.ecs.containerHealthCheck", cloud: "aws", what: "ECS container health check", rule: "timeout 2-60 s, interval 5-300 s, retries 1-10, start period 0-300 s", source: "Amazon ECS API Reference, HealthCheck" },
    { id: "aws.alb.healthCheck", enforced: "stacks/schema.ts (2-120, 5-300) and stacks/validate.ts (timeout below interval)", cloud: "aws", what: "ALB target group health check", rule: "timeout 2-120 s, interval 5-300 s, timeout below interval", source: "Elastic Load Balancing API Reference, CreateTargetGroup (HealthCheckTimeoutSeconds)" },
    { id: "aws.s3.lifecycle", cloud: "aws", what: "S3 lifecycle rule", rule: "transition to STANDARD_IA after 30 days at the earliest; expiration after the transition day", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html" },
    { id: "aws.acm.domainName", cloud: "aws", what: "ACM certificate first domain name", rule: "at most 64 characters (it is the certificate's CN); other names up to 253", value: 64, source: "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html" },
    { id: "gcp.cloudRun.size", cloud: "gcp", what: "Cloud Run CPU and memory", rule: "CPU 1, 2, 4, 6 or 8 (fractions need the first generation; services here run on the second); memory 512Mi-4Gi with 1 CPU, up to 8Gi with 2, 2-16Gi with 4, 4-24Gi with 6, 4-32Gi with 8", source: "https://cloud.google.com/run/docs/configuring/services/cpu; https://cloud.google.com/run/docs/configuring/services/memory-limits" },
    { id: "gcp.cloudRun.reservedEnv", cloud: "gcp", what: "Cloud Run environment variable names", rule: "PORT, K_SERVICE, K_REVISION, K_CONFIGURATION, CLOUD_RUN_JOB, CLOUD_RUN_EXECUTION, CLOUD_RUN_TASK_INDEX, CLOUD_RUN_TASK_ATTEMPT, CLOUD_RUN_TASK_COUNT, CLOUD_RUN_WORKER_POOL and CLOUD_RUN_WORKER_POOL_REVISION are set by Cloud Run", source: CLOUD_RUN_CONTRACT },
    { id: "gcp.managedCertificate", cloud: "gcp", what: "Google-managed SSL certificate", rule: "no wildcard names; at most 100 names", value: 100, source: "https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs" },

    // --- quotas
    { id: "aws.securityGroup.inboundRules", cloud: "aws", what: "Inbound rules per security group", rule: "60 (the same again for outbound)", value: 60, adjustable: true, source: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups" },
    { id: "aws.acm.namesPerCertificate", cloud: "aws", what: "Domain names per ACM certificate", rule: "10 by default, raised on request", value: 10, adjustable: true, source: "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html" },
    { id: "gcp.serviceAccounts", cloud: "gcp", what: "Service accounts per project", rule: "100 by default (one per Cloud Run service here)", value: 100, adjustable: true, source: "https://cloud.google.com/iam/quotas" },
    { id: "aws.alb.targetGroups", cloud: "aws", what: "Target groups per Application Load Balancer", rule: "100", value: 100, adjustable: false, source: ELB_QUOTAS, enforced: "stacks/checks/scale.ts (service counts) and the property test" },
    { id: "aws.alb.rules", cloud: "aws", what: "Listener rules per Application Load Balancer (not counting default rules)", rule: "100", value: 100, adjustable: true, source: ELB_QUOTAS, enforced: "stacks/checks/scale.ts (service counts) and the property test" },
];

/** Every limit, by id. */
export const LIMITS: Readonly<Record<string, Limit>> = Object.freeze(Object.fromEntries(rows.map((r) => [r.id, Object.freeze(r)])));

export type LimitId = string;

/** A limit row by id; throws on an unknown id (a typo in the program, not in config). */
export function limit(id: LimitId): Limit {
    const row = LIMITS[id];
    if (!row) throw new Error(`unknown limit ${id}`);
    return row;
}

/** "(limit aws.alb.name: <source>)", appended to every message that cites a limit. */
export function cite(id: LimitId): string {
    return `(${id}: ${limit(id).source})`;
}

/** Why `name` breaks the name rule of `id`, or undefined when it fits. */
export function nameProblem(id: LimitId, name: string): string | undefined {
    const rule = limit(id).name;
    if (!rule) throw new Error(`limit ${id} has no name rule`);
    const min = rule.min ?? 1;
    if (name.length < min || name.length > rule.max) return `is ${name.length} characters long; ${min}-${rule.max} allowed`;
    if (!rule.pattern.test(name)) return `must be ${rule.allowed}`;
    if (rule.noDoubleHyphen && name.includes("--")) return "must not contain two hyphens in a row";
    const prefix = rule.prefixes?.find((p) => name.toLowerCase().startsWith(p));
    if (prefix) return `must not start with "${prefix}" (reserved)`;
    const suffix = rule.suffixes?.find((s) => name.endsWith(s));
    if (suffix) return `must not end with "${suffix}" (reserved)`;
    return undefined;
}

/** Tag key/value characters AWS accepts across services. */
const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Why an AWS tag key breaks the tag rules, or undefined. */
export function tagKeyProblem(key: string): string | undefined {
    if (key.length < 1 || key.length > 128) return `is ${key.length} characters long; tag keys take 1-128`;
    if (!AWS_TAG_CHARS.test(key)) return "may use only letters, digits, spaces and _.:/=+-@";
    if (key.toLowerCase().startsWith("aws:")) return 'must not start with "aws:" (reserved for AWS)';
    return undefined;
}

/** Why an AWS tag value breaks the tag rules, or undefined. */
export function tagValueProblem(value: string): string | undefined {
    if (value.length > 256) return `is ${value.length} characters long; tag values take at most 256`;
    if (!AWS_TAG_CHARS.test(value)) return "may use only letters, digits, spaces and _.:/=+-@";
    return undefined;
}

/** Variables Cloud Run sets itself (container runtime contract). */
export const CLOUD_RUN_RESERVED_ENV: readonly string[] = [
    "PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION",
    "CLOUD_RUN_JOB", "CLOUD_RUN_EXECUTION", "CLOUD_RUN_TASK_INDEX", "CLOUD_RUN_TASK_ATTEMPT", "CLOUD_RUN_TASK_COUNT",
    "CLOUD_RUN_WORKER_POOL", "CLOUD_RUN_WORKER_POOL_REVISION",
];

/** The smallest RDS storage ceiling AWS accepts for an allocation: 10 % above it, rounded up. */
export function minMaxAllocatedStorage(allocated: number): number {
    return Math.ceil((allocated * 11) / 10);
}

/** RDS gp3 storage bound, GiB. */
export const RDS_MAX_STORAGE_GIB = 65536;

/**
 * The default storage ceiling: 100 GiB, or 26 % above the allocation when that is more (AWS
 * recommends 26 % so autoscaling never stops short of the threshold); 0 (autoscaling off) when
 * even 10 % above the allocation exceeds the 64 TiB maximum.
 */
export function defaultMaxAllocatedStorage(allocated: number, floor = 100): number {
    if (minMaxAllocatedStorage(allocated) > RDS_MAX_STORAGE_GIB) return 0;
    return Math.min(RDS_MAX_STORAGE_GIB, Math.max(floor, Math.ceil((allocated * 126) / 100)));
}

/** ECS container health check timeout bounds, seconds. */
export const ECS_HEALTH_CHECK_TIMEOUT = { min: 2, max: 60 } as const;
