import {
    CACHE_NODE_FAMILIES, CACHE_NODE_SOURCE, CACHE_NODE_TYPES, EC2_FAMILIES, EC2_INSTANCE_TYPES, EC2_TYPE_SOURCE, POSTGRES_MAJORS,
    RDS_CLASS_FAMILIES, RDS_CLASS_SOURCE, RDS_INSTANCE_CLASSES, REDIS_VERSIONS, cloudRunMemoryMi, cloudRunSize, cloudRunSizeProblem,
    didYouMean, postgresFamily, redisFamily, unknownValueMessage,
} from "../../components/catalog";
import {
    CLOUD_RUN_RESERVED_ENV, ECS_HEALTH_CHECK_TIMEOUT, LIMITS, RDS_MAX_STORAGE_GIB, cite, limit, minMaxAllocatedStorage, nameProblem,
    tagKeyProblem, tagValueProblem,
} from "../../components/limits";
import { secretEnvName } from "../../components/env-contract";
import { fitName, NAME_LIMITS, namePrefix, physicalName, serviceAccountId, type NamingContext } from "../../components/naming";
import { toGcpLabels } from "../../components/tags";
import type { ConfigIssue } from "../errors";
import type { PlatformInput } from "../schema";

/**
 * Provider limits checked before any resource exists (see components/limits.ts for the table and
 * docs/limits.md for the list): the physical names the program will build, versions and sizes
 * the clouds offer, combinations they refuse, and names users could give that collide with the
 * program's own. Quotas that can be raised are warnings (`limitWarnings`), fixed ones errors.
 */

type Add = (path: (string | number)[], message: string, value?: unknown) => void;
type Service = PlatformInput["services"][number];

/** A 12-digit stand-in for the account id that ends bucket names. */
const ACCOUNT_PLACEHOLDER = "123456789012";

/**
 * Names users cannot give because the program uses them: a service named `db` would share the
 * database alarms' names (`<app>-<stage>-db-cpu-high`), `cache-1` the cache node alarms', a
 * secret `redis-auth-token` the cache's own token secret, a bucket `alb-logs` the access log bucket.
 */
export const RESERVED_NAMES = {
    services: { names: ["db", "database", "cache"], pattern: /^cache-\d+$/, patternText: "cache-<number>" },
    secrets: { names: ["redis-auth-token"] },
    buckets: { names: ["alb-logs"] },
} as const;

/** Every limit check; `add` takes paths without the `platform:` prefix, as in crossValidate. */
export function checkLimits(cfg: PlatformInput, add: Add): void {
    const clouds = cfg.clouds ?? ["aws"];
    const onAws = clouds.includes("aws");
    const onGcp = clouds.includes("gcp");
    const naming: NamingContext = { app: cfg.name, stage: cfg.stage ?? cfg.environment };
    checkReservedNames(cfg, add, onAws);
    checkCatalog(cfg, add, onAws);
    checkTags(cfg, add, onGcp);
    if (onAws) {
        checkAwsNames(cfg, add, naming);
        checkAwsSizes(cfg, add);
        checkAwsCertificate(cfg, add);
        checkAlarmNames(cfg, add);
    }
    if (onGcp) {
        checkGcpNames(cfg, add, naming);
        checkCloudRun(cfg, add);
        checkGcpCertificate(cfg, add);
    }
}

function checkReservedNames(cfg: PlatformInput, add: Add, onAws: boolean) {
    if (!onAws) return;
    const svc = RESERVED_NAMES.services;
    const reservedServices = [...svc.names, svc.patternText].join(", ");
    cfg.services.forEach((s, i) => {
        // "database" and "cache" are refused by validate.ts already (they are `uses` keywords).
        if (s.name === "db" || svc.pattern.test(s.name)) {
            add(["services", i, "name"], `is reserved: the program's own alarms use it (reserved service names: ${reservedServices})`, s.name);
        }
    });
    (cfg.secrets ?? []).forEach((s, i) => {
        if ((RESERVED_NAMES.secrets.names as readonly string[]).includes(s)) {
            add(["secrets", i], `is reserved: the cache's AUTH token secret is <stage>/<app>/${s} (reserved secret names: ${RESERVED_NAMES.secrets.names.join(", ")})`, s);
        }
    });
    (cfg.buckets ?? []).forEach((b, i) => {
        if ((RESERVED_NAMES.buckets.names as readonly string[]).includes(b.name)) {
            add(["buckets", i, "name"], `is reserved: the load balancer access log bucket is <app>-<stage>-${b.name}-<account> (reserved bucket names: ${RESERVED_NAMES.buckets.names.join(", ")})`, b.name);
        }
    });
}

