import { cidrSubnet, mustParseCidr } from "../components/cidr";
import { standardTags } from "../components/tags";
import { PROFILES } from "./profiles";
import type { PlatformInput, ServiceInput } from "./schema";
import type { ResolvedAwsNetwork, ResolvedConfig, ResolvedService } from "../components/spec";
import { resolveExpose, type ProviderConfig } from "./validate";

/**
 * Turns a validated config into the resolved form: each unset key takes the environment
 * profile's default, explicit values always win. Pure: no Pulumi, no I/O.
 */
export function resolveConfig(input: PlatformInput, provider: ProviderConfig): ResolvedConfig {
    const profile = PROFILES[input.environment];
    const stage = input.stage ?? input.environment;
    const clouds = input.clouds ?? ["aws"];
    const hasDataTier = !!input.database || !!input.cache;
    const cpuIdleDefault = profile.cloudRunCpuIdle;
    const gcpCdn = input.gcp?.cdn ?? false;

    const services = input.services.map((s) => resolveService(s, {
        minTasks: profile.minTasks,
        maxTasks: profile.maxTasks,
        exec: profile.ecsExec,
        cpuIdle: cpuIdleDefault,
        gcpCdn,
        bucketNames: new Set((input.buckets ?? []).map((b) => b.name)),
        serviceNames: new Set(input.services.map((x) => x.name)),
    }));

    const config: ResolvedConfig = {
        name: input.name,
        environment: input.environment,
        stage,
        naming: { app: input.name, stage },
        clouds,
        tags: standardTags({ app: input.name, environment: input.environment, stage, extra: input.tags }),
        profile,
        protectStateful: profile.protectStateful,
        domain: input.domain && {
            name: input.domain.name,
            zoneId: input.domain.zoneId,
            zoneName: input.domain.zoneName ?? parentZone(input.domain.name),
            createZone: input.domain.createZone ?? false,
            aliases: input.domain.aliases ?? [],
        },
        allowHttp: input.allowHttp ?? false,
        services,
        database: input.database && (() => {
            const d = input.database;
            const version = d.version ?? "16.3";
            return {
                engine: "postgres" as const,
                version,
                family: `postgres${version.split(".")[0]}`,
                instanceClass: d.instanceClass ?? "db.t4g.micro",
                allocatedStorage: d.allocatedStorage ?? 20,
                maxAllocatedStorage: d.maxAllocatedStorage ?? Math.max(100, d.allocatedStorage ?? 20),
                multiAz: d.multiAz ?? profile.databaseMultiAz,
                backupRetentionDays: d.backupRetentionDays ?? profile.backupRetentionDays,
                backupWindow: d.backupWindow ?? "03:00-04:00",
                maintenanceWindow: (d.maintenanceWindow ?? "mon:04:00-mon:05:00").toLowerCase(),
                deletionProtection: d.deletionProtection ?? profile.deletionProtection,
                finalSnapshot: profile.finalSnapshot,
                performanceInsights: d.performanceInsights ?? true,
                databaseName: d.databaseName ?? input.name.replace(/-/g, "_"),
                username: d.username ?? "app",
                port: 5432,
            };
        })(),
        cache: input.cache && (() => {
            const c = input.cache;
            const version = c.version ?? "7.1";
            return {
                engine: "redis" as const,
                version,
                family: `redis${version.split(".")[0]}`,
                nodeType: c.nodeType ?? "cache.t4g.micro",
                replicas: c.replicas ?? profile.cacheReplicas,
                evictionPolicy: c.evictionPolicy ?? "allkeys-lru",
                snapshotRetentionDays: c.snapshotRetentionDays ?? profile.cacheSnapshotRetentionDays,
                snapshotWindow: c.snapshotWindow ?? "03:00-05:00",
                maintenanceWindow: (c.maintenanceWindow ?? "sun:05:00-sun:06:00").toLowerCase(),
                port: 6379,
            };
        })(),
        buckets: (input.buckets ?? []).map((b) => ({
            name: b.name,
            versioning: b.versioning ?? true,
            encryption: b.encryption ?? "kms",
            lifecycle: b.lifecycle,
            cdn: b.cdn ?? false,
            forceDestroy: profile.bucketForceDestroy,
        })),
        secrets: input.secrets ?? [],
        alerts: {
            email: input.alerts?.email,
            cpuPercent: input.alerts?.cpuPercent ?? 80,
            memoryPercent: input.alerts?.memoryPercent ?? 80,
            http5xxCount: input.alerts?.http5xxCount ?? 10,
            databaseCpuPercent: input.alerts?.databaseCpuPercent ?? 75,
            cacheCpuPercent: input.alerts?.cacheCpuPercent ?? 75,
            cacheMemoryPercent: input.alerts?.cacheMemoryPercent ?? 80,
            evaluationPeriods: input.alerts?.evaluationPeriods ?? 2,
        },
        logRetentionDays: input.logRetentionDays ?? profile.logRetentionDays,
        costAssumptions: {
            natGbPerMonth: input.costAssumptions?.natGbPerMonth ?? 10,
            lcuPerHour: input.costAssumptions?.lcuPerHour ?? 1,
            logGbPerMonth: input.costAssumptions?.logGbPerMonth ?? 5,
            requestsPerMonth: input.costAssumptions?.requestsPerMonth ?? 1_000_000,
            requestSeconds: input.costAssumptions?.requestSeconds ?? 0.2,
            bucketGb: input.costAssumptions?.bucketGb ?? 10,
            efsGb: input.costAssumptions?.efsGb ?? 10,
            registryGb: input.costAssumptions?.registryGb ?? 1,
            prices: { ...input.costAssumptions?.prices },
        },
        aws: clouds.includes("aws") ? (() => {
            const a = input.aws ?? {};
            const { region: awsRegion, ...providerConfig } = provider.aws;
            return {
                region: a.region ?? awsRegion ?? "us-east-1",
                providerConfig,
                network: resolveNetwork(a.network ?? {}, profile.natGateways, hasDataTier),
                loadBalancers: a.loadBalancers ?? "shared",
                waf: a.waf ?? profile.waf ?? false,
                egress: a.egress ?? profile.egress ?? "open",
                allowExecInProd: a.allowExecInProd ?? false,
                accessLogs: a.accessLogs ?? profile.albAccessLogs,
                containerInsights: a.containerInsights ?? profile.containerInsights,
                compute: {
                    type: a.compute?.type ?? "fargate",
                    instanceType: a.compute?.instanceType ?? "t3.medium",
                    min: a.compute?.min ?? 1,
                    max: a.compute?.max ?? 5,
                    targetCapacity: a.compute?.targetCapacity ?? 100,
                },
                ecr: {
                    keepTagged: a.ecr?.keepTagged ?? 10,
                    tagPrefix: a.ecr?.tagPrefix ?? "v",
                    untaggedExpireDays: a.ecr?.untaggedExpireDays ?? 7,
                    immutableTags: a.ecr?.immutableTags ?? profile.immutableTags,
                },
                discovery: { namespace: a.discovery?.namespace ?? `${input.name}-${stage}.local` },
            };
        })() : undefined,
        gcp: clouds.includes("gcp") ? (() => {
            const g = input.gcp ?? {};
            return {
                project: g.project ?? provider.gcp.project,
                region: g.region ?? provider.gcp.region ?? "us-central1",
                network: {
                    subnetCidr: g.network?.subnetCidr ?? "10.0.0.0/24",
                    connector: {
                        cidr: g.network?.connector?.cidr ?? "10.8.0.0/28",
                        minInstances: g.network?.connector?.minInstances ?? 2,
                        maxInstances: g.network?.connector?.maxInstances ?? 3,
                        machineType: g.network?.connector?.machineType ?? "e2-micro",
                    },
                    nat: g.network?.nat ?? false,
                },
                cdn: gcpCdn,
                armor: g.armor ?? profile.armor ?? false,
                registry: { keepRecent: g.registry?.keepRecent ?? 10, untaggedDays: g.registry?.untaggedDays ?? 7 },
            };
        })() : undefined,
    };
    return deepFreeze(config);
}

