#!/usr/bin/env node
// `node scripts/readme.js [--check]`: fills the generated blocks of README.md and docs/config.md
// (profiles table, complete stack example) from the code (see scripts/readme-gen.ts).
require("@swc-node/register");
require("./readme-gen.ts").main();
