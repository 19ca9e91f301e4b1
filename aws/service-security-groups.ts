import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface ServiceSecurityGroupsArgs {
    /** App and stage, for names. */
    naming: NamingContext;
    /** VPC the groups live in. */
    vpcId: pulumi.Input<string>;
    /** Service names; one group each. */
    services: readonly string[];
    /** Per-child overrides (SST-style), applied to every service's group. */
    transform?: { securityGroup?: Transform<aws.ec2.SecurityGroupArgs> };
}

/**
 * One security group per service, created before anything that admits services (load balancer,
 * database, cache, EFS, other services), so each of those can name exactly the groups it trusts.
 * The groups start with no ingress: every admission is a separate SecurityGroupIngressRule owned by
 * the component that accepts the traffic. Egress is open because tasks pull images and call APIs
 * through the NAT or VPC endpoints.
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
            const [n, sgArgs, sgOpts] = applyTransform<aws.ec2.SecurityGroupArgs>(args.transform?.securityGroup, `${name}-${service}`, {
                vpcId: args.vpcId,
                name: `${namePrefix(args.naming)}-${service}-svc`,
                description: `Tasks of service ${service}; ingress is added by what may reach it`,
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "Outbound: image pulls, AWS APIs, third-party APIs" }],
                tags: { Name: `${namePrefix(args.naming)}-${service}-svc` },
            }, { parent: this });
            groups[service] = new aws.ec2.SecurityGroup(n, sgArgs, sgOpts);
        }
        this.groups = groups;
        this.ids = Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g.id]));
        this.registerOutputs({ ids: this.ids });
    }
}
