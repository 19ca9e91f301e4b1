import { createHash } from "crypto";

/**
 * Physical-name limits of the resource kinds we name ourselves. A name that does not fit is
 * shortened and given a stable hash suffix, so two long names never collide after truncation.
 */
export const NAME_LIMITS = {
    /** ALB and target group names: 32 chars, alphanumerics and hyphens. */
    alb: 32,
    targetGroup: 32,
    /** IAM role names allow 64; role name prefixes much less, so we stay well under. */
    iamRole: 64,
    /** ElastiCache replication group ids: 40 chars, lowercase. */
    elasticache: 40,
    /** RDS instance identifiers: 63 chars. */
    rds: 63,
    /** S3 bucket names: 63 chars, lowercase, globally unique. */
    s3: 63,
    /** GCP resource names: RFC 1035, 63 chars, lowercase. */
    gcp: 63,
    /** Cloud Run service names: 49 chars (the service URL adds a hash). */
    cloudRun: 49,
    /** GCP service account ids: 6 to 30 chars. */
    gcpServiceAccount: 30,
    /** Serverless VPC Access connector names: 25 chars. */
    gcpConnector: 25,
    /** Default for everything else (ECS, ECR, log groups, ...). */
    default: 255,
} as const;

export type NameKind = keyof typeof NAME_LIMITS;

/** What every physical name is made of: the application, the environment label, a role. */
export interface NamingContext {
    /** Application name, e.g. `portfolio`. */
    app: string;
    /** Environment label used in names, e.g. `prod` (or `tiger` for seed 004). */
    stage: string;
}

function shortHash(text: string, length: number): string {
    return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * Fits `full` into `limit` characters. When it is too long, keeps the head and appends a
 * 6-char hash of the full name so truncated names stay unique and stable across runs.
 */
export function fitName(full: string, limit: number): string {
    if (full.length <= limit) return full;
    const suffix = shortHash(full, 6);
    const head = full.slice(0, limit - suffix.length - 1).replace(/-+$/, "");
    return `${head}-${suffix}`;
}

/** Physical name `<app>-<stage>[-<role>]`, lowercase where the kind requires it. */
export function physicalName(ctx: NamingContext, role: string | undefined, kind: NameKind = "default"): string {
    const parts = [ctx.app, ctx.stage, role].filter((p): p is string => !!p && p.length > 0);
    let full = parts.join("-");
    if (kind !== "default" && kind !== "iamRole") full = full.toLowerCase();
    return fitName(full, NAME_LIMITS[kind]);
}

/** The prefix most names start with: `<app>-<stage>`. */
export function namePrefix(ctx: NamingContext): string {
    return `${ctx.app}-${ctx.stage}`;
}

/** Service account ids are 6-30 characters; a very short `<app>-<stage>-<service>` gets a suffix. */
export function serviceAccountId(naming: NamingContext, service: string): string {
    const id = physicalName(naming, service, "gcpServiceAccount");
    return id.length >= 6 ? id : physicalName(naming, `${service}-run`, "gcpServiceAccount");
}