function checkCatalog(cfg: PlatformInput, add: Add, onAws: boolean) {
    const db = cfg.database;
    if (db) {
        const cls = db.instanceClass ?? "db.t4g.micro";
        if (!RDS_INSTANCE_CLASSES.includes(cls)) add(["database", "instanceClass"], unknownValueMessage("RDS instance class", cls, RDS_CLASS_FAMILIES, RDS_CLASS_SOURCE), cls);
        const version = db.version ?? "16.3";
        const major = version.split(".")[0];
        if (!(POSTGRES_MAJORS as readonly string[]).includes(major) || version.split(".").length > 2) {
            const hint = didYouMean(major, POSTGRES_MAJORS);
            add(["database", "version"], `is not a PostgreSQL version RDS offers: use a major version ${POSTGRES_MAJORS.join(", ")}, optionally with a minor ("16" or "16.4")${hint && hint !== major ? ` (did you mean "${hint}"?)` : ""} ${cite("aws.rds.version")}`, version);
        }
    }
    const cache = cfg.cache;
    if (cache) {
        const node = cache.nodeType ?? "cache.t4g.micro";
        if (!CACHE_NODE_TYPES.includes(node)) add(["cache", "nodeType"], unknownValueMessage("ElastiCache node type", node, CACHE_NODE_FAMILIES, CACHE_NODE_SOURCE), node);
        const version = cache.version ?? "7.1";
        if (!(REDIS_VERSIONS as readonly string[]).includes(version)) {
            const majorOnly = /^\d+$/.test(version);
            const options = REDIS_VERSIONS.filter((v) => v.startsWith(`${version.split(".")[0]}.`));
            const hint = majorOnly && options.length ? ` (Redis 6 and later take <major>.<minor>: did you mean "${options[options.length - 1]}"?)` : "";
            add(["cache", "version"], `is not an ElastiCache Redis OSS version this program supports: use one of ${REDIS_VERSIONS.join(", ")}${hint} ${cite("aws.elasticache.version")}`, version);
        }
    }
    const compute = cfg.aws?.compute;
    if (onAws && compute?.type === "ec2") {
        const type = compute.instanceType ?? "t3.medium";
        if (!EC2_INSTANCE_TYPES.includes(type)) add(["aws", "compute", "instanceType"], unknownValueMessage("EC2 instance type", type, EC2_FAMILIES, EC2_TYPE_SOURCE), type);
    }
}

function checkTags(cfg: PlatformInput, add: Add, onGcp: boolean) {
    const tags = cfg.tags ?? {};
    const keys = Object.keys(tags);
    for (const key of keys) {
        const kp = tagKeyProblem(key);
        if (kp) add(["tags", key], `key ${kp} ${cite("aws.tag.key")}`, key);
        const vp = tagValueProblem(tags[key]);
        if (vp) add(["tags", key], `${vp} ${cite("aws.tag.value")}`, tags[key]);
    }
    // The standard tags (app, environment, stage, managed-by) count against the same 50.
    const userMax = limit("aws.tag.count").value! - 4;
    if (keys.length > userMax) add(["tags"], `has ${keys.length} tags; resources take at most ${userMax} user tags next to the 4 standard ones ${cite("aws.tag.count")}`, `{${keys.length} keys}`);
    if (!onGcp) return;
    const seen = new Map<string, string>();
    for (const key of keys) {
        const label = Object.keys(toGcpLabels({ [key]: "" }))[0];
        const other = seen.get(label);
        if (other !== undefined) add(["tags", key], `becomes the GCP label key "${label}", as tag "${other}" does; one would overwrite the other ${cite("gcp.label.distinct")}`, key);
        seen.set(label, key);
    }
    const gcpMax = limit("gcp.label.count").value! - 4;
    if (keys.length > gcpMax) add(["tags"], `has ${keys.length} tags; GCP resources take at most ${gcpMax} labels next to the 4 standard ones ${cite("gcp.label.count")}`, `{${keys.length} keys}`);
}

