import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";
import { Cluster } from "./cluster";
import { DataTier } from "./data-tier";
import { Network } from "./network";
import { ServiceSecurityGroups } from "./service-security-groups";
import { emptyWiring, mergeWiring, type ServiceWiring } from "./wiring";

export interface AwsStackArgs {
    /** The resolved application description (from stacks/, or built by hand). Must have `aws` set. */
    spec: ResolvedConfig;
}

/**
 * Everything the app needs on AWS, composed from our components in dependency order. The AWS
 * provider (region, default tags) comes from the caller through `opts.providers`, so every child
 * inherits it and carries the standard tags.
 */
export class AwsStack extends pulumi.ComponentResource {
    readonly network: Network;
    /** One security group per service; data tier, EFS, load balancer and peers admit these. */
    readonly serviceSecurityGroups: ServiceSecurityGroups;
    /** What each service gets from what it uses (filled by the data tier, discovery, volumes). */
    readonly wiring: Record<string, ServiceWiring>;
    readonly cluster: Cluster;
    /** KMS key, app secrets, database, cache, buckets; absent when the stack declares none of them. */
    readonly dataTier?: DataTier;
    /** Stack outputs for this cloud, grouped under `aws` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: AwsStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Stack", name, {}, opts);
        const spec = args.spec;
        const awsSpec = spec.aws;
        if (!awsSpec) throw new Error("AwsStack needs spec.aws (clouds must include aws)");

        // Build order (each step only needs the ones above it):
        // 1. network
        this.network = this.createNetwork(name, spec);
        // 2. one security group per service, so the data tier, EFS, the load balancer and other
        //    services can admit exactly those groups
        this.serviceSecurityGroups = new ServiceSecurityGroups(`${name}-services`, {
            naming: spec.naming,
            vpcId: this.network.vpcId,
            services: spec.services.map((s) => s.name),
        }, { parent: this });
        this.wiring = Object.fromEntries(spec.services.map((s) => [s.name, emptyWiring()]));
        // 3. data tier: KMS key, secrets, database, cache, buckets → this.wiring per service (aws/data*.ts)
        if (spec.database || spec.cache || spec.buckets.length > 0 || spec.secrets.length > 0) {
            this.dataTier = new DataTier(`${name}-data`, {
                spec,
                vpcId: this.network.vpcId,
                isolatedSubnetIds: this.network.isolatedSubnetIds,
                serviceSecurityGroupIds: this.serviceSecurityGroups.ids,
            }, { parent: this });
            for (const [service, w] of Object.entries(this.dataTier.wiring)) this.wiring[service] = mergeWiring(this.wiring[service], w);
        }
        // 4. shared app infra: registry, cluster and its capacity, load balancer(s), domain/TLS
        this.cluster = new Cluster(`${name}-cluster`, {
            naming: spec.naming,
            containerInsights: awsSpec.containerInsights,
        }, { parent: this });
        // 5. services (Fargate or EC2 capacity), with their wiring, discovery and volumes
        // 6. monitoring: alarm topic, per-service / LB / data alarms, dashboard

        this.outputs = {
            region: awsSpec.region,
            vpcId: this.network.vpcId,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            isolatedSubnetIds: this.network.isolatedSubnetIds,
            clusterName: this.cluster.name,
            ...(this.dataTier ? { data: this.dataTier.outputs } : {}),
            // What each service reads from its environment (names → values or secret ARNs, never secret values).
            serviceWiring: this.wiring,
        };
        this.registerOutputs(this.outputs);
    }

    private createNetwork(name: string, spec: ResolvedConfig): Network {
        const net = spec.aws!.network;
        // AZ count is known at plan time; only the names come from the lookup.
        const zones = net.azs ? undefined : aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });
        const availabilityZones = Array.from({ length: net.azCount }, (_, i) => net.azs ? net.azs[i] : zones!.names[i]);
        return new Network(`${name}-network`, {
            naming: spec.naming,
            region: spec.aws!.region,
            cidr: net.cidr,
            availabilityZones,
            subnets: net.subnets,
            natGateways: net.natGateways,
            flowLogs: net.flowLogs,
            flowLogRetentionDays: spec.logRetentionDays,
            interfaceEndpoints: net.endpoints,
        }, { parent: this });
    }
}
