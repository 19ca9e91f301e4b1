import * as fs from "fs";
import * as path from "path";
import { checkFargatePair } from "../../aws/fargate";
import { isTimeZone, parseCron } from "../../components/cron";
import type { ResolvedConfig } from "../../components/spec";
import { DEFAULTS, MUTABLE_TAGS } from "../defaults";
import { parseKeyPath, type ConfigIssue } from "../errors";
import type { BuildInput, PlatformInput } from "../schema";

/**
 * Build contexts and Dockerfiles are relative to the project root: the directory of Pulumi.yaml,
 * where `pulumi up` runs the program (and so where the build tools resolve relative paths).
 */
export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

type Add = (path: (string | number)[], message: string, value?: unknown) => void;

const SET_SECRET = "pulumi config set --secret --path 'platform:secretValues.<name>' <value>";

/**
 * Checks of jobs, builds and secret values that need more than one key: references, cron syntax,
 * time zones, schedule clouds and build paths on disk. Runs before the model is built (the link
 * builder trusts every `uses` entry).
 */
export function checkJobsInput(cfg: PlatformInput, add: Add, root = PROJECT_ROOT): void {
    const clouds = cfg.clouds ?? DEFAULTS.clouds;
    const serviceNames = new Set(cfg.services.map((s) => s.name));
    const bucketNames = new Set((cfg.buckets ?? []).map((b) => b.name));
    const secretNames = new Set(cfg.secrets ?? []);
    cfg.services.forEach((s, i) => {
        if (s.build) checkBuild(s.build, ["services", i, "build"], add, root);
        if (s.build && s.image) add(["services", i, "image"], "cannot be set together with build: run a given image or build one", s.image);
    });
    const seen = new Map<string, number>();
    (cfg.jobs ?? []).forEach((j, i) => {
        const at = (...rest: (string | number)[]) => ["jobs", i, ...rest];
        if (seen.has(j.name)) add(at("name"), `duplicates jobs[${seen.get(j.name)}]; job names must be unique`, j.name);
        seen.set(j.name, i);
        if (serviceNames.has(j.name)) add(at("name"), "is also a service name; jobs and services share registries and roles, so names must differ", j.name);
        const sources = (["image", "build", "imageFrom"] as const).filter((k) => j[k] !== undefined);
        if (sources.length > 1) add(at(sources[1]), `cannot be set together with ${sources[0]}: a job runs one image`, sources[1] === "build" ? "{...}" : j[sources[1]]);
        if (j.imageFrom !== undefined) {
            const from = cfg.services.find((s) => s.name === j.imageFrom);
            if (!from) add(at("imageFrom"), `is not a service name (known: ${[...serviceNames].join(", ")})`, j.imageFrom);
        }
        if (j.build) checkBuild(j.build, at("build"), add, root);
        (j.uses ?? []).forEach((u, k) => {
            if (u === "database" && !cfg.database) add(at("uses", k), "refers to the database, but platform:database is not set", u);
            else if (u === "cache" && !cfg.cache) add(at("uses", k), "refers to the cache, but platform:cache is not set", u);
            else if (u !== "database" && u !== "cache" && !bucketNames.has(u) && !serviceNames.has(u)) {
                add(at("uses", k), `is not "database", "cache", a bucket name or a service name (known: ${[...bucketNames, ...serviceNames].join(", ") || "none"})`, u);
            } else if (serviceNames.has(u) && cfg.services.find((s) => s.name === u)!.port === undefined) {
                add(at("uses", k), `refers to service "${u}", which has no port to connect to`, u);
            }
        });
        (j.secrets ?? []).forEach((sec, k) => {
            if (!secretNames.has(sec)) add(at("secrets", k), `is not declared in platform:secrets (declared: ${[...secretNames].join(", ") || "none"})`, sec);
        });
        for (const key of Object.keys(j.environment ?? {})) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) add(at("environment", key), "is not a valid environment variable name (letters, digits, underscores)", key);
        }
        const sch = j.schedule;
        if (sch) {
            const cron = parseCron(sch.cron);
            if (typeof cron === "string") add(at("schedule", "cron"), cron, sch.cron);
            if (sch.timeZone !== undefined && !isTimeZone(sch.timeZone)) add(at("schedule", "timeZone"), 'must be an IANA time zone name such as "UTC" or "Europe/Berlin"', sch.timeZone);
            (sch.clouds ?? []).forEach((c, k) => {
                if (!clouds.includes(c)) add(at("schedule", "clouds", k), `is not in platform:clouds (${clouds.join(", ")}); add it there or remove it here`, c);
            });
        }
    });
    checkSecretValues(cfg, secretNames, add);
}

