/**
 * The "before" side of `--diff`: a saved `--json` plan document, or the plan a git ref makes of
 * its own stack file. For a ref the old program must plan the old config (a new program would
 * hide what the code change itself does), so the ref is checked out into a temporary git
 * worktree that borrows this checkout's node_modules, and its own plan CLI runs there.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../stacks/errors";
import type { PlanDocument } from "./diff";
import { NODE_ARGS } from "./ts-register";

/** Thrown when the base cannot be planned (not a usage error: exit 1). */
export class DiffBaseError extends Error {}

function git(args: string[], cwd: string) {
    return spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
}

function usage(arg: string, message: string): ConfigError {
    return new ConfigError("--diff", [{ path: ["--diff"], message, value: arg, hasValue: true }]);
}

/** Reads a plan document written by `npm run -s plan -- <stack> --json > plan.json`. */
export function planFromFile(file: string): PlanDocument {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw usage(file, `is not a readable plan.json (${(e as Error).message}); write one with npm run -s plan -- <stack> --json > plan.json`);
    }
    const d = doc as Partial<PlanDocument>;
    if (!d || typeof d.stack !== "string" || !Array.isArray(d.resources)) {
        throw usage(file, 'is not a plan document: expected { "stack", "resources": [...] } as printed by npm run -s plan -- <stack> --json');
    }
    return d as PlanDocument;
}

/** True when `arg` names a commit of the repository that holds `projectRoot`. */
export function isGitRef(arg: string, projectRoot: string): boolean {
    return !arg.startsWith("-") && git(["rev-parse", "--verify", "--quiet", `${arg}^{commit}`], projectRoot).status === 0;
}

/**
 * Plans `stackFile` as it was at `ref`, with the program as it was at `ref`. A stack file the
 * ref does not have yet gives an empty plan (everything is added).
 */
export function planFromGitRef(ref: string, stackFile: string, projectRoot: string): PlanDocument & { note?: string } {
    const top = git(["rev-parse", "--show-toplevel"], projectRoot);
    if (top.status !== 0) throw usage(ref, `needs a git checkout: ${top.stderr.trim()}`);
    const repo = top.stdout.trim();
    const sub = path.relative(repo, projectRoot);
    const relStack = path.relative(repo, stackFile);
    const inRepo = !relStack.startsWith("..") && !path.isAbsolute(relStack);
    const stackName = path.basename(stackFile).replace(/\.ya?ml$/, "").replace(/^Pulumi\./, "");
    if (inRepo && git(["cat-file", "-e", `${ref}:${relStack.split(path.sep).join("/")}`], repo).status !== 0) {
        return { stack: stackName, resources: [], note: `${relStack} does not exist at ${ref}` };
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-diff-"));
    const tree = path.join(tmp, "tree");
    try {
        const add = git(["worktree", "add", "--detach", "--quiet", tree, ref], repo);
        if (add.status !== 0) throw new DiffBaseError(`git worktree add ${ref} failed: ${add.stderr.trim()}`);
        const root = path.join(tree, sub);
        const modules = path.join(root, "node_modules");
        if (!fs.existsSync(modules)) fs.symlinkSync(path.join(projectRoot, "node_modules"), modules, "dir");
        // Same stack name as the current plan (URNs contain it): pass the file, as the CLI was given.
        const target = inRepo ? path.join(tree, relStack) : stackFile;
        const r = spawnSync(process.execPath, [...NODE_ARGS, path.join("plan", "cli.ts"), target, "--json"], {
            cwd: root, encoding: "utf8", maxBuffer: 1 << 30,
        });
        if (r.status !== 0) throw new DiffBaseError(`planning ${path.relative(projectRoot, stackFile)} at ${ref} failed (exit ${r.status}):\n${r.stderr.trim()}`);
        return JSON.parse(r.stdout) as PlanDocument;
    } finally {
        git(["worktree", "remove", "--force", tree], repo);
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
