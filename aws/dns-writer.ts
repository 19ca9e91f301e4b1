import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { DnsWriter } from "../components/dns";

/**
 * Writes records into a Route 53 hosted zone. `provider` is the AWS provider, needed when the
 * record's parent belongs to another cloud's tree (a GCP certificate validated in Route 53).
 */
export function route53Writer(zoneId: pulumi.Input<string>, provider?: pulumi.ProviderResource): DnsWriter {
    return {
        provider: "route53",
        write: (logicalName, r, parent) => new aws.route53.Record(logicalName, {
            zoneId,
            name: r.name,
            type: r.type,
            records: r.values,
            ttl: r.ttl ?? 300,
            // Validation records keep one name per host across certificates; a rerun must not fail on it.
            allowOverwrite: true,
        }, { parent, provider }),
    };
}