interface ServiceDefaults {
    minTasks: number;
    maxTasks: number;
    exec: boolean;
    cpuIdle: boolean;
    gcpCdn: boolean;
    bucketNames: ReadonlySet<string>;
    serviceNames: ReadonlySet<string>;
}

function resolveService(s: ServiceInput, d: ServiceDefaults): ResolvedService {
    const expose = resolveExpose(s);
    const min = s.scaling?.min ?? Math.min(d.minTasks, s.scaling?.max ?? d.minTasks);
    const max = s.scaling?.max ?? Math.max(d.maxTasks, min);
    const uses = s.uses ?? [];
    const memory = s.memory ?? 512;
    const routes = s.routes ?? [];
    return {
        name: s.name,
        image: s.image,
        imageTag: s.imageTag ?? "latest",
        port: s.port,
        routes,
        expose,
        cpu: s.cpu ?? 256,
        memory,
        architecture: s.architecture ?? "x86_64",
        command: s.command,
        environment: Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)])),
        secrets: s.secrets ?? [],
        healthCheck: {
            path: s.healthCheck?.path ?? "/",
            interval: s.healthCheck?.interval ?? 30,
            timeout: s.healthCheck?.timeout ?? 5,
            healthyThreshold: s.healthCheck?.healthyThreshold ?? 2,
            unhealthyThreshold: s.healthCheck?.unhealthyThreshold ?? 3,
            matcher: s.healthCheck?.matcher ?? "200-399",
            gracePeriod: s.healthCheck?.gracePeriod ?? 60,
            command: s.healthCheck?.command,
        },
        scaling: {
            min,
            max,
            cpuTarget: s.scaling?.cpuTarget ?? 70,
            memoryTarget: s.scaling?.memoryTarget,
            scaleOutCooldown: s.scaling?.scaleOutCooldown ?? 60,
            scaleInCooldown: s.scaling?.scaleInCooldown ?? 300,
        },
        desiredCount: s.desiredCount ?? min,
        uses: {
            database: uses.includes("database"),
            cache: uses.includes("cache"),
            buckets: uses.filter((u) => d.bucketNames.has(u)),
            services: uses.filter((u) => d.serviceNames.has(u)),
        },
        discovery: s.discovery ?? expose === "internal",
        volumes: (s.volumes ?? []).map((v) => ({ name: v.name, mountPath: v.mountPath, efsPath: v.efs.path, readOnly: v.readOnly ?? false })),
        permissions: resolvePermissions(s.permissions),
        readonlyRootFilesystem: s.readonlyRootFilesystem ?? false,
        exec: s.exec ?? d.exec,
        gcp: {
            cpu: s.gcp?.cpu ?? "1",
            memory: s.gcp?.memory ?? `${Math.max(512, memory)}Mi`,
            minInstances: s.gcp?.minInstances ?? min,
            maxInstances: s.gcp?.maxInstances ?? max,
            concurrency: s.gcp?.concurrency ?? 80,
            cdn: s.gcp?.cdn ?? (d.gcpCdn && (routes.includes("/") || routes.includes("/*"))),
            cpuIdle: s.gcp?.cpuIdle ?? d.cpuIdle,
            startupCpuBoost: s.gcp?.startupCpuBoost ?? true,
        },
    };
}

