#!/usr/bin/env node
// Parses Mermaid diagrams with Mermaid's own parser, the one GitHub's renderer runs first.
// stdin: a JSON object { "<name>": "<mermaid source>" }; stdout: { "<name>": "<error>" } for each
// diagram that does not parse (an empty object when all do). Run as a child process because
// mermaid is ESM-only and its sanitiser (DOMPurify) needs a DOM: jsdom provides one here without
// leaking `window` into the test process.
import { JSDOM } from "jsdom";

const dom = new JSDOM("");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const diagrams = JSON.parse(input);
const errors = {};
for (const [name, source] of Object.entries(diagrams)) {
    try {
        await mermaid.parse(source);
    } catch (e) {
        errors[name] = String(e?.message ?? e).split("\n").slice(0, 4).join("\n");
    }
}
process.stdout.write(JSON.stringify(errors));
