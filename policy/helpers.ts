/**
 * Small readers shared by the rules. Values reach the rules in three shapes: typed inputs (offline
 * plan), provider inputs as strings (`"true"`, JSON text), and CrossGuard props; these helpers
 * accept all three, so a rule is written once.
 */

/** A resource as the rules see it: the offline plan's PlannedResource or a CrossGuard resource. */
export interface RuleResource {
    /** Pulumi type token, e.g. aws:rds/instance:Instance. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Inputs (offline plan) or props (CrossGuard). */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** The Pulumi `protect` option. */
    readonly protect?: boolean;
    readonly urn: string;
}

/** What a rule may know besides the resource itself. */
export interface RuleContext {
    /** Environment profile: dev, staging or prod. */
    readonly environment: string;
    /** Every resource of the stack; empty when a rule runs on one resource alone (CrossGuard resource policies). */
    readonly resources: readonly RuleResource[];
    /** The resource's provider, when known (CrossGuard gives it; the offline plan does not). */
    readonly provider?: RuleResource;
    /** Services whose config asks for a read-only root file system (offline plan only). */
    readonly readonlyRootServices?: ReadonlySet<string>;
}

export function isTrue(v: unknown): boolean {
    return v === true || v === "true";
}

export function isFalse(v: unknown): boolean {
    return v === false || v === "false";
}

export function num(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
    return undefined;
}

/** Parses JSON text; returns objects as they are and undefined for anything unreadable. */
export function json(v: unknown): unknown {
    if (typeof v !== "string") return v;
    try {
        return JSON.parse(v);
    } catch {
        return undefined;
    }
}

export function obj(v: unknown): Record<string, unknown> {
    const parsed = json(v);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

export function list(v: unknown): unknown[] {
    const parsed = json(v);
    if (Array.isArray(parsed)) return parsed;
    return parsed === undefined || parsed === null || parsed === "" ? [] : [parsed];
}

export function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** Every value a resource may be referred to by: its id in the offline plan, its physical name, its URN. */
export function refsOf(r: RuleResource): Set<string> {
    const refs = new Set<string>([`${r.name}-id`, r.urn]);
    for (const key of ["id", "arn", "bucket", "name"]) {
        const v = str(r.inputs[key]);
        if (v) refs.add(v);
    }
    return refs;
}

export function ofType(ctx: RuleContext, ...types: string[]): RuleResource[] {
    return ctx.resources.filter((r) => types.includes(r.type));
}

export const WORLD_V4 = "0.0.0.0/0";
export const WORLD_V6 = "::/0";