/** `true` keeps its meaning per service (SES: any identity; SNS: SMS only); the object forms scope it. */
function resolvePermissions(p: ServiceInput["permissions"]): ResolvedService["permissions"] {
    const ses = p?.ses ?? false;
    const sns = p?.sns ?? false;
    const topics = typeof sns === "object" ? sns.topics ?? [] : [];
    const sms = sns === true || (typeof sns === "object" && sns.sms === true);
    return {
        ses: ses !== false,
        sesIdentities: typeof ses === "object" ? ses.identities : [],
        sns: sms || topics.length > 0,
        snsTopics: topics,
        sms,
        buckets: p?.buckets ?? [],
    };
}

/**
 * Default subnet layout for a VPC of /16 to /20: public and isolated tiers are small blocks
 * (VPC prefix + 8) carved from the first sixteenth of the VPC, private subnets are the large
 * blocks after it (VPC prefix + 4), since that is where tasks take their IPs.
 * For 10.0.0.0/16: public 10.0.0.0/24, 10.0.1.0/24; isolated 10.0.8.0/24, 10.0.9.0/24;
 * private 10.0.16.0/20, 10.0.32.0/20.
 */
export function computeSubnets(vpcCidr: string, azCount: number, withIsolated: boolean) {
    const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const firstBlock = cidrSubnet(vpcCidr, 4, 0);
    return {
        public: range(azCount, (i) => cidrSubnet(firstBlock, 4, i)),
        private: range(azCount, (i) => cidrSubnet(vpcCidr, 4, i + 1)),
        isolated: withIsolated ? range(azCount, (i) => cidrSubnet(firstBlock, 4, 8 + i)) : [],
    };
}

function resolveNetwork(
    n: NonNullable<NonNullable<PlatformInput["aws"]>["network"]>,
    natDefault: "perAz" | "single" | "none",
    hasDataTier: boolean,
): ResolvedAwsNetwork {
    const cidr = n.cidr ?? "10.0.0.0/16";
    mustParseCidr(cidr);
    const azCount = n.azs?.length ?? n.azCount ?? 2;
    const subnets = n.subnets
        ? { public: n.subnets.public ?? [], private: n.subnets.private ?? [], isolated: n.subnets.isolated ?? [] }
        : computeSubnets(cidr, azCount, hasDataTier);
    return {
        cidr,
        azCount,
        azs: n.azs,
        natGateways: n.natGateways ?? natDefault,
        subnets,
        flowLogs: n.flowLogs ?? true,
        endpoints: n.endpoints ?? [],
    };
}

/** The hosted zone a domain most likely lives in: its parent for a subdomain, itself for an apex. */
function parentZone(domain: string): string {
    const parts = domain.split(".");
    return parts.length > 2 ? parts.slice(1).join(".") : domain;
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value as object)) deepFreeze(v);
    }
    return value;
}