/** Which config key to blame for a name made of app, stage and a role. */
function blameFor(cfg: PlatformInput): { path: (string | number)[]; value: string } {
    if (cfg.stage?.includes("--")) return { path: ["stage"], value: cfg.stage };
    return { path: ["name"], value: cfg.name };
}

function checkName(add: Add, id: string, name: string, path: (string | number)[], value: unknown, reported: Set<string>) {
    const problem = nameProblem(id, name);
    const key = `${path.join(".")}|${id}`;
    if (!problem || reported.has(key)) return;
    reported.add(key);
    const what = limit(id).what;
    const noun = /^[A-Z][a-z]/.test(what) ? what[0].toLowerCase() + what.slice(1) : what;
    add(path, `gives the ${noun} "${name}", which ${problem} ${cite(id)}`, value);
}

function servicePathFor(cfg: PlatformInput, s: Service, i: number) {
    return s.name.includes("--") ? { path: ["services", i, "name"], value: s.name } : blameFor(cfg);
}

function isPublic(s: Service): boolean {
    return s.expose === "public" || (s.expose === undefined && (s.routes?.length ?? 0) > 0);
}

function checkAwsNames(cfg: PlatformInput, add: Add, naming: NamingContext) {
    const reported = new Set<string>();
    const app = blameFor(cfg);
    const prefix = namePrefix(naming);
    const publicServices = cfg.services.map((s, i) => ({ s, i })).filter(({ s }) => isPublic(s));
    if (publicServices.length > 0) {
        if ((cfg.aws?.loadBalancers ?? "shared") === "shared") checkName(add, "aws.alb.name", physicalName(naming, "alb", "alb"), app.path, app.value, reported);
        else {
            for (const { s, i } of publicServices) {
                const at = servicePathFor(cfg, s, i);
                checkName(add, "aws.alb.name", physicalName(naming, `${s.name}-alb`, "alb"), at.path, at.value, reported);
            }
        }
        for (const { s, i } of publicServices) {
            const at = servicePathFor(cfg, s, i);
            checkName(add, "aws.targetGroup.name", physicalName(naming, s.name, "targetGroup"), at.path, at.value, reported);
        }
    }
    checkName(add, "aws.securityGroup.name", `${prefix}-db`, app.path, app.value, reported);
    checkName(add, "aws.s3.bucket", physicalName(naming, `alb-logs-${ACCOUNT_PLACEHOLDER}`, "s3"), app.path, app.value, reported);
    cfg.services.forEach((s, i) => {
        const at = servicePathFor(cfg, s, i);
        checkName(add, "aws.ecr.repository", physicalName(naming, s.name), at.path, at.value, reported);
        checkName(add, "aws.ecs.name", physicalName(naming, s.name), at.path, at.value, reported);
        (s.volumes ?? []).forEach((v, j) => {
            const problem = nameProblem("aws.efs.accessPointPath", v.efs.path);
            if (problem) add(["services", i, "volumes", j, "efs", "path"], `${problem} ${cite("aws.efs.accessPointPath")}`, v.efs.path);
        });
    });
    (cfg.buckets ?? []).forEach((b, i) => {
        const name = `${fitName(physicalName(naming, b.name, "s3"), NAME_LIMITS.s3 - 13)}-${ACCOUNT_PLACEHOLDER}`;
        const at = b.name.includes("--") ? { path: ["buckets", i, "name"], value: b.name } : app;
        checkName(add, "aws.s3.bucket", name, at.path, at.value, reported);
    });
    if (cfg.database) {
        checkName(add, "aws.rds.identifier", physicalName(naming, "db", "rds"), app.path, app.value, reported);
        checkName(add, "aws.rds.parameterGroup", physicalName(naming, postgresFamily(cfg.database.version ?? "16.3"), "rds"), app.path, app.value, reported);
    }
    if (cfg.cache) {
        checkName(add, "aws.elasticache.replicationGroupId", physicalName(naming, "cache", "elasticache"), app.path, app.value, reported);
        checkName(add, "aws.elasticache.parameterGroup", physicalName(naming, redisFamily(cfg.cache.version ?? "7.1").replace(/\./g, "-"), "elasticache"), app.path, app.value, reported);
    }
}

