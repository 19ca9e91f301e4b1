import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT, type PlanResult } from "../plan/engine";
import { DATA_LOSS_EXIT_CODE, diffPlans, renderDiff, type PlanDiff, type PlanDocument } from "../plan/diff";
import { isGitRef, planFromGitRef } from "../plan/diff-source";
import { REPLACE_INPUTS } from "../plan/replace-inputs";
import { STATEFUL_TYPES } from "../policy/rules";
import { config, plan } from "./support/harness";
import { cachedPlan } from "./support/plan-cache";
import { planCli } from "./support/cli";

const T = { rds: "aws:rds/instance:Instance", redis: "aws:elasticache/replicationGroup:ReplicationGroup", bucket: "aws:s3/bucket:Bucket" };
/** A plan as the --json document carries it (through JSON, as the CLI writes it). */
const doc = (p: PlanResult): PlanDocument => JSON.parse(JSON.stringify({ stack: p.stack, resources: p.resources })) as PlanDocument;

const BEFORE = config({
    "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database", "cache", "assets"] }],
    "platform:database": {},
    "platform:cache": {},
    "platform:buckets": [{ name: "assets" }],
});
// A renamed database (dbName forces an RDS replacement), a bigger instance class (in place), the
// cache dropped (its replication group is deleted) and one more bucket.
const AFTER = config({
    "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database", "assets"] }],
    "platform:database": { databaseName: "shop_db", instanceClass: "db.t4g.large" },
    "platform:buckets": [{ name: "assets" }, { name: "logs" }],
});

