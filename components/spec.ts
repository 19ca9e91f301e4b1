import type { NamingContext } from "./naming";

/** Defaults an environment profile gives every unset key (see stacks/defaults.ts). */
export interface Profile {
    natGateways: "perAz" | "single" | "none";
    databaseMultiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Take a final snapshot when the database is deleted. */
    finalSnapshot: boolean;
    /** Pulumi `protect: true` on stateful resources. */
    protectStateful: boolean;
    cacheReplicas: number;
    cacheSnapshotRetentionDays: number;
    logRetentionDays: number;
    minTasks: number;
    maxTasks: number;
    immutableTags: boolean;
    ecsExec: boolean;
    containerInsights: boolean;
    albAccessLogs: boolean;
    /** Cloud Run: CPU only during requests (cheaper, slower cold paths). */
    cloudRunCpuIdle: boolean;
    /** Buckets may be deleted with their objects (never in prod). */
    bucketForceDestroy: boolean;
    /** WAFv2 web ACL on AWS load balancers (optional in hand-built profiles: off). */
    waf?: boolean;
    /** Cloud Armor policy on GCP backend services. */
    armor?: boolean;
    /** Security-group egress: restricted (443 out, linked ports in the VPC) or open. */
    egress?: "restricted" | "open";
    /** `pulumi up` waits for each ECS service to reach a steady state. */
    waitForSteadyState: boolean;
}

/** What a service can use: a store, an application secret or another service. */
export type LinkKind = "database" | "cache" | "bucket" | "service" | "secret" | "volume";

/**
 * One edge of the app model: a consumer (a service or a job) uses a store, a secret or another service.
 * Each cloud grants every link the same way: network admission, environment, secret references
 * and permissions, with the same variable names on every cloud (components/env-contract.ts).
 */
export interface Link {
    /** Consumer name (a service or a job, see `fromKind`). */
    readonly from: string;
    /** What the consumer is: jobs' links follow every service's links in `ResolvedConfig.links`. */
    readonly fromKind: "service" | "job";
    readonly kind: LinkKind;
    /** Target: "database", "cache", or a bucket, service, secret or volume name. */
    readonly to: string;
    /** Config key that declared the link, e.g. `platform:services[1].uses[0]`. */
    readonly keyPath: string;
}

/**
 * The resolved stack config, which is the app model: every default applied, every reference checked, frozen. This is
 * the only thing components see; nothing below `stacks/` reads Pulumi config. Programs that
 * skip our config layer can build one by hand and pass it to AwsStack / GcpStack.
 */
export interface ResolvedConfig {
    readonly name: string;
    /** Adjustable quotas the stack goes past (key path, quota, by how much); printed, never fatal. */
    readonly warnings?: readonly string[];
    readonly environment: "dev" | "staging" | "prod";
    /** Label used in names (defaults to the environment). */
    readonly stage: string;
    readonly naming: NamingContext;
    readonly clouds: readonly ("aws" | "gcp")[];
    /** Standard + user tags, applied through provider default tags / labels. */
    readonly tags: Readonly<Record<string, string>>;
    readonly profile: Readonly<Profile>;
    /** Pulumi `protect` for stateful resources (prod profile). */
    readonly protectStateful: boolean;
    readonly domain?: ResolvedDomain;
    /** Opt-out: plain HTTP accepted in prod (warned by the plan, reported by the pack). */
    readonly allowHttp?: boolean;
    readonly services: readonly ResolvedService[];
    readonly database?: ResolvedDatabase;
    readonly cache?: ResolvedCache;
    readonly buckets: readonly ResolvedBucket[];
    readonly secrets: readonly string[];
    /** Values for app secrets (by secret name) from encrypted stack config; a secret without one is created empty. */
    readonly secretValues: Readonly<Record<string, SecretText>>;
    /** One-off and scheduled jobs. */
    readonly jobs: readonly ResolvedJob[];
    /** Stack-wide release tag (platform:release), when set. */
    readonly release?: string;
    /** Every link of every consumer, in grant order (database, cache, secrets, buckets, services, volumes); services first, then jobs. */
    readonly links: readonly Link[];
    readonly alerts: ResolvedAlerts;
    readonly logRetentionDays: number;
    readonly costAssumptions: ResolvedCostAssumptions;
    readonly aws?: ResolvedAws;
    readonly gcp?: ResolvedGcp;
}

