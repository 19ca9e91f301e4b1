import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";

export interface GcpStackArgs {
    /** The resolved application description. Must have `gcp` set. */
    spec: ResolvedConfig;
}

/**
 * Everything the app needs on GCP. The GCP provider (project, region, default labels) comes
 * from the caller through `opts.providers`.
 */
export class GcpStack extends pulumi.ComponentResource {
    /** Stack outputs for this cloud, grouped under `gcp` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: GcpStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Stack", name, {}, opts);
        const gcpSpec = args.spec.gcp;
        if (!gcpSpec) throw new Error("GcpStack needs spec.gcp (clouds must include gcp)");
        this.outputs = { project: gcpSpec.project, region: gcpSpec.region };
        this.registerOutputs(this.outputs);
    }
}
