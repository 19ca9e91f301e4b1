/**
 * Mermaid's own parser over our diagrams (scripts/mermaid-parse.mjs in a child process: mermaid
 * is ESM-only and wants a DOM, neither of which belongs in the test process).
 */
import { spawnSync } from "child_process";
import * as path from "path";

/** The diagrams that do not parse, by name, with Mermaid's message; empty when all parse. */
export function mermaidErrors(diagrams: Readonly<Record<string, string>>): Record<string, string> {
    const script = path.join(__dirname, "mermaid-parse.mjs");
    const r = spawnSync(process.execPath, [script], { input: JSON.stringify(diagrams), encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(`mermaid-parse.mjs failed (exit ${String(r.status)}): ${r.stderr || String(r.error)}`);
    return JSON.parse(r.stdout) as Record<string, string>;
}
