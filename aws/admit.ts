import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { namePrefix, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface AdmitArgs {
    /** Security group that receives the traffic. */
    to: pulumi.Input<string>;
    /** Security group allowed in. */
    from: pulumi.Input<string>;
    /** The one TCP port opened. */
    port: number;
    /** Rule description shown in the console. */
    description: string;
}

/**
 * One TCP ingress rule from one security group to another on one port: the only way services,
 * the load balancer, the database, the cache and EFS admit each other (never a CIDR).
 */
export function admitGroup(
    name: string, a: AdmitArgs, parent: pulumi.Resource, transform?: Transform<aws.vpc.SecurityGroupIngressRuleArgs>,
): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(...applyTransform<aws.vpc.SecurityGroupIngressRuleArgs>(transform, name, {
        securityGroupId: a.to,
        referencedSecurityGroupId: a.from,
        ipProtocol: "tcp",
        fromPort: a.port,
        toPort: a.port,
        description: a.description,
    }, { parent }));
}

export interface StoreGroupArgs {
    naming: NamingContext;
    vpcId: pulumi.Input<string>;
    /** Name suffix after the app prefix: "db" gives `<app>-<stage>-db`. */
    suffix: string;
    /** Shown in the console: what the store is and who it admits. */
    description: string;
    transform?: Transform<aws.ec2.SecurityGroupArgs>;
}

/**
 * The security group of a data store (database, cache): no rule at all until a consumer is
 * admitted with admitGroup, and no egress, since a store never opens connections (`egress: []`
 * removes AWS's default allow-all rule).
 */
export function storeSecurityGroup(name: string, a: StoreGroupArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
    const sgName = `${namePrefix(a.naming)}-${a.suffix}`;
    return new aws.ec2.SecurityGroup(...applyTransform<aws.ec2.SecurityGroupArgs>(a.transform, `${name}-sg`, {
        vpcId: a.vpcId,
        name: sgName,
        description: a.description,
        egress: [],
        tags: { Name: sgName },
    }, { parent }));
}
