#!/usr/bin/env node
// npm test: the static checks (type check and type-aware lint over one program,
// scripts/static-check.js) and mocha on mocked providers, run at the same time (they are
// independent, and each alone leaves a core idle). Mocha runs its files in two worker processes
// (--parallel --jobs 2, see .mocharc.json and docs/testing-speed.md). Every step runs even when
// another fails, so one run shows everything; each step's output is printed whole when it ends,
// in a fixed order, and the last line is "N passed, N failed".
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const { NODE_FLAGS: staticCheckFlags } = require("./static-check");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** CPU seconds (user + sys) of this process's finished children, from /proc (Linux only). */
function childCpuSeconds() {
    try {
        const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
        // Fields 16 and 17 of stat (cutime, cstime), counted from "state" as field 3.
        return (Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
        return undefined;
    }
}

function run(cmd, args) {
    return new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("error", (e) => (out += `${e.message}\n`));
        child.on("close", (code) => resolve({ code, out, secs: (Date.now() - started) / 1000 }));
    });
}

async function main() {
    const started = Date.now();
    const mochaArgs = process.argv.slice(2);
    const [checks, mocha] = await Promise.all([
        run(process.execPath, [...staticCheckFlags, path.join(__dirname, "static-check.js")]),
        run(bin("mocha"), ["--parallel", "--jobs", "2", ...mochaArgs]),
    ]);

    let failedSteps = 0;
    for (const [name, r] of [["type check and lint (scripts/static-check.js)", checks]]) {
        if (r.out.trim()) process.stdout.write(r.out.endsWith("\n") ? r.out : r.out + "\n");
        if (r.code === 0) console.log(`✓ ${name} (${r.secs.toFixed(1)} s)`);
        else {
            failedSteps++;
            console.log(`✗ ${name} failed (${r.secs.toFixed(1)} s)`);
        }
    }

    const lines = mocha.out.trimEnd().split("\n");
    const summary = lines.length && /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(lines[lines.length - 1]);
    process.stdout.write(summary ? lines.slice(0, -1).join("\n") + "\n" : mocha.out);
    const cpu = childCpuSeconds();
    const wall = (Date.now() - started) / 1000;
    console.log(`wall ${wall.toFixed(1)} s: type check and lint ${checks.secs.toFixed(1)} s, tests ${mocha.secs.toFixed(1)} s, side by side`
        + (cpu !== undefined ? `; CPU ${cpu.toFixed(1)} s` : ""));
    const passed = summary ? Number(summary[1]) : 0;
    const failed = (summary ? Number(summary[2]) : 1) + failedSteps;
    const skipped = summary && summary[3] ? `, ${summary[3]} skipped` : "";
    if (failedSteps) console.log(`(${failedSteps} failed step${failedSteps > 1 ? "s" : ""} before the tests count as failed)`);
    console.log(`${passed} passed, ${failed} failed${skipped}`);
    process.exit(failed > 0 || mocha.code !== 0 ? 1 : 0);
}

main();
