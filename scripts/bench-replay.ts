/**
 * The runtime floor of a plan: the same resources registered again, through the same SDK classes,
 * with the same inputs, parents, dependencies and protect flags, and none of this project's code
 * (no config, components, Outputs between resources, links or cost estimate). A plan's time over
 * this floor's is what our program adds to what Pulumi's runtime and the cloud SDKs cost anyway.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlannedResource } from "../plan/model";

/** A resource of any custom type token, as the plan recorded it. */
class Recorded extends pulumi.CustomResource {
    constructor(type: string, name: string, inputs: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, inputs, opts);
    }
}

type Sdk = Record<string, Record<string, new (name: string, args: unknown, opts: pulumi.CustomResourceOptions) => pulumi.Resource>>;

/** Registers `resources` (in plan order, so parents and dependencies come first); call inside planProgram. */
export function replay(resources: readonly PlannedResource[]): number {
    /* eslint-disable @typescript-eslint/no-require-imports -- the SDKs, looked up by type token */
    const sdks: Record<string, Sdk> = { aws: require("@pulumi/aws") as Sdk, gcp: require("@pulumi/gcp") as Sdk, random: require("@pulumi/random") as Sdk };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const byUrn = new Map<string, pulumi.Resource>();
    let typed = 0;
    for (const r of resources) {
        if (r.type === "pulumi:pulumi:Stack") continue;
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        const depUrns = new Set([...(r.dependsOn ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()]);
        const dependsOn = [...depUrns].map((u) => byUrn.get(u)).filter((x): x is pulumi.Resource => x !== undefined);
        const opts: pulumi.CustomResourceOptions = { ...(parent ? { parent } : {}), ...(dependsOn.length ? { dependsOn } : {}), ...(r.protect ? { protect: true } : {}) };
        // "aws:ec2/securityGroup:SecurityGroup" is aws.ec2.SecurityGroup; "pulumi:providers:aws" is aws.Provider.
        const token = /^(aws|gcp|random):([^/:]+)\/[^:]+:(\w+)$/.exec(r.type);
        const provider = /^pulumi:providers:(aws|gcp|random)$/.exec(r.type);
        const Class = token ? sdks[token[1]]?.[token[2]]?.[token[3]] : provider ? (sdks[provider[1]] as unknown as Record<string, Sdk[string][string]>).Provider : undefined;
        let res: pulumi.Resource;
        if (Class) {
            res = new Class(r.name, r.inputs, opts);
            typed++;
        } else if (r.custom) res = new Recorded(r.type, r.name, r.inputs, opts);
        else res = new pulumi.ComponentResource(r.type, r.name, {}, opts);
        byUrn.set(r.urn, res);
    }
    return typed;
}
