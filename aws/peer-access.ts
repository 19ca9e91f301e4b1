import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PeerAccessArgs {
    /** Internal services and who may call them. */
    grants: { target: string; port: number; callers: string[] }[];
    /** Security group id per service name. */
    securityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
}

/** Service-to-service admission: each internal service's group admits its callers' groups on its port only. */
export class PeerAccess extends pulumi.ComponentResource {
    constructor(name: string, args: PeerAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:PeerAccess", name, {}, opts);
        for (const g of args.grants) {
            for (const caller of g.callers) {
                new aws.vpc.SecurityGroupIngressRule(`${name}-${caller}-to-${g.target}`, {
                    securityGroupId: args.securityGroupIds[g.target],
                    referencedSecurityGroupId: args.securityGroupIds[caller],
                    ipProtocol: "tcp",
                    fromPort: g.port,
                    toPort: g.port,
                    description: `From service ${caller} to ${g.target}:${g.port}`,
                }, { parent: this });
            }
        }
        this.registerOutputs({});
    }
}
