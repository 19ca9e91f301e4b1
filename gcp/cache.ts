import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedCache } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { generatedSecret } from "./secrets";

export interface MemorystoreArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Region of the instance. */
    region: string;
    /** The resolved cache (version, windows, eviction policy, snapshots); `gcp` must be set. */
    cache: ResolvedCache;
    /** The stack's VPC, peered through Private Service Access. */
    networkId: pulumi.Input<string>;
    /** Name of the Private Service Access range the instance's IPs come from. */
    reservedIpRange: pulumi.Input<string>;
    /** Pulumi `protect` on the instance and its AUTH secret (prod). */
    protect: boolean;
    /** Resources (APIs, the Private Service Access connection) the instance waits for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: { instance?: Transform<gcp.redis.InstanceArgs> };
}

const WEEKDAYS: Readonly<Record<string, string>> = {
    mon: "MONDAY", tue: "TUESDAY", wed: "WEDNESDAY", thu: "THURSDAY", fri: "FRIDAY", sat: "SATURDAY", sun: "SUNDAY",
};

/**
 * Memorystore for Redis: Standard tier (a replica in another zone with automatic failover) or
 * Basic, reached only through Private Service Access, AUTH on, in-transit encryption
 * (SERVER_AUTHENTICATION: TLS on port 6378 with a per-instance server CA), RDB snapshots when the
 * config keeps snapshots, and the configured maintenance window. The AUTH string, a secret
 * output of the provider, goes to Secret Manager (REDIS_AUTH_TOKEN).
 * https://cloud.google.com/memorystore/docs/redis/about-in-transit-encryption
 */
export class Memorystore extends pulumi.ComponentResource {
    readonly instance: gcp.redis.Instance;
    readonly authSecret: gcp.secretmanager.Secret;
    readonly host: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    /** PEM of the instance's server CA: clients verify the TLS connection against it. */
    readonly serverCaCert: pulumi.Output<string>;

    constructor(name: string, args: MemorystoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Memorystore", name, {}, opts);
        const c = args.cache;
        if (!c.gcp) throw new Error("Memorystore needs cache.gcp (resolved when clouds includes gcp)");
        const start = c.maintenanceWindow.split("-")[0].split(":");
        const [n, a, o] = applyTransform<gcp.redis.InstanceArgs>(args.transform?.instance, `${name}-instance`, {
            name: physicalName(args.naming, "redis", "gcp"),
            region: args.region,
            tier: c.gcp.tier,
            memorySizeGb: c.gcp.memorySizeGb,
            redisVersion: c.gcp.version,
            authEnabled: true,
            transitEncryptionMode: "SERVER_AUTHENTICATION",
            connectMode: "PRIVATE_SERVICE_ACCESS",
            authorizedNetwork: args.networkId,
            reservedIpRange: args.reservedIpRange,
            redisConfigs: { "maxmemory-policy": c.evictionPolicy },
            persistenceConfig: c.snapshotRetentionDays > 0
                ? {
                    persistenceMode: "RDB",
                    rdbSnapshotPeriod: "TWENTY_FOUR_HOURS",
                    // A fixed past anchor: only its time of day matters for a daily period (a moving date would change the plan).
                    rdbSnapshotStartTime: `2024-01-01T${c.snapshotWindow.split("-")[0]}:00Z`,
                }
                : { persistenceMode: "DISABLED" },
            maintenancePolicy: {
                weeklyMaintenanceWindows: [{ day: WEEKDAYS[start[0]], startTime: { hours: Number(start[1]), minutes: Number(start[2]), seconds: 0, nanos: 0 } }],
            },
        }, { parent: this, dependsOn: args.dependsOn, protect: args.protect });
        this.instance = new gcp.redis.Instance(n, a, o);
        this.authSecret = generatedSecret(`${name}-auth-secret`, {
            naming: args.naming, role: "redis-auth", value: this.instance.authString, protect: args.protect, dependsOn: args.dependsOn,
        }, this);
        this.host = this.instance.host;
        this.port = this.instance.port;
        this.serverCaCert = this.instance.serverCaCerts.apply((certs) => certs?.[0]?.cert ?? "");
        this.registerOutputs({ host: this.host, port: this.port, authSecretId: this.authSecret.secretId });
    }
}
