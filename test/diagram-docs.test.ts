import * as assert from "assert";
import { fillMarker, staleFiles } from "../scripts/diagrams-gen";

describe("generated diagrams and cost tables (node scripts/diagrams.js)", () => {
    it("docs/diagrams, docs/architecture.md's diagrams and docs/cost.md's tables match the planned stacks", async () => {
        const stale = await staleFiles();
        assert.deepStrictEqual(stale, [], `stale: ${stale.join(", ")}; run \`node scripts/diagrams.js\` and commit the result`);
    });

    it("replaces only the text between the markers, and refuses a file without them", () => {
        const text = "intro\n<!-- generated:x -->\nold\n<!-- /generated:x -->\noutro\n";
        assert.strictEqual(fillMarker(text, "x", "new"), "intro\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\noutro\n");
        assert.throws(() => fillMarker("no markers", "x", "new"), /markers/);
    });
});
