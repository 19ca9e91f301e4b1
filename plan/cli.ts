/**
 * `npm run plan -- <stack | file.yaml> [--json] [--diagram] [--cost] [--policy] [--out FILE]`
 * Plans a stack offline (Pulumi mocks, no cloud account, no CLI) and prints it.
 * `--diff <git-ref | plan.json> [--fail-on-replace]` prints what changed against that base instead
 * (plan/diff.ts, docs/plan-diff.md). `npm run plan -- --update-urns` rewrites the URN snapshots of
 * every stack file (test/urns/).
 * Exit codes: 0 planned, 2 invalid input (config or arguments), 3 a mandatory policy rule failed
 * (`--policy`), 4 `--fail-on-replace` and a
 * stateful resource would be replaced or deleted, 1 anything else.
 */
import { ConfigError, CONFIG_ERROR_EXIT_CODE } from "../stacks/errors";
import { stackTracesOff } from "./ts-register";

const USAGE = "usage: npm run plan -- <stack-name | path/to/stack.yaml> [--json] [--diagram] [--cost] [--policy] [--out FILE]\n"
    + "       npm run plan -- <stack-name | path/to/stack.yaml> --diff <git-ref | plan.json> [--json] [--fail-on-replace]\n"
    + "       npm run plan -- --update-urns";

interface CliArgs {
    target: string;
    json: boolean;
    diagram: boolean;
    cost: boolean;
    /** Evaluate the policy pack over the plan (exit 3 on a mandatory violation). */
    policy?: boolean;
    out?: string;
    /** Compare with this git ref or plan.json instead of printing the plan. */
    diff?: string;
    /** With --diff: exit 4 when a stateful resource would be replaced or deleted. */
    failOnReplace?: boolean;
    /** Rewrite test/urns/*.txt for every stack file (no stack argument). */
    updateUrns?: boolean;
}

function parseArgs(argv: string[]): CliArgs | string {
    const args: Partial<CliArgs> = { json: false, diagram: false, cost: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") args.json = true;
        else if (a === "--diagram") args.diagram = true;
        else if (a === "--cost") args.cost = true;
        else if (a === "--policy") args.policy = true;
        else if (a === "--update-urns") args.updateUrns = true;
        else if (a === "--out") {
            if (!argv[i + 1]) return "--out needs a file name";
            args.out = argv[++i];
        } else if (a === "--diff") {
            if (!argv[i + 1] || argv[i + 1].startsWith("-")) return "--diff needs a git ref or a plan.json file";
            args.diff = argv[++i];
        } else if (a === "--fail-on-replace") args.failOnReplace = true; else if (a.startsWith("-")) return `unknown option ${a}`;
        else if (args.target) return `only one stack may be given (got "${args.target}" and "${a}")`;
        else args.target = a;
    }
    if (args.updateUrns) return args.target ? "--update-urns takes no stack: it updates every stack file" : (args as CliArgs);
    if (!args.target) return "missing the stack name or file";
    if (args.failOnReplace && !args.diff) return "--fail-on-replace needs --diff";
    if (args.diff && (args.diagram || args.cost)) return "--diff prints a change list: it does not combine with --diagram or --cost";
    return args as CliArgs;
}

function fail(message: string, code: number): never {
    process.stderr.write(message.endsWith("\n") ? message : message + "\n");
    process.exit(code);
}

