import { overlaps, parseCidr } from "../../components/cidr";
import {
    CLOUD_SQL_POSTGRES_MAJORS, cloudSqlTierFor, cloudSqlTierProblem, cloudSqlVersion, MEMORYSTORE_VERSIONS, memorystoreGbFor, memorystoreVersion,
} from "../../gcp/sizes";
import { PROFILES } from "../defaults";
import type { PlatformInput } from "../schema";

type Add = (path: (string | number)[], message: string, value?: unknown) => void;

/** Private Service Access range when gcp.network.privateServicesCidr is not set. */
export const DEFAULT_PRIVATE_SERVICES_CIDR = "10.96.0.0/16";

/**
 * Direct VPC egress takes Cloud Run's IPs from the subnet: Google asks for a /26 or larger and
 * says Cloud Run holds twice as many addresses as instances in steady state
 * (https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-ip-allocation).
 * The rule enforced: prefix /26 or shorter, and the subnet's usable addresses (its size minus
 * the 4 GCP reserves in every subnet, https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet)
 * at least 2 x the sum of every service's maxInstances and every worker pool's instances.
 */
export const DIRECT_EGRESS_MIN_PREFIX = 26;
export const DIRECT_EGRESS_IPS_PER_INSTANCE = 2;
const GCP_RESERVED_PER_SUBNET = 4;

/**
 * What the GCP data tier cannot build from a config: versions, tiers and sizes Cloud SQL or
 * Memorystore do not offer, a subnet too small for direct VPC egress, overlapping ranges, CDN
 * buckets with no load balancer to hang on, and AWS-only settings on a stack without AWS.
 * Runs only when clouds includes "gcp".
 */
export function checkGcpData(cfg: PlatformInput, add: Add): void {
    checkDatabase(cfg, add);
    checkCache(cfg, add);
    checkEgress(cfg, add);
    checkBuckets(cfg, add);
    checkSecretIds(cfg, add);
    if (!(cfg.clouds ?? ["aws"]).includes("aws")) {
        cfg.services.forEach((s, i) => {
            if (s.permissions?.ses) add(["services", i, "permissions", "ses"], "is an AWS permission (SES) and clouds does not include \"aws\"; remove it or add aws", true);
            if (s.permissions?.sns) add(["services", i, "permissions", "sns"], "is an AWS permission (SNS) and clouds does not include \"aws\"; remove it or add aws", true);
        });
    }
}

function checkDatabase(cfg: PlatformInput, add: Add) {
    const db = cfg.database;
    if (!db) return;
    const version = db.version ?? "16.3";
    if (!cloudSqlVersion(version)) {
        add(["database", "version"], `has no Cloud SQL for PostgreSQL equivalent; Cloud SQL offers major versions ${CLOUD_SQL_POSTGRES_MAJORS.join(", ")} (clouds includes "gcp")`, version);
    }
    if (db.gcp?.tier) {
        const problem = cloudSqlTierProblem(db.gcp.tier);
        if (problem) add(["database", "gcp", "tier"], problem, db.gcp.tier);
        return;
    }
    const cls = db.instanceClass ?? "db.t4g.micro";
    if (!cloudSqlTierFor(cls, false)) {
        add(["database", "instanceClass"], "has no known Cloud SQL equivalent (families t, m, r, x; sizes micro to Nxlarge); set database.gcp.tier, e.g. db-custom-2-7680", cls);
    }
}

function checkCache(cfg: PlatformInput, add: Add) {
    const c = cfg.cache;
    if (!c) return;
    const version = c.version ?? "7.1";
    if (!c.gcp?.version && !memorystoreVersion(version)) {
        add(["cache", "version"], `has no Memorystore for Redis equivalent (Memorystore offers ${MEMORYSTORE_VERSIONS.join(", ")}: versions 4.0, 5.0, 6.x, 7.0, 7.1, 7.2 map to them); set another version or cache.gcp.version`, version);
    }
    const nodeType = c.nodeType ?? "cache.t4g.micro";
    if (c.gcp?.memorySizeGb === undefined && memorystoreGbFor(nodeType) === undefined) {
        add(["cache", "nodeType"], "has no known memory size to size Memorystore from; set cache.gcp.memorySizeGb (1 to 300)", nodeType);
    }
    const replicas = c.replicas ?? PROFILES[cfg.environment].cacheReplicas;
    if (c.gcp?.tier === "BASIC" && c.replicas !== undefined && replicas >= 1) {
        add(["cache", "gcp", "tier"], `is BASIC (no replica) but cache.replicas is ${replicas}; use STANDARD_HA or set replicas: 0`, "BASIC");
    }
}

