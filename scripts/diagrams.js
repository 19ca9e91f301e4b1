#!/usr/bin/env node
// `node scripts/diagrams.js [--check]`: regenerates docs/diagrams/*.md, the README's architecture
// diagrams and cost tables from the planned stacks (see scripts/diagrams-gen.ts).
require("ts-node").register({ transpileOnly: true });
require("./diagrams-gen.ts").main();
