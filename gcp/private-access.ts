import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { mustParseCidr } from "../components/cidr";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface PrivateServiceAccessArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** The stack's VPC (id / self link). */
    networkId: pulumi.Input<string>;
    /** Range reserved for Google's producer network, e.g. 10.96.0.0/16. */
    cidr: string;
    /** Resources (the Service Networking and Compute APIs) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: { range?: Transform<gcp.compute.GlobalAddressArgs>; connection?: Transform<gcp.servicenetworking.ConnectionArgs> };
}

/**
 * Private Service Access: a reserved internal range in the stack's VPC and the peering with
 * Google's service producer network, so Cloud SQL and Memorystore get private IPs reachable
 * from the VPC and no public address at all
 * (https://cloud.google.com/vpc/docs/configure-private-services-access).
 */
export class PrivateServiceAccess extends pulumi.ComponentResource {
    readonly range: gcp.compute.GlobalAddress;
    readonly connection: gcp.servicenetworking.Connection;
    /** Name of the reserved range (Memorystore's reservedIpRange, Cloud SQL's allocatedIpRange). */
    readonly rangeName: pulumi.Output<string>;

    constructor(name: string, args: PrivateServiceAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:PrivateServiceAccess", name, {}, opts);
        const block = mustParseCidr(args.cidr);
        const [rn, ra, ro] = applyTransform<gcp.compute.GlobalAddressArgs>(args.transform?.range, `${name}-range`, {
            name: physicalName(args.naming, "psa", "gcp"),
            purpose: "VPC_PEERING",
            addressType: "INTERNAL",
            address: args.cidr.split("/")[0],
            prefixLength: block.prefix,
            network: args.networkId,
            description: "Private Service Access range for Cloud SQL and Memorystore",
        }, { parent: this, dependsOn: args.dependsOn });
        this.range = new gcp.compute.GlobalAddress(rn, ra, ro);
        const [cn, ca, co] = applyTransform<gcp.servicenetworking.ConnectionArgs>(args.transform?.connection, `${name}-connection`, {
            network: args.networkId,
            service: "servicenetworking.googleapis.com",
            reservedPeeringRanges: [this.range.name],
        }, { parent: this, dependsOn: args.dependsOn });
        this.connection = new gcp.servicenetworking.Connection(cn, ca, co);
        this.rangeName = this.range.name;
        this.registerOutputs({ rangeName: this.rangeName });
    }
}
