import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
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
