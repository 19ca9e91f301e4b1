import type * as pulumi from "@pulumi/pulumi";

/** One DNS record set to write into the zone that holds the domain. */
export interface DnsRecord {
    /** Host name, with or without the trailing dot. */
    name: pulumi.Input<string>;
    /** Record type: A for an IP address, CNAME for a host name (certificate validation, an ALB in Cloud DNS). */
    type: pulumi.Input<string>;
    /** Values: IP addresses for A, one host name for CNAME. */
    values: pulumi.Input<string>[];
    /** Seconds resolvers may cache the answer. @default 300 */
    ttl?: number;
}

/**
 * Writes records into the zone that holds the domain, whichever cloud hosts that zone. The
 * cloud stacks take one from the composition (stacks/infra.ts), so an AWS certificate can be
 * validated in Cloud DNS and a GCP one in Route 53 without aws/ and gcp/ importing each other.
 * `parent` keeps the record in the tree of the component that needs it.
 */
export interface DnsWriter {
    /** The zone's provider, for messages and names. */
    readonly provider: "route53" | "clouddns";
    /** Creates one record set named `logicalName` (a Pulumi name, unique in the stack). */
    write(logicalName: string, record: DnsRecord, parent: pulumi.Resource): pulumi.Resource;
}

/** The name with exactly one trailing dot (Cloud DNS wants fully qualified names). */
export function fqdn(name: string): string {
    return name.endsWith(".") ? name : `${name}.`;
}
