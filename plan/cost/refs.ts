import type { PlannedResource } from "../engine";

/**
 * Finds the resource of `type` an input refers to. Mocks give every resource the id
 * `<logical name>-id` and mock ARNs end in the resource's name, so a reference matches by id,
 * by an echoed arn/id input, or by a name appearing as a segment of the ARN; only a unique
 * match counts.
 */
export function resolveRef(resources: readonly PlannedResource[], ref: unknown, type: string): PlannedResource | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const candidates = resources.filter((r) => r.type === type);
    const exact = candidates.find((r) => `${r.name}-id` === ref || r.urn === ref || r.inputs.arn === ref || r.inputs.id === ref);
    if (exact) return exact;
    const segments = new Set(ref.split(/[/:]/));
    const named = candidates.filter((r) => [r.name, r.inputs.name, r.inputs.family].some((n) => typeof n === "string" && segments.has(n)));
    return named.length === 1 ? named[0] : undefined;
}

const TD = "aws:ecs/taskDefinition:TaskDefinition";

function commonPrefix(a: string, b: string): number {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

/**
 * The task definition an ECS service runs: by its `taskDefinition` reference (id, ARN, family),
 * else the only one under the same parent, else the one whose logical name shares the longest
 * prefix with the service's (`app-web-service` / `app-web-task`), when that is unique.
 */
export function taskDefinitionOf(resources: readonly PlannedResource[], svc: PlannedResource): PlannedResource | undefined {
    const ref = svc.inputs.taskDefinition;
    const hit = resolveRef(resources, ref, TD);
    if (hit) return hit;
    const all = resources.filter((r) => r.type === TD);
    if (typeof ref === "string") {
        // arn:aws:ecs:region:acct:task-definition/family:rev, or family[:rev]
        const family = ref.replace(/^.*task-definition\//, "").replace(/:\d+$/, "");
        const byFamily = all.filter((t) => t.inputs.family === family);
        if (byFamily.length === 1) return byFamily[0];
    }
    const beside = all.filter((t) => t.parent === svc.parent);
    if (beside.length === 1) return beside[0];
    const scored = all.map((t) => ({ t, n: commonPrefix(t.name, svc.name) })).sort((a, b) => b.n - a.n);
    return scored.length && scored[0].n > 0 && (scored.length === 1 || scored[1].n < scored[0].n) ? scored[0].t : undefined;
}
