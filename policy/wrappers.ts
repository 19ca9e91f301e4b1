/**
 * CrossGuard wrappers around the pure rules. Only types come from @pulumi/policy (erased at
 * compile time), so tests can load this file and drive the wrappers with fake arguments
 * without starting a policy server next to the Pulumi mocks.
 */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { providerTags, T, type Rule, type RuleResource } from "./rules";

export interface PackConfig {
    /** Environment profile when the providers' default tags do not say (dev, staging, prod). */
    environment?: string;
}

const configSchema = {
    properties: { environment: { type: "string" as const, enum: ["dev", "staging", "prod"] } },
};

/**
 * The stack's environment, read from the `environment` default tag of its provider (set from
 * platform:environment). Without one, the pack's config, else "prod": unknown means strictest.
 */
export function environmentOf(provider: RuleResource | undefined, config: PackConfig): string {
    const tag = provider ? providerTags(provider).environment : undefined;
    return typeof tag === "string" ? tag : config.environment ?? "prod";
}

type Described = {
    type: string; name: string; props: Record<string, unknown>; urn: string; opts?: { protect?: boolean };
    /** Given to stack policies only (PolicyResource); resource policies see one resource alone. */
    propertyDependencies?: Record<string, { urn: string }[]>;
};

function toRule(r: Described): RuleResource {
    // References between resources are followed by URN, as CrossGuard records them per property.
    const deps = r.propertyDependencies && Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => d.urn)]));
    return { type: r.type, name: r.name, inputs: r.props, protect: r.opts?.protect, urn: r.urn, propertyDependencies: deps };
}

const describe = (rule: Rule) => `${rule.description}${rule.references ? ` (${rule.references})` : ""}`;

export function resourcePolicy(rule: Rule): ResourceValidationPolicy {
    return {
        name: rule.id,
        description: describe(rule),
        enforcementLevel: "mandatory",
        configSchema,
        validateResource: (args: ResourceValidationArgs, report) => {
            const provider = args.provider ? toRule(args.provider) : undefined;
            const ctx = { environment: environmentOf(provider, args.getConfig<PackConfig>()), resources: [], provider };
            for (const message of rule.check(toRule(args), ctx)) report(message);
        },
    };
}

export function stackPolicy(rule: Rule): StackValidationPolicy {
    return {
        name: rule.id,
        description: describe(rule),
        enforcementLevel: "mandatory",
        configSchema,
        validateStack: (args: StackValidationArgs, report) => {
            const resources = args.resources.map(toRule);
            const provider = args.resources.find((r: PolicyResource) => r.type === T.awsProvider || r.type === T.gcpProvider);
            const environment = environmentOf(provider ? toRule(provider) : undefined, args.getConfig<PackConfig>());
            for (const r of args.resources) {
                const ctx = { environment, resources, provider: r.provider ? toRule(r.provider) : undefined };
                for (const message of rule.check(toRule(r), ctx)) report(message, r.urn);
            }
        },
    };
}

/** One mandatory policy per rule: stack policies for rules that need the whole stack. */
export function policiesFor(rules: readonly Rule[]): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return rules.map((rule) => (rule.scope === "stack" ? stackPolicy(rule) : resourcePolicy(rule)));
}
