import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

/** Where one cloud answers: its own host name (probed) and what the main name points at. */
export interface RoutedTarget {
    /** The cloud's own host name (aws.<domain>, gcp.<domain>); health checks probe it over HTTPS. */
    host: string;
    /** AWS: the ALB, as an alias target. */
    alias?: { dnsName: pulumi.Input<string>; zoneId: pulumi.Input<string> };
    /** GCP: the global load balancer's IPv4 address. */
    ip?: pulumi.Input<string>;
}

export interface Route53RoutingArgs {
    /** App and stage, for health check names. */
    naming: NamingContext;
    /** Hosted zone of the records. */
    zoneId: pulumi.Input<string>;
    /** Main name and aliases, each answered by both clouds. */
    names: readonly string[];
    /** failover: the primary while healthy, else the secondary; weighted: answers in proportion. */
    mode: "failover" | "weighted";
    /** Failover: the cloud answering while healthy. */
    primary: "aws" | "gcp";
    /** Weighted: percent per cloud. */
    weights?: { aws: number; gcp: number };
    /** Path probed on each cloud's own host. */
    healthPath: string;
    /** Seconds between probes (10 or 30). @default 30 */
    intervalSeconds?: number;
    /** Failed probes before a cloud counts as down. @default 3 */
    failureThreshold?: number;
    /** TTL of the GCP A records (alias records take the ALB's). @default 60 */
    ttl?: number;
    targets: { aws: RoutedTarget; gcp: RoutedTarget };
    /** Per-child overrides. */
    transform?: { healthCheck?: Transform<aws.route53.HealthCheckArgs> };
}

/**
 * The main name over both clouds in Route 53: one HTTPS health check per cloud on its own host
 * and health path, and per name one record per cloud with a set identifier, under a failover
 * or weighted routing policy. A cloud whose health check fails stops being answered (weighted)
 * or hands over to the other (failover).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html
 */
export class Route53Routing extends pulumi.ComponentResource {
    readonly healthCheckIds: Record<"aws" | "gcp", pulumi.Output<string>>;

    constructor(name: string, args: Route53RoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:DnsRouting", name, {}, opts);
        const clouds = ["aws", "gcp"] as const;
        const checks = Object.fromEntries(clouds.map((cloud) => {
            const [n, a, o] = applyTransform<aws.route53.HealthCheckArgs>(args.transform?.healthCheck, `${name}-health-${cloud}`, {
                type: "HTTPS",
                fqdn: args.targets[cloud].host,
                port: 443,
                resourcePath: args.healthPath,
                enableSni: true,
                requestInterval: args.intervalSeconds ?? 30,
                failureThreshold: args.failureThreshold ?? 3,
                tags: { Name: physicalName(args.naming, `${cloud}-health`) },
            }, { parent: this });
            return [cloud, new aws.route53.HealthCheck(n, a, o)];
        })) as Record<"aws" | "gcp", aws.route53.HealthCheck>;
        this.healthCheckIds = { aws: checks.aws.id, gcp: checks.gcp.id };

        args.names.forEach((host, i) => {
            for (const cloud of clouds) {
                const t = args.targets[cloud];
                const policy = args.mode === "failover"
                    ? { failoverRoutingPolicies: [{ type: cloud === args.primary ? "PRIMARY" : "SECONDARY" }] }
                    : { weightedRoutingPolicies: [{ weight: args.weights![cloud] }] };
                new aws.route53.Record(`${name}-${i + 1}-${cloud}`, {
                    zoneId: args.zoneId,
                    name: host,
                    type: "A",
                    setIdentifier: cloud,
                    healthCheckId: checks[cloud].id,
                    ...(t.alias
                        ? { aliases: [{ name: t.alias.dnsName, zoneId: t.alias.zoneId, evaluateTargetHealth: true }] }
                        : { records: [t.ip!], ttl: args.ttl ?? 60 }),
                    ...policy,
                }, { parent: this });
            }
        });
        this.registerOutputs({ healthCheckIds: this.healthCheckIds });
    }
}
