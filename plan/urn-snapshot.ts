import * as fs from "fs";
import * as path from "path";
import { allStackFiles, planStack, PROJECT_ROOT, resolveStackTarget } from "./engine";

/**
 * URN snapshots: test/urns/<stack>.txt lists every resource URN of a stack file. A URN that
 * disappears means `pulumi up` deletes (or replaces) that resource, so test/urns.test.ts fails on
 * it; `npm run plan -- --update-urns` accepts the current URNs after a deliberate change.
 */
export const URN_DIR = path.join(PROJECT_ROOT, "test", "urns");

export function snapshotFile(stackFile: string): string {
    return path.join(URN_DIR, `${resolveStackTarget(stackFile).stackName}.txt`);
}

/** The URNs of a snapshot file (comment lines start with #). */
export function readSnapshot(file: string): string[] {
    return fs.readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}

export async function currentUrns(stackFile: string): Promise<string[]> {
    const plan = await planStack(stackFile);
    return [...new Set(plan.resources.map((r) => r.urn))].sort();
}

function render(stackFile: string, urns: string[]): string {
    return [
        `# Resource URNs of ${path.relative(PROJECT_ROOT, stackFile)}. A URN missing from the plan fails test/urns.test.ts.`,
        "# Regenerate after a deliberate change: npm run plan -- --update-urns",
        ...urns,
        "",
    ].join("\n");
}

/** Rewrites the snapshot of every stack file and removes snapshots of stack files that are gone. */
export async function updateUrnSnapshots(): Promise<string[]> {
    fs.mkdirSync(URN_DIR, { recursive: true });
    const report: string[] = [];
    const keep = new Set<string>();
    for (const stackFile of allStackFiles()) {
        const file = snapshotFile(stackFile);
        keep.add(file);
        const before = fs.existsSync(file) ? new Set(readSnapshot(file)) : new Set<string>();
        const urns = await currentUrns(stackFile);
        fs.writeFileSync(file, render(stackFile, urns));
        const added = urns.filter((u) => !before.has(u)).length;
        const removed = [...before].filter((u) => !urns.includes(u)).length;
        report.push(`${path.relative(PROJECT_ROOT, file)}: ${urns.length} URNs (+${added} -${removed})`);
    }
    for (const f of fs.readdirSync(URN_DIR).filter((f) => f.endsWith(".txt"))) {
        const full = path.join(URN_DIR, f);
        if (!keep.has(full)) {
            fs.unlinkSync(full);
            report.push(`${path.relative(PROJECT_ROOT, full)}: removed (no such stack file)`);
        }
    }
    return report;
}
