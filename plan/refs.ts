/**
 * Following references between planned resources: through the property dependencies the engine
 * records (which resources' outputs flowed into an input), and, inside an input that depends on
 * several resources, through the provider ids the engine recorded. Nothing here knows what an
 * id or an ARN looks like, so the same code reads a plan made under mocks or a real stack.
 */
import { dependenciesOf, refersTo, str } from "../policy/helpers";
import { T } from "../policy/types";
import type { PlannedResource } from "./model";

/** A plan's resources with lookups by URN and type (built once per report). */
export class PlanIndex {
    private readonly byUrn: Map<string, PlannedResource>;
    private readonly byType = new Map<string, PlannedResource[]>();

    constructor(readonly resources: readonly PlannedResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    /** Resources of any of `types`, in plan order. */
    ofType(...types: readonly string[]): PlannedResource[] {
        if (types.length === 1) return this.byType.get(types[0]) ?? [];
        return this.resources.filter((r) => types.includes(r.type));
    }

    get(urn: string | null | undefined): PlannedResource | undefined {
        return urn ? this.byUrn.get(urn) : undefined;
    }

    /** The resources of `types` that input `prop` of `r` refers to. */
    refs(r: PlannedResource, prop: string, types: readonly string[]): PlannedResource[] {
        const deps = dependenciesOf(r, prop).map((u) => this.byUrn.get(u)).filter((x): x is PlannedResource => !!x && types.includes(x.type));
        if (deps.length) return deps;
        return this.ofType(...types).filter((t) => refersTo(r, prop, t));
    }

    /** The one resource of `types` input `prop` of `r` refers to; with `value`, the one among several whose id it is. */
    ref(r: PlannedResource, prop: string, types: readonly string[], value?: unknown): PlannedResource | undefined {
        const hits = this.refs(r, prop, types);
        if (hits.length <= 1 || value === undefined) return hits.length === 1 ? hits[0] : undefined;
        return hits.find((h) => h.id !== undefined && h.id === value);
    }

    /** Resources of `types` whose input `prop` refers to `target`. */
    referrers(target: PlannedResource, types: readonly string[], prop: string): PlannedResource[] {
        return this.ofType(...types).filter((r) => this.refs(r, prop, [target.type]).includes(target));
    }
}

/**
 * The task definition an ECS service runs: the one its `taskDefinition` input refers to, else the
 * one whose family its ARN names (`task-definition/<family>:<rev>`), else the only one beside it.
 */
export function taskDefinitionOf(index: PlanIndex, svc: PlannedResource): PlannedResource | undefined {
    const hit = index.ref(svc, "taskDefinition", [T.taskDef]);
    if (hit) return hit;
    const all = index.ofType(T.taskDef);
    const ref = str(svc.inputs.taskDefinition);
    if (ref) {
        const family = ref.replace(/^.*task-definition\//, "").replace(/:\d+$/, "");
        const byFamily = all.filter((t) => t.inputs.family === family);
        if (byFamily.length === 1) return byFamily[0];
    }
    const beside = all.filter((t) => t.parent === svc.parent);
    return beside.length === 1 ? beside[0] : undefined;
}
