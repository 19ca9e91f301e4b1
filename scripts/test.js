#!/usr/bin/env node
// npm test: the type check, lint, then mocha on mocked providers. Each step runs even when an
// earlier one failed, so one run shows everything; the last line is "N passed, N failed".
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const steps = [
    { name: "type check (tsc --noEmit)", cmd: bin("tsc"), args: ["--noEmit", "-p", "tsconfig.json"] },
    { name: "lint (eslint)", cmd: bin("eslint"), args: [".", "--max-warnings", "0"] },
];

let failedSteps = 0;
for (const step of steps) {
    const started = Date.now();
    const r = spawnSync(step.cmd, step.args, { cwd: root, stdio: "inherit" });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (r.status === 0) console.log(`✓ ${step.name} (${secs} s)`);
    else {
        failedSteps++;
        console.log(`✗ ${step.name} failed (${secs} s)`);
    }
}

const mocha = spawnSync(bin("mocha"), process.argv.slice(2), { cwd: root, encoding: "utf8", stdio: ["inherit", "pipe", "inherit"] });
const out = mocha.stdout || "";
const lines = out.trimEnd().split("\n");
const summary = lines.length && /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(lines[lines.length - 1]);
process.stdout.write(summary ? lines.slice(0, -1).join("\n") + "\n" : out);
const passed = summary ? Number(summary[1]) : 0;
const failed = (summary ? Number(summary[2]) : 1) + failedSteps;
const skipped = summary && summary[3] ? `, ${summary[3]} skipped` : "";
if (failedSteps) console.log(`(${failedSteps} failed step${failedSteps > 1 ? "s" : ""} before the tests count as failed)`);
console.log(`${passed} passed, ${failed} failed${skipped}`);
process.exit(failed > 0 || mocha.status !== 0 ? 1 : 0);
