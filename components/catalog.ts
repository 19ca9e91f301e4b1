/**
 * What the clouds offer, as plain data the config layer can check against without a cloud SDK:
 * RDS instance classes, ElastiCache node types, EC2 instance types for ECS container instances,
 * engine versions and Cloud Run sizes. The price table (plan/cost/prices.ts) prices a subset of
 * these; a class known here but not priced there is listed as unpriced in the estimate.
 * Extend a list here when AWS or GCP adds a size; validation refuses anything not listed.
 */

/** Sizes of one family, e.g. `db.m6g` with `large`, `xlarge`, ... */
type Families = Readonly<Record<string, readonly string[]>>;

const BURST = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];
const GRAVITON = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const INTEL_5 = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];
const INTEL_6 = [...INTEL_5, "32xlarge"];
const INTEL_7 = [...INTEL_5, "48xlarge"];

/**
 * RDS for PostgreSQL DB instance classes of current generations
 * (Amazon RDS User Guide, "DB instance classes" and "Supported DB engines for DB instance classes").
 */
export const RDS_CLASS_FAMILIES: Families = {
    "db.t3": BURST, "db.t4g": BURST,
    "db.m5": INTEL_5, "db.m5d": INTEL_5, "db.m6g": GRAVITON, "db.m6gd": GRAVITON, "db.m6i": INTEL_6, "db.m6id": INTEL_6,
    "db.m7g": GRAVITON, "db.m7i": INTEL_7, "db.m8g": [...GRAVITON, "24xlarge", "48xlarge"],
    "db.r5": INTEL_5, "db.r5b": INTEL_5, "db.r5d": INTEL_5, "db.r6g": GRAVITON, "db.r6gd": GRAVITON, "db.r6i": INTEL_6, "db.r6id": INTEL_6,
    "db.r7g": GRAVITON, "db.r7i": INTEL_7, "db.r8g": [...GRAVITON, "24xlarge", "48xlarge"],
    "db.x2g": GRAVITON,
};
export const RDS_CLASS_SOURCE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html";

const CACHE_GRAVITON = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const CACHE_INTEL = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"];

/** ElastiCache (Redis OSS) node types of current generations (ElastiCache User Guide, "Supported node types"). */
export const CACHE_NODE_FAMILIES: Families = {
    "cache.t3": ["micro", "small", "medium"], "cache.t4g": ["micro", "small", "medium"],
    "cache.m5": CACHE_INTEL, "cache.m6g": CACHE_GRAVITON, "cache.m7g": CACHE_GRAVITON,
    "cache.r5": CACHE_INTEL, "cache.r6g": CACHE_GRAVITON, "cache.r7g": CACHE_GRAVITON,
    "cache.r6gd": ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    "cache.c7gn": CACHE_GRAVITON,
};
export const CACHE_NODE_SOURCE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html";

const EC2_BURST = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"];
const EC2_GRAVITON = ["medium", ...GRAVITON];

/** EC2 instance types for ECS container instances (Amazon EC2 User Guide, "Instance types"). */
export const EC2_FAMILIES: Families = {
    t3: EC2_BURST, t3a: EC2_BURST, t4g: EC2_BURST,
    m5: INTEL_5, m5a: INTEL_5, m6i: INTEL_6, m6a: [...INTEL_6, "48xlarge"], m6g: EC2_GRAVITON, m7i: INTEL_7, m7g: EC2_GRAVITON, m8g: [...EC2_GRAVITON, "24xlarge", "48xlarge"],
    c5: ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"], c6i: INTEL_6, c6a: [...INTEL_6, "48xlarge"], c6g: EC2_GRAVITON, c7i: INTEL_7, c7g: EC2_GRAVITON,
    r5: INTEL_5, r6i: INTEL_6, r6a: [...INTEL_6, "48xlarge"], r6g: EC2_GRAVITON, r7i: INTEL_7, r7g: EC2_GRAVITON,
    g4dn: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], g5: ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge"],
};
export const EC2_TYPE_SOURCE = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html";

function expand(families: Families): string[] {
    return Object.entries(families).flatMap(([family, sizes]) => sizes.map((s) => `${family}.${s}`));
}

export const RDS_INSTANCE_CLASSES: readonly string[] = expand(RDS_CLASS_FAMILIES);
export const CACHE_NODE_TYPES: readonly string[] = expand(CACHE_NODE_FAMILIES);
export const EC2_INSTANCE_TYPES: readonly string[] = expand(EC2_FAMILIES);

/**
 * PostgreSQL major versions RDS offers (standard support and RDS Extended Support). A minor
 * version is passed through: RDS retires minors every few months, which no offline table follows.
 */
export const POSTGRES_MAJORS = ["13", "14", "15", "16", "17"] as const;
export const POSTGRES_SOURCE = "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html";

