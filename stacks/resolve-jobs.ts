import { toEventBridgeCron } from "../components/cron";
import { SecretText, type ResolvedBuild, type ResolvedJob, type ResolvedUses } from "../components/spec";
import { DEFAULTS } from "./defaults";
import type { BuildInput, PlatformInput } from "./schema";

/** Build settings with defaults: the context's Dockerfile, the platform of the architecture. */
export function resolveBuild(b: BuildInput, architecture: "x86_64" | "arm64"): ResolvedBuild {
    const context = b.context.replace(/\/+$/, "") || ".";
    return {
        context,
        dockerfile: b.dockerfile ?? `${context}/${DEFAULTS.build.dockerfile}`,
        target: b.target,
        args: { ...b.args },
        platform: b.platform ?? DEFAULTS.build.platform[architecture],
    };
}

/** A service's or job's `uses` list, sorted into the stores and peers it names. */
export function resolveUses(uses: readonly string[], bucketNames: ReadonlySet<string>, serviceNames: ReadonlySet<string>): ResolvedUses {
    return {
        database: uses.includes("database"),
        cache: uses.includes("cache"),
        buckets: uses.filter((u) => bucketNames.has(u)),
        services: uses.filter((u) => serviceNames.has(u)),
    };
}

/** Environment values as the container sees them: strings (YAML may give numbers and booleans). */
export function resolveEnvironment(env: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
    return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Cloud Run job CPU: whole vCPUs from ECS CPU units (jobs take 1, 2, 4 or 8). */
function gcpCpu(units: number): string {
    const vcpu = units / 1024;
    return String([1, 2, 4, 8].find((c) => c >= vcpu) ?? 8);
}

/** Jobs with defaults; validation has already checked references, cron and contexts. */
export function resolveJobs(
    input: PlatformInput, clouds: readonly ("aws" | "gcp")[], bucketNames: ReadonlySet<string>, serviceNames: ReadonlySet<string>,
): ResolvedJob[] {
    const J = DEFAULTS.job;
    return (input.jobs ?? []).map((j, i): ResolvedJob => {
        const memory = j.memory ?? J.memory;
        const architecture = j.architecture ?? J.architecture;
        return {
            name: j.name,
            keyPath: `platform:jobs[${i}]`,
            image: j.image,
            imageTag: j.imageTag ?? input.release ?? DEFAULTS.service.imageTag,
            build: j.build && resolveBuild(j.build, architecture),
            imageFrom: j.imageFrom,
            command: j.command,
            cpu: j.cpu ?? J.cpu,
            memory,
            architecture,
            environment: resolveEnvironment(j.environment),
            secrets: j.secrets ?? [],
            uses: resolveUses(j.uses ?? [], bucketNames, serviceNames),
            timeout: j.timeout ?? J.timeout,
            retries: j.retries ?? J.retries,
            tasks: j.tasks ?? J.tasks,
            schedule: j.schedule && {
                cron: j.schedule.cron.trim().split(/\s+/).join(" "),
                awsExpression: toEventBridgeCron(j.schedule.cron),
                timeZone: j.schedule.timeZone ?? DEFAULTS.schedule.timeZone,
                clouds: j.schedule.clouds ?? clouds,
            },
            gcp: { cpu: gcpCpu(j.cpu ?? J.cpu), memory: `${Math.max(J.gcpMinMemoryMi, memory)}Mi` },
        };
    });
}

/**
 * Secret values by name. At `pulumi up` the Pulumi SDK hands the program decrypted config, so a
 * value is a string; a stack file read offline still holds `{ secure: ... }`, which stays
 * unreadable here (value undefined) but still says "this secret has a value".
 */
export function resolveSecretValues(given: Record<string, unknown> | undefined): Record<string, SecretText> {
    return Object.fromEntries(Object.entries(given ?? {}).map(([name, v]) => [name, new SecretText(typeof v === "string" ? v : undefined)]));
}
