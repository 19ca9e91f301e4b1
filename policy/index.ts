/**
 * CrossGuard entry point: `pulumi preview --policy-pack policy`. Every rule of rules.ts becomes
 * one mandatory policy; rules that need the rest of the stack run as stack policies. The rule
 * functions are the ones `npm test` runs over the offline plans, so the two never disagree.
 */
import { PolicyPack, type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { providerTags, RULES, T, type Rule, type RuleResource } from "./rules";

interface PackConfig {
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
function environmentOf(provider: RuleResource | undefined, config: PackConfig): string {
    const tag = provider ? providerTags(provider).environment : undefined;
    return typeof tag === "string" ? tag : config.environment ?? "prod";
}

function toRule(r: { type: string; name: string; props: Record<string, unknown>; urn: string; opts?: { protect?: boolean } }): RuleResource {
    return { type: r.type, name: r.name, inputs: r.props, protect: r.opts?.protect, urn: r.urn };
}

function resourcePolicy(rule: Rule): ResourceValidationPolicy {
    return {
        name: rule.id,
        description: `${rule.description}${rule.references ? ` (${rule.references})` : ""}`,
        enforcementLevel: "mandatory",
        configSchema,
        validateResource: (args, report) => {
            const provider = args.provider ? toRule(args.provider) : undefined;
            const ctx = { environment: environmentOf(provider, args.getConfig<PackConfig>()), resources: [], provider };
            for (const message of rule.check(toRule(args), ctx)) report(message);
        },
    };
}

function stackPolicy(rule: Rule): StackValidationPolicy {
    return {
        name: rule.id,
        description: `${rule.description}${rule.references ? ` (${rule.references})` : ""}`,
        enforcementLevel: "mandatory",
        configSchema,
        validateStack: (args, report) => {
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

new PolicyPack("platform", {
    description: "Security and protection rules of the platform program (see README, Security).",
    enforcementLevel: "mandatory",
    policies: RULES.map((rule) => (rule.scope === "stack" ? stackPolicy(rule) : resourcePolicy(rule))),
});
