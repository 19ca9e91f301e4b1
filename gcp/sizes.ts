/**
 * What Cloud SQL and Memorystore offer, and how the AWS-shaped config (`database.instanceClass`,
 * `database.version`, `cache.nodeType`, `cache.version`) maps onto it. Plain data, no Pulumi
 * import: stacks/ reads it to validate and resolve, gcp/ to build.
 *
 * Sources:
 * - Cloud SQL for PostgreSQL versions: https://cloud.google.com/sql/docs/db-versions
 *   (provider enum: https://www.pulumi.com/registry/packages/gcp/api-docs/sql/databaseinstance/#databaseversion)
 * - Cloud SQL machine types: https://cloud.google.com/sql/docs/postgres/create-instance#machine-types
 *   (custom: 1 or an even number of vCPUs up to 96; 0.9 to 6.5 GiB per vCPU in multiples of
 *   256 MiB, at least 3,840 MiB; shared-core db-f1-micro / db-g1-small have no SLA)
 * - RDS instance class sizes: https://aws.amazon.com/rds/instance-types/
 * - Memorystore for Redis versions: https://cloud.google.com/memorystore/docs/redis/supported-versions
 * - Memorystore tiers and capacity (1 to 300 GB): https://cloud.google.com/memorystore/docs/redis/redis-tiers
 * - ElastiCache node sizes: https://aws.amazon.com/elasticache/pricing/ (memory per node type)
 */

/** Cloud SQL for PostgreSQL major versions we build (older majors are in extended support). */
export const CLOUD_SQL_POSTGRES_MAJORS = [13, 14, 15, 16, 17] as const;

/** `database.version` ("16.3") to the Cloud SQL databaseVersion ("POSTGRES_16"), or undefined when Cloud SQL has no such major. */
export function cloudSqlVersion(version: string): string | undefined {
    const major = Number(version.split(".")[0]);
    return (CLOUD_SQL_POSTGRES_MAJORS as readonly number[]).includes(major) ? `POSTGRES_${major}` : undefined;
}

export const SHARED_CORE_TIERS = ["db-f1-micro", "db-g1-small"] as const;

/** Why a Cloud SQL (Enterprise edition) tier is not valid, or undefined when it is. */
export function cloudSqlTierProblem(tier: string): string | undefined {
    if ((SHARED_CORE_TIERS as readonly string[]).includes(tier)) return undefined;
    const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    if (!m) return `is not a Cloud SQL tier: use ${SHARED_CORE_TIERS.join(", ")} or db-custom-<vCPUs>-<MiB> such as db-custom-2-7680`;
    const vcpu = Number(m[1]);
    const mib = Number(m[2]);
    if (!(vcpu === 1 || (vcpu % 2 === 0 && vcpu >= 2 && vcpu <= 96))) return "has a vCPU count Cloud SQL does not offer: 1 or an even number from 2 to 96";
    if (mib % 256 !== 0) return "has a memory size that is not a multiple of 256 MiB";
    if (mib < 3840) return "has less than 3,840 MiB of memory, the smallest custom machine";
    if (mib < vcpu * 0.9 * 1024 || mib > vcpu * 6.5 * 1024) return `must have 0.9 to 6.5 GiB of memory per vCPU (${Math.ceil(vcpu * 0.9 * 4) * 256}-${Math.floor(vcpu * 6.5 * 4) * 256} MiB for ${vcpu} vCPU)`;
    return undefined;
}

/** vCPUs and GiB of memory of an RDS class, from its family letter and size; undefined when unknown. */
export function rdsClassShape(instanceClass: string): { vcpu: number; gib: number; burstable: boolean } | undefined {
    const m = /^db\.([a-z]+)\d+[a-z]*\.([a-z0-9]+)$/.exec(instanceClass);
    if (!m) return undefined;
    const [, kind, size] = m;
    const burstable: Record<string, [number, number]> = { micro: [2, 1], small: [2, 2], medium: [2, 4], large: [2, 8], xlarge: [4, 16], "2xlarge": [8, 32] };
    if (kind === "t") {
        const s = burstable[size];
        return s && { vcpu: s[0], gib: s[1], burstable: true };
    }
    const gibPerVcpu: Record<string, number> = { m: 4, r: 8, x: 16, z: 8 };
    if (!gibPerVcpu[kind]) return undefined;
    const vcpu = size === "large" ? 2 : size === "xlarge" ? 4 : /^(\d+)xlarge$/.test(size) ? 4 * Number(size.slice(0, -6)) : undefined;
    return vcpu ? { vcpu, gib: vcpu * gibPerVcpu[kind], burstable: false } : undefined;
}

