/**
 * The runtime floor of a plan: the same register requests again, through the same SDK classes,
 * with the same inputs, parents, dependencies, property dependencies and protect flags, and none
 * of this project's code (no config, components' logic, links or cost estimate). A plan's time
 * over this floor's is what our program adds to what Pulumi's runtime and the cloud SDKs cost
 * anyway. test/bench-replay.test.ts checks that the replay registers what the plan registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECRET_MASK, type PlannedResource } from "../plan/model";

/** A resource of any custom type token, as the plan recorded it. */
class Recorded extends pulumi.CustomResource {
    constructor(type: string, name: string, inputs: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, inputs, opts);
    }
}

type Sdk = Record<string, Record<string, new (name: string, args: unknown, opts: pulumi.CustomResourceOptions) => pulumi.Resource>>;

/** The plan masked secrets; the replay sends them as secrets again, so the request is the same. */
function unmask(value: unknown): unknown {
    if (value === SECRET_MASK) return pulumi.secret(SECRET_MASK);
    if (Array.isArray(value)) return value.map(unmask);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmask(v)]));
    return value;
}

/** A provider's inputs go over the wire JSON-encoded; its class encodes them again. */
function decoded(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs).map(([k, v]) => {
        if (typeof v !== "string") return [k, v];
        try {
            return [k, JSON.parse(v) as unknown];
        } catch {
            return [k, v];
        }
    }));
}

/** Output's runtime constructor, which the SDK's typings keep internal. */
type OutputConstructor = new (resources: Set<pulumi.Resource>, promise: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, allResources: Promise<Set<pulumi.Resource>>) => pulumi.Output<unknown>;

/**
 * A property dependency exists only as an Output that carries the resources it came from. A
 * program passes its dependency's own Output (`vpcId: vpc.id`) at no cost; the replay has only
 * the recorded value, so it wraps it in one Output of those resources, built directly rather than
 * by an apply: the least a property dependency can cost.
 */
function dependingOn(value: unknown, deps: pulumi.Resource[]): pulumi.Output<unknown> {
    const resources = new Set(deps);
    return new (pulumi.Output as unknown as OutputConstructor)(resources, Promise.resolve(value), Promise.resolve(true), Promise.resolve(false), Promise.resolve(resources));
}

/**
 * Registers `resources` (in plan order, so parents and dependencies come first); call inside
 * planProgram. Returns the custom types no SDK class was found for (registered as they are).
 */
export function replay(resources: readonly PlannedResource[]): string[] {
    /* eslint-disable @typescript-eslint/no-require-imports -- the SDKs, looked up by type token */
    const sdks: Record<string, Sdk> = { aws: require("@pulumi/aws") as Sdk, gcp: require("@pulumi/gcp") as Sdk, random: require("@pulumi/random") as Sdk };
    /* eslint-enable @typescript-eslint/no-require-imports */
    // The "index" module is the package root: "random:index/randomId:RandomId" is random.RandomId.
    const root = (pkg: string) => sdks[pkg] as unknown as Record<string, Sdk[string][string]>;
    const byUrn = new Map<string, pulumi.Resource>();
    const resolve = (urns: Iterable<string>) => [...urns].map((u) => byUrn.get(u)).filter((x): x is pulumi.Resource => x !== undefined);
    const untyped: string[] = [];
    for (const r of resources) {
        if (r.type === "pulumi:pulumi:Stack") continue;
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        const propertyDeps = r.propertyDependencies ?? {};
        const viaProperties = new Set(Object.values(propertyDeps).flat());
        const dependsOn = resolve((r.dependsOn ?? []).filter((u) => !viaProperties.has(u)));
        const opts: pulumi.CustomResourceOptions = { ...(parent ? { parent } : {}), ...(dependsOn.length ? { dependsOn } : {}), ...(r.protect ? { protect: true } : {}) };
        const inputs = unmask(r.type.startsWith("pulumi:providers:") ? decoded(r.inputs) : r.inputs) as Record<string, unknown>;
        for (const [key, urns] of Object.entries(propertyDeps)) inputs[key] = dependingOn(inputs[key], resolve(urns));
        // "aws:ec2/securityGroup:SecurityGroup" is aws.ec2.SecurityGroup; "pulumi:providers:aws" is aws.Provider.
        const token = /^(aws|gcp|random):([^/:]+)\/[^:]+:(\w+)$/.exec(r.type);
        const provider = /^pulumi:providers:(aws|gcp|random)$/.exec(r.type);
        const Class = token ? (token[2] === "index" ? root(token[1])[token[3]] : sdks[token[1]]?.[token[2]]?.[token[3]])
            : provider ? root(provider[1]).Provider : undefined;
        let res: pulumi.Resource;
        if (Class) res = new Class(r.name, inputs, opts);
        else if (r.custom) {
            res = new Recorded(r.type, r.name, inputs, opts);
            untyped.push(r.type);
        } else res = new pulumi.ComponentResource(r.type, r.name, {}, opts);
        byUrn.set(r.urn, res);
    }
    return untyped;
}
