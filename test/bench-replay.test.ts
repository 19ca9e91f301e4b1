import * as assert from "assert";
import { isDeepStrictEqual } from "util";
import { planConfig, planProgram, planStack } from "../plan/engine";
import type { PlannedResource } from "../plan/model";
import { loadConfigMap } from "../stacks/load";
import { dataTierStack } from "../scripts/bench";
import { replay } from "../scripts/bench-replay";

/**
 * The benchmark's replay floor (scripts/bench-replay.ts) is only a floor for a plan if it sends
 * the runtime the very requests that plan sent: otherwise the ratio measures a different program.
 */
function request(r: PlannedResource) {
    const sorted = (urns?: string[]) => [...(urns ?? [])].sort();
    return {
        urn: r.urn, type: r.type, parent: r.parent, custom: r.custom, protect: r.protect, inputs: r.inputs,
        dependsOn: sorted(r.dependsOn),
        propertyDependencies: Object.fromEntries(Object.keys(r.propertyDependencies ?? {}).sort().map((k) => [k, sorted(r.propertyDependencies?.[k])])),
    };
}

const SAMPLES: [string, () => Promise<{ stack: string; resources: PlannedResource[] }>][] = [
    ["the benchmark's data tier stack", () => planConfig(loadConfigMap(dataTierStack(2), "bench"), "bench-data")],
    // Prod protects its stateful resources: the replay must send protect too.
    ["Pulumi.prod.yaml", () => planStack("prod")],
];

for (const [sample, plan] of SAMPLES) {
    describe(`benchmark replay floor (scripts/bench-replay.ts): ${sample}`, function () {
        this.timeout(120000);
        let planned: PlannedResource[];
        let replayed: PlannedResource[];
        let untyped: string[] = [];

        before(async () => {
            const p = await plan();
            planned = p.resources;
            replayed = (await planProgram(() => { untyped = replay(planned); }, p.stack)).resources;
        });

        it("registers the same resources as the plan: inputs, parents, dependencies, property dependencies, protect", () => {
            const want = new Map(planned.map((r) => [r.urn, request(r)]));
            const got = new Map(replayed.map((r) => [r.urn, request(r)]));
            assert.deepStrictEqual([...got.keys()].sort(), [...want.keys()].sort());
            const differing = [...want.keys()].filter((urn) => !isDeepStrictEqual(got.get(urn), want.get(urn)));
            if (differing.length) assert.deepStrictEqual(got.get(differing[0]), want.get(differing[0]), `${differing.length} resources differ, e.g. ${differing[0]}`);
            assert.ok(planned.filter((r) => Object.keys(r.propertyDependencies ?? {}).length > 0).length > planned.length / 2, "most of the sample has property dependencies to compare");
            if (sample.endsWith(".yaml")) assert.ok(planned.some((r) => r.protect), "prod has protected resources to compare");
        });

        it("builds every cloud resource through its SDK class, so the floor loads and runs what the plan's do", () => {
            assert.deepStrictEqual(untyped, []);
        });
    });
}
