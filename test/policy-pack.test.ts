import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";

import { RULES, T } from "../policy/rules";
import { environmentOf, policiesFor, resourcePolicy, stackPolicy } from "../policy/wrappers";

/** The CrossGuard glue, driven with the argument shapes @pulumi/policy passes (no policy server). */

type Validate = (args: ResourceValidationArgs, report: (message: string) => void) => void;
const validatorOf = (id: string) => resourcePolicy(rule(id)).validateResource as Validate;
const rule = (id: string) => RULES.find((r) => r.id === id)!;
const tagged = (environment: string) => ({ type: T.awsProvider, name: "aws", urn: "urn:aws", props: { defaultTags: { tags: { app: "a", environment, "managed-by": "pulumi" } } } });

function resourceArgs(type: string, props: Record<string, unknown>, extra: Partial<ResourceValidationArgs> = {}): ResourceValidationArgs {
    return {
        type, props, urn: `urn:${type}::r`, name: "r", opts: { protect: false } as ResourceValidationArgs["opts"],
        stackTags: new Map(), getConfig: <T extends object>() => ({}) as T,
        isType: () => false, asType: () => undefined, notApplicable: () => { throw new Error("n/a"); },
        ...extra,
    };
}

describe("policy pack wrappers (CrossGuard)", () => {
    it("makes one mandatory policy per rule, stack policies for stack-scoped rules", () => {
        const policies = policiesFor(RULES);
        assert.strictEqual(policies.length, RULES.length);
        for (const [i, p] of policies.entries()) {
            assert.strictEqual(p.name, RULES[i].id);
            assert.strictEqual(p.enforcementLevel, "mandatory");
            assert.strictEqual("validateStack" in p, RULES[i].scope === "stack", p.name);
        }
    });

    it("reads the environment from the provider's default tags, else the pack config, else prod", () => {
        assert.strictEqual(environmentOf({ ...tagged("dev"), inputs: tagged("dev").props }, {}), "dev");
        assert.strictEqual(environmentOf(undefined, { environment: "staging" }), "staging");
        assert.strictEqual(environmentOf(undefined, {}), "prod");
    });

    it("reports resource violations with the prod rules applied through the provider's tags", () => {
        const validate = validatorOf("aws-rds-deletion-protection");
        const run = (env: string) => {
            const out: string[] = [];
            validate(resourceArgs(T.rdsInstance, { deletionProtection: false }, { provider: tagged(env) }), (m) => out.push(m));
            return out;
        };
        assert.strictEqual(run("prod").length, 1);
        assert.match(run("prod")[0], /^aws-rds-deletion-protection: aws:rds\/instance:Instance "r"/);
        assert.deepStrictEqual(run("dev"), []);
    });

    it("passes protect from the resource options", () => {
        const validate = validatorOf("protect-stateful-prod");
        const out: string[] = [];
        validate(resourceArgs(T.efs, {}, { provider: tagged("prod"), opts: { protect: true } as ResourceValidationArgs["opts"] }), (m) => out.push(m));
        validate(resourceArgs(T.efs, {}, { provider: tagged("prod") }), (m) => out.push(m));
        assert.strictEqual(out.length, 1);
    });

    it("runs stack rules over all resources and reports against the resource's URN", async () => {
        const p = stackPolicy(rule("aws-s3-public-access-block"));
        const bucket = { type: T.bucket, name: "b", urn: "urn:bucket", props: { bucket: "phys-b" }, opts: { protect: false }, provider: tagged("dev") };
        const args = (withBlock: boolean) => ({
            resources: [
                { ...tagged("dev"), opts: { protect: false } },
                bucket,
                ...(withBlock ? [{ type: T.publicAccessBlock, name: "pab", urn: "urn:pab", props: { bucket: "phys-b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts: { protect: false } }] : []),
            ],
            stackTags: new Map(), getConfig: () => ({}),
        }) as unknown as StackValidationArgs;
        const out: [string, string | undefined][] = [];
        await p.validateStack(args(false), (m, urn) => out.push([m, urn]));
        assert.deepStrictEqual(out.map((o) => o[1]), ["urn:bucket"]);
        out.length = 0;
        await p.validateStack(args(true), (m, urn) => out.push([m, urn]));
        assert.deepStrictEqual(out, []);
    });

    it("ships a runnable pack: PulumiPolicy.yaml (nodejs) and package.json pointing at index.ts", () => {
        const dir = path.join(__dirname, "..", "policy");
        assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.strictEqual(pkg.main, "index.ts");
        assert.ok(pkg.dependencies["@pulumi/policy"]);
        assert.match(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), /new PolicyPack\("platform"/);
    });
});
