import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix } from "../components/naming";
import type { ResolvedConfig } from "../components/spec";
import { toGcpLabels } from "../components/tags";
import { AwsStack } from "../aws/stack";
import { GcpStack } from "../gcp/stack";

/** Stack outputs, grouped per cloud: `pulumi stack output aws`. */
export interface InfraOutputs {
    app: string;
    environment: string;
    aws?: Record<string, pulumi.Input<unknown>>;
    gcp?: Record<string, pulumi.Input<unknown>>;
}

/**
 * Builds every selected cloud for one resolved config. A function, not top-level code, so one
 * process (tests, the offline engine) can build many stacks.
 */
export function createInfra(spec: ResolvedConfig): InfraOutputs {
    const name = namePrefix(spec.naming);
    const outputs: InfraOutputs = { app: spec.name, environment: spec.environment };
    if (spec.aws) {
        // An explicit provider: region and default tags come from our config, not ambient settings.
        const provider = new aws.Provider("aws", {
            region: spec.aws.region as aws.Region,
            defaultTags: { tags: { ...spec.tags } },
            ...spec.aws.providerConfig,
        });
        outputs.aws = new AwsStack(name, { spec }, { providers: { aws: provider } }).outputs;
    }
    if (spec.gcp) {
        const provider = new gcp.Provider("gcp", {
            project: spec.gcp.project,
            region: spec.gcp.region,
            defaultLabels: toGcpLabels(spec.tags),
            addPulumiAttributionLabel: false,
        });
        outputs.gcp = new GcpStack(name, { spec }, { providers: { gcp: provider } }).outputs;
    }
    return outputs;
}