function checkAwsSizes(cfg: PlatformInput, add: Add) {
    const db = cfg.database;
    if (db?.maxAllocatedStorage !== undefined) {
        const allocated = db.allocatedStorage ?? 20;
        const least = minMaxAllocatedStorage(allocated);
        // Below the allocation itself is reported by checks/model.ts.
        if (db.maxAllocatedStorage >= allocated && db.maxAllocatedStorage < least) {
            add(["database", "maxAllocatedStorage"], `must be at least ${least} (10 % above allocatedStorage ${allocated}) ${cite("aws.rds.maxAllocatedStorage")}`, db.maxAllocatedStorage);
        }
        if (least > RDS_MAX_STORAGE_GIB) add(["database", "maxAllocatedStorage"], `cannot be set: 10 % above allocatedStorage ${allocated} is beyond RDS's ${RDS_MAX_STORAGE_GIB} GiB; remove it (autoscaling stays off) ${cite("aws.rds.maxAllocatedStorage")}`, db.maxAllocatedStorage);
    }
    cfg.services.forEach((s, i) => {
        const hc = s.healthCheck;
        if (hc?.command && (hc.timeout ?? 5) > ECS_HEALTH_CHECK_TIMEOUT.max) {
            add(["services", i, "healthCheck", "timeout"], `must be at most ${ECS_HEALTH_CHECK_TIMEOUT.max} with healthCheck.command: ECS container health checks time out after ${ECS_HEALTH_CHECK_TIMEOUT.min}-${ECS_HEALTH_CHECK_TIMEOUT.max} s (the load balancer's own check allows 120) ${cite("aws.ecs.containerHealthCheck")}`, hc.timeout);
        }
    });
    (cfg.buckets ?? []).forEach((b, i) => {
        const lc = b.lifecycle;
        if (lc?.expireDays !== undefined && lc.transitionToIaDays !== undefined && lc.expireDays <= lc.transitionToIaDays) {
            add(["buckets", i, "lifecycle", "expireDays"], `must be after lifecycle.transitionToIaDays (${lc.transitionToIaDays}): S3 refuses an expiration on or before the transition ${cite("aws.s3.lifecycle")}`, lc.expireDays);
        }
    });
}

/** Host names on the ACM certificate, as aws/lb-layout.ts plans them. */
function certificateHostCount(cfg: PlatformInput): number {
    const d = cfg.domain;
    if (!d) return 0;
    const hosts = new Set([d.name, ...(d.aliases ?? [])]);
    if (cfg.aws?.loadBalancers === "perService") {
        const routed = cfg.services.filter(isPublic);
        const primary = routed.find((s) => (s.routes ?? []).includes("/*"))?.name ?? routed[0]?.name;
        for (const s of routed) if (s.name !== primary) hosts.add(`${s.name}.${d.name}`);
    }
    return hosts.size;
}

function checkAwsCertificate(cfg: PlatformInput, add: Add) {
    const d = cfg.domain;
    if (!d) return;
    const max = limit("aws.acm.domainName").value!;
    if (d.name.length > max) add(["domain", "name"], `is ${d.name.length} characters long; the first name of an ACM certificate takes at most ${max} ${cite("aws.acm.domainName")}`, d.name);
}

