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
