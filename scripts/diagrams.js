#!/usr/bin/env node
// `node scripts/diagrams.js [--check]`: regenerates docs/diagrams/*.md, the architecture
// diagrams of docs/architecture.md and the cost tables of docs/cost.md from the planned stacks (see scripts/diagrams-gen.ts).
require("@swc-node/register");
require("./diagrams-gen.ts").main();
