/**
 * CrossGuard entry point: `pulumi preview --policy-pack policy`. Every rule of rules.ts becomes
 * one mandatory policy (wrappers.ts); the rule functions are the ones `npm test` runs over the
 * offline plans, so the two never disagree.
 */
import { PolicyPack } from "@pulumi/policy";
import { RULES } from "./rules";
import { policiesFor } from "./wrappers";

new PolicyPack("platform", {
    description: "Security and protection rules of the platform program (see docs/security.md).",
    enforcementLevel: "mandatory",
    policies: policiesFor(RULES),
});
