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
    /** Every clickable URL of the stack, keyed `<cloud>` or `<cloud>.<name>`: `pulumi stack output urls`. */
    urls?: pulumi.Output<Record<string, string>>;
}

/**
 * Collects the per-cloud `url` (one URL) and `urls` (a map or list of URLs) outputs into one flat
 * map, so a person has one place to click whatever the clouds expose. Secret inputs keep the
 * whole map secret (pulumi.all propagates secrecy).
 */
export function collectUrls(perCloud: Partial<Record<"aws" | "gcp", Record<string, pulumi.Input<unknown>> | undefined>>): pulumi.Output<Record<string, string>> {
    const entries: pulumi.Output<[string, string][]>[] = [];
    for (const cloud of ["aws", "gcp"] as const) {
        const out = perCloud[cloud];
        if (!out) continue;
        if (out.url !== undefined) entries.push(pulumi.output(out.url).apply((u): [string, string][] => (typeof u === "string" && u ? [[cloud, u]] : [])));
        if (out.urls !== undefined) {
            entries.push(pulumi.output(out.urls).apply((us) => {
                const pairs: [string, unknown][] = Array.isArray(us) ? us.map((u, i) => [String(i + 1), u]) : Object.entries(us ?? {});
                return pairs.filter((p): p is [string, string] => typeof p[1] === "string" && p[1] !== "").map(([k, u]): [string, string] => [`${cloud}.${k}`, u]);
            }));
        }
    }
    return pulumi.all(entries).apply((lists) => Object.fromEntries(lists.flat()));
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
    outputs.urls = collectUrls(outputs);
    return outputs;
}
