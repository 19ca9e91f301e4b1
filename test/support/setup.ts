// Loaded by .mocharc.json before the test files: one shared plan cache for the whole test process.
import { installPlanCache } from "./plan-cache";

installPlanCache();
