import * as assert from "assert";
import { evaluate, RULES, T } from "../policy/rules";
import { awsProvider, CASES, container, lbWithGroup, rds, res, run } from "./support/policy-cases";

describe("policy pack: rules", () => {
    it("has at least 25 rules with unique ids, a description and well-formed public references", () => {
        assert.ok(RULES.length >= 25, `only ${RULES.length} rules`);
        assert.strictEqual(new Set(RULES.map((r) => r.id)).size, RULES.length, "duplicate rule ids");
        for (const r of RULES) {
            assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)+$/);
            assert.ok(r.description.length > 10, `${r.id} needs a description`);
            for (const ref of r.references ? r.references.split(", ") : []) {
                assert.match(ref, /^(CKV2?_(AWS|GCP)_\d+|AVD-(AWS|GCP)-\d{4}|FSBP [A-Za-z0-9]+\.\d+)( \(.+\))?$/, `${r.id}: reference "${ref}"`);
            }
        }
    });

    it("has a violating and a compliant example for every rule", () => {
        assert.deepStrictEqual(RULES.map((r) => r.id).filter((id) => !CASES[id]), []);
    });

    for (const rule of RULES) {
        it(`${rule.id}: flags the violating example with a precise message and passes the compliant one`, () => {
            const c = CASES[rule.id];
            const bad = run(rule.id, c.bad, c);
            assert.ok(bad.length > 0, `${rule.id} did not flag ${JSON.stringify(c.bad.inputs)}`);
            for (const m of bad) assert.ok(m.startsWith(`${rule.id}: ${c.bad.type} "${c.bad.name}": `) && m.includes("; fix: "), m);
            assert.deepStrictEqual(run(rule.id, c.good, c), []);
        });
    }

    it("never fires on a type it does not govern", () => {
        const unrelated = res("aws:ec2/subnet:Subnet", "subnet", { cidrBlock: "10.0.0.0/24" });
        for (const rule of RULES) {
            if (rule.id === "tags-standard") continue;
            assert.deepStrictEqual(rule.check(unrelated, { environment: "prod", resources: [awsProvider, unrelated] }), [], rule.id);
        }
        assert.deepStrictEqual(evaluate([awsProvider, unrelated, res("random:index/randomPassword:RandomPassword", "pw")], { environment: "prod" }), []);
    });

    it("applies prod-only rules in prod and not in dev", () => {
        const db = rds({ deletionProtection: false, backupRetentionPeriod: 1 });
        const ids = (env: string) => new Set(evaluate([awsProvider, db], { environment: env }).map((v) => v.rule));
        assert.ok(ids("prod").has("aws-rds-deletion-protection") && ids("prod").has("aws-rds-backup-retention") && ids("prod").has("protect-stateful-prod"));
        assert.ok(!ids("dev").has("aws-rds-deletion-protection") && !ids("dev").has("aws-rds-backup-retention") && !ids("dev").has("protect-stateful-prod"));
    });

    it("tells secrets in container environments from settings that only name one", () => {
        const flagged = (name: string, value: string) => RULES.find((r) => r.id === "aws-ecs-no-plaintext-secrets")!
            .check(res(T.taskDef, "td", { containerDefinitions: container({ environment: [{ name, value }] }) }), { environment: "dev", resources: [] }).length > 0;
        for (const [name, value] of [["SECRET_KEY", "x"], ["AWS_SECRET_ACCESS_KEY", "abc"], ["DB_PASSWORD", "p"], ["DATABASE_URL", "postgres://app:hunter2@db:5432/app"], ["ANY", "AKIAABCDEFGHIJKLMNOP"]]) {
            assert.ok(flagged(name, value), `${name} should be flagged`);
        }
        for (const [name, value] of [["DATABASE_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x"], ["REDIS_AUTH_ENABLED", "true"], ["PASSWORD_MIN_LENGTH", "8"], ["DATABASE_URL", "postgres://app@db:5432/app"], ["TOKEN_TTL", "3600"]]) {
            assert.ok(!flagged(name, value), `${name} should not be flagged`);
        }
    });

    it("treats only buckets named for logs as log buckets", () => {
        const check = (name: string) => RULES.find((r) => r.id === "aws-s3-log-versioning")!.check(res(T.bucket, name), { environment: "dev", resources: [awsProvider] });
        assert.strictEqual(check("app-prod-alb-logs").length, 1);
        assert.strictEqual(check("app-prod-log").length, 1);
        assert.deepStrictEqual(check("app-prod-catalog"), []);
        assert.deepStrictEqual(check("app-prod-blog"), []);
    });

    it("admits the internet only on a load balancer's group, on 80/443", () => {
        const open22 = res(T.sgIngress, "ssh", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0", securityGroupId: "alb-sg-id" });
        const open443v6 = res(T.sgIngress, "https6", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0", securityGroupId: "alb-sg-id" });
        const stack = [awsProvider, lbWithGroup, res(T.sg, "alb-sg"), open22, open443v6];
        const v = evaluate(stack, { environment: "dev" }).filter((x) => x.rule === "aws-sg-no-world-ingress");
        assert.deepStrictEqual(v.map((x) => x.urn), [open22.urn]);
    });
});