function checkEgress(cfg: PlatformInput, add: Add) {
    const net = cfg.gcp?.network;
    const egress = net?.egress ?? (net?.connector ? "connector" : "direct");
    if (egress === "direct" && net?.connector) {
        add(["gcp", "network", "connector"], 'is set but gcp.network.egress is "direct" (no connector is built); remove it or set egress: connector', "{...}");
    }
    const subnetText = net?.subnetCidr ?? "10.0.0.0/24";
    const subnet = parseCidr(subnetText);
    const psaText = net?.privateServicesCidr ?? DEFAULT_PRIVATE_SERVICES_CIDR;
    const psa = parseCidr(psaText);
    if (typeof psa !== "string") {
        if (psa.prefix < 8 || psa.prefix > 24) add(["gcp", "network", "privateServicesCidr"], "must have a prefix from /8 to /24 (Private Service Access allocates /24 and /29 blocks from it; Google recommends /16)", psaText);
        if (typeof subnet !== "string" && overlaps(psa, subnet)) add(["gcp", "network", "privateServicesCidr"], `overlaps the subnet ${subnetText}`, psaText);
        const conn = parseCidr(net?.connector?.cidr ?? "10.8.0.0/28");
        if (egress === "connector" && typeof conn !== "string" && overlaps(psa, conn)) add(["gcp", "network", "privateServicesCidr"], `overlaps the connector range ${net?.connector?.cidr ?? "10.8.0.0/28"}`, psaText);
    }
    if (egress !== "direct" || typeof subnet === "string") return;
    if (subnet.prefix > DIRECT_EGRESS_MIN_PREFIX) {
        add(["gcp", "network", "subnetCidr"], `must be a /${DIRECT_EGRESS_MIN_PREFIX} or larger for direct VPC egress (Cloud Run takes its instance IPs from it); use a larger block or gcp.network.egress: connector`, subnetText);
        return;
    }
    const usable = 2 ** (32 - subnet.prefix) - GCP_RESERVED_PER_SUBNET;
    const profile = PROFILES[cfg.environment];
    const instances = cfg.services.reduce((sum, s) => {
        const min = s.gcp?.minInstances ?? s.scaling?.min ?? Math.min(profile.minTasks, s.scaling?.max ?? profile.minTasks);
        const max = s.gcp?.maxInstances ?? s.scaling?.max ?? Math.max(profile.maxTasks, min);
        return sum + (s.port === undefined ? Math.max(1, min) : max);
    }, 0);
    const needed = DIRECT_EGRESS_IPS_PER_INSTANCE * instances;
    if (needed > usable) {
        add(["gcp", "network", "subnetCidr"], `has ${usable} usable addresses, but direct VPC egress needs ${needed} (2 per instance x ${instances} instances at maximum scale); use a larger block, lower maxInstances or gcp.network.egress: connector`, subnetText);
    }
}

function checkBuckets(cfg: PlatformInput, add: Add) {
    const publicRoutes = cfg.services.filter((s) => (s.routes ?? []).length > 0).flatMap((s) => s.routes ?? []);
    (cfg.buckets ?? []).forEach((b, i) => {
        if (!b.cdn) return;
        if (publicRoutes.length === 0) {
            add(["buckets", i, "cdn"], "needs the GCP load balancer, which exists only with a public service (a service with routes); add one or set cdn: false", true);
        }
        const prefix = `/${b.name}/`;
        const clash = publicRoutes.find((r) => r === `/${b.name}` || r.startsWith(prefix));
        if (clash) add(["buckets", i, "name"], `is served by the GCP load balancer at ${prefix}*, which a service route (${clash}) also claims; rename the bucket or the route`, b.name);
    });
}

/** Secret Manager ids the data tier generates (`<app>-<stage>-<role>`); an app secret of the same name would collide. */
function checkSecretIds(cfg: PlatformInput, add: Add) {
    const taken = new Map<string, string>();
    if (cfg.database) taken.set("db-password", "the Cloud SQL password");
    if (cfg.cache) taken.set("redis-auth", "the Memorystore AUTH string");
    for (const b of cfg.buckets ?? []) if (b.cdn) taken.set(`${b.name}-cdn-key`, `the Cloud CDN signing key of bucket ${b.name}`);
    (cfg.secrets ?? []).forEach((name, i) => {
        const owner = taken.get(name);
        if (owner) add(["secrets", i], `is the Secret Manager id the GCP data tier uses for ${owner}; choose another name`, name);
    });
}
