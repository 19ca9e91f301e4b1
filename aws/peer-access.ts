import * as pulumi from "@pulumi/pulumi";
import { admitGroup } from "./admit";

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
                admitGroup(`${name}-${caller}-to-${g.target}`, {
                    to: args.securityGroupIds[g.target],
                    from: args.securityGroupIds[caller],
                    port: g.port,
                    description: `From service ${caller} to ${g.target}:${g.port}`,
                }, this);
            }
        }
        this.registerOutputs({});
    }
}
