import * as assert from "assert";
import * as path from "path";
import { allStackFiles, type PlanResult } from "../plan/engine";
import { evaluate, PROTECTED_TYPES, RULES, T } from "../policy/rules";
import { config, plan } from "./support/harness";
import { cachedPlan } from "./support/plan-cache";

/** The rules that make up prod protection on the cloud side (the rest of the pack runs in policy.test.ts). */
const PROD_RULES = RULES.filter((r) => [
    "protect-stateful-prod", "aws-rds-deletion-protection", "aws-rds-final-snapshot", "aws-rds-backup-retention",
    "aws-cache-backups", "aws-prod-retain-data", "aws-secret-recovery-window", "aws-ecr-immutable-tags",
    "gcp-sql-backups",
].includes(r.id));

/** A prod stack with every stateful kind the program knows: database, cache, buckets, registry. */
const FULL_PROD = config({
    "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1",
    "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database", "cache", "assets"] }],
    "platform:database": {},
    "platform:cache": {},
    "platform:buckets": [{ name: "assets" }, { name: "logs" }],
    "platform:secrets": ["api-key"],
});

function checkProtection(p: PlanResult): string[] {
    const problems: string[] = [];
    for (const r of p.resources.filter((x) => PROTECTED_TYPES.includes(x.type))) {
        if (!r.protect) problems.push(`${r.type} "${r.name}" lacks protect: true`);
    }
    const db = p.resources.filter((r) => r.type === T.rdsInstance || r.type === T.rdsCluster);
    for (const r of db) if (r.inputs.deletionProtection !== true) problems.push(`${r.type} "${r.name}" lacks deletionProtection: true`);
    problems.push(...evaluate(p.resources, { environment: "prod" }, PROD_RULES).map((v) => v.message));
    return problems;
}

describe("prod protection", () => {
    it("the prod profile asks for protect, deletion protection, final snapshots and kept buckets", async () => {
        const p = await plan(FULL_PROD, "prod");
        assert.strictEqual(p.config.protectStateful, true);
        assert.strictEqual(p.config.database?.deletionProtection, true);
        assert.strictEqual(p.config.database?.finalSnapshot, true);
        assert.ok(p.config.database.backupRetentionDays >= 7);
        assert.ok(p.config.buckets.every((b) => !b.forceDestroy));
        assert.strictEqual(p.config.aws?.ecr.immutableTags, true);
        assert.deepStrictEqual(checkProtection(p), []);
    });

    for (const file of allStackFiles()) {
        it(`${path.basename(file)}: every stateful resource is protected when the profile is prod`, async () => {
            const p = await cachedPlan(file);
            if (p.config.environment !== "prod") {
                assert.strictEqual(p.resources.filter((r) => PROTECTED_TYPES.includes(r.type) && r.protect).length, 0, "protect is for prod only (dev stacks must stay deletable)");
                return;
            }
            const problems = checkProtection(p);
            assert.deepStrictEqual(problems, [], `${path.basename(file)}:\n  ${problems.join("\n  ")}`);
        });
    }

    it("GCP: Cloud SQL (instance and database), Memorystore, buckets, the registry and every Secret Manager secret are protected in prod", async () => {
        const p = await plan(config({
            ...FULL_PROD,
            "platform:clouds": ["aws", "gcp"],
            "platform:gcp": { project: "app-prod-123456" },
        }), "prod");
        const gcpStateful = p.resources.filter((r) => r.type.startsWith("gcp:") && PROTECTED_TYPES.includes(r.type));
        for (const t of [T.sqlInstance, T.sqlDatabase, T.memorystore, T.gcsBucket, T.arRepo, T.gcpSecret]) {
            assert.ok(gcpStateful.some((r) => r.type === t), `no ${t} in the plan`);
        }
        assert.strictEqual(gcpStateful.filter((r) => r.type === T.gcpSecret).length, 3, "app secret, database password, Redis AUTH");
        const sql = p.resources.find((r) => r.type === T.sqlInstance)!;
        assert.strictEqual(sql.inputs.deletionProtection, true);
        assert.deepStrictEqual(checkProtection(p), []);
    });

    it("catches an unprotected database in prod (the check can fail)", () => {
        const fake: PlanResult = {
            stack: "prod", config: {} as PlanResult["config"], outputs: {}, cost: null,
            resources: [{ urn: "urn:pulumi:prod::platform::aws:rds/instance:Instance::db", type: T.rdsInstance, name: "db", parent: null, custom: true, protect: false, inputs: { deletionProtection: false, skipFinalSnapshot: true } }],
        };
        const problems = checkProtection(fake);
        assert.ok(problems.some((m) => m.includes("lacks protect")) && problems.some((m) => m.startsWith("aws-rds-final-snapshot")), problems.join("\n"));
    });
});
