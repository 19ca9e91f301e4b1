// Mocha's spec output plus the closing line CI reads: "N passed, N failed[, N skipped]".
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(EVENT_RUN_END, () => {
            const s = runner.stats;
            const line = `${s.passes} passed, ${s.failures} failed` + (s.pending ? `, ${s.pending} skipped` : "");
            // test/support/setup.ts turns stack traces off for speed; say how to get them back.
            const hint = s.failures && !process.env.PLAN_STACK_TRACES
                ? "(stack traces are off for speed: PLAN_STACK_TRACES=1 npm test shows them)\n" : "";
            // Written after Spec's epilogue so it is the last line; the wrapper may add failed steps.
            process.nextTick(() => console.log(hint + line));
        });
    }
}
module.exports = SummaryReporter;
