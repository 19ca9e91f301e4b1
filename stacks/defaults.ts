import type { Profile } from "../components/spec";

/** Domain defaults (inside DEFAULTS below; typed apart so the literal types survive). */
const DOMAIN_DEFAULTS: {
    readonly createZone: boolean;
    /** Failover: the cloud answering while healthy. */
    readonly primary: "aws" | "gcp";
    /** Per-cloud host name on a both-clouds stack: `<prefix>.<domain name>`. */
    readonly hostPrefix: { readonly aws: string; readonly gcp: string };
    /** DNS health checks of failover/weighted routing (Route 53 allows 10 or 30 s, threshold 1-10). */
    readonly healthCheck: { readonly intervalSeconds: number; readonly failureThreshold: number };
    /** TTL of records that move traffic between clouds: short, so a switch takes effect fast. */
    readonly routedTtl: number;
} = {
    createZone: false,
    primary: "aws",
    hostPrefix: { aws: "aws", gcp: "gcp" },
    healthCheck: { intervalSeconds: 30, failureThreshold: 3 },
    routedTtl: 60,
};

/**
 * The one table of defaults: every value a key takes when the stack file leaves it out and the
 * environment profile has no say. resolve.ts reads it, the config reference is generated from it
 * (scripts/config-reference.ts) and test/defaults.test.ts checks that what the reference states is
 * what the resolver produces. Profile-dependent defaults live in PROFILES below, same rule.
 */
export const DEFAULTS = Object.freeze({
    clouds: ["aws"] as readonly ("aws" | "gcp")[],
    service: {
        imageTag: "latest",
        protocol: "http" as const,
        cpu: 256,
        memory: 512,
        architecture: "x86_64" as const,
        readonlyRootFilesystem: false,
        healthCheck: { path: "/", interval: 30, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, matcher: "200-399", gracePeriod: 60 },
        scaling: { cpuTarget: 70, scaleOutCooldown: 60, scaleInCooldown: 300 },
        gcp: { cpu: "1", concurrency: 80, startupCpuBoost: true, minMemoryMi: 512 },
    },
    /** Jobs: same image/size defaults as services; no retry (a failed migration wants a look, not a rerun). */
    job: { cpu: 256, memory: 512, architecture: "x86_64", timeout: 3600, retries: 0, tasks: 1, gcpMinMemoryMi: 512 },
    /** Image builds: the Dockerfile in the context, for the service's architecture. */
    build: { dockerfile: "Dockerfile", platform: { x86_64: "linux/amd64", arm64: "linux/arm64" } },
    schedule: { timeZone: "UTC" },
    volume: { readOnly: false },
    database: {
        engine: "postgres" as const,
        version: "16.3",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        /** The storage ceiling is at least this, and at least the allocated storage. */
        maxAllocatedStorageFloor: 100,
        backupWindow: "03:00-04:00",
        maintenanceWindow: "mon:04:00-mon:05:00",
        performanceInsights: true,
        username: "app",
        port: 5432,
    },
    cache: {
        engine: "redis" as const,
        version: "7.1",
        nodeType: "cache.t4g.micro",
        evictionPolicy: "allkeys-lru",
        snapshotWindow: "03:00-05:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        port: 6379,
    },
    bucket: { versioning: true, encryption: "kms" as const, cdn: false },
    domain: DOMAIN_DEFAULTS,
    alerts: {
        cpuPercent: 80,
        memoryPercent: 80,
        http5xxCount: 10,
        databaseCpuPercent: 75,
        cacheCpuPercent: 75,
        cacheMemoryPercent: 80,
        evaluationPeriods: 2,
    },
    costAssumptions: {
        natGbPerMonth: 10,
        lcuPerHour: 1,
        logGbPerMonth: 5,
        requestsPerMonth: 1_000_000,
        requestSeconds: 0.2,
        bucketGb: 10,
        efsGb: 10,
        registryGb: 1,
        jobRunsPerMonth: 30,
        jobMinutesPerRun: 5,
    },
    aws: {
        region: "us-east-1",
        network: { cidr: "10.0.0.0/16", azCount: 2, flowLogs: true },
        loadBalancers: "shared" as const,
        compute: { type: "fargate" as const, instanceType: "t3.medium", min: 1, max: 5, targetCapacity: 100 },
        ecr: { keepTagged: 10, tagPrefix: "v", untaggedExpireDays: 7 },
        rollout: { timeoutMinutes: 20 },
    },
    gcp: {
        region: "us-central1",
        network: {
            subnetCidr: "10.0.0.0/24",
            connector: { cidr: "10.8.0.0/28", minInstances: 2, maxInstances: 3, machineType: "e2-micro" },
            nat: false,
        },
        cdn: false,
        registry: { keepRecent: 10, untaggedDays: 7 },
    },
} as const);

