/**
 * What every rule file shares: the Rule shape, the type tokens, the message format and the
 * `rule()` constructor that keeps a rule to its own types.
 */
import type { Enforcement, OptOutKey, RuleContext, RuleResource } from "./helpers";

export type { Enforcement, OptOutKey, RuleContext, RuleResource } from "./helpers";

export interface Rule {
    /** Stable id, used as the CrossGuard policy name. */
    readonly id: string;
    /** What the rule requires, one sentence. */
    readonly description: string;
    /** Matching public checks (checkov CKV_*, trivy AVD-*, AWS FSBP control), "" when none. */
    readonly references: string;
    /** Type tokens the rule looks at. */
    readonly types: readonly string[];
    /** "stack" when the rule needs the other resources of the stack (CrossGuard stack policy). */
    readonly scope: "resource" | "stack";
    /** Violation messages for `resource` (empty when compliant). */
    readonly check: (resource: RuleResource, context: RuleContext) => string[];
    /** "advisory" rules report without failing the pack. @default "mandatory" */
    readonly enforcement?: Enforcement;
    /** The documented stack opt-out that turns this rule's violations into advisory reports. */
    readonly optOut?: OptOutKey;
}

// ---------------------------------------------------------------- type tokens

export { T } from "./types";

// ---------------------------------------------------------------- message helpers

/** "rule-id: type "name": problem; fix: what to change" — enough to find and fix the line. */
export function say(id: string, r: RuleResource, problem: string, fix: string): string {
    return `${id}: ${r.type} "${r.name}": ${problem}; fix: ${fix}`;
}

export const isProd = (ctx: RuleContext) => ctx.environment === "prod";

export function rule(
    id: string, description: string, references: string, types: readonly string[],
    check: Rule["check"], scope: Rule["scope"] = "resource", extra: Pick<Rule, "enforcement" | "optOut"> = {},
): Rule {
    return { id, description, references, types, scope, ...extra, check: (r, ctx) => (types.includes(r.type) ? check(r, ctx) : []) };
}

