import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { fqdn } from "../components/dns";
import { applyTransform, type Transform } from "../components/transform";

export interface CloudDnsWeightedArgs {
    /** Cloud DNS managed zone holding the names. */
    managedZone: string;
    /** Project of the zone. */
    project: string;
    /** Main name and aliases (never the zone apex: they are CNAMEs). */
    names: readonly string[];
    /** Percent of answers per cloud. */
    weights: { aws: number; gcp: number };
    /** Host name AWS answers on (the ALB's DNS name). */
    awsTarget: pulumi.Input<string>;
    /** Host name GCP answers on (its own host, an A record to the load balancer IP). */
    gcpTarget: string;
    /** Seconds resolvers may cache an answer. @default 60 */
    ttl?: number;
    /** Per-child overrides. */
    transform?: { recordSet?: Transform<gcp.dns.RecordSetArgs> };
}

/**
 * The main name over both clouds in Cloud DNS: a weighted round robin CNAME per name, between
 * the ALB's DNS name and GCP's own host. Cloud DNS health-checks only IP addresses, and an ALB
 * has none that stay fixed, so these weights are static: no cloud is removed when it fails.
 * https://cloud.google.com/dns/docs/routing-policies-overview
 */
export class CloudDnsWeighted extends pulumi.ComponentResource {
    constructor(name: string, args: CloudDnsWeightedArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:DnsRouting", name, {}, opts);
        args.names.forEach((host, i) => {
            const [n, a, o] = applyTransform<gcp.dns.RecordSetArgs>(args.transform?.recordSet, `${name}-${i + 1}`, {
                managedZone: args.managedZone,
                project: args.project,
                name: fqdn(host),
                type: "CNAME",
                ttl: args.ttl ?? 60,
                routingPolicy: {
                    wrrs: [
                        { weight: args.weights.aws, rrdatas: [pulumi.output(args.awsTarget).apply(fqdn)] },
                        { weight: args.weights.gcp, rrdatas: [fqdn(args.gcpTarget)] },
                    ],
                },
            }, { parent: this });
            new gcp.dns.RecordSet(n, a, o);
        });
        this.registerOutputs({});
    }
}
