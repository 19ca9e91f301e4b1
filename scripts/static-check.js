#!/usr/bin/env node
// The type check and the lint in one process over one TypeScript program. `tsc --noEmit` and
// type-aware ESLint each build the same program (every .d.ts the cloud SDKs pull in), which is most
// of what either costs; building it once and handing it to typescript-eslint (`parserOptions.programs`)
// does the same checks for about half the CPU and one process's memory. Same rules and flags as
// `npm run typecheck` and `npm run lint` (eslint.config.mjs, tsconfig.json), which stay for editors
// and one-off runs. Exit 1 on any type error or lint message (warnings included, as --max-warnings 0).
const path = require("path");

/**
 * Node.js flags to run this script with (scripts/test.js, the benchmark): the heap cap that keeps
 * its peak under 1 GiB (docs/testing-speed.md, Memory).
 */
const NODE_FLAGS = ["--max-old-space-size=900"];
module.exports = { NODE_FLAGS };
if (require.main !== module) return;

const ts = require("typescript");
const { ESLint } = require("eslint");

const root = path.resolve(__dirname, "..");

function fail(message) {
    process.stderr.write(message.endsWith("\n") ? message : message + "\n");
    process.exit(1);
}

function createProgram() {
    const configFile = path.join(root, "tsconfig.json");
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    });
    if (!parsed) fail("tsconfig.json could not be read");
    if (parsed.errors.length) fail(ts.formatDiagnostics(parsed.errors, formatHost));
    // The cloud SDKs' namespaces this project uses, not all of them (typings/pulumi-aws.ts says why).
    const paths = { "@pulumi/aws": ["./typings/pulumi-aws.ts"], "@pulumi/gcp": ["./typings/pulumi-gcp.ts"] };
    const options = { ...parsed.options, paths, pathsBasePath: root };
    return ts.createProgram({ rootNames: parsed.fileNames, options, projectReferences: parsed.projectReferences });
}

const formatHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
};

async function main() {
    const started = Date.now();
    const program = createProgram();
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const typeSecs = (Date.now() - started) / 1000;
    const files = program.getSourceFiles().length;
    const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    if (diagnostics.length) process.stdout.write(format(diagnostics, formatHost));

    const lintStarted = Date.now();
    const eslint = new ESLint({
        cwd: root,
        // The config's TypeScript block asks for the project service; here the program is given.
        overrideConfig: {
            files: ["**/*.ts"],
            languageOptions: { parserOptions: { projectService: false, programs: [program] } },
        },
    });
    const results = await eslint.lintFiles(["."]);
    const formatter = await eslint.loadFormatter("stylish");
    const text = await formatter.format(results);
    if (text.trim()) process.stdout.write(text.endsWith("\n") ? text : text + "\n");
    const messages = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
    const lintSecs = (Date.now() - lintStarted) / 1000;
    const rss = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`static checks: type check ${typeSecs.toFixed(1)} s over ${files} files (${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"}), `
        + `lint ${lintSecs.toFixed(1)} s over ${results.length} files (${messages} message${messages === 1 ? "" : "s"}), peak ${rss} MB`);
    process.exit(diagnostics.length || messages ? 1 : 0);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