function checkBuild(b: BuildInput, at: (string | number)[], add: Add, root: string) {
    const context = path.resolve(root, b.context);
    if (!isDir(context)) {
        add([...at, "context"], `is not a directory under the project root ${root} (build contexts are relative to the directory of Pulumi.yaml)`, b.context);
        return;
    }
    const dockerfile = path.resolve(root, b.dockerfile ?? path.join(b.context, DEFAULTS.build.dockerfile));
    if (!isFile(dockerfile)) add([...at, b.dockerfile ? "dockerfile" : "context"], `has no Dockerfile at ${path.relative(root, dockerfile)}; add one or set build.dockerfile`, b.dockerfile ?? b.context);
}

function checkSecretValues(cfg: PlatformInput, secretNames: ReadonlySet<string>, add: Add) {
    const values = cfg.secretValues;
    if (!values) return;
    if (Object.keys(values).length === 1 && isSecure(values)) {
        add(["secretValues"], `is encrypted as a whole; set one value per secret so each can be checked: ${SET_SECRET}`, "[secret]");
        return;
    }
    for (const [name, v] of Object.entries(values)) {
        if (!secretNames.has(name)) add(["secretValues", name], `is not declared in platform:secrets (declared: ${[...secretNames].join(", ") || "none"})`, name);
        else if (typeof v !== "string" && !isSecure(v)) add(["secretValues", name], `must be a secret string: ${SET_SECRET}`);
    }
}

/** `{ secure: "v1:..." }`: an encrypted value as a stack file holds it. */
export function isSecure(v: unknown): boolean {
    return !!v && typeof v === "object" && !Array.isArray(v) && typeof (v as Record<string, unknown>).secure === "string";
}

/**
 * A plain-text value in a stack file is a secret in git: refused. Only the stack-file reader can
 * tell (at `pulumi up` the SDK gives every value decrypted), so load.ts calls this on raw files.
 */
export function plainSecretValues(raw: unknown): ConfigIssue[] {
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || isSecure(raw)) return [];
    return Object.entries(raw as Record<string, unknown>).filter(([, v]) => typeof v === "string").map(([name]) => ({
        path: ["platform:secretValues", name],
        message: `is in plain text in the stack file; encrypt it: ${SET_SECRET.replace("<name>", name)}`,
        hasValue: false,
    }));
}

/**
 * On the resolved model: sizes as built (jobs always run on Fargate on AWS), and mutable tags
 * with immutable registries. A prod registry refuses a second push of `latest`, so the first
 * release would be the last: a config error unless platform:release (or imageTag) is a real tag.
 */
export function checkJobsModel(model: ResolvedConfig, input: PlatformInput): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const add = (keyPath: string, message: string, value?: unknown) =>
        issues.push({ path: parseKeyPath(keyPath), message, value, hasValue: value !== undefined });
    if (model.aws) {
        model.jobs.forEach((j, i) => {
            const problem = checkFargatePair(j.cpu, j.memory);
            if (problem) add(`${j.keyPath}.${input.jobs?.[i].memory === undefined && input.jobs?.[i].cpu !== undefined ? "cpu" : "memory"}`, `${problem} (jobs run on Fargate)`, j.memory);
        });
    }
    const immutable = [
        ...(model.aws?.ecr.immutableTags ? ["aws.ecr.immutableTags"] : []),
        ...(model.gcp && model.profile.immutableTags ? ["the prod profile's Artifact Registry"] : []),
    ];
    if (immutable.length === 0) return issues;
    const mutable = new Set<string>(MUTABLE_TAGS);
    // A GCP build pushes the release tag too (docker-build needs one); an AWS build may go untagged.
    const buildTagged = !!model.gcp && model.profile.immutableTags;
    const tagged = [
        ...model.services.map((s, i) => ({ at: s.keyPath ?? `platform:services[${i}]`, tag: s.imageTag, own: !s.image && (!s.build || buildTagged), explicit: input.services[i]?.imageTag !== undefined })),
        ...model.jobs.map((j, i) => ({ at: j.keyPath, tag: j.imageTag, own: !j.image && (!j.build || buildTagged) && !j.imageFrom, explicit: input.jobs?.[i].imageTag !== undefined })),
    ].filter((t) => t.own && mutable.has(t.tag));
    const rule = (tag: string) => `the mutable tag "${tag}", but tags are immutable (${immutable.join(", ")}): it could be pushed once only. `
        + "Set platform:release to a new tag per release (CI: pulumi config set platform:release $GITHUB_SHA) or build the image";
    for (const t of tagged.filter((x) => x.explicit)) add(`${t.at}.imageTag`, `is ${rule(t.tag)}`, t.tag);
    const implicit = tagged.filter((x) => !x.explicit);
    if (implicit.length > 0) {
        add("platform:release", input.release ? `is ${rule(implicit[0].tag)}` : `is unset, so ${implicit[0].at} and others run ${rule(implicit[0].tag)}`, input.release);
    }
    return issues;
}

function isDir(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

function isFile(p: string): boolean {
    try {
        return fs.statSync(p).isFile();
    } catch {
        return false;
    }
}
