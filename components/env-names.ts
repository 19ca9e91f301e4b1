/**
 * The environment variable names of the app contract (docs: /work/shared/DESIGN.md, "The app
 * model"): the same names on every cloud, so one image runs unchanged on AWS and GCP.
 * aws/data-tier.ts still carries its own copy of bucketEnvName; both must agree
 * (test/gcp-data.test.ts compares the names a service gets on ECS and on Cloud Run).
 */

/** Env var holding a bucket's physical name: `assets` → `BUCKET_ASSETS`. */
export function bucketEnvName(bucket: string): string {
    return `BUCKET_${bucket.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/** Env var holding a peer service's base URL: `catalog` → `CATALOG_URL`. */
export function peerUrlEnvName(service: string): string {
    return `${service.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_URL`;
}

export const DATABASE_ENV = ["DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USERNAME"] as const;
export const DATABASE_SECRET_ENV = "DATABASE_PASSWORD";
export const REDIS_ENV = ["REDIS_HOST", "REDIS_PORT", "REDIS_TLS"] as const;
export const REDIS_SECRET_ENV = "REDIS_AUTH_TOKEN";
