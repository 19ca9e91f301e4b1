import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { parse } from "yaml";
import { allStackFiles, PROJECT_ROOT } from "../plan/engine";
import { loadStackFile } from "../stacks/load";

/**
 * The GitHub Actions workflows cannot run here (no runner, no cloud), so they are checked for what
 * can be checked offline: each file parses, matches the subset of the workflow syntax we use
 * (https://docs.github.com/en/actions/reference/workflow-syntax-for-github-actions), and wires
 * what the project relies on (OIDC, policy pack, PR comment, approval, one preview per stack file).
 */

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");

const stringMap = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } };
const permissionLevel = { enum: ["read", "write", "none"] };
const permissions = {
    oneOf: [
        { enum: ["read-all", "write-all"] },
        {
            type: "object",
            additionalProperties: false,
            properties: Object.fromEntries([
                "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues",
                "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
            ].map((k) => [k, permissionLevel])),
        },
    ],
};
const concurrency = {
    oneOf: [
        { type: "string" },
        { type: "object", additionalProperties: false, required: ["group"], properties: { group: { type: "string" }, "cancel-in-progress": { type: "boolean" } } },
    ],
};
const step = {
    type: "object",
    additionalProperties: false,
    // A step either runs an action or a shell command, never both.
    oneOf: [{ required: ["uses"], not: { required: ["run"] } }, { required: ["run"], not: { required: ["uses"] } }],
    properties: {
        id: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_-]*$" },
        name: { type: "string" },
        if: { type: ["string", "boolean"] },
        // owner/repo[/path]@ref, or a local action ./path
        uses: { type: "string", pattern: "^([A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+|\\./.+)$" },
        with: stringMap,
        run: { type: "string", minLength: 1 },
        shell: { type: "string" },
        env: stringMap,
        "working-directory": { type: "string" },
        "continue-on-error": { type: ["boolean", "string"] },
        "timeout-minutes": { type: "number" },
    },
};
const job = {
    type: "object",
    additionalProperties: false,
    required: ["runs-on", "steps"],
    properties: {
        name: { type: "string" },
        "runs-on": { type: ["string", "array"] },
        needs: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }] },
        if: { type: ["string", "boolean"] },
        permissions,
        environment: {
            oneOf: [
                { type: "string" },
                { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string" }, url: { type: "string" } } },
            ],
        },
        concurrency,
        "timeout-minutes": { type: "number" },
        "continue-on-error": { type: "boolean" },
        env: stringMap,
        outputs: stringMap,
        defaults: { type: "object" },
        strategy: {
            type: "object",
            additionalProperties: false,
            required: ["matrix"],
            properties: {
                "fail-fast": { type: "boolean" },
                "max-parallel": { type: "number" },
                matrix: {
                    type: "object",
                    properties: { include: { type: "array", minItems: 1, items: { type: "object" } }, exclude: { type: "array" } },
                },
            },
        },
        steps: { type: "array", minItems: 1, items: step },
    },
};
const branchFilter = {
    type: ["object", "null"],
    additionalProperties: false,
    properties: Object.fromEntries(["branches", "branches-ignore", "paths", "paths-ignore", "tags", "types"].map((k) => [k, { type: "array", items: { type: "string" } }])),
};
export const WORKFLOW_SCHEMA = {
    type: "object",
    additionalProperties: false,
    required: ["name", "on", "jobs"],
    properties: {
        name: { type: "string" },
        "run-name": { type: "string" },
        on: {
            type: "object",
            minProperties: 1,
            additionalProperties: false,
            properties: {
                push: branchFilter,
                pull_request: branchFilter,
                workflow_dispatch: { type: ["object", "null"] },
                schedule: { type: "array", items: { type: "object", required: ["cron"], properties: { cron: { type: "string" } } } },
            },
        },
        permissions,
        env: stringMap,
        concurrency,
        defaults: { type: "object" },
        jobs: { type: "object", minProperties: 1, additionalProperties: false, patternProperties: { "^[A-Za-z_][A-Za-z0-9_-]*$": job } },
    },
};

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: unknown; env?: Record<string, unknown> }
interface Job {
    needs?: string | string[];
    permissions?: Record<string, string> | string;
    environment?: string | { name: string };
    strategy?: { matrix: { include?: Record<string, unknown>[] } };
    steps: Step[];
}
interface Workflow { name: string; on: Record<string, unknown>; permissions?: Record<string, string> | string; jobs: Record<string, Job> }