export type DomainRouting = "aws" | "gcp" | "failover" | "weighted";
export type DnsProvider = "route53" | "clouddns";

export interface ResolvedDomain {
    readonly name: string;
    readonly zoneId?: string;
    readonly zoneName: string;
    readonly createZone: boolean;
    readonly aliases: readonly string[];
    /** Who answers the main name and aliases: one cloud, failover or weighted between both. */
    readonly routing: DomainRouting;
    /** Where the zone lives; unset on a GCP-only stack that leaves records to the user. */
    readonly dns?: DnsProvider;
    /** Cloud DNS managed zone name (dns: clouddns). */
    readonly cloudDnsZone?: string;
    /** Per-cloud host names, set on both-clouds stacks only (each cloud's own certificate name, checks and url). */
    readonly hosts: { readonly aws?: string; readonly gcp?: string };
    /** Cloud taking all traffic while healthy (routing: failover). */
    readonly primary: "aws" | "gcp";
    /** Percent of answers per cloud (routing: weighted). */
    readonly weights?: { readonly aws: number; readonly gcp: number };
    /** Path the DNS health checks probe on each cloud host (routing: failover or weighted). */
    readonly healthPath?: string;
    /** How data stays consistent across clouds, when the user said (see docs/domain.md). */
    readonly dataSharing?: "replicated" | "external" | "none-needed";
}

/** True when the main name is answered by more than one cloud (records built outside either cloud's stack). */
export function routesAcrossClouds(d: ResolvedDomain): boolean {
    return d.routing === "failover" || d.routing === "weighted";
}

export interface ResolvedHealthCheck {
    readonly path: string;
    readonly interval: number;
    readonly timeout: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
    readonly matcher: string;
    readonly gracePeriod: number;
    readonly command?: readonly string[];
}

export interface ResolvedScaling {
    readonly min: number;
    readonly max: number;
    readonly cpuTarget: number;
    readonly memoryTarget?: number;
    readonly scaleOutCooldown: number;
    readonly scaleInCooldown: number;
}

export interface ResolvedVolume {
    readonly name: string;
    readonly mountPath: string;
    readonly efsPath: string;
    readonly readOnly: boolean;
}

/** How to build an image from source during `pulumi up` (paths relative to the project root). */
export interface ResolvedBuild {
    readonly context: string;
    readonly dockerfile: string;
    readonly target?: string;
    readonly args: Readonly<Record<string, string>>;
    readonly platform: "linux/amd64" | "linux/arm64";
}

/**
 * A secret value from encrypted stack config. It never prints: JSON, string conversion and
 * util.inspect all give "[secret]", so a resolved config can be logged or put in the plan. The
 * value is undefined when the config is still encrypted (the offline plan reads the stack file).
 */
export class SecretText {
    readonly #value: string | undefined;
    constructor(value: string | undefined) {
        this.#value = value;
    }
    /** The plain value, for a Pulumi secret input only (`pulumi.secret(x.reveal())`). */
    reveal(): string | undefined {
        return this.#value;
    }
    toJSON(): string {
        return "[secret]";
    }
    toString(): string {
        return "[secret]";
    }
    [Symbol.for("nodejs.util.inspect.custom")](): string {
        return "[secret]";
    }
}

/** A cron schedule of a job, as written (5-field unix cron) and as EventBridge Scheduler wants it. */
export interface ResolvedSchedule {
    /** Five-field unix cron, as Cloud Scheduler takes it. */
    readonly cron: string;
    /** EventBridge Scheduler expression: `cron(min hour dom month dow year)`. */
    readonly awsExpression: string;
    readonly timeZone: string;
    readonly clouds: readonly ("aws" | "gcp")[];
}

/** What a service or job reaches, from its `uses` list: the stores and the peer services. */
export interface ResolvedUses {
    readonly database: boolean;
    readonly cache: boolean;
    readonly buckets: readonly string[];
    readonly services: readonly string[];
}