/**
 * Alarm names are unique per account and region: a second alarm with a name replaces the first.
 * The names below are those aws/monitoring.ts, aws/database.ts and aws/cache.ts give; the
 * property test checks planned alarm names stay distinct, so a drift here shows up there.
 */
function checkAlarmNames(cfg: PlatformInput, add: Add) {
    const owners = new Map<string, string>();
    const claim = (name: string, owner: string) => { if (!owners.has(name)) owners.set(name, owner); };
    if (cfg.database) for (const a of ["cpu-high", "free-storage-low", "connections-high"]) claim(`db-${a}`, "the database");
    if (cfg.cache) for (let n = 1; n <= 1 + (cfg.cache.replicas ?? 5); n++) for (const a of ["cpu-high", "memory-high", "evictions"]) claim(`cache-${n}-${a}`, "the cache");
    const shared = (cfg.aws?.loadBalancers ?? "shared") === "shared";
    if (shared && cfg.services.some(isPublic)) claim("alb-5xx", "the load balancer");
    cfg.services.forEach((s, i) => {
        const own = [`${s.name}-cpu-high`, `${s.name}-memory-high`];
        if (isPublic(s)) own.push(`${s.name}-unhealthy-hosts`, `${s.name}-target-5xx`, ...(shared ? [] : [`${s.name}-alb-5xx`]));
        for (const name of own) {
            const owner = owners.get(name);
            if (owner !== undefined) {
                add(["services", i, "name"], `gives the alarm "${cfg.name}-${cfg.stage ?? cfg.environment}-${name}", which ${owner} already uses; alarm names are unique per account and region: rename the service`, s.name);
                return;
            }
        }
        for (const name of own) claim(name, `service "${s.name}"`);
    });
}

function checkGcpNames(cfg: PlatformInput, add: Add, naming: NamingContext) {
    const reported = new Set<string>();
    const app = blameFor(cfg);
    checkName(add, "gcp.vpcConnector.name", physicalName(naming, "conn", "gcpConnector"), app.path, app.value, reported);
    const accounts = new Map<string, string>();
    cfg.services.forEach((s, i) => {
        checkName(add, "gcp.cloudRun.name", physicalName(naming, s.name, "cloudRun"), ["services", i, "name"], s.name, reported);
        const id = serviceAccountId(naming, s.name);
        checkName(add, "gcp.serviceAccount.id", id, ["services", i, "name"], s.name, reported);
        const other = accounts.get(id);
        if (other !== undefined) add(["services", i, "name"], `gives the service account id "${id}", which service "${other}" already has (short ids get "-run" appended): rename the service`, s.name);
        accounts.set(id, s.name);
    });
}

function checkCloudRun(cfg: PlatformInput, add: Add) {
    cfg.services.forEach((s, i) => {
        const size = cloudRunSize(s.memory ?? 512, s.gcp?.cpu, s.gcp?.memory);
        const memoryMi = cloudRunMemoryMi(size.memory);
        if (memoryMi !== undefined) {
            const problem = cloudRunSizeProblem(size.cpu, memoryMi);
            if (problem) {
                const path = s.gcp?.memory !== undefined ? ["services", i, "gcp", "memory"] : s.gcp?.cpu !== undefined ? ["services", i, "gcp", "cpu"] : ["services", i, "memory"];
                const derived = s.gcp?.memory === undefined && Number(size.cpu) >= 1 ? ` (gcp.memory ${size.memory} is derived from memory ${s.memory ?? 512}: set services[].gcp.memory)` : "";
                add(path, `${problem}${derived} ${cite("gcp.cloudRun.size")}`, s.gcp?.memory ?? s.gcp?.cpu ?? s.memory);
            }
        }
        for (const key of Object.keys(s.environment ?? {})) {
            if (CLOUD_RUN_RESERVED_ENV.includes(key)) add(["services", i, "environment", key], `is set by Cloud Run itself and cannot be set (clouds includes "gcp") ${cite("gcp.cloudRun.reservedEnv")}`, key);
        }
        (s.secrets ?? []).forEach((sec, j) => {
            const env = secretEnvName(sec);
            if (CLOUD_RUN_RESERVED_ENV.includes(env)) add(["services", i, "secrets", j], `is injected as ${env}, which Cloud Run sets itself (clouds includes "gcp") ${cite("gcp.cloudRun.reservedEnv")}`, sec);
        });
    });
}

