// Loaded by .mocharc.json before the test files (in each mocha worker too).
import fc from "fast-check";
import { stackTracesOff } from "../../plan/ts-register";
import { installPlanCache } from "./plan-cache";

// One shared plan cache for the whole test process.
installPlanCache();

// Pulumi records a stack trace for every promise and resource it creates (debug aids), and the
// source-map support rewrites each one: about a tenth of the suite's CPU. Off for the run, as in
// `npm run plan`; a failure still shows its test, message and diff, and the reporter says to run
// again with PLAN_STACK_TRACES=1 for stack traces.
stackTracesOff();

// Property tests run from one fixed seed, so a run of `npm test` is the same on every machine and
// CI cannot fail on a draw no one saw locally. FC_SEED=<n> (or FC_SEED=random) explores further;
// a failure prints the seed and path that replay it.
const seed = process.env.FC_SEED;
fc.configureGlobal({ seed: seed === "random" ? Date.now() ^ (Math.random() * 0x100000000) : Number(seed ?? 20261130) });