/**
 * The Cloud SQL tier for an RDS class. Burstable micro/small go to the shared-core tiers of
 * about the same memory (dev only: they have no SLA), or to the smallest dedicated machine when
 * the database is HA; everything else to a custom machine with the same vCPUs and memory,
 * memory clamped to Cloud SQL's 0.9-6.5 GiB per vCPU (memory-optimized classes lose some: set
 * database.gcp.tier to choose). Burstable medium (2 burstable vCPUs, 4 GiB) maps to one
 * dedicated vCPU with 3.75 GiB, the nearest sustained capacity.
 *
 * | RDS class            | Cloud SQL tier            |
 * |----------------------|---------------------------|
 * | db.t4g.micro         | db-f1-micro (HA: db-custom-1-3840) |
 * | db.t4g.small         | db-g1-small (HA: db-custom-1-3840) |
 * | db.t4g.medium        | db-custom-1-3840          |
 * | db.t4g.large         | db-custom-2-8192          |
 * | db.m6g.large         | db-custom-2-8192          |
 * | db.m6g.xlarge        | db-custom-4-16384         |
 * | db.r6g.large         | db-custom-2-13312         |
 */
export function cloudSqlTierFor(instanceClass: string, highAvailability: boolean): string | undefined {
    const shape = rdsClassShape(instanceClass);
    if (!shape) return undefined;
    const size = instanceClass.split(".")[2];
    if (shape.burstable && (size === "micro" || size === "small")) return highAvailability ? "db-custom-1-3840" : size === "micro" ? "db-f1-micro" : "db-g1-small";
    if (shape.burstable && size === "medium") return "db-custom-1-3840";
    const vcpu = Math.min(96, shape.vcpu);
    const mib = Math.max(3840, Math.min(Math.floor(vcpu * 6.5 * 4) * 256, Math.max(Math.ceil(vcpu * 0.9 * 4) * 256, shape.gib * 1024)));
    return `db-custom-${vcpu}-${mib}`;
}

/** vCPUs and GiB of a Cloud SQL tier (shared-core tiers as fractions of a vCPU), for the cost estimate. */
export function cloudSqlTierShape(tier: string): { vcpu: number; gib: number; sharedCore: boolean } | undefined {
    if (tier === "db-f1-micro") return { vcpu: 0.2, gib: 0.6, sharedCore: true };
    if (tier === "db-g1-small") return { vcpu: 0.5, gib: 1.7, sharedCore: true };
    const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
    return m ? { vcpu: Number(m[1]), gib: Number(m[2]) / 1024, sharedCore: false } : undefined;
}

export const MEMORYSTORE_TIERS = ["BASIC", "STANDARD_HA"] as const;
export const MEMORYSTORE_VERSIONS = ["REDIS_4_0", "REDIS_5_0", "REDIS_6_X", "REDIS_7_0", "REDIS_7_2"] as const;
/** Memorystore for Redis capacity, GB, both tiers. */
export const MEMORYSTORE_GB = { min: 1, max: 300 } as const;

/**
 * `cache.version` to a Memorystore redisVersion. Redis OSS has no 7.1: ElastiCache's "7.1" is
 * its build of the 7.0 line, so it maps to REDIS_7_0; every 6.x to REDIS_6_X.
 */
export function memorystoreVersion(version: string): string | undefined {
    const [major, minor = "0"] = version.split(".");
    if (major === "6") return "REDIS_6_X";
    if (major === "7") return minor === "2" ? "REDIS_7_2" : minor === "0" || minor === "1" ? "REDIS_7_0" : undefined;
    if ((major === "4" || major === "5") && minor === "0") return `REDIS_${major}_0`;
    return undefined;
}

/** GiB of memory of an ElastiCache node type (the Memorystore capacity default rounds it up). */
const CACHE_NODE_GIB: Readonly<Record<string, number>> = {
    micro: 0.5, small: 1.37, medium: 3.09,
};
const CACHE_LARGE_GIB: Readonly<Record<string, number>> = { m: 6.38, r: 13.07 };

/** Memorystore GB for an ElastiCache node type, or undefined when the type is unknown. */
export function memorystoreGbFor(nodeType: string): number | undefined {
    const m = /^cache\.([a-z]+)\d+[a-z]*\.([a-z0-9]+)$/.exec(nodeType);
    if (!m) return undefined;
    const [, kind, size] = m;
    if (kind === "t") return CACHE_NODE_GIB[size] !== undefined ? Math.max(MEMORYSTORE_GB.min, Math.ceil(CACHE_NODE_GIB[size])) : undefined;
    const large = CACHE_LARGE_GIB[kind];
    if (!large) return undefined;
    const factor = size === "large" ? 1 : size === "xlarge" ? 2 : /^(\d+)xlarge$/.test(size) ? 2 * Number(size.slice(0, -6)) : undefined;
    return factor ? Math.min(MEMORYSTORE_GB.max, Math.ceil(large * factor)) : undefined;
}