function checkGcpCertificate(cfg: PlatformInput, add: Add) {
    const d = cfg.domain;
    if (!d) return;
    if (d.name.includes("*")) add(["domain", "name"], `is a wildcard; Google-managed certificates do not accept wildcards ${cite("gcp.managedCertificate")}`, d.name);
    (d.aliases ?? []).forEach((a, i) => {
        if (a.includes("*")) add(["domain", "aliases", i], `is a wildcard; Google-managed certificates do not accept wildcards ${cite("gcp.managedCertificate")}`, a);
    });
    const names = new Set([d.name, ...(d.aliases ?? [])]).size;
    const max = limit("gcp.managedCertificate").value!;
    if (names > max) add(["domain", "aliases"], `put ${names} names on the Google-managed certificate; it takes at most ${max} ${cite("gcp.managedCertificate")}`, `[${names - 1} aliases]`);
}

/** A quota the stack would exceed: adjustable ones are warnings. */
export interface LimitWarning {
    readonly path: readonly (string | number)[];
    readonly message: string;
}

/**
 * Adjustable quotas the stack goes past, with the quota and by how much: the stack can still be
 * deployed once the quota is raised, so these do not fail the plan.
 */
export function limitWarnings(cfg: PlatformInput): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const warn = (path: (string | number)[], message: string) => out.push({ path: ["platform:" + path[0], ...path.slice(1)], message, hasValue: false });
    const clouds = cfg.clouds ?? ["aws"];
    if (clouds.includes("aws")) {
        const sgMax = limit("aws.securityGroup.inboundRules").value!;
        const over = (n: number) => `${n} inbound rules, ${n - sgMax} over the default quota of ${sgMax} per security group (adjustable: request an increase of "Inbound or outbound rules per security group") ${cite("aws.securityGroup.inboundRules")}`;
        const users = (what: string) => cfg.services.filter((s) => (s.uses ?? []).includes(what)).length;
        if (cfg.database && users("database") > sgMax) warn(["database"], `is used by ${users("database")} services: its security group gets ${over(users("database"))}`);
        if (cfg.cache && users("cache") > sgMax) warn(["cache"], `is used by ${users("cache")} services: its security group gets ${over(users("cache"))}`);
        const mounting = cfg.services.filter((s) => (s.volumes ?? []).length > 0).length;
        if (mounting > sgMax) warn(["services"], `mount EFS volumes in ${mounting} services: the file system's security group gets ${over(mounting)}`);
        cfg.services.forEach((t, i) => {
            if (t.port === undefined || isPublic(t) || t.expose === "none") return;
            const declared = cfg.services.filter((c) => (c.uses ?? []).includes(t.name)).length;
            const callers = declared > 0 ? declared : cfg.services.length - 1;
            if (callers > sgMax) warn(["services", i, "name"], `is reached by ${callers} services: its security group gets ${over(callers)}`);
        });
        const hosts = certificateHostCount(cfg);
        const certMax = limit("aws.acm.namesPerCertificate").value!;
        if (hosts > certMax) warn(["domain"], `puts ${hosts} names on the ACM certificate, ${hosts - certMax} over the default quota of ${certMax} (adjustable: request "Domain names per ACM certificate") ${cite("aws.acm.namesPerCertificate")}`);
    }
    if (clouds.includes("gcp")) {
        const saMax = limit("gcp.serviceAccounts").value!;
        const n = cfg.services.length;
        if (n > saMax) warn(["services"], `create ${n} Cloud Run service accounts, ${n - saMax} over the default quota of ${saMax} per project (adjustable) ${cite("gcp.serviceAccounts")}`);
    }
    return out;
}

/** Every limit id this module cites, for the docs test. */
export const CHECKED_LIMITS: readonly string[] = Object.keys(LIMITS).filter((id) => !LIMITS[id].enforced);
