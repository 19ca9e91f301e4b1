// Loaded by .mocharc.json before the test files (in each mocha worker too).
import { stackTracesOff } from "../../plan/ts-register";
import { installPlanCache } from "./plan-cache";

// One shared plan cache for the whole test process.
installPlanCache();

// Pulumi records a stack trace for every promise and resource it creates (debug aids), and the
// source-map support rewrites each one: about a tenth of the suite's CPU. Off for the run, as in
// `npm run plan`; a failure still shows its test, message and diff, and the reporter says to run
// again with PLAN_STACK_TRACES=1 for stack traces.
stackTracesOff();