describe("plan diff (npm run plan -- <stack> --diff <git-ref | plan.json>)", () => {
    let was: PlanDocument;
    let now: PlanDocument;
    let d: PlanDiff;
    before(async () => {
        was = doc(await plan(BEFORE, "shop"));
        now = doc(await plan(AFTER, "shop"));
        d = diffPlans(was, now, "file:before.json");
    });

    it("lists added and removed resources by URN, stateful ones marked", () => {
        const added = d.added.filter((r) => r.type === T.bucket);
        assert.deepStrictEqual(added.map((r) => [r.name, r.stateful]), [[added[0]?.name, true]]);
        assert.match(added[0].name, /logs/);
        const removedRedis = d.removed.filter((r) => r.type === T.redis);
        assert.strictEqual(removedRedis.length, 1);
        assert.strictEqual(removedRedis[0].stateful, true);
        for (const r of d.added) assert.ok(!was.resources.some((b) => b.urn === r.urn), `${r.urn} existed before`);
        for (const r of d.removed) assert.ok(!now.resources.some((a) => a.urn === r.urn), `${r.urn} still exists`);
    });

    it("shows each changed input with its before and after, and which ones force replacement", () => {
        const db = d.changed.find((c) => c.type === T.rds);
        assert.ok(db, "the RDS instance changed");
        assert.strictEqual(db.action, "replace");
        const byPath = new Map(db.changes.map((c) => [c.path, c]));
        assert.deepStrictEqual(byPath.get("dbName"), { path: "dbName", before: "app", after: "shop_db", forcesReplacement: true });
        assert.deepStrictEqual(byPath.get("instanceClass"), { path: "instanceClass", before: "db.t4g.micro", after: "db.t4g.large", forcesReplacement: false });
    });

    it("puts every stateful replacement and deletion in dataLoss, with the reason", () => {
        // The cache goes with its AUTH token secret.
        assert.deepStrictEqual(d.dataLoss.map((x) => [x.type, x.action]).sort(), [[T.rds, "replace"], [T.redis, "delete"], ["aws:secretsmanager/secret:Secret", "delete"]].sort());
        assert.match(d.dataLoss.find((x) => x.type === T.rds)!.reason, /dbName changed, which forces replacement \(terraform-provider-aws/);
        assert.strictEqual(d.summary.dataLoss, 3);
        const text = renderDiff(d);
        assert.match(text, /DATA LOSS: 3 stateful resources would be replaced or deleted/);
        assert.match(text, /dbName: "app" -> "shop_db" {2}\[forces replacement\]/);
    });

    it("finds no change between a plan and itself, and sorts by URN for stable CI output", () => {
        const same = diffPlans(now, now, "file:x");
        assert.deepStrictEqual(same.summary, { added: 0, removed: 0, updated: 0, replaced: 0, dataLoss: 0 });
        assert.match(renderDiff(same), /No changes\./);
        const urns = d.changed.map((c) => c.urn);
        assert.deepStrictEqual(urns, [...urns].sort());
        assert.strictEqual(d.schema, "platform.plan-diff/1");
    });

    it("keeps a sourced list of replace-forcing inputs for every stateful type", () => {
        for (const t of STATEFUL_TYPES) {
            const rule = REPLACE_INPUTS[t];
            assert.ok(rule, `${t}: no replace-forcing inputs listed`);
            assert.ok(rule.inputs.length > 0 && /https:\/\/www\.pulumi\.com\/registry\//.test(rule.source), `${t}: inputs and a source`);
        }
    });

    it("through the CLI: --json --fail-on-replace against a plan.json exits 4 and prints the diff document", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
        // The saas-dev plan with its database identifier changed, as a base.
        const old = doc(await cachedPlan(path.join(PROJECT_ROOT, "stacks", "examples", "saas-dev.yaml")));
        const rds = old.resources.find((r) => r.type === T.rds)!;
        rds.inputs.identifier = "saas-dev-old-db";
        const base = path.join(dir, "base.json");
        fs.writeFileSync(base, JSON.stringify(old));
        const r = planCli("saas-dev", "--diff", base, "--json", "--fail-on-replace");
        assert.strictEqual(r.status, DATA_LOSS_EXIT_CODE, r.stderr);
        const out = JSON.parse(r.stdout) as PlanDiff;
        assert.deepStrictEqual(out.dataLoss.map((x) => [x.type, x.action]), [[T.rds, "replace"]]);
        assert.deepStrictEqual(out.summary, { added: 0, removed: 0, updated: 0, replaced: 1, dataLoss: 1 });
        // Without --fail-on-replace the same diff exits 0.
        assert.strictEqual(planCli("saas-dev", "--diff", base).status, 0);
    });

    it("refuses a base that is neither a plan.json nor a commit, with exit 2", () => {
        assert.strictEqual(isGitRef("no-such-ref-xyz", PROJECT_ROOT), false);
        const r = planCli("saas-dev", "--diff", "no-such-ref-xyz");
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /--diff: is neither a plan\.json file nor a commit of this repository \(got "no-such-ref-xyz"\)/);
        assert.strictEqual(r.stdout, "");
    });

    it("plans a git ref with that ref's own program in a temporary worktree, and removes the worktree", async () => {
        assert.ok(isGitRef("HEAD", PROJECT_ROOT), "the project is a git checkout");
        const file = path.join(PROJECT_ROOT, "stacks", "examples", "saas-dev.yaml");
        const atHead = planFromGitRef("HEAD", file, PROJECT_ROOT);
        assert.strictEqual(atHead.stack, "saas-dev");
        assert.ok(atHead.resources.length > 10);
        const worktrees = spawnSync("git", ["worktree", "list"], { cwd: PROJECT_ROOT, encoding: "utf8" }).stdout;
        assert.doesNotMatch(worktrees, /plan-diff-/);
        // On a checkout without local changes HEAD plans exactly as the working tree does.
        const clean = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: PROJECT_ROOT, encoding: "utf8" }).stdout.trim() === "";
        if (clean) {
            const vsHead = diffPlans(atHead, doc(await cachedPlan(file)), "git:HEAD");
            assert.deepStrictEqual(vsHead.summary, { added: 0, removed: 0, updated: 0, replaced: 0, dataLoss: 0 }, renderDiff(vsHead));
        }
    });
});