async function main() {
    const parsed = parseArgs(process.argv.slice(2));
    if (typeof parsed === "string") fail(`${parsed}\n${USAGE}`, CONFIG_ERROR_EXIT_CODE);
    // Stack traces cost most of a large plan; PLAN_STACK_TRACES=1 keeps them for debugging.
    stackTracesOff();
    if (parsed.updateUrns) {
        const { updateUrnSnapshots } = await import("./urn-snapshot");
        process.stdout.write((await updateUrnSnapshots()).join("\n") + "\n");
        return;
    }
    // Loaded after argument checks: the SDKs take a second or two to require.
    if (parsed.diff) return runDiff(parsed, parsed.diff);
    // The config is read and validated before the engine (and the SDKs) load: bad input exits 2
    // in about half a second instead of after a second of requires.
    const { resolveStackTarget } = await import("./stack-files");
    const { loadStackFile } = await import("../stacks/load");
    const { file, stackName } = resolveStackTarget(parsed.target);
    const spec = loadStackFile(file);
    const { planConfig } = await import("./engine");
    const plan = await planConfig(spec, stackName);
    for (const w of plan.config.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
    const { prodWarnings } = await import("../stacks/checks/prod-safety");
    for (const w of prodWarnings(plan.config)) process.stderr.write(`warning: ${w}\n`);
    const policy = parsed.policy ? (await import("./policy-report")) : undefined;
    const report = policy?.policyReport(plan);
    const parts: string[] = [];
    if (parsed.json) parts.push(JSON.stringify(report ? { ...plan, policy: report } : plan, null, 2));
    else {
        if (parsed.diagram) {
            const { renderDiagramMarkdown } = await import("./diagram");
            parts.push(renderDiagramMarkdown(plan.stack, plan.resources, plan.config).trimEnd());
        }
        if (parsed.cost) {
            const { renderCost } = await import("./cost/render");
            parts.push(renderCost(plan.stack, plan.cost as import("./cost/estimate").CostReport));
        }
        if (policy && report) parts.push(policy.renderPolicy(plan.stack, report));
        if (!parts.length) parts.push((await import("./tree")).renderTree(plan));
    }
    const text = parts.join("\n\n") + "\n";
    if (parsed.out) {
        const fs = await import("fs");
        fs.writeFileSync(parsed.out, text);
        process.stderr.write(`wrote ${parsed.out}\n`);
    } else process.stdout.write(text);
    if (policy && report && report.mandatory > 0) process.exitCode = policy.POLICY_EXIT_CODE;
}

/** `--diff`: the current plan against a git ref's own plan or a saved plan.json. */
async function runDiff(args: CliArgs, base: string): Promise<void> {
    const fs = await import("fs");
    const path = await import("path");
    const source = await import("./diff-source");
    // Checked before the SDKs load, so a mistyped base fails in a fraction of a second.
    const isFile = base.endsWith(".json") || (fs.existsSync(base) && fs.statSync(base).isFile());
    if (!isFile && !source.isGitRef(base, path.resolve(__dirname, ".."))) {
        throw new ConfigError("--diff", [{ path: ["--diff"], message: "is neither a plan.json file nor a commit of this repository", value: base, hasValue: true }]);
    }
    const { planStack, resolveStackTarget, PROJECT_ROOT } = await import("./engine");
    const { diffPlans, renderDiff, DATA_LOSS_EXIT_CODE } = await import("./diff");
    const { file } = resolveStackTarget(args.target);
    const before = isFile ? source.planFromFile(base) : source.planFromGitRef(base, file, PROJECT_ROOT);
    const plan = await planStack(args.target);
    // Through JSON, as the base went: undefined inputs drop out on both sides alike.
    const after = JSON.parse(JSON.stringify({ stack: plan.stack, resources: plan.resources })) as typeof before;
    const diff = diffPlans(before, after, isFile ? `file:${base}` : `git:${base}`);
    const text = (args.json ? JSON.stringify(diff, null, 2) : renderDiff(diff)) + "\n";
    if (args.out) {
        fs.writeFileSync(args.out, text);
        process.stderr.write(`wrote ${args.out}\n`);
    } else process.stdout.write(text);
    if (args.failOnReplace && diff.dataLoss.length) process.exitCode = DATA_LOSS_EXIT_CODE;
}

main().catch((e: unknown) => {
    if (e instanceof ConfigError) fail(e.message, CONFIG_ERROR_EXIT_CODE);
    const err = e as Error;
    const hint = Error.stackTraceLimit === 0 ? "\n(run with PLAN_STACK_TRACES=1 for the stack trace)" : "";
    fail(`plan failed: ${err?.stack ?? String(e)}${hint}`, 1);
});
