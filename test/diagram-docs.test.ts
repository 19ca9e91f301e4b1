import * as assert from "assert";
import { fillMarker, staleFiles } from "../scripts/diagrams-gen";
import { cachedPlan } from "./support/plan-cache";

describe("generated diagrams and cost tables (node scripts/diagrams.js)", () => {
    it("docs/diagrams, docs/examples.md, docs/architecture.md's diagrams and docs/cost.md's tables match the planned stacks", async () => {
        // The run's one plan cache: the other tests have planned these stack files already.
        const stale = await staleFiles(cachedPlan);
        assert.deepStrictEqual(stale, [], `stale: ${stale.join(", ")}; run \`node scripts/diagrams.js\` and commit the result`);
    });

    it("replaces only the text between the markers, and refuses a file without them", () => {
        const text = "intro\n<!-- generated:x -->\nold\n<!-- /generated:x -->\noutro\n";
        assert.strictEqual(fillMarker(text, "x", "new"), "intro\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\noutro\n");
        assert.throws(() => fillMarker("no markers", "x", "new"), /markers/);
    });
});
