/**
 * Fills the generated blocks of README.md and docs/config.md (between `<!-- generated:NAME -->`
 * markers) from the code, so they cannot drift: the environment profiles table from the one
 * table of defaults (stacks/defaults.ts: PROFILES, and PROFILE_KEYS for the key each default
 * fills) and the complete stack example from a real example stack file.
 * `node scripts/readme.js [--check]` (part of `npm run docs` / `docs:check`).
 */
import * as fs from "fs";
import * as path from "path";
import type { Profile } from "../components/spec";
import { PROFILE_KEYS, PROFILES } from "../stacks/defaults";

const ROOT = path.resolve(__dirname, "..");
export const README = path.join(ROOT, "README.md");
const CONFIG_PAGE = path.join(ROOT, "docs", "config.md");
/** The stack file the README shows in full. */
export const EXAMPLE_STACK = path.join(ROOT, "stacks", "examples", "saas-prod.yaml");

/**
 * What each profile default is about, in a user's words. A Record over every key of Profile, so
 * a new profile default fails the type check until it has a label here.
 */
export const PROFILE_LABELS: Record<keyof Profile, string> = {
    natGateways: "NAT gateways",
    databaseMultiAz: "Database Multi-AZ",
    backupRetentionDays: "Database backup retention, days",
    deletionProtection: "Database deletion protection",
    finalSnapshot: "Final snapshot when the database or cache is deleted",
    protectStateful: "Pulumi `protect` on stateful resources (database, cache, buckets, EFS, registries, keys)",
    cacheReplicas: "Cache replicas (1+ means automatic failover, Multi-AZ)",
    cacheSnapshotRetentionDays: "Cache snapshot retention, days",
    logRetentionDays: "Log retention, days",
    minTasks: "Tasks (or Cloud Run instances) per service, minimum",
    maxTasks: "Tasks (or Cloud Run instances) per service, maximum",
    immutableTags: "Immutable image tags (ECR; Artifact Registry)",
    ecsExec: "ECS Exec (a shell in running tasks)",
    containerInsights: "ECS Container Insights",
    albAccessLogs: "ALB access logs to S3",
    cloudRunCpuIdle: "Cloud Run CPU only during requests (request-based billing)",
    bucketForceDestroy: "Buckets deleted with their objects on destroy",
    waf: "WAF web ACL on the load balancers (AWS)",
    armor: "Cloud Armor policy on the backend services (GCP)",
    egress: "Service security-group egress: HTTPS out plus linked ports only (restricted) or open",
    waitForSteadyState: "`pulumi up` waits for each ECS service to reach a steady state",
};

/** The config keys a profile field is the default of (none: only the profile decides). */
function keysOf(field: keyof Profile): string[] {
    return Object.entries(PROFILE_KEYS).filter(([, f]) => f === field).map(([k]) => k);
}

function value(v: Profile[keyof Profile]): string {
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "string") return `\`${v}\``;
    return String(v);
}

/** The profiles table, one column per environment, in the order of PROFILES. */
export function profilesTable(): string {
    const envs = Object.keys(PROFILES) as (keyof typeof PROFILES)[];
    const lines = [
        `| setting | config key | ${envs.join(" | ")} |`,
        `|---|---|${envs.map(() => "---").join("|")}|`,
    ];
    for (const field of Object.keys(PROFILE_LABELS) as (keyof Profile)[]) {
        const keys = keysOf(field).map((k) => `\`${k}\``).join(", ") || "profile only";
        lines.push(`| ${PROFILE_LABELS[field]} | ${keys} | ${envs.map((e) => value(PROFILES[e][field])).join(" | ")} |`);
    }
    return lines.join("\n");
}

/** The example stack file, verbatim, as a YAML block. */
export function exampleBlock(): string {
    const rel = path.relative(ROOT, EXAMPLE_STACK);
    return `\`${rel}\`:\n\n\`\`\`yaml\n${fs.readFileSync(EXAMPLE_STACK, "utf8").trimEnd()}\n\`\`\``;
}

/** Replaces the text between `<!-- generated:name -->` and `<!-- /generated:name -->`. */
function fill(text: string, name: string, body: string, file: string): string {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const a = text.indexOf(open);
    const b = text.indexOf(close);
    if (a < 0 || b < a) throw new Error(`${path.relative(ROOT, file)}: markers ${open} ... ${close} not found`);
    return `${text.slice(0, a + open.length)}\n${body.trim()}\n${text.slice(b)}`;
}

/** Every file this script fills, with its expected content. */
export function generate(): Map<string, string> {
    const files = new Map<string, string>();
    let readme = fs.readFileSync(README, "utf8");
    readme = fill(readme, "profiles", profilesTable(), README);
    readme = fill(readme, "example", exampleBlock(), README);
    files.set(README, readme);
    files.set(CONFIG_PAGE, fill(fs.readFileSync(CONFIG_PAGE, "utf8"), "profiles", profilesTable(), CONFIG_PAGE));
    return files;
}

/** Files whose generated blocks are out of date. */
export function staleFiles(): string[] {
    return [...generate()].filter(([f, text]) => fs.readFileSync(f, "utf8") !== text).map(([f]) => path.relative(ROOT, f));
}

/** Entry point of scripts/readme.js. */
export function main(): void {
    if (process.argv.includes("--check")) {
        const stale = staleFiles();
        if (stale.length) {
            console.error(`stale generated blocks in ${stale.join(", ")}: run \`npm run docs\` and commit the result.`);
            process.exit(1);
        }
        return;
    }
    for (const [f, text] of generate()) fs.writeFileSync(f, text);
    const lines = fs.readFileSync(README, "utf8").split("\n").length - 1;
    console.log(`wrote README.md (${lines} lines), docs/config.md`);
}
