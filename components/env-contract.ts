/**
 * The environment contract of a link: the variable names an app reads, the same on every cloud,
 * so one image runs unchanged on AWS and GCP (see shared DESIGN.md, "The app model").
 */

/** Env var prefix for a name: ai-service → AI_SERVICE. */
export function envPrefix(name: string): string {
    return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/** Env var an app secret is injected as: `database-url` → `DATABASE_URL`. */
export function secretEnvName(name: string): string {
    return envPrefix(name);
}

/** Env var holding a bucket's physical name: `assets` → `BUCKET_ASSETS`. */
export function bucketEnvName(bucket: string): string {
    return `BUCKET_${envPrefix(bucket)}`;
}

/** Env vars of a peer service link: `catalog` → CATALOG_URL (base URL), CATALOG_HOST, CATALOG_PORT. */
export function peerEnvNames(service: string): { url: string; host: string; port: string } {
    const p = envPrefix(service);
    return { url: `${p}_URL`, host: `${p}_HOST`, port: `${p}_PORT` };
}

/** Env vars of the database link (DATABASE_PASSWORD is a secret reference). */
export const DATABASE_ENV = {
    host: "DATABASE_HOST", port: "DATABASE_PORT", name: "DATABASE_NAME", username: "DATABASE_USERNAME", password: "DATABASE_PASSWORD",
} as const;

/** Env vars of the cache link (REDIS_AUTH_TOKEN is a secret reference; TLS is always on). */
export const CACHE_ENV = { host: "REDIS_HOST", port: "REDIS_PORT", tls: "REDIS_TLS", authToken: "REDIS_AUTH_TOKEN" } as const;
