import { spawn, spawnSync, type SpawnSyncReturns } from "child_process";
import { PROJECT_ROOT } from "../../plan/stack-files";
import { planCliArgs } from "../../plan/ts-register";

/** What a run of the plan CLI gave: its exit code and both streams. */
export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** `npm run plan -- <args>` as a child process from the project root, waited for. */
export function planCli(...args: string[]): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, planCliArgs(...args), { cwd: PROJECT_ROOT, encoding: "utf8" });
}

/** The same without blocking the test process, so several runs can go side by side. */
export function planCliAsync(...args: string[]): Promise<CliRun> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, planCliArgs(...args), { cwd: PROJECT_ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