function load(file: string): Workflow {
    return parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as Workflow;
}
const uses = (s: Step, action: string) => (s.uses ?? "").split("@")[0] === action;
const stepsUsing = (j: Job, action: string) => j.steps.filter((s) => uses(s, action));
const rel = (f: string) => path.relative(PROJECT_ROOT, f).split(path.sep).join("/");

describe("GitHub workflows (.github/workflows)", () => {
    const files = fs.existsSync(WORKFLOWS) ? fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    const validate = new Ajv({ allErrors: true, strict: false }).compile(WORKFLOW_SCHEMA);

    it("has the CI, pull request preview and main-branch deploy workflows", () => {
        assert.deepStrictEqual(["ci.yml", "deploy.yml", "preview.yml"].filter((f) => !files.includes(f)), []);
    });

    for (const file of files) {
        it(`${file} parses and matches the workflow schema`, () => {
            const doc = load(file);
            const ok = validate(doc);
            assert.ok(ok, `${file}: ${JSON.stringify(validate.errors, null, 2)}`);
        });
    }

    it("the schema rejects what GitHub would reject (a step with both uses and run, a job without steps)", () => {
        const bad = { name: "x", on: { push: null }, jobs: { a: { "runs-on": "ubuntu-latest", steps: [{ uses: "actions/checkout@v4", run: "ls" }] } } };
        assert.strictEqual(validate(bad), false);
        assert.strictEqual(validate({ name: "x", on: { push: null }, jobs: { a: { "runs-on": "ubuntu-latest" } } }), false);
    });

    it("every job that asks for cloud credentials uses OIDC: id-token: write, a role / workload identity provider, no static keys", () => {
        for (const file of files) {
            const wf = load(file);
            for (const [id, j] of Object.entries(wf.jobs)) {
                const awsSteps = stepsUsing(j, "aws-actions/configure-aws-credentials");
                const gcpSteps = stepsUsing(j, "google-github-actions/auth");
                if (awsSteps.length + gcpSteps.length === 0) continue;
                const perms = j.permissions ?? wf.permissions;
                assert.ok(typeof perms === "object" && perms["id-token"] === "write", `${file} ${id}: needs permissions id-token: write for OIDC`);
                for (const s of awsSteps) {
                    assert.match(String(s.with?.["role-to-assume"]), /secrets\./, `${file} ${id}: role-to-assume from a secret`);
                    assert.ok(!("aws-access-key-id" in (s.with ?? {})), `${file} ${id}: no static AWS keys`);
                }
                for (const s of gcpSteps) {
                    assert.ok(s.with?.workload_identity_provider, `${file} ${id}: workload_identity_provider`);
                    assert.ok(!("credentials_json" in (s.with ?? {})), `${file} ${id}: no service account key JSON`);
                }
            }
        }
    });

    it("pull requests: npm ci, npm test, then pulumi preview per stack with the policy pack and a PR comment", () => {
        const wf = load("preview.yml");
        assert.ok("pull_request" in wf.on);
        const runs = wf.jobs.test.steps.map((s) => s.run);
        assert.ok(runs.some((r) => r?.startsWith("npm ci")) && runs.includes("npm test"));
        const preview = wf.jobs.preview;
        assert.strictEqual(preview.needs, "test");
        const [pulumiStep] = stepsUsing(preview, "pulumi/actions");
        assert.strictEqual(pulumiStep?.uses, "pulumi/actions@v6");
        assert.strictEqual(pulumiStep.with?.command, "preview");
        assert.strictEqual(pulumiStep.with?.["stack-name"], "${{ matrix.stack }}");
        assert.strictEqual(pulumiStep.with?.policyPacks, "policy");
        assert.strictEqual(pulumiStep.with?.["comment-on-pr"], true);
        assert.strictEqual((preview.permissions as Record<string, string>)["pull-requests"], "write");
        // The stack's config file is put in place before the action runs.
        const copy = preview.steps.findIndex((s) => s.run?.includes('cp "$FILE" "Pulumi.$STACK.yaml"'));
        assert.ok(copy >= 0 && copy < preview.steps.indexOf(pulumiStep), "copy the stack file before pulumi preview");
    });

    it("main: pulumi up for dev, then prod only after dev and behind the approved production environment", () => {
        const wf = load("deploy.yml");
        assert.deepStrictEqual((wf.on.push as { branches: string[] }).branches, ["main"]);
        const up = (j: Job) => stepsUsing(j, "pulumi/actions")[0]?.with ?? {};
        assert.deepStrictEqual([up(wf.jobs.dev).command, up(wf.jobs.dev)["stack-name"]], ["up", "dev"]);
        assert.deepStrictEqual([up(wf.jobs.prod).command, up(wf.jobs.prod)["stack-name"]], ["up", "prod"]);
        assert.strictEqual(up(wf.jobs.prod).policyPacks, "policy");
        assert.strictEqual(wf.jobs.prod.needs, "dev");
        const env = wf.jobs.prod.environment;
        assert.strictEqual(typeof env === "string" ? env : env?.name, "production", "prod waits for the environment's required reviewers");
    });

    it("the plain CI workflow runs .ci/run", () => {
        const wf = load("ci.yml");
        assert.ok(Object.values(wf.jobs).some((j) => j.steps.some((s) => s.run === "bash .ci/run")));
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, ".ci", "run")));
    });

    describe("preview matrix", () => {
        const matrix = () => (load("preview.yml").jobs.preview.strategy?.matrix.include ?? []) as { stack: string; file: string; gcp: boolean }[];
        // Pulumi.example-<name>.yaml files are the runner-side copies of stacks/examples/<name>.yaml (gitignored).
        const repoStackFiles = () => allStackFiles().map(rel).filter((f) => !/^Pulumi\.example-/.test(f));

        it("lists every stack file of the repository (add new examples to .github/workflows/preview.yml)", () => {
            const listed = new Set(matrix().map((m) => m.file));
            const missing = repoStackFiles().filter((f) => !listed.has(f));
            assert.deepStrictEqual(missing, [], `stack files missing from the preview matrix: ${missing.join(", ")}`);
        });

        it("names only stack files that exist", () => {
            const missing = matrix().map((m) => m.file).filter((f) => !fs.existsSync(path.join(PROJECT_ROOT, f)));
            assert.deepStrictEqual(missing, [], `preview matrix entries whose stack file does not exist: ${missing.join(", ")}`);
        });

        it("names each stack once: Pulumi.<s>.yaml is stack <s>, stacks/examples/<n>.yaml is stack example-<n>", () => {
            const entries = matrix();
            assert.strictEqual(new Set(entries.map((m) => m.stack)).size, entries.length, "duplicate stack names");
            for (const m of entries) {
                const top = /^Pulumi\.([^./]+)\.yaml$/.exec(m.file);
                const example = /^stacks\/examples\/([^/]+)\.yaml$/.exec(m.file);
                const expected = top ? top[1] : example ? `example-${example[1]}` : undefined;
                assert.strictEqual(m.stack, expected, `${m.file}: stack name`);
            }
        });

        it("runs every prod-profile stack in the approved preview-production environment, and only those", () => {
            const job = load("preview.yml").jobs.preview;
            assert.strictEqual(job.environment, "${{ matrix.environment }}", "the job takes its environment from the matrix");
            assert.match(String((job as { if?: unknown }).if), /head\.repo\.full_name == github\.repository/, "fork pull requests are skipped");
            for (const m of matrix() as { stack: string; file: string; environment?: string }[]) {
                const prod = loadStackFile(path.join(PROJECT_ROOT, m.file)).environment === "prod";
                assert.strictEqual(m.environment, prod ? "preview-production" : "preview", `${m.file}: environment`);
            }
        });

        it("keeps prod state secrets out of any job without an environment", () => {
            const wf = load("preview.yml");
            for (const [name, job] of Object.entries(wf.jobs)) {
                const text = JSON.stringify(job.steps);
                if (!/PULUMI_CONFIG_PASSPHRASE|PULUMI_BACKEND_URL|PULUMI_ACCESS_TOKEN/.test(text)) continue;
                assert.ok(job.environment, `job ${name} reads state secrets without an environment`);
            }
        });

        it("asks for GCP credentials exactly for the stacks that deploy to GCP", () => {
            for (const m of matrix().filter((e) => fs.existsSync(path.join(PROJECT_ROOT, e.file)))) {
                const clouds = loadStackFile(path.join(PROJECT_ROOT, m.file)).clouds;
                assert.strictEqual(m.gcp, clouds.includes("gcp"), `${m.file}: gcp flag vs clouds ${clouds.join(",")}`);
            }
        });
    });
});