/** A job: a container that runs to completion, on demand or on a schedule. */
export interface ResolvedJob {
    readonly name: string;
    /** Config key of the job, e.g. `platform:jobs[0]`. */
    readonly keyPath: string;
    /** Explicit image reference. */
    readonly image?: string;
    readonly imageTag: string;
    readonly build?: ResolvedBuild;
    /** Runs this service's image (its build digest, or its repository and tag). */
    readonly imageFrom?: string;
    readonly command?: readonly string[];
    readonly cpu: number;
    readonly memory: number;
    readonly architecture: "x86_64" | "arm64";
    readonly environment: Readonly<Record<string, string>>;
    readonly secrets: readonly string[];
    readonly uses: ResolvedUses;
    /** Seconds a run may take. */
    readonly timeout: number;
    readonly retries: number;
    /** Parallel tasks per run. */
    readonly tasks: number;
    readonly schedule?: ResolvedSchedule;
    /** Cloud Run sizing derived from cpu/memory. */
    readonly gcp: { readonly cpu: string; readonly memory: string };
}

export interface ResolvedService {
    readonly name: string;
    /** Config key of the service, e.g. `platform:services[2]`, for messages about it (unset when built by hand). */
    readonly keyPath?: string;
    /** Explicit image; when absent the cloud's registry repository + imageTag is used. */
    readonly image?: string;
    readonly imageTag: string;
    /** Build from source during `pulumi up`; the service then runs the pushed image by digest. */
    readonly build?: ResolvedBuild;
    readonly port?: number;
    /** What the port speaks: "http" gives callers a base URL, "tcp" only host and port. */
    readonly protocol: "http" | "tcp";
    /** Load balancer path patterns (empty for internal services and workers). */
    readonly routes: readonly string[];
    readonly expose: "public" | "internal" | "none";
    readonly cpu: number;
    readonly memory: number;
    readonly architecture: "x86_64" | "arm64";
    readonly command?: readonly string[];
    readonly environment: Readonly<Record<string, string>>;
    /** Names from the top-level `secrets` list. */
    readonly secrets: readonly string[];
    readonly healthCheck: ResolvedHealthCheck;
    readonly scaling: ResolvedScaling;
    readonly desiredCount: number;
    readonly uses: ResolvedUses;
    readonly discovery: boolean;
    readonly volumes: readonly ResolvedVolume[];
    readonly permissions: {
        readonly ses: boolean;
        /** SES identities to scope sending to; empty: every identity of the account and region. */
        readonly sesIdentities?: readonly string[];
        readonly sns: boolean;
        /** SNS topic names or ARNs the task may publish to. */
        readonly snsTopics?: readonly string[];
        /** SMS to phone numbers (no topic ARN; conditioned on the region). */
        readonly sms?: boolean;
        readonly buckets: readonly string[];
    };
    readonly readonlyRootFilesystem: boolean;
    readonly exec: boolean;
    readonly gcp: {
        readonly cpu: string;
        readonly memory: string;
        readonly minInstances: number;
        readonly maxInstances: number;
        readonly concurrency: number;
        readonly cdn: boolean;
        readonly cpuIdle: boolean;
        readonly startupCpuBoost: boolean;
    };
}

export interface ResolvedDatabase {
    readonly engine: "postgres";
    readonly version: string;
    /** Parameter group family, e.g. postgres16. */
    readonly family: string;
    readonly instanceClass: string;
    readonly allocatedStorage: number;
    readonly maxAllocatedStorage: number;
    readonly multiAz: boolean;
    readonly backupRetentionDays: number;
    readonly backupWindow: string;
    readonly maintenanceWindow: string;
    readonly deletionProtection: boolean;
    readonly finalSnapshot: boolean;
    readonly performanceInsights: boolean;
    readonly databaseName: string;
    readonly username: string;
    readonly port: number;
    /** Cloud SQL settings, present when clouds includes gcp. */
    readonly gcp?: { readonly tier: string; readonly version: string };
}

export interface ResolvedCache {
    readonly engine: "redis";
    readonly version: string;
    /** Parameter group family, e.g. redis7. */
    readonly family: string;
    readonly nodeType: string;
    readonly replicas: number;
    readonly evictionPolicy: string;
    readonly snapshotRetentionDays: number;
    readonly snapshotWindow: string;
    readonly maintenanceWindow: string;
    readonly port: number;
    /** Memorystore settings, present when clouds includes gcp. */
    readonly gcp?: { readonly tier: "BASIC" | "STANDARD_HA"; readonly memorySizeGb: number; readonly version: string };
}

