/**
 * What a plan is: the resources the program registered and what the engine recorded about each.
 * Kept apart from engine.ts (which runs the program under mocks) so the reports (tree, cost,
 * diagram) and the policy rules depend on the data, not on the engine.
 */
import type { ResolvedConfig } from "../components/spec";

/** What a plan shows in place of a secret value, in inputs and outputs. */
export const SECRET_MASK = "[secret]";

/** One resource the program registered, with the inputs it gave (secrets masked). */
export interface PlannedResource {
    urn: string;
    /** Pulumi type token, e.g. aws:ec2/vpc:Vpc or platform:aws:Network. */
    type: string;
    /** Logical name. */
    name: string;
    /** The provider id the program saw (the mock's under the offline engine); absent for components. */
    id?: string;
    /** Parent URN (null for the root stack). */
    parent: string | null;
    inputs: Record<string, unknown>;
    /** True for cloud resources, false for components, providers count as custom. */
    custom: boolean;
    /** The Pulumi `protect` option. */
    protect: boolean;
    /** URNs the resource depends on: its `dependsOn` plus resources its inputs refer to. */
    dependsOn?: string[];
    /**
     * Per top-level input, the URNs of the resources whose outputs flowed into it (the register
     * request's property dependencies): `{ loadBalancerArn: [<ALB urn>] }`. This is how the
     * reports follow references without knowing what ids or ARNs look like.
     */
    propertyDependencies?: Record<string, string[]>;
}

/** A planned stack: `npm run plan -- <stack> --json` prints this document. */
export interface PlanResult {
    stack: string;
    config: ResolvedConfig;
    resources: PlannedResource[];
    outputs: Record<string, unknown>;
    /** The cost report (plan/cost/estimate.ts CostReport); typed loosely to keep this module a leaf. */
    cost: unknown;
}
