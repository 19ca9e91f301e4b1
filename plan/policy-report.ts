/**
 * `npm run plan -- <stack> --policy`: the policy pack over the offline plan, the same rule
 * functions CrossGuard runs. Mandatory violations make the plan exit 3; advisory ones (advisory
 * rules, or rules the stack opted out of in writing) are printed and do not fail it.
 */
import { evaluate, type Violation } from "../policy/rules";
import type { RuleContext } from "../policy/helpers";
import type { ResolvedConfig } from "../components/spec";
import type { PlanResult } from "./engine";

/** Exit code of a plan whose stack fails a mandatory policy rule. */
export const POLICY_EXIT_CODE = 3;

export interface PolicyReport {
    violations: Violation[];
    mandatory: number;
    advisory: number;
}

/** What the rules know about a stack besides its resources: profile, read-only roots, declared opt-outs. */
export function policyContext(config: ResolvedConfig): Omit<RuleContext, "resources"> {
    return {
        environment: config.environment,
        readonlyRootServices: new Set(config.services.filter((s) => s.readonlyRootFilesystem).map((s) => s.name)),
        optOuts: {
            allowHttp: config.allowHttp === true,
            allowExecInProd: config.aws?.allowExecInProd === true,
            openEgress: config.aws?.egress === "open",
        },
    };
}

export function policyReport(plan: Pick<PlanResult, "resources" | "config">): PolicyReport {
    const violations = evaluate(plan.resources, policyContext(plan.config));
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    return { violations, mandatory, advisory: violations.length - mandatory };
}

export function renderPolicy(stack: string, report: PolicyReport): string {
    const head = `Policy: ${report.mandatory} mandatory, ${report.advisory} advisory violation(s) in stack ${stack}`;
    return [head, ...report.violations.map((v) => `  [${v.level}] ${v.rule} ${v.urn}\n      ${v.message}`)].join("\n");
}
