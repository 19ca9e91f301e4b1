import { cloudRunSize, postgresFamily, redisFamily } from "../components/catalog";
import { cidrSubnet, mustParseCidr } from "../components/cidr";
import { defaultMaxAllocatedStorage } from "../components/limits";
import { standardTags } from "../components/tags";
import { DEFAULTS, PROFILES } from "./defaults";
import type { PlatformInput, ServiceInput } from "./schema";
import type {
    Link, LinkKind, Profile, ResolvedAws, ResolvedAwsNetwork, ResolvedCache, ResolvedConfig, ResolvedDatabase, ResolvedDomain, ResolvedGcp, ResolvedService,
} from "../components/spec";
import { resolveBuild, resolveEnvironment, resolveJobs, resolveSecretValues, resolveUses } from "./resolve-jobs";
import { resolveExpose, type ProviderConfig } from "./validate";
import { DEFAULT_PRIVATE_SERVICES_CIDR } from "./checks/gcp-data";
import { cloudSqlTierFor, cloudSqlVersion, memorystoreGbFor, memorystoreVersion } from "../gcp/sizes";

/**
 * Turns a validated config into the resolved form: each unset key takes the environment
 * profile's default, explicit values always win. Pure: no Pulumi, no I/O.
 */
export function resolveConfig(input: PlatformInput, provider: ProviderConfig): ResolvedConfig {
    const profile = PROFILES[input.environment];
    const stage = input.stage ?? input.environment;
    const clouds = input.clouds ?? [...DEFAULTS.clouds];
    const hasDataTier = !!input.database || !!input.cache;
    const gcpCdn = input.gcp?.cdn ?? DEFAULTS.gcp.cdn;
    const bucketNames = new Set((input.buckets ?? []).map((b) => b.name));
    const serviceNames = new Set(input.services.map((x) => x.name));
    const usedServices = new Set([...input.services, ...(input.jobs ?? [])].flatMap((s) => (s.uses ?? []).filter((u) => serviceNames.has(u) && u !== s.name)));

    const services = input.services.map((s, i) => resolveService(s, i, {
        minTasks: profile.minTasks,
        maxTasks: profile.maxTasks,
        exec: profile.ecsExec,
        cpuIdle: profile.cloudRunCpuIdle,
        gcpCdn,
        bucketNames,
        serviceNames,
        usedByPeers: usedServices.has(s.name),
        release: input.release,
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
        domain: input.domain && resolveDomain(input.domain, clouds, services),
        allowHttp: input.allowHttp ?? false,
        services,
        jobs: resolveJobs(input, clouds, bucketNames, serviceNames),
        release: input.release,
        database: input.database && resolveDatabase(input.database, input.name, profile, clouds.includes("gcp")),
        cache: input.cache && resolveCache(input.cache, profile, clouds.includes("gcp")),
        buckets: (input.buckets ?? []).map((b, i) => ({
            name: b.name,
            keyPath: `platform:buckets[${i}]`,
            versioning: b.versioning ?? DEFAULTS.bucket.versioning,
            encryption: b.encryption ?? DEFAULTS.bucket.encryption,
            lifecycle: b.lifecycle,
            cdn: b.cdn ?? DEFAULTS.bucket.cdn,
            forceDestroy: profile.bucketForceDestroy,
            ...(b.gcp?.kmsKeyName ? { gcpKmsKeyName: b.gcp.kmsKeyName } : {}),
        })),
        secrets: input.secrets ?? [],
        secretValues: resolveSecretValues(input.secretValues),
        links: [
            ...input.services.flatMap((s, i) => linksOf(s, `platform:services[${i}]`, "service", bucketNames, serviceNames)),
            ...(input.jobs ?? []).flatMap((j, i) => linksOf(j, `platform:jobs[${i}]`, "job", bucketNames, serviceNames)),
        ],
        alerts: { email: input.alerts?.email, ...withDefaults(DEFAULTS.alerts, input.alerts) },
        logRetentionDays: input.logRetentionDays ?? profile.logRetentionDays,
        costAssumptions: {
            ...withDefaults(DEFAULTS.costAssumptions, input.costAssumptions),
            prices: { ...input.costAssumptions?.prices },
        },
        aws: clouds.includes("aws") ? resolveAws(input, provider, profile, stage, hasDataTier) : undefined,
        gcp: clouds.includes("gcp") ? resolveGcp(input, provider, profile, gcpCdn) : undefined,
    };
    return deepFreeze(config);
}

/**
 * The domain with its cross-cloud choices: one-cloud stacks keep the main name on their cloud (no
 * per-cloud host); both-clouds stacks get `aws.<name>` / `gcp.<name>` so each cloud has a name of
 * its own whatever the main name routes to.
 */
function resolveDomain(d: NonNullable<PlatformInput["domain"]>, clouds: readonly ("aws" | "gcp")[], services: readonly ResolvedService[]): ResolvedDomain {
    const D = DEFAULTS.domain;
    const both = clouds.includes("aws") && clouds.includes("gcp");
    const zoneName = d.zoneName ?? parentZone(d.name);
    const dns = d.dns ?? (clouds.includes("aws") ? "route53" : undefined);
    const entry = services.find((s) => s.expose === "public" && (s.routes.includes("/*") || s.routes.includes("/")))
        ?? services.find((s) => s.expose === "public" && s.routes.length > 0);
    return {
        name: d.name,
        zoneId: d.zoneId,
        zoneName,
        createZone: d.createZone ?? D.createZone,
        aliases: d.aliases ?? [],
        routing: d.routing ?? (clouds.includes("aws") ? "aws" : "gcp"),
        dns,
        cloudDnsZone: dns === "clouddns" ? d.cloudDnsZone ?? zoneName.replace(/\./g, "-") : undefined,
        hosts: both ? { aws: d.aws?.host ?? `${D.hostPrefix.aws}.${d.name}`, gcp: d.gcp?.host ?? `${D.hostPrefix.gcp}.${d.name}` } : {},
        primary: d.primary ?? D.primary,
        weights: d.weights,
        healthPath: d.healthPath ?? entry?.healthCheck.path,
        dataSharing: d.dataSharing,
    };
}

/** `defaults` with every key the user set replaced (unset and undefined keys keep the default). */
function withDefaults<T extends object>(defaults: T, given: Partial<Record<keyof T, unknown>> | undefined): T {
    const out = { ...defaults };
    for (const k of Object.keys(defaults) as (keyof T)[]) {
        const v = given?.[k];
        if (v !== undefined) out[k] = v as T[keyof T];
    }
    return out;
}

/**
 * The links one service declares, in grant order: database, cache, app secrets, buckets (from
 * `uses` and `permissions.buckets`, once each), other services, volumes. Validation has already
 * refused unknown names, so every entry here has a target.
 */
type Consumer = Pick<ServiceInput, "name" | "uses" | "secrets"> & Partial<Pick<ServiceInput, "permissions" | "volumes">>;

function linksOf(
    s: Consumer, at: string, fromKind: Link["fromKind"], bucketNames: ReadonlySet<string>, serviceNames: ReadonlySet<string>,
): Link[] {
    const uses = s.uses ?? [];
    const links: Link[] = [];
    const add = (kind: LinkKind, to: string, keyPath: string) => {
        if (!links.some((l) => l.kind === kind && l.to === to)) links.push({ from: s.name, fromKind, kind, to, keyPath });
    };
    uses.forEach((u, j) => { if (u === "database") add("database", u, `${at}.uses[${j}]`); });
    uses.forEach((u, j) => { if (u === "cache") add("cache", u, `${at}.uses[${j}]`); });
    (s.secrets ?? []).forEach((name, j) => add("secret", name, `${at}.secrets[${j}]`));
    uses.forEach((u, j) => { if (bucketNames.has(u)) add("bucket", u, `${at}.uses[${j}]`); });
    (s.permissions?.buckets ?? []).forEach((b, j) => add("bucket", b, `${at}.permissions.buckets[${j}]`));
    uses.forEach((u, j) => { if (serviceNames.has(u) && u !== s.name) add("service", u, `${at}.uses[${j}]`); });
    (s.volumes ?? []).forEach((v, j) => add("volume", v.name, `${at}.volumes[${j}]`));
    return links;
}

function resolveDatabase(d: NonNullable<PlatformInput["database"]>, app: string, profile: Profile, onGcp: boolean): ResolvedDatabase {
    const D = DEFAULTS.database;
    const version = d.version ?? D.version;
    const allocatedStorage = d.allocatedStorage ?? D.allocatedStorage;
    return {
        engine: D.engine,
        version,
        family: postgresFamily(version),
        instanceClass: d.instanceClass ?? D.instanceClass,
        allocatedStorage,
        maxAllocatedStorage: d.maxAllocatedStorage ?? defaultMaxAllocatedStorage(allocatedStorage, D.maxAllocatedStorageFloor),
        multiAz: d.multiAz ?? profile.databaseMultiAz,
        backupRetentionDays: d.backupRetentionDays ?? profile.backupRetentionDays,
        backupWindow: d.backupWindow ?? D.backupWindow,
        maintenanceWindow: (d.maintenanceWindow ?? D.maintenanceWindow).toLowerCase(),
        deletionProtection: d.deletionProtection ?? profile.deletionProtection,
        finalSnapshot: profile.finalSnapshot,
        performanceInsights: d.performanceInsights ?? D.performanceInsights,
        databaseName: d.databaseName ?? app.replace(/-/g, "_"),
        username: d.username ?? D.username,
        port: D.port,
        // Validation (stacks/checks/gcp-data.ts) guarantees both resolve when gcp is selected.
        ...(onGcp ? { gcp: {
            tier: d.gcp?.tier ?? cloudSqlTierFor(d.instanceClass ?? D.instanceClass, d.multiAz ?? profile.databaseMultiAz) ?? "db-custom-1-3840",
            version: cloudSqlVersion(version) ?? `POSTGRES_${version.split(".")[0]}`,
        } } : {}),
    };
}

function resolveCache(c: NonNullable<PlatformInput["cache"]>, profile: Profile, onGcp: boolean): ResolvedCache {
    const C = DEFAULTS.cache;
    const version = c.version ?? C.version;
    return {
        engine: C.engine,
        version,
        family: redisFamily(version),
        nodeType: c.nodeType ?? C.nodeType,
        replicas: c.replicas ?? profile.cacheReplicas,
        evictionPolicy: c.evictionPolicy ?? C.evictionPolicy,
        snapshotRetentionDays: c.snapshotRetentionDays ?? profile.cacheSnapshotRetentionDays,
        snapshotWindow: c.snapshotWindow ?? C.snapshotWindow,
        maintenanceWindow: (c.maintenanceWindow ?? C.maintenanceWindow).toLowerCase(),
        port: C.port,
        ...(onGcp ? { gcp: {
            tier: c.gcp?.tier ?? ((c.replicas ?? profile.cacheReplicas) >= 1 ? "STANDARD_HA" as const : "BASIC" as const),
            memorySizeGb: c.gcp?.memorySizeGb ?? memorystoreGbFor(c.nodeType ?? C.nodeType) ?? 1,
            version: c.gcp?.version ?? memorystoreVersion(version) ?? "REDIS_7_2",
        } } : {}),
    };
}

function resolveAws(input: PlatformInput, provider: ProviderConfig, profile: Profile, stage: string, hasDataTier: boolean): ResolvedAws {
    const a = input.aws ?? {};
    const A = DEFAULTS.aws;
    const { region: awsRegion, ...providerConfig } = provider.aws;
    return {
        region: a.region ?? awsRegion ?? A.region,
        providerConfig,
        network: resolveNetwork(a.network ?? {}, profile.natGateways, hasDataTier),
        loadBalancers: a.loadBalancers ?? A.loadBalancers,
        waf: a.waf ?? profile.waf ?? false,
        egress: a.egress ?? profile.egress ?? "open",
        allowExecInProd: a.allowExecInProd ?? false,
        accessLogs: a.accessLogs ?? profile.albAccessLogs,
        containerInsights: a.containerInsights ?? profile.containerInsights,
        compute: withDefaults(A.compute, a.compute),
        ecr: { ...withDefaults(A.ecr, a.ecr), immutableTags: a.ecr?.immutableTags ?? profile.immutableTags },
        discovery: { namespace: a.discovery?.namespace ?? `${input.name}-${stage}.local` },
        rollout: {
            waitForSteadyState: a.rollout?.waitForSteadyState ?? profile.waitForSteadyState,
            timeoutMinutes: a.rollout?.timeoutMinutes ?? A.rollout.timeoutMinutes,
        },
    };
}

function resolveGcp(input: PlatformInput, provider: ProviderConfig, profile: Profile, cdn: boolean): ResolvedGcp {
    const g = input.gcp ?? {};
    const G = DEFAULTS.gcp;
    return {
        project: g.project ?? provider.gcp.project,
        region: g.region ?? provider.gcp.region ?? G.region,
        network: {
            subnetCidr: g.network?.subnetCidr ?? G.network.subnetCidr,
            connector: withDefaults(G.network.connector, g.network?.connector),
            nat: g.network?.nat ?? G.network.nat,
            privateServicesCidr: g.network?.privateServicesCidr ?? DEFAULT_PRIVATE_SERVICES_CIDR,
            egress: g.network?.egress ?? (g.network?.connector ? "connector" as const : "direct" as const),
            existing: g.network?.existing,
        },
        cdn,
        armor: g.armor ?? profile.armor ?? false,
        registry: withDefaults(G.registry, g.registry),
    };
}

interface ServiceDefaults {
    minTasks: number;
    maxTasks: number;
    exec: boolean;
    cpuIdle: boolean;
    gcpCdn: boolean;
    bucketNames: ReadonlySet<string>;
    serviceNames: ReadonlySet<string>;
    /** Another service lists this one in `uses`. */
    usedByPeers: boolean;
    /** platform:release, the tag of services without their own. */
    release?: string;
}

function resolveService(s: ServiceInput, index: number, d: ServiceDefaults): ResolvedService {
    const S = DEFAULTS.service;
    const expose = resolveExpose(s);
    const min = s.scaling?.min ?? Math.min(d.minTasks, s.scaling?.max ?? d.minTasks);
    const max = s.scaling?.max ?? Math.max(d.maxTasks, min);
    const memory = s.memory ?? S.memory;
    const routes = s.routes ?? [];
    return {
        name: s.name,
        keyPath: `platform:services[${index}]`,
        image: s.image,
        imageTag: s.imageTag ?? d.release ?? S.imageTag,
        build: s.build && resolveBuild(s.build, s.architecture ?? S.architecture),
        port: s.port,
        protocol: s.protocol ?? S.protocol,
        routes,
        expose,
        cpu: s.cpu ?? S.cpu,
        memory,
        architecture: s.architecture ?? S.architecture,
        command: s.command,
        environment: resolveEnvironment(s.environment),
        secrets: s.secrets ?? [],
        healthCheck: { ...withDefaults(S.healthCheck, s.healthCheck), command: s.healthCheck?.command },
        scaling: {
            min,
            max,
            ...withDefaults(S.scaling, s.scaling),
            memoryTarget: s.scaling?.memoryTarget,
        },
        desiredCount: s.desiredCount ?? min,
        uses: resolveUses(s.uses ?? [], d.bucketNames, d.serviceNames),
        // A service another one calls must be findable by name (Cloud Map on AWS).
        discovery: s.discovery ?? (s.port !== undefined && (expose === "internal" || d.usedByPeers)),
        volumes: (s.volumes ?? []).map((v) => ({ name: v.name, mountPath: v.mountPath, efsPath: v.efs.path, readOnly: v.readOnly ?? DEFAULTS.volume.readOnly })),
        permissions: resolvePermissions(s.permissions),
        readonlyRootFilesystem: s.readonlyRootFilesystem ?? S.readonlyRootFilesystem,
        exec: s.exec ?? d.exec,
        gcp: {
            // The least CPU the memory needs ("1" up to 4Gi), so ECS sizes copied to Cloud Run stay valid pairs.
            ...cloudRunSize(memory, s.gcp?.cpu, s.gcp?.memory),
            minInstances: s.gcp?.minInstances ?? min,
            maxInstances: s.gcp?.maxInstances ?? max,
            concurrency: s.gcp?.concurrency ?? S.gcp.concurrency,
            cdn: s.gcp?.cdn ?? (d.gcpCdn && (routes.includes("/") || routes.includes("/*"))),
            cpuIdle: s.gcp?.cpuIdle ?? d.cpuIdle,
            startupCpuBoost: s.gcp?.startupCpuBoost ?? S.gcp.startupCpuBoost,
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
    const cidr = n.existing?.cidr ?? n.cidr ?? DEFAULTS.aws.network.cidr;
    mustParseCidr(cidr);
    const azCount = n.existing?.subnets.private.length ?? n.azs?.length ?? n.azCount ?? DEFAULTS.aws.network.azCount;
    // An existing VPC's subnets are given by id; there is no layout to compute.
    const subnets = n.existing ? { public: [], private: [], isolated: [] }
        : n.subnets ? { public: n.subnets.public ?? [], private: n.subnets.private ?? [], isolated: n.subnets.isolated ?? [] }
        : computeSubnets(cidr, azCount, hasDataTier);
    return {
        cidr,
        azCount,
        azs: n.azs,
        natGateways: n.natGateways ?? natDefault,
        subnets,
        flowLogs: n.flowLogs ?? DEFAULTS.aws.network.flowLogs,
        endpoints: n.endpoints ?? [],
        existing: n.existing && {
            vpcId: n.existing.vpcId,
            cidr: n.existing.cidr,
            subnetIds: { public: n.existing.subnets.public ?? [], private: n.existing.subnets.private, isolated: n.existing.subnets.isolated ?? [] },
        },
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