/** Tags that move from build to build: with immutable tags (prod) they could be pushed only once. */
export const MUTABLE_TAGS: readonly string[] = Object.freeze(["latest", "main", "master", "stable", "edge"]);

/**
 * Environment profiles: the defaults each environment gets when the stack file says nothing.
 * Explicit config always wins. The numbers follow the seed documents: dev is single-NAT and
 * single-AZ with short retention (the SaaS seed's dev), prod is Multi-AZ with a NAT per AZ, 7-day
 * backups and deletion protection (the SaaS and portfolio seeds' prod).
 */
export const PROFILES: Readonly<Record<"dev" | "staging" | "prod", Readonly<Profile>>> = Object.freeze({
    dev: Object.freeze({
        natGateways: "single",
        databaseMultiAz: false,
        backupRetentionDays: 1,
        deletionProtection: false,
        finalSnapshot: false,
        protectStateful: false,
        cacheReplicas: 0,
        cacheSnapshotRetentionDays: 1,
        logRetentionDays: 7,
        minTasks: 1,
        maxTasks: 2,
        immutableTags: false,
        ecsExec: true,
        containerInsights: false,
        albAccessLogs: false,
        cloudRunCpuIdle: true,
        bucketForceDestroy: true,
        waf: false,
        armor: false,
        egress: "open",
        waitForSteadyState: false,
    }),
    staging: Object.freeze({
        natGateways: "single",
        databaseMultiAz: true,
        backupRetentionDays: 7,
        deletionProtection: false,
        finalSnapshot: true,
        protectStateful: false,
        cacheReplicas: 1,
        cacheSnapshotRetentionDays: 5,
        logRetentionDays: 14,
        minTasks: 1,
        maxTasks: 4,
        immutableTags: false,
        ecsExec: true,
        containerInsights: true,
        albAccessLogs: false,
        cloudRunCpuIdle: false,
        bucketForceDestroy: false,
        waf: false,
        armor: false,
        egress: "open",
        waitForSteadyState: true,
    }),
    prod: Object.freeze({
        natGateways: "perAz",
        databaseMultiAz: true,
        backupRetentionDays: 7,
        deletionProtection: true,
        finalSnapshot: true,
        protectStateful: true,
        cacheReplicas: 1,
        cacheSnapshotRetentionDays: 5,
        logRetentionDays: 30,
        minTasks: 2,
        maxTasks: 10,
        immutableTags: true,
        ecsExec: false,
        containerInsights: true,
        albAccessLogs: true,
        cloudRunCpuIdle: false,
        bucketForceDestroy: false,
        waf: true,
        armor: true,
        egress: "restricted",
        waitForSteadyState: true,
    }),
});

/**
 * Config keys (paths under `platform:`, list elements as `[]`) whose default comes from the
 * profile, and the profile field that gives it. The config reference prints these as
 * "profile (dev …, staging …, prod …)".
 */
export const PROFILE_KEYS: Readonly<Record<string, keyof Profile>> = Object.freeze({
    "services[].scaling.min": "minTasks",
    "services[].scaling.max": "maxTasks",
    "services[].exec": "ecsExec",
    "services[].gcp.cpuIdle": "cloudRunCpuIdle",
    "database.multiAz": "databaseMultiAz",
    "database.backupRetentionDays": "backupRetentionDays",
    "database.deletionProtection": "deletionProtection",
    "cache.replicas": "cacheReplicas",
    "cache.snapshotRetentionDays": "cacheSnapshotRetentionDays",
    "logRetentionDays": "logRetentionDays",
    "aws.network.natGateways": "natGateways",
    "aws.accessLogs": "albAccessLogs",
    "aws.containerInsights": "containerInsights",
    "aws.ecr.immutableTags": "immutableTags",
    "aws.waf": "waf",
    "aws.egress": "egress",
    "gcp.armor": "armor",
    "aws.rollout.waitForSteadyState": "waitForSteadyState",
});