export interface ResolvedBucket {
    readonly name: string;
    /** Config key of the bucket, e.g. `platform:buckets[0]` (unset when built by hand). */
    readonly keyPath?: string;
    readonly versioning: boolean;
    readonly encryption: "kms" | "aes256";
    readonly lifecycle?: { readonly transitionToIaDays?: number; readonly expireDays?: number };
    readonly cdn: boolean;
    readonly forceDestroy: boolean;
    /** Cloud KMS key for CMEK on Cloud Storage; Google-managed encryption when absent. */
    readonly gcpKmsKeyName?: string;
}

export interface ResolvedAlerts {
    readonly email?: string;
    readonly cpuPercent: number;
    readonly memoryPercent: number;
    readonly http5xxCount: number;
    readonly databaseCpuPercent: number;
    readonly cacheCpuPercent: number;
    readonly cacheMemoryPercent: number;
    readonly evaluationPeriods: number;
}

export interface ResolvedCostAssumptions {
    readonly natGbPerMonth: number;
    readonly lcuPerHour: number;
    readonly logGbPerMonth: number;
    readonly requestsPerMonth: number;
    readonly requestSeconds: number;
    readonly bucketGb: number;
    readonly efsGb: number;
    readonly registryGb: number;
    /** Runs a month of an on-demand job. */
    readonly jobRunsPerMonth: number;
    /** Minutes a job run takes. */
    readonly jobMinutesPerRun: number;
    /** Price overrides by price id (plan/cost/prices.ts). */
    readonly prices: Readonly<Record<string, number>>;
}

export interface ResolvedAwsNetwork {
    readonly cidr: string;
    readonly azCount: number;
    /** Explicit AZ names, or undefined to take the region's first azCount zones. */
    readonly azs?: readonly string[];
    readonly natGateways: "perAz" | "single" | "none";
    /** One CIDR per AZ per tier; `isolated` is empty when no tier is wanted. */
    readonly subnets: { readonly public: readonly string[]; readonly private: readonly string[]; readonly isolated: readonly string[] };
    readonly flowLogs: boolean;
    readonly endpoints: readonly string[];
    /** An existing VPC to use instead of creating one (`aws.network.existing`). */
    readonly existing?: {
        readonly vpcId: string;
        readonly cidr: string;
        readonly subnetIds: { readonly public: readonly string[]; readonly private: readonly string[]; readonly isolated: readonly string[] };
    };
}

export interface ResolvedAws {
    readonly region: string;
    /** Other `aws:*` stack config (profile, ...), passed to the explicit provider. */
    readonly providerConfig: Readonly<Record<string, string>>;
    readonly network: ResolvedAwsNetwork;
    readonly loadBalancers: "shared" | "perService";
    readonly waf: boolean;
    /** Security-group egress of services and EC2 hosts. */
    readonly egress?: "restricted" | "open";
    /** Opt-out: ECS Exec / SSM sessions accepted in prod. */
    readonly allowExecInProd?: boolean;
    readonly accessLogs: boolean;
    readonly containerInsights: boolean;
    readonly compute: {
        readonly type: "fargate" | "ec2";
        readonly instanceType: string;
        readonly min: number;
        readonly max: number;
        readonly targetCapacity: number;
    };
    readonly ecr: { readonly keepTagged: number; readonly tagPrefix: string; readonly untaggedExpireDays: number; readonly immutableTags: boolean };
    readonly discovery: { readonly namespace: string };
    /** ECS services: wait for a steady state, and for how long. */
    readonly rollout: { readonly waitForSteadyState: boolean; readonly timeoutMinutes: number };
}

export interface ResolvedGcp {
    readonly project: string;
    readonly region: string;
    readonly network: {
        readonly subnetCidr: string;
        readonly connector: { readonly cidr: string; readonly minInstances: number; readonly maxInstances: number; readonly machineType: string };
        readonly nat: boolean;
        /** Direct VPC egress (network interfaces on the subnet) or the Serverless VPC Access connector. */
        readonly egress: "direct" | "connector";
        /** An existing network and subnet to use instead of creating them (`gcp.network.existing`). */
        readonly existing?: { readonly network: string; readonly subnetwork: string };
        /** Range reserved for Private Service Access (Cloud SQL, Memorystore). */
        readonly privateServicesCidr: string;
    };
    readonly cdn: boolean;
    readonly armor: boolean;
    readonly registry: { readonly keepRecent: number; readonly untaggedDays: number };
}
