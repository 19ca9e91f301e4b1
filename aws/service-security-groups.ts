import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";
import { namePrefix, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

/** NFS, the port EFS mount targets listen on. */
export const EFS_PORT = 2049;

export interface RestrictedEgress {
    /** The VPC's CIDR block: linked ports are opened towards it only. */
    vpcCidr: string;
    /** Per service name: the TCP ports it connects to inside the VPC (database, cache, peers, EFS). */
    ports: Readonly<Record<string, readonly number[]>>;
}

export interface ServiceSecurityGroupsArgs {
    /** App and stage, for names. */
    naming: NamingContext;
    /** VPC the groups live in. */
    vpcId: pulumi.Input<string>;
    /** Service names; one group each. */
    services: readonly string[];
    /** Restricted egress (TCP 443 to the internet, linked ports to the VPC CIDR); unset: everything may leave. @default undefined (open) */
    egress?: RestrictedEgress;
    /** Per-child overrides (SST-style), applied to every service's group. */
    transform?: { securityGroup?: Transform<aws.ec2.SecurityGroupArgs> };
}

/**
 * The TCP ports a service opens connections to inside the VPC, from its config: the database
 * and cache ports, each peer service's port, NFS for EFS volumes. DNS goes to the VPC resolver,
 * which security groups do not filter.
 */
export function linkedPorts(spec: ResolvedConfig, consumer: string): number[] {
    const ports: number[] = [];
    for (const link of spec.links.filter((l) => l.from === consumer)) {
        if (link.kind === "database" && spec.database) ports.push(spec.database.port);
        else if (link.kind === "cache" && spec.cache) ports.push(spec.cache.port);
        else if (link.kind === "service") {
            const port = spec.services.find((x) => x.name === link.to)?.port;
            if (port !== undefined) ports.push(port);
        } else if (link.kind === "volume") ports.push(EFS_PORT);
    }
    return [...new Set(ports)].sort((a, b) => a - b);
}

/** HTTPS out (AWS APIs, VPC endpoints, image registries, third-party APIs) plus each linked port to the VPC. */
export function restrictedEgressRules(vpcCidr: string, ports: readonly number[]): aws.types.input.ec2.SecurityGroupEgress[] {
    return [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: AWS APIs, VPC endpoints, registries, third-party APIs" },
        ...ports.map((port) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: [vpcCidr], description: `Linked port ${port} inside the VPC` })),
    ];
}

const OPEN_EGRESS: aws.types.input.ec2.SecurityGroupEgress[] = [
    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "Outbound: image pulls, AWS APIs, third-party APIs" },
];

/**
 * One security group per service, created before anything that admits services (load balancer,
 * database, cache, EFS, other services), so each of those can name exactly the groups it trusts.
 * The groups start with no ingress: every admission is a separate SecurityGroupIngressRule owned by
 * the component that accepts the traffic. Egress is computed from config at plan time: restricted
 * (the prod default) lets a task out on HTTPS and to what it links to, open lets it reach anything.
 */
export class ServiceSecurityGroups extends pulumi.ComponentResource {
    /** Security group per service name. */
    readonly groups: Readonly<Record<string, aws.ec2.SecurityGroup>>;
    /** Security group id per service name. */
    readonly ids: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: ServiceSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:ServiceSecurityGroups", name, {}, opts);
        const groups: Record<string, aws.ec2.SecurityGroup> = {};
        for (const service of args.services) {
            const egress = args.egress ? restrictedEgressRules(args.egress.vpcCidr, args.egress.ports[service] ?? []) : OPEN_EGRESS;
            const [n, sgArgs, sgOpts] = applyTransform<aws.ec2.SecurityGroupArgs>(args.transform?.securityGroup, `${name}-${service}`, {
                vpcId: args.vpcId,
                name: `${namePrefix(args.naming)}-${service}-svc`,
                description: `Tasks of service ${service}; ingress is added by what may reach it`,
                egress,
                tags: { Name: `${namePrefix(args.naming)}-${service}-svc` },
            }, { parent: this });
            groups[service] = new aws.ec2.SecurityGroup(n, sgArgs, sgOpts);
        }
        this.groups = groups;
        this.ids = Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g.id]));
        this.registerOutputs({ ids: this.ids });
    }
}
