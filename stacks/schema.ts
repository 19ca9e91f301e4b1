import { z } from "zod";
import {
    bool, cidrString, dailyWindow, dnsLabel, intRange, logRetention, numRange, pattern, stringList, versionString, weeklyWindow,
} from "./schema-helpers";

/**
 * The stack config contract: every `platform:*` key, its type and its allowed values. Objects are
 * strict, so a misspelt key is an error rather than a silently ignored setting. Defaults are not
 * applied here but in `resolve.ts`, per environment profile, so "explicit beats profile" holds.
 */

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export const CLOUDS = ["aws", "gcp"] as const;

const healthCheck = z.object({
    /** HTTP path the load balancer probes. @default "/" */
    path: pattern(/^\/[^\s]*$/, 'a path starting with "/"').optional(),
    /** Seconds between probes. @default 30 */
    interval: intRange(5, 300).optional(),
    /** Seconds before a probe counts as failed. @default 5 */
    timeout: intRange(2, 120).optional(),
    /** Consecutive successes before healthy. @default 2 */
    healthyThreshold: intRange(2, 10).optional(),
    /** Consecutive failures before unhealthy. @default 3 */
    unhealthyThreshold: intRange(2, 10).optional(),
    /** HTTP codes that count as healthy. @default "200-399" */
    matcher: pattern(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, 'HTTP codes such as "200" or "200-399"').optional(),
    /** Seconds ECS ignores failing health checks after a task starts. @default 60 */
    gracePeriod: intRange(0, 7200).optional(),
    /** Container-level health check command (ECS `healthCheck.command`), e.g. ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]. */
    command: stringList(z.string(), "strings").min(1, "must not be empty").optional(),
}).strict();

const scaling = z.object({
    /** Minimum task / instance count. @default profile (dev 1, staging 1, prod 2) */
    min: intRange(0, 1000).optional(),
    /** Maximum task / instance count. @default profile (dev 2, staging 4, prod 10) */
    max: intRange(1, 1000).optional(),
    /** Target average CPU utilisation, percent. @default 70 */
    cpuTarget: intRange(1, 100).optional(),
    /** Target average memory utilisation, percent; off when unset. */
    memoryTarget: intRange(1, 100).optional(),
    /** Seconds between scale-out steps. @default 60 */
    scaleOutCooldown: intRange(0, 3600).optional(),
    /** Seconds between scale-in steps. @default 300 */
    scaleInCooldown: intRange(0, 3600).optional(),
}).strict();

const volume = z.object({
    /** Volume name, unique within the service. */
    name: dnsLabel(32),
    /** Container path the volume is mounted at. */
    mountPath: pattern(/^\/\S*$/, 'an absolute path such as "/qdrant/storage"'),
    /** EFS-backed volume: the directory inside the file system (an access point is created for it). */
    efs: z.object({
        /** Directory inside the file system; an access point with this root is created for the volume. */
        path: pattern(/^\/\S*$/, 'an absolute path such as "/qdrant"'),
    }).strict(),
    /** Mount read-only. @default false */
    readOnly: bool.optional(),
}).strict();

const serviceGcp = z.object({
    /** Cloud Run vCPU per instance: "1", "2", "4", "6" or "8" (fractions such as "0.5" need the first-generation environment and are refused). @default the least the memory needs: "1" up to 4Gi */
    cpu: pattern(/^(0\.(08|[1-9]\d?)|[12468])$/, 'a Cloud Run CPU such as "1", "2" or "4"').optional(),
    /** Cloud Run memory, e.g. "512Mi", "1Gi". @default the service's `memory` (at least 512Mi and what gcp.cpu needs) */
    memory: pattern(/^\d+(Mi|Gi)$/, 'a size such as "512Mi" or "1Gi"').optional(),
    /** Minimum instances. @default the service's scaling.min */
    minInstances: intRange(0, 1000).optional(),
    /** Maximum instances. @default the service's scaling.max */
    maxInstances: intRange(1, 1000).optional(),
    /** Concurrent requests per instance. @default 80 */
    concurrency: intRange(1, 1000).optional(),
    /** Serve this service's backend through Cloud CDN. @default true for the service routed at "/" when gcp.cdn is on */
    cdn: bool.optional(),
    /** CPU allocated only during requests (request-based billing). @default true in dev, false otherwise */
    cpuIdle: bool.optional(),
    /** Startup CPU boost. @default true */
    startupCpuBoost: bool.optional(),
}).strict();

