import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { fqdn, type DnsWriter } from "../components/dns";

/**
 * Writes records into a Cloud DNS managed zone (looked up by name, not created: the zone's
 * delegation is the owner's). `provider` is the GCP provider, needed when the record's parent
 * belongs to the AWS tree (an ACM certificate validated in Cloud DNS).
 */
export function cloudDnsWriter(managedZone: string, project: string, provider?: pulumi.ProviderResource): DnsWriter {
    return {
        provider: "clouddns",
        write: (logicalName, r, parent) => new gcp.dns.RecordSet(logicalName, {
            managedZone,
            project,
            name: pulumi.output(r.name).apply(fqdn),
            type: r.type,
            // Cloud DNS reads a CNAME target without the trailing dot as relative to the zone.
            rrdatas: pulumi.all([r.type, ...r.values]).apply(([type, ...values]) => type === "CNAME" ? values.map(fqdn) : values),
            ttl: r.ttl ?? 300,
        }, { parent, provider }),
    };
}
