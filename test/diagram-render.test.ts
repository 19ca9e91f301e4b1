import * as assert from "assert";
import { diagramCoverage, renderDiagram } from "../plan/diagram";
import { allStackFiles } from "../plan/engine";
import { mermaidErrors } from "../scripts/mermaid-check";
import { cachedPlan } from "./support/plan-cache";

/** A diagram with an unclosed label, as a slip in plan/diagram.ts would produce it. */
const BROKEN = 'flowchart LR\n    a["unclosed label --> b';

describe("every generated diagram parses with Mermaid's own parser", () => {
    it("parses the diagram of every stack file, and names a stack whose diagram would not render", async function () {
        // Planning is shared with the other tests (cachedPlan); alone, this test plans every stack file.
        this.timeout(600_000);
        const diagrams: Record<string, string> = {};
        const lost: string[] = [];
        for (const file of allStackFiles()) {
            const plan = await cachedPlan(file);
            diagrams[plan.stack] = renderDiagram(plan.resources, plan.config);
            for (const r of plan.resources) {
                if (r.custom && !r.type.startsWith("pulumi:") && !diagramCoverage(r.type)) lost.push(`${plan.stack}: ${r.type}`);
            }
        }
        assert.deepStrictEqual([...new Set(lost)], [], "planned types the diagram neither draws, counts nor folds (plan/diagram.ts DRAWN, *_MANAGED, FOLDED)");
        // One child process for all of them: loading mermaid is the slow part.
        const errors = mermaidErrors({ ...diagrams, "(broken sample)": BROKEN });
        assert.match(errors["(broken sample)"] ?? "", /Parse error/, "the parser must reject a broken diagram, or this test proves nothing");
        delete errors["(broken sample)"];
        const report = Object.entries(errors).map(([stack, e]) => `stack ${stack}: ${e}`).join("\n");
        assert.deepStrictEqual(Object.keys(errors), [], `diagrams that would not render:\n${report}`);
        assert.strictEqual(Object.keys(diagrams).length, allStackFiles().length);
    });
});