/** An SES identity: a verified domain or email address. */
const sesIdentity = pattern(/^([^@\s]+@)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a verified SES identity: a domain such as example.com or an address such as noreply@example.com");
/** An SNS topic: a topic name of this account and region, or a full topic ARN. */
const snsTopic = pattern(/^(arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:)?[A-Za-z0-9_-]{1,256}(\.fifo)?$/, "an SNS topic name such as orders or a topic ARN");

const permissions = z.object({
    /** Send email through SES: true (any identity of this account and region) or { identities } (only those). @default false */
    ses: z.union([bool, z.object({
        /** Verified identities (domains or addresses) the task may send as. */
        identities: stringList(sesIdentity, "SES identities").min(1, "must list at least one identity"),
    }).strict()], { errorMap: () => ({ message: "must be true, false or { identities: [...] }" }) }).optional(),
    /** Publish to SNS: true (SMS to phone numbers only, in this region) or { topics, sms } (those topics, SMS when sms: true). @default false */
    sns: z.union([bool, z.object({
        /** Topic names or ARNs the task may publish to. @default [] */
        topics: stringList(snsTopic, "SNS topics").optional(),
        /** Also send SMS to phone numbers (SNS has no ARN for them: the grant is conditioned on this region). @default false */
        sms: bool.optional(),
    }).strict()], { errorMap: () => ({ message: "must be true, false or { topics: [...], sms: true|false }" }) }).optional(),
    /** Buckets (names from `buckets`) the task may read and write. */
    buckets: stringList(z.string(), "bucket names").optional(),
}).strict();

/** Build settings of an image built from source during `pulumi up` (services[].build, jobs[].build). */
const build = z.object({
    /** Build context directory, relative to the project root (the directory of Pulumi.yaml, where `pulumi up` runs), e.g. "./backend". */
    context: pattern(/^(?!\/)[^\0]+$/, 'a directory relative to the project root such as "./backend"'),
    /** Dockerfile path, relative to the project root. @default "<context>/Dockerfile" */
    dockerfile: pattern(/^(?!\/)[^\0]+$/, 'a file relative to the project root such as "./backend/Dockerfile"').optional(),
    /** Multi-stage build target, e.g. "runtime". @default the last stage */
    target: pattern(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, "a build stage name").optional(),
    /** Build arguments (ARG values); never secrets, they stay in the image history. @default {} */
    args: z.record(z.string()).optional(),
    /** Target platform. @default "linux/amd64" for x86_64, "linux/arm64" for arm64 */
    platform: z.enum(["linux/amd64", "linux/arm64"]).optional(),
}).strict();

export const serviceSchema = z.object({
    /** Service name: DNS label, unique in the stack. */
    name: dnsLabel(20),
    /** Full image reference; defaults to this stack's registry repository with `imageTag`. */
    image: z.string().min(1).optional(),
    /** Tag used when neither `image` nor `build` is set. @default platform:release, else "latest" */
    imageTag: pattern(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a Docker tag").optional(),
    /** Build the image from source during `pulumi up` and run it by digest (instead of `image` / `imageTag`). */
    build: build.optional(),
    /** Container port. A service without a port is a worker (no load balancer, no discovery). */
    port: intRange(1, 65535).optional(),
    /** What the port speaks: "http" (callers get `<NAME>_URL`), or "tcp" for anything else, e.g. Redis run as a service (callers get `<NAME>_HOST` and `<NAME>_PORT` only; AWS only). @default "http" */
    protocol: z.enum(["http", "tcp"]).optional(),
    /** Path patterns routed to this service by the load balancer, e.g. ["/api/*"]. */
    routes: stringList(pattern(/^\/[^\s]*$/, 'a path pattern starting with "/" such as "/api/*"'), "path patterns")
        .min(1, "must list at least one path; omit the key for a service without routes")
        .optional(),
    /** Who can reach the service: public (load balancer routes), internal (other services, through discovery), none (worker). @default public with routes, internal with a port, none otherwise */
    expose: z.enum(["public", "internal", "none"]).optional(),
    /** Task CPU units (1024 = 1 vCPU). @default 256 */
    cpu: intRange(128, 16384).optional(),
    /** Task memory, MiB. @default 512 */
    memory: intRange(128, 122880).optional(),
    /** CPU architecture. arm64 (Graviton) is about 20 % cheaper on Fargate. @default "x86_64" */
    architecture: z.enum(["x86_64", "arm64"]).optional(),
    /** Container command override. */
    command: stringList(z.string(), "strings").min(1, "must not be empty").optional(),
    /** Plain environment variables (never secrets: use `secrets`). */
    environment: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Names from the top-level `secrets` list injected as environment variables (NAME_IN_UPPER_SNAKE). */
    secrets: stringList(z.string(), "secret names").optional(),
    /** Health check of the load balancer target group and the container. */
    healthCheck: healthCheck.optional(),
    /** Autoscaling bounds and targets. */
    scaling: scaling.optional(),
    /** Task count at deploy time. @default scaling.min */
    desiredCount: intRange(0, 1000).optional(),
    /** What the service talks to: "database", "cache", bucket names, other service names. Grants network access and injects connection settings. */
    uses: stringList(z.string(), "names").optional(),
    /** Register in Cloud Map so `<name>.<namespace>` resolves. @default true for internal services */
    discovery: bool.optional(),
    /** EFS-backed volumes. */
    volumes: z.array(volume).optional(),
    /** Extra AWS permissions for the task role. */
    permissions: permissions.optional(),
    /** Read-only root file system for the container. @default false */
    readonlyRootFilesystem: bool.optional(),
    /** ECS Exec (shell into running tasks). In prod only with aws.allowExecInProd. @default profile (dev true, prod false) */
    exec: bool.optional(),
    /** Cloud Run specifics. */
    gcp: serviceGcp.optional(),
}).strict();

const domain = z.object({
    /** Fully qualified domain the app is served on, e.g. app.example.com. */
    name: pattern(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lowercase domain name such as app.example.com"),
    /** Existing Route 53 hosted zone id. @default looked up by `zoneName` */
    zoneId: pattern(/^Z[A-Z0-9]{4,32}$/, "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ").optional(),
    /** Existing hosted zone name. @default the domain's parent (or the domain itself) */
    zoneName: z.string().optional(),
    /** Create the hosted zone instead of using an existing one. @default false */
    createZone: bool.optional(),
    /** Extra host names (e.g. ["www.example.com"]) added to the certificate and DNS. */
    aliases: stringList(z.string(), "domain names").optional(),
    /** Which cloud(s) answer the main name (and aliases): one cloud, `failover` (primary + secondary by health check) or `weighted` (percentages). Failover and weighted need both clouds. @default "aws" when clouds includes aws, else "gcp" */
    routing: z.enum(["aws", "gcp", "failover", "weighted"]).optional(),
    /** Where the zone lives: Route 53 (needs aws in clouds) or Cloud DNS (needs gcp in clouds). On a GCP-only stack without it, no record is written (point the name at `gcp.lbIp` yourself). @default "route53" when clouds includes aws */
    dns: z.enum(["route53", "clouddns"]).optional(),
    /** Cloud DNS managed zone name holding `zoneName` (dns: clouddns). @default zoneName with dots as hyphens, e.g. "example-org" */
    cloudDnsZone: pattern(/^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a Cloud DNS managed zone name such as "example-org"').optional(),
    /** Cloud that takes all traffic while healthy (routing: failover). @default "aws" */
    primary: z.enum(["aws", "gcp"]).optional(),
    /** Percent of DNS answers per cloud (routing: weighted); must add up to 100, e.g. { aws: 90, gcp: 10 }. */
    weights: z.object({
        /** Percent of answers pointing at AWS. */
        aws: intRange(0, 100),
        /** Percent of answers pointing at GCP. */
        gcp: intRange(0, 100),
    }).strict().optional(),
    /** Path the DNS health checks probe on each cloud's own host name (routing: failover or weighted). @default the health check path of the service routed at "/" */
    healthPath: pattern(/^\/[^\s]*$/, 'a path starting with "/"').optional(),
    /** How data stays consistent when traffic moves between clouds (required for failover/weighted when a service uses the database or cache): replicated (you replicate between the clouds' stores), external (the source of truth lives outside both), none-needed (per-cloud data is acceptable). */
    dataSharing: z.enum(["replicated", "external", "none-needed"]).optional(),
    /** AWS side of a both-clouds stack. */
    aws: z.object({
        /** Host name only AWS serves (own certificate name, health checks, `urls.aws`). @default "aws.<name>" */
        host: z.string().optional(),
    }).strict().optional(),
    /** GCP side of a both-clouds stack. */
    gcp: z.object({
        /** Host name only GCP serves (own certificate name, uptime checks, `urls.gcp`). @default "gcp.<name>" */
        host: z.string().optional(),
    }).strict().optional(),
}).strict();

const database = z.object({
    /** Only PostgreSQL is supported. @default "postgres" */
    engine: z.enum(["postgres"]).optional(),
    /** Engine version. @default "16.3" */
    version: versionString.optional(),
    /** RDS instance class, e.g. db.t4g.micro. @default "db.t4g.micro" */
    instanceClass: pattern(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as "db.t4g.micro"').optional(),
    /** Storage, GB (gp3). @default 20 */
    allocatedStorage: intRange(20, 65536).optional(),
    /** Storage autoscaling ceiling, GB: at least 10 % above allocatedStorage (RDS rule). @default 100, or 26 % above allocatedStorage when that is more (off beyond 64 TiB) */
    maxAllocatedStorage: intRange(20, 65536).optional(),
    /** Standby in a second AZ. @default profile (dev false, staging/prod true) */
    multiAz: bool.optional(),
    /** Days of automated backups. @default profile (dev 1, staging/prod 7) */
    backupRetentionDays: intRange(0, 35).optional(),
    /** Daily backup window, UTC. @default "03:00-04:00" */
    backupWindow: dailyWindow.optional(),
    /** Weekly maintenance window, UTC. @default "mon:04:00-mon:05:00" */
    maintenanceWindow: weeklyWindow.optional(),
    /** Refuse deletion. @default profile (prod true) */
    deletionProtection: bool.optional(),
    /** Performance Insights. @default true */
    performanceInsights: bool.optional(),
    /** Initial database name. @default the app name with hyphens as underscores */
    databaseName: pattern(/^[a-z][a-z0-9_]{0,62}$/, "a lowercase identifier such as app_db").optional(),
    /** Master user name (its password is managed by RDS in Secrets Manager). @default "app" */
    username: pattern(/^[a-z][a-z0-9_]{0,15}$/, "a lowercase identifier of at most 16 characters").optional(),
    /** Cloud SQL specifics. */
    gcp: z.object({
        /** Cloud SQL machine tier, e.g. db-custom-2-7680. @default derived from instanceClass (gcp/sizes.ts) */
        tier: pattern(/^db-[a-z0-9-]+$/, 'a Cloud SQL tier such as "db-custom-2-7680" or "db-f1-micro"').optional(),
    }).strict().optional(),
}).strict();

const cache = z.object({
    /** Only Redis is supported. @default "redis" */
    engine: z.enum(["redis"]).optional(),
    /** Engine version. @default "7.1" */
    version: versionString.optional(),
    /** Node type, e.g. cache.t4g.micro. @default "cache.t4g.micro" */
    nodeType: pattern(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, 'an ElastiCache node type such as "cache.t4g.micro"').optional(),
    /** Read replicas (with automatic failover and Multi-AZ when >= 1). @default profile (dev 0, staging/prod 1) */
    replicas: intRange(0, 5).optional(),
    /** maxmemory-policy. @default "allkeys-lru" */
    evictionPolicy: z.enum(["allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu", "allkeys-random", "volatile-random", "volatile-ttl", "noeviction"]).optional(),
    /** Days of snapshots. @default profile (dev 1, staging/prod 5) */
    snapshotRetentionDays: intRange(0, 35).optional(),
    /** Daily snapshot window, UTC. @default "03:00-05:00" */
    snapshotWindow: dailyWindow.optional(),
    /** Weekly maintenance window, UTC. @default "sun:05:00-sun:06:00" */
    maintenanceWindow: weeklyWindow.optional(),
    /** Memorystore specifics. */
    gcp: z.object({
        /** BASIC (one node) or STANDARD_HA (replica with automatic failover). @default STANDARD_HA when replicas >= 1 (staging/prod profile), else BASIC */
        tier: z.enum(["BASIC", "STANDARD_HA"]).optional(),
        /** Capacity, GB (1 to 300). @default the memory of nodeType, rounded up */
        memorySizeGb: intRange(1, 300).optional(),
        /** Memorystore redisVersion, e.g. REDIS_7_2. @default mapped from version (7.1 → REDIS_7_0) */
        version: z.enum(["REDIS_4_0", "REDIS_5_0", "REDIS_6_X", "REDIS_7_0", "REDIS_7_2"]).optional(),
    }).strict().optional(),
}).strict();

const bucket = z.object({
    /** Logical bucket name (the physical name adds app, stage and account). */
    name: dnsLabel(20),
    /** Object versioning. @default true */
    versioning: bool.optional(),
    /** Server-side encryption. @default "kms" */
    encryption: z.enum(["kms", "aes256"]).optional(),
    /** Lifecycle: move to Standard-IA after N days, delete after M days. */
    lifecycle: z.object({
        /** Days before objects move to S3 Standard-IA (30 at the earliest). */
        transitionToIaDays: intRange(30, 3650).optional(),
        /** Days before objects (and old versions) are deleted. */
        expireDays: intRange(1, 36500).optional(),
    }).strict().optional(),
    /** Serve through CloudFront with Origin Access Control. @default false */
    cdn: bool.optional(),
    /** Cloud Storage specifics. */
    gcp: z.object({
        /** Cloud KMS key for CMEK (projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>); the Cloud Storage service agent needs encrypter/decrypter on it. @default Google-managed encryption */
        kmsKeyName: pattern(/^projects\/[a-z][a-z0-9-]+\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]+\/cryptoKeys\/[A-Za-z0-9_-]+$/, "a Cloud KMS key name such as projects/p/locations/us-central1/keyRings/r/cryptoKeys/k").optional(),
    }).strict().optional(),
}).strict();

const alerts = z.object({
    /** Email address subscribed to the alarm topic / notification channel. */
    email: pattern(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "an email address").optional(),
    /** Service CPU alarm threshold, percent. @default 80 */
    cpuPercent: intRange(1, 100).optional(),
    /** Service memory alarm threshold, percent. @default 80 */
    memoryPercent: intRange(1, 100).optional(),
    /** ALB 5XX count per minute that raises an alarm. @default 10 */
    http5xxCount: intRange(1, 100000).optional(),
    /** Database CPU threshold, percent. @default 75 */
    databaseCpuPercent: intRange(1, 100).optional(),
    /** Cache CPU threshold, percent. @default 75 */
    cacheCpuPercent: intRange(1, 100).optional(),
    /** Cache memory threshold, percent. @default 80 */
    cacheMemoryPercent: intRange(1, 100).optional(),
    /** Evaluation periods (minutes) before an alarm fires. @default 2 */
    evaluationPeriods: intRange(1, 60).optional(),
}).strict();

const costAssumptions = z.object({
    /** GB a month through each NAT gateway. @default 10 */
    natGbPerMonth: numRange(0, 1e7).optional(),
    /** Average load balancer capacity units per hour. @default 1 */
    lcuPerHour: numRange(0, 1e5).optional(),
    /** GB of logs ingested a month, whole stack. @default 5 */
    logGbPerMonth: numRange(0, 1e7).optional(),
    /** Requests a month (Cloud Run request-based billing). @default 1000000 */
    requestsPerMonth: numRange(0, 1e12).optional(),
    /** Average request duration, seconds (Cloud Run request-based billing). @default 0.2 */
    requestSeconds: numRange(0, 3600).optional(),
    /** GB stored in each bucket. @default 10 */
    bucketGb: numRange(0, 1e9).optional(),
    /** GB stored in each EFS file system. @default 10 */
    efsGb: numRange(0, 1e9).optional(),
    /** GB of images kept in each container registry repository. @default 1 */
    registryGb: numRange(0, 1e6).optional(),
    /** Runs a month of each on-demand job (scheduled jobs count their cron matches in 30 days). @default 30 */
    jobRunsPerMonth: numRange(0, 1e6).optional(),
    /** Minutes each job run takes. @default 5 */
    jobMinutesPerRun: numRange(0, 1440).optional(),
    /** Price overrides by price id (see plan/cost/prices.ts), e.g. { "aws.nat.hour": 0.048 } for a negotiated or regional rate. @default {} */
    prices: z.record(numRange(0, 1e6)).optional(),
}).strict();

const existingVpc = z.object({
    /** The VPC's id. */
    vpcId: pattern(/^vpc-[0-9a-f]{8,17}$/, "a VPC id such as vpc-0123456789abcdef0"),
    /** The VPC's IPv4 block (security group egress and the docs use it). */
    cidr: cidrString,
    /** Subnet ids per tier, one per availability zone. */
    subnets: z.object({
        /** Public subnets (load balancers): at least 2 when a service is public. */
        public: stringList(pattern(/^subnet-[0-9a-f]{8,17}$/, "a subnet id such as subnet-0123456789abcdef0"), "public subnet ids").optional(),
        /** Private subnets with a route out (NAT): tasks and container instances. */
        private: stringList(pattern(/^subnet-[0-9a-f]{8,17}$/, "a subnet id such as subnet-0123456789abcdef0"), "private subnet ids").min(1, "must list at least one private subnet id"),
        /** Isolated subnets (no route out): at least 2 when the stack has a database or cache. */
        isolated: stringList(pattern(/^subnet-[0-9a-f]{8,17}$/, "a subnet id such as subnet-0123456789abcdef0"), "isolated subnet ids").optional(),
    }).strict(),
}).strict();

const awsNetwork = z.object({
    /** Use an existing VPC (created outside this stack) instead of creating one; the other network keys then do not apply. */
    existing: existingVpc.optional(),
    /** VPC CIDR block. @default "10.0.0.0/16" */
    cidr: cidrString.optional(),
    /** Number of availability zones. @default 2 */
    azCount: intRange(2, 3).optional(),
    /** Explicit AZ names, e.g. ["us-east-1a", "us-east-1b"]. @default the region's first azCount zones */
    azs: stringList(pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an AZ name such as us-east-1a"), "AZ names").optional(),
    /** NAT gateways: one per AZ, one shared, or none. @default profile (dev single, staging single, prod perAz) */
    natGateways: z.enum(["perAz", "single", "none"]).optional(),
    /** Explicit subnet CIDRs per tier (one per AZ). @default computed from the VPC CIDR */
    subnets: z.object({
        /** Public subnets (load balancers, NAT gateways), one per AZ. */
        public: stringList(cidrString, "CIDR blocks").optional(),
        /** Private subnets (tasks, container instances), one per AZ; egress through NAT. */
        private: stringList(cidrString, "CIDR blocks").optional(),
        /** Isolated subnets (database, cache), one per AZ, no route out of the VPC; required with a data tier. */
        isolated: stringList(cidrString, "CIDR blocks").optional(),
    }).strict().optional(),
    /** VPC flow logs to CloudWatch. @default true */
    flowLogs: bool.optional(),
    /** Interface endpoints (cut NAT traffic), e.g. ["ecr.api", "ecr.dkr", "logs", "secretsmanager"]. The S3 gateway endpoint is always created. @default [] */
    endpoints: stringList(z.enum(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "ssmmessages", "ec2messages", "kms", "sts", "monitoring", "ecs", "ecs-agent", "ecs-telemetry"]), "endpoint service names").optional(),
}).strict();

const awsCompute = z.object({
    /** Where tasks run: "fargate", or "ec2" for an Auto Scaling group of container instances. Required when `compute` is set (without `compute`, Fargate). */
    type: z.enum(["fargate", "ec2"]),
    /** EC2 instance type for ECS container instances. @default "t3.medium" */
    instanceType: pattern(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as "t3.medium"').optional(),
    /** Auto Scaling group minimum. @default 1 */
    min: intRange(0, 1000).optional(),
    /** Auto Scaling group maximum. @default 5 */
    max: intRange(1, 1000).optional(),
    /** Capacity provider managed scaling target, percent. @default 100 */
    targetCapacity: intRange(1, 100).optional(),
}).strict();

const awsSchema = z.object({
    /** Region. @default aws:region, else "us-east-1" */
    region: pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as us-east-1").optional(),
    /** VPC layout. */
    network: awsNetwork.optional(),
    /** One ALB shared by all routed services, or one per routed service (seed 000). @default "shared" */
    loadBalancers: z.enum(["shared", "perService"]).optional(),
    /** WAFv2 web ACL with AWS managed rules and a rate limit on the load balancer(s). @default profile (prod true) */
    waf: bool.optional(),
    /** Security-group egress: "restricted" (TCP 443 to the internet, linked ports to the VPC CIDR) or "open" (everything). @default profile (prod restricted, else open) */
    egress: z.enum(["restricted", "open"]).optional(),
    /** Allow ECS Exec (services[].exec) and SSM sessions on EC2 hosts in prod; the plan warns and the policy pack reports it. @default false */
    allowExecInProd: bool.optional(),
    /** ALB access logs to S3. @default profile (prod true) */
    accessLogs: bool.optional(),
    /** ECS Container Insights. @default profile (dev false, staging/prod true) */
    containerInsights: bool.optional(),
    /** ECS capacity: Fargate (default) or EC2 container instances. */
    compute: awsCompute.optional(),
    /** ECR repository settings. */
    ecr: z.object({
        /** Tagged images kept per repository. @default 10 */
        keepTagged: intRange(1, 1000).optional(),
        /** Tag prefix the keep rule applies to, e.g. "v". @default "v" */
        tagPrefix: pattern(/^[A-Za-z0-9_.-]{1,32}$/, "a tag prefix such as v").optional(),
        /** Days before untagged images expire. @default 7 */
        untaggedExpireDays: intRange(1, 3650).optional(),
        /** Immutable tags. @default profile (prod true) */
        immutableTags: bool.optional(),
    }).strict().optional(),
    /** `pulumi up` waits until each ECS service's deployment is steady, so crash-looping tasks fail the update instead of passing silently. */
    rollout: z.object({
        /** Wait for a steady state. @default profile (dev false, staging/prod true) */
        waitForSteadyState: bool.optional(),
        /** Minutes to wait for it before `pulumi up` fails. @default 20 */
        timeoutMinutes: intRange(1, 120).optional(),
    }).strict().optional(),
    /** Cloud Map private DNS namespace. @default namespace <app>-<stage>.local */
    discovery: z.object({
        /** Private DNS namespace name, e.g. prod-infra-production.local. */
        namespace: pattern(/^[a-z0-9][a-z0-9.-]*\.[a-z]+$/, "a DNS name such as app-prod.local"),
    }).strict().optional(),
}).strict();

const gcpSchema = z.object({
    /** GCP project id (required when clouds includes gcp). @default gcp:project */
    project: pattern(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "a GCP project id (6-30 lowercase letters, digits, hyphens)").optional(),
    /** Region. @default gcp:region, else "us-central1" */
    region: pattern(/^[a-z]+-[a-z]+\d$/, "a GCP region such as us-central1").optional(),
    /** VPC layout. */
    network: z.object({
        /** Use an existing VPC network and subnet (created outside this stack) instead of creating them; Cloud Run then reaches it by direct VPC egress, and `subnetCidr` is that subnet's range. */
        existing: z.object({
            /** The network: its name or `projects/<project>/global/networks/<name>`. */
            network: pattern(/^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/global\/networks\/)?[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/, "a network name or projects/<project>/global/networks/<name>"),
            /** The subnet in the stack's region: its name or `projects/<project>/regions/<region>/subnetworks/<name>`. */
            subnetwork: pattern(/^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/regions\/[a-z]+-[a-z]+\d\/subnetworks\/)?[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/, "a subnetwork name or projects/<project>/regions/<region>/subnetworks/<name>"),
        }).strict().optional(),
        /** Subnet CIDR. @default "10.0.0.0/24" */
        subnetCidr: cidrString.optional(),
        /** Serverless VPC Access connector. */
        connector: z.object({
            /** Connector range, a /28 not used elsewhere. @default "10.8.0.0/28" */
            cidr: cidrString.optional(),
            /** Minimum connector instances. @default 2 */
            minInstances: intRange(2, 9).optional(),
            /** Maximum connector instances. @default 3 */
            maxInstances: intRange(3, 10).optional(),
            /** Connector machine type. @default "e2-micro" */
            machineType: z.enum(["f1-micro", "e2-micro", "e2-standard-4"]).optional(),
        }).strict().optional(),
        /** Cloud Router + Cloud NAT for a static egress. @default false */
        nat: bool.optional(),
        /** Range reserved for Private Service Access (Cloud SQL and Memorystore private IPs), /8 to /24 (Google recommends /16). @default "10.96.0.0/16" */
        privateServicesCidr: cidrString.optional(),
        /** How Cloud Run reaches the VPC: direct VPC egress (IPs from the subnet) or the Serverless VPC Access connector. @default "connector" when network.connector is set, else "direct" */
        egress: z.enum(["direct", "connector"]).optional(),
    }).strict().optional(),
    /** Cloud CDN on the service routed at "/" (per service: services[].gcp.cdn). @default false */
    cdn: bool.optional(),
    /** Cloud Armor policy (OWASP rules + rate limit) on the backend services. @default profile (prod true) */
    armor: bool.optional(),
    /** Artifact Registry cleanup. */
    registry: z.object({
        /** Most recent versions kept. @default 10 */
        keepRecent: intRange(1, 1000).optional(),
        /** Days before untagged versions are deleted. @default 7 */
        untaggedDays: intRange(1, 3650).optional(),
    }).strict().optional(),
}).strict();

const schedule = z.object({
    /** Five-field unix cron "minute hour day-of-month month day-of-week" (numbers, *, ranges, lists, steps), e.g. "0 3 * * *"; translated to EventBridge Scheduler's cron() on AWS. */
    cron: z.string({ invalid_type_error: 'must be a quoted cron expression such as "0 3 * * *"' }),
    /** IANA time zone the cron expression is read in, e.g. "Europe/Berlin". @default "UTC" */
    timeZone: z.string().optional(),
    /** Clouds the schedule runs on (each runs the job against its own stores). @default every cloud in platform:clouds */
    clouds: z.array(z.enum(CLOUDS)).min(1, "must name at least one cloud").optional(),
}).strict();

export const jobSchema = z.object({
    /** Job name: DNS label, unique among services and jobs. */
    name: dnsLabel(20),
    /** Full image reference (instead of `build`, `imageFrom` or the release tag). */
    image: z.string().min(1).optional(),
    /** Tag used when neither `image`, `build` nor `imageFrom` is set. @default platform:release, else "latest" */
    imageTag: pattern(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a Docker tag").optional(),
    /** Build the image from source during `pulumi up` and run it by digest. */
    build: build.optional(),
    /** Run the image of this service (same build digest or tag), e.g. the backend image for an Alembic migration. */
    imageFrom: z.string().optional(),
    /** Container command, e.g. ["alembic", "upgrade", "head"]. @default the image's CMD */
    command: stringList(z.string(), "strings").min(1, "must not be empty").optional(),
    /** Task CPU units (1024 = 1 vCPU). @default 256 */
    cpu: intRange(128, 16384).optional(),
    /** Task memory, MiB. @default 512 */
    memory: intRange(128, 122880).optional(),
    /** CPU architecture. @default "x86_64" */
    architecture: z.enum(["x86_64", "arm64"]).optional(),
    /** Plain environment variables (never secrets: use `secrets`). */
    environment: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Names from the top-level `secrets` list injected as environment variables. */
    secrets: stringList(z.string(), "secret names").optional(),
    /** What the job talks to: "database", "cache", bucket names, service names (same environment as services). */
    uses: stringList(z.string(), "names").optional(),
    /** Seconds a run may take before it is stopped (Cloud Run task timeout; EventBridge Scheduler gives up retrying after it). @default 3600 */
    timeout: intRange(1, 86400).optional(),
    /** Retries of a failed run (Cloud Run maxRetries; EventBridge Scheduler retry attempts). @default 0 */
    retries: intRange(0, 10).optional(),
    /** Parallel tasks per run (Cloud Run taskCount; ECS run-task count). @default 1 */
    tasks: intRange(1, 10).optional(),
    /** Run on a schedule; without it the job runs on demand (see the `jobs` stack output). */
    schedule: schedule.optional(),
}).strict();

/** The whole `platform:` namespace. */
export const platformSchema = z.object({
    /** Application name, first part of every physical name. */
    name: dnsLabel(16),
    /** Environment profile: dev, staging or prod. */
    environment: z.enum(ENVIRONMENTS),
    /** Label used in names in place of the environment (seed 004: tiger, cheetah). @default environment */
    stage: dnsLabel(10).optional(),
    /** Clouds to deploy to. @default ["aws"] */
    clouds: z.array(z.enum(CLOUDS), { invalid_type_error: 'must be a list such as ["aws"] or ["aws", "gcp"]' })
        .min(1, 'must name at least one cloud: "aws", "gcp" or both').optional(),
    /** Extra tags / labels on every resource. */
    tags: z.record(z.string()).optional(),
    /** Domain served over HTTPS. Required in prod when a service is public, unless allowHttp. */
    domain: domain.optional(),
    /** Opt-out: serve plain HTTP in prod without a domain; the plan warns and the policy pack reports it. @default false */
    allowHttp: bool.optional(),
    /** The application's services: web, APIs, workers. */
    services: z.array(serviceSchema, { invalid_type_error: "must be a list of services" }).min(1, "must list at least one service"),
    /** One-off and scheduled jobs (migrations, cron tasks): run to completion, never serve traffic. @default [] */
    jobs: z.array(jobSchema, { invalid_type_error: "must be a list of jobs" }).optional(),
    /** Image tag of the release every service and job without image, build or imageTag runs (CI: `pulumi config set platform:release $GITHUB_SHA`). @default "latest" */
    release: pattern(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "a Docker tag such as v1.4.2 or a commit sha").optional(),

    /** Managed PostgreSQL. */
    database: database.optional(),
    /** Managed Redis. */
    cache: cache.optional(),
    /** Object storage buckets. */
    buckets: z.array(bucket).optional(),
    /** Application secret names; entries are created empty unless `secretValues` gives a value. */
    secrets: stringList(pattern(/^[a-z][a-z0-9-]{0,62}$/, "a lowercase name such as database-url"), "secret names").optional(),
    /** Encrypted values of app secrets by secret name: `pulumi config set --secret --path 'platform:secretValues.stripe-key' <value>`. @default {} */
    secretValues: z.record(z.union([z.string(), z.object({ secure: z.string() }).strict()])).optional(),
    /** Alarm destination and thresholds. */
    alerts: alerts.optional(),
    /** Log retention, days. @default profile (dev 7, staging 14, prod 30) */
    logRetentionDays: logRetention.optional(),
    /** Usage assumptions for the cost estimate. */
    costAssumptions: costAssumptions.optional(),
    /** AWS-specific settings. */
    aws: awsSchema.optional(),
    /** GCP-specific settings. */
    gcp: gcpSchema.optional(),
}).strict();

export type PlatformInput = z.infer<typeof platformSchema>;
export type ServiceInput = z.infer<typeof serviceSchema>;
export type JobInput = z.infer<typeof jobSchema>;
export type BuildInput = z.infer<typeof build>;
