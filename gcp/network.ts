import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface NetworkArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Region of the subnet, connector and router. */
    region: string;
    /** Subnet CIDR, e.g. 10.0.0.0/24. */
    subnetCidr: string;
    /** Serverless VPC Access connector: a /28 outside the subnet, instance bounds, machine type. Omitted with direct VPC egress. */
    connector?: { cidr: string; minInstances: number; maxInstances: number; machineType: string };
    /** Cloud Router + Cloud NAT, for a static egress and for services whose egress is ALL_TRAFFIC. @default false */
    nat?: boolean;
    /** Resources (project APIs) every child waits for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: {
        network?: Transform<gcp.compute.NetworkArgs>;
        subnet?: Transform<gcp.compute.SubnetworkArgs>;
        connector?: Transform<gcp.vpcaccess.ConnectorArgs>;
        routerNat?: Transform<gcp.compute.RouterNatArgs>;
    };
}

/**
 * A custom-mode VPC with one regional subnet (Private Google Access on, so Google APIs stay on
 * Google's network), the Serverless VPC Access connector Cloud Run reaches the VPC through,
 * optional Cloud NAT, and firewall rules.
 *
 * Firewall: a VPC's implied rules already deny all ingress and allow all egress. Nothing runs
 * as a VM here; the only VPC members are the connector's instances and whatever private
 * services the app reaches, so one rule allows ingress from our own ranges (subnet +
 * connector) and there is no allow-from-internet rule: public traffic enters through the global
 * load balancer, which talks to Cloud Run directly and never crosses this VPC. The connector's
 * own health-check rules are created by Serverless VPC Access itself, and an explicit deny
 * would only repeat the implied one.
 */
/**
 * What the rest of the stack needs of a VPC: our Network has it, and so does an existing network
 * and subnet named in `gcp.network.existing` (direct VPC egress only, so no connector).
 */
export interface GcpNetworkRef {
    readonly networkId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    /** The Serverless VPC Access connector, when the stack's egress is the connector. */
    readonly connectorId?: pulumi.Input<string>;
}

export class Network extends pulumi.ComponentResource implements GcpNetworkRef {
    readonly network: gcp.compute.Network;
    readonly subnet: gcp.compute.Subnetwork;
    readonly connector?: gcp.vpcaccess.Connector;
    readonly networkId: pulumi.Output<string>;
    readonly subnetId: pulumi.Output<string>;
    /** Connector id; undefined with direct VPC egress. */
    readonly connectorId?: pulumi.Output<string>;

    private readonly args: NetworkArgs;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Network", name, {}, opts);
        this.args = args;
        this.network = this.createNetwork(name);
        this.subnet = this.createSubnet(name);
        if (args.connector) this.connector = this.createConnector(name, args.connector);
        this.createFirewall(name);
        if (args.nat) this.createNat(name);
        this.networkId = this.network.id;
        this.subnetId = this.subnet.id;
        this.connectorId = this.connector?.id;
        this.registerOutputs({ networkId: this.networkId, subnetId: this.subnetId, connectorId: this.connectorId });
    }

    private childOpts(): pulumi.CustomResourceOptions {
        return { parent: this, dependsOn: this.args.dependsOn };
    }

    private createNetwork(name: string): gcp.compute.Network {
        const [n, a, o] = applyTransform<gcp.compute.NetworkArgs>(this.args.transform?.network, `${name}-vpc`, {
            name: physicalName(this.args.naming, "vpc", "gcp"),
            autoCreateSubnetworks: false,
            routingMode: "REGIONAL",
            // The default-route to the internet stays (Cloud NAT needs it); no default firewall rules are created in custom mode.
            description: "Managed by Pulumi: custom-mode VPC for Cloud Run egress",
        }, this.childOpts());
        return new gcp.compute.Network(n, a, o);
    }

    private createSubnet(name: string): gcp.compute.Subnetwork {
        const [n, a, o] = applyTransform<gcp.compute.SubnetworkArgs>(this.args.transform?.subnet, `${name}-subnet`, {
            name: physicalName(this.args.naming, "subnet", "gcp"),
            region: this.args.region,
            network: this.network.id,
            ipCidrRange: this.args.subnetCidr,
            privateIpGoogleAccess: true,
            logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
        }, this.childOpts());
        return new gcp.compute.Subnetwork(n, a, o);
    }

    private createConnector(name: string, c: NonNullable<NetworkArgs["connector"]>): gcp.vpcaccess.Connector {
        const [n, a, o] = applyTransform<gcp.vpcaccess.ConnectorArgs>(this.args.transform?.connector, `${name}-connector`, {
            name: physicalName(this.args.naming, "conn", "gcpConnector"),
            region: this.args.region,
            network: this.network.name,
            ipCidrRange: c.cidr,
            minInstances: c.minInstances,
            maxInstances: c.maxInstances,
            machineType: c.machineType,
        }, this.childOpts());
        return new gcp.vpcaccess.Connector(n, a, o);
    }

    private createFirewall(name: string) {
        const c = this.args.connector;
        // With direct VPC egress, Cloud Run instances take addresses from the subnet itself.
        const ranges = c ? [this.args.subnetCidr, c.cidr] : [this.args.subnetCidr];
        new gcp.compute.Firewall(`${name}-allow-internal`, {
            name: physicalName(this.args.naming, "allow-internal", "gcp"),
            network: this.network.id,
            direction: "INGRESS",
            priority: 1000,
            sourceRanges: ranges,
            allows: [{ protocol: "tcp" }, { protocol: "udp" }, { protocol: "icmp" }],
            logConfig: { metadata: "INCLUDE_ALL_METADATA" },
            description: c ? "Traffic between the subnet and the Serverless VPC Access connector" : "Traffic within the subnet (Cloud Run direct VPC egress)",
        }, this.childOpts());
    }

    private createNat(name: string) {
        const router = new gcp.compute.Router(`${name}-router`, {
            name: physicalName(this.args.naming, "router", "gcp"),
            region: this.args.region,
            network: this.network.id,
        }, this.childOpts());
        const [n, a, o] = applyTransform<gcp.compute.RouterNatArgs>(this.args.transform?.routerNat, `${name}-nat`, {
            name: physicalName(this.args.naming, "nat", "gcp"),
            router: router.name,
            region: this.args.region,
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
        }, this.childOpts());
        new gcp.compute.RouterNat(n, a, o);
    }
}
