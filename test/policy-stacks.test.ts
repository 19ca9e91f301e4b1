import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { allStackFiles, planConfig, type PlanResult } from "../plan/engine";
import { policyContext, policyReport, renderPolicy, type PolicyReport } from "../plan/policy-report";
import { resolveConfig } from "../stacks/resolve";
import { platformSchema } from "../stacks/schema";
import { evaluate, RULES } from "../policy/rules";
import { cachedPlan } from "./support/plan-cache";
import { planCliAsync } from "./support/cli";

describe("policy pack: every stack file", () => {
    for (const file of allStackFiles()) {
        it(`${path.basename(file)} has zero violations`, async () => {
            const p = await cachedPlan(file);
            const violations = evaluate(p.resources, policyContext(p.config));
            assert.strictEqual(violations.length, 0, `${violations.length} policy violation(s) in ${path.basename(file)}:\n  ${violations.map((v) => v.message).join("\n  ")}`);
        });
    }
});

describe("policy pack: docs table", () => {
    it("docs/security.md (and docs/gcp.md for the GCP data tier) lists every rule with its public check ids", () => {
        const read = (...p: string[]): string => fs.readFileSync(path.join(__dirname, "..", "docs", ...p), "utf8");
        const text = `${read("security.md")}\n${read("gcp.md")}`;
        for (const r of RULES) {
            const row = text.split("\n").find((l) => l.startsWith(`| \`${r.id}\` |`));
            assert.ok(row, `no table row for ${r.id}`);
            for (const ref of r.references ? r.references.split(", ") : []) assert.ok(row.includes(ref), `${r.id}: row lacks ${ref}`);
        }
    });
});

/** A prod stack with every safety turned off, built past validation (as a hand-written program could). */
async function weakenedProd(): Promise<PlanResult> {
    const input = platformSchema.parse({
        name: "weak", environment: "prod", clouds: ["aws", "gcp"],
        services: [{ name: "web", port: 3000, routes: ["/*"], exec: true }],
        aws: { waf: false, accessLogs: false, egress: "open", network: { flowLogs: false } },
        gcp: { project: "weak-project-123", armor: false },
    });
    const p = await planConfig(resolveConfig(input, { aws: {}, gcp: {} }), "weak");
    // sns:* on every topic, as a hand-written task policy would have it.
    const snsAll = { urn: "urn:pulumi:weak::platform::aws:iam/rolePolicy:RolePolicy::sns-all", type: "aws:iam/rolePolicy:RolePolicy", name: "sns-all", parent: null, custom: true, protect: false, inputs: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sns:*", Resource: "*" }] }) } };
    return { ...p, resources: [...p.resources, snsAll] };
}

describe("policy pack: a weakened prod stack", () => {
    it("fails on HTTP only, Exec, no flow or access logs, no WAF or Armor, open egress and sns:*", async () => {
        const p = await weakenedProd();
        // No opt-out declared: the hand-built config says nothing, so every rule is mandatory.
        const report = policyReport({ ...p, config: { ...p.config, aws: { ...p.config.aws!, egress: undefined } } });
        const failed = new Set(report.violations.filter((v) => v.level === "mandatory").map((v) => v.rule));
        for (const id of ["https-required-prod", "exec-disabled-prod", "aws-flow-logs-prod", "aws-alb-access-logs-prod", "waf-required-prod", "aws-sg-egress-restricted", "aws-iam-no-wildcards"]) {
            assert.ok(failed.has(id), `${id} did not fail:\n${renderPolicy("weak", report)}`);
        }
        const gcpHttp = report.violations.find((v) => v.rule === "https-required-prod" && v.urn.includes("globalForwardingRule"));
        const armor = report.violations.find((v) => v.rule === "waf-required-prod" && v.urn.includes("backendService"));
        assert.ok(gcpHttp && armor, "the GCP side fails too (HTTP forwarding rule, backend without Armor)");
    });

    it("reports the declared opt-outs as advisory, and the rest stays mandatory", async () => {
        const p = await weakenedProd();
        const optedOut = { ...p, config: { ...p.config, allowHttp: true, aws: { ...p.config.aws!, allowExecInProd: true, egress: "open" as const } } };
        const report = policyReport(optedOut);
        const level = (id: string) => new Set(report.violations.filter((v) => v.rule === id).map((v) => v.level));
        assert.deepStrictEqual([...level("https-required-prod")], ["advisory"]);
        assert.deepStrictEqual([...level("exec-disabled-prod")], ["advisory"]);
        assert.deepStrictEqual([...level("aws-sg-egress-restricted")], ["advisory"]);
        assert.deepStrictEqual([...level("aws-flow-logs-prod")], ["mandatory"]);
        assert.ok(report.mandatory > 0 && report.advisory > 0);
    });
});

describe("plan --policy", () => {
    const run = (args: string[]) => planCliAsync(...args);

    it("exits 0 on the prod stack and puts the violations into the JSON document; exits 3 and names rule and resource on a mandatory one", async function () {
        this.timeout(300000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-cli-"));
        // Prod with the HTTP opt-out but WAF switched off: advisory HTTPS, mandatory WAF.
        const weak = path.join(dir, "weak.yaml");
        fs.writeFileSync(weak, stringify({ config: {
            "platform:name": "weak", "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1",
            "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }], "platform:aws": { waf: false },
        } }));
        const [ok, bad] = await Promise.all([run(["prod", "--policy", "--json"]), run([weak, "--policy"])]);
        assert.strictEqual(ok.code, 0, ok.stderr);
        const doc = JSON.parse(ok.stdout) as { policy: PolicyReport; stack: string; resources: unknown[] };
        assert.deepStrictEqual([doc.policy.mandatory, doc.policy.violations.length], [0, 0]);
        assert.ok(doc.stack && doc.resources.length > 0, "the DESIGN.md keys stay");
        assert.strictEqual(bad.code, 3, bad.stderr);
        assert.match(bad.stdout, /\[mandatory\] waf-required-prod urn:pulumi:weak::platform::.*aws:lb\/loadBalancer:LoadBalancer::/);
        assert.match(bad.stdout, /\[advisory\] https-required-prod /);
        assert.match(bad.stderr, /warning: platform:allowHttp is true/);
    });
});