/** ElastiCache Redis OSS versions 6 and later, as `<major>.<minor>` (the provider refuses a bare major). */
export const REDIS_VERSIONS = ["6.0", "6.2", "7.0", "7.1"] as const;
export const REDIS_SOURCE = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html; Pulumi aws.elasticache.ReplicationGroup engineVersion";

/** RDS parameter group family of a PostgreSQL version: `postgres<major>`. */
export function postgresFamily(version: string): string {
    return `postgres${version.split(".")[0]}`;
}

/**
 * ElastiCache parameter group family of a Redis version: `redis6.x` for every 6.*, `redis7` for
 * every 7.* (CacheEngineVersion.CacheParameterGroupFamily in the ElastiCache API reference).
 */
export function redisFamily(version: string): string {
    const major = version.split(".")[0];
    return major === "6" ? "redis6.x" : `redis${major}`;
}

/**
 * Cloud Run vCPU values (integers; fractions need the first-generation execution environment,
 * which this program does not use) and the memory each allows, MiB
 * (https://cloud.google.com/run/docs/configuring/services/cpu, .../memory-limits).
 */
export const CLOUD_RUN_CPU_MEMORY: Readonly<Record<string, { minMi: number; maxMi: number }>> = {
    "1": { minMi: 512, maxMi: 4096 },
    "2": { minMi: 512, maxMi: 8192 },
    "4": { minMi: 2048, maxMi: 16384 },
    "6": { minMi: 4096, maxMi: 24576 },
    "8": { minMi: 4096, maxMi: 32768 },
};
export const CLOUD_RUN_SIZE_SOURCE = "https://cloud.google.com/run/docs/configuring/services/cpu; https://cloud.google.com/run/docs/configuring/services/memory-limits";

/** Memory in MiB of a Cloud Run size such as "512Mi" or "2Gi"; undefined when malformed. */
export function cloudRunMemoryMi(memory: string): number | undefined {
    const m = /^(\d+)(Mi|Gi)$/.exec(memory);
    if (!m) return undefined;
    return Number(m[1]) * (m[2] === "Gi" ? 1024 : 1);
}

/** The smallest Cloud Run CPU that allows `memoryMi`, or undefined above 32 GiB. */
export function cloudRunCpuFor(memoryMi: number): string | undefined {
    return Object.entries(CLOUD_RUN_CPU_MEMORY).find(([, r]) => memoryMi <= r.maxMi)?.[0];
}

/**
 * The Cloud Run size of a service: explicit values win; an unset memory copies the ECS memory
 * (at least 512Mi, and at least what the CPU needs); an unset CPU is the least that memory needs
 * ("1" up to 4Gi), so an AWS size copied to Cloud Run stays a valid pair.
 */
export function cloudRunSize(awsMemoryMi: number, cpu?: string, memory?: string): { cpu: string; memory: string } {
    const cpuFloor = cpu !== undefined ? CLOUD_RUN_CPU_MEMORY[cpu]?.minMi ?? 0 : 0;
    const mem = memory ?? `${Math.max(512, awsMemoryMi, cpuFloor)}Mi`;
    const memMi = cloudRunMemoryMi(mem) ?? 512;
    return { cpu: cpu ?? cloudRunCpuFor(memMi) ?? "8", memory: mem };
}

/** Null when Cloud Run accepts the pair, else what is allowed. */
export function cloudRunSizeProblem(cpu: string, memoryMi: number): string | null {
    const rule = CLOUD_RUN_CPU_MEMORY[cpu];
    if (!rule) {
        return Number(cpu) < 1
            ? `fractional CPU needs Cloud Run's first-generation execution environment; services here run on the second generation: use "1" or more`
            : `Cloud Run CPU must be one of ${Object.keys(CLOUD_RUN_CPU_MEMORY).join(", ")}`;
    }
    if (memoryMi < rule.minMi || memoryMi > rule.maxMi) {
        return `Cloud Run allows ${rule.minMi}Mi to ${rule.maxMi}Mi with ${cpu} CPU (got ${memoryMi}Mi)`;
    }
    return null;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}

/** The closest known value to a typo, when one is close enough to be what was meant. */
export function didYouMean(value: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestD = Infinity;
    for (const k of known) {
        const d = distance(value.toLowerCase(), k);
        if (d < bestD) { bestD = d; best = k; }
    }
    return bestD <= Math.max(2, Math.floor(value.length / 4)) ? best : undefined;
}

/** A sentence for an unknown catalogue value: the suggestion, else the family's sizes, else the families. */
export function unknownValueMessage(what: string, value: string, families: Families, source: string): string {
    const hint = didYouMean(value, expand(families));
    const family = value.slice(0, value.lastIndexOf("."));
    const sizes = families[family];
    const known = sizes ? `${family} comes in ${sizes.join(", ")}` : `known families: ${Object.keys(families).join(", ")}`;
    return `is not a known ${what}${hint ? ` (did you mean "${hint}"?)` : ""}; ${known} (${source}; add it to components/catalog.ts if AWS offers it)`;
}
