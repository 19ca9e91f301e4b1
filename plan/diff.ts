/**
 * `npm run plan -- <stack> --diff <git-ref | plan.json>`: what a change does, resource by
 * resource, from two offline plans (the `--json` document of plan/cli.ts). Pure functions over
 * the two documents; plan/diff-source.ts produces the "before" document from a git ref.
 * The JSON form (schema "platform.plan-diff/1") is documented in docs/plan-diff.md.
 */
import { STATEFUL_TYPES } from "../policy/rules";
import { REPLACE_INPUTS, replacingInputs } from "./replace-inputs";

/** The part of a `--json` plan document the diff reads. */
export interface PlanDocument {
    stack: string;
    resources: readonly { urn: string; type: string; name: string; inputs: Record<string, unknown> }[];
}

/** One changed input: its path below `inputs` (`tags.Name`, `ingress[0].fromPort`), before and after. */
export interface InputChange {
    path: string;
    /** Omitted when the input did not exist before. */
    before?: unknown;
    /** Omitted when the input no longer exists. */
    after?: unknown;
    /** True when this input forces the provider to replace the resource (plan/replace-inputs.ts). */
    forcesReplacement: boolean;
}

export interface ResourceRef {
    urn: string;
    type: string;
    name: string;
    /** One of policy/rules.ts STATEFUL_TYPES: replacing or deleting it loses data. */
    stateful: boolean;
}

export interface ChangedResource extends ResourceRef {
    /** "replace" when at least one replace-forcing input changed, else "update". */
    action: "update" | "replace";
    changes: InputChange[];
}

/** A stateful resource whose data the change would lose. */
export interface DataLoss extends ResourceRef {
    action: "delete" | "replace";
    /** Why, in one line: the URN disappears, or which replace-forcing inputs change. */
    reason: string;
}

export interface PlanDiff {
    schema: "platform.plan-diff/1";
    stack: string;
    /** What the plan was compared with: "git:<ref>" or "file:<path>". */
    base: string;
    summary: { added: number; removed: number; updated: number; replaced: number; dataLoss: number };
    added: ResourceRef[];
    removed: ResourceRef[];
    changed: ChangedResource[];
    /** Stateful resources replaced or deleted: what `--fail-on-replace` exits 4 on. */
    dataLoss: DataLoss[];
}

/** Exit code of `--diff ... --fail-on-replace` when a stateful resource would be replaced or deleted. */
export const DATA_LOSS_EXIT_CODE = 4;

const isStateful = (type: string) => STATEFUL_TYPES.includes(type);
const ref = (r: PlanDocument["resources"][number]): ResourceRef => ({ urn: r.urn, type: r.type, name: r.name, stateful: isStateful(r.type) });
const byUrn = (a: { urn: string }, b: { urn: string }) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

/** Compares two plan documents of the same stack. Output order is by URN, so it is stable for CI. */
export function diffPlans(before: PlanDocument, after: PlanDocument, base: string): PlanDiff {
    const old = new Map(before.resources.map((r) => [r.urn, r]));
    const now = new Map(after.resources.map((r) => [r.urn, r]));
    const added = after.resources.filter((r) => !old.has(r.urn)).map(ref).sort(byUrn);
    const removed = before.resources.filter((r) => !now.has(r.urn)).map(ref).sort(byUrn);
    const changed: ChangedResource[] = [];
    for (const r of after.resources) {
        const prev = old.get(r.urn);
        if (!prev) continue;
        const changes = diffValues(prev.inputs ?? {}, r.inputs ?? {}, "");
        if (!changes.length) continue;
        const forcing = new Set(replacingInputs(r.type, [...new Set(changes.map((c) => topLevel(c.path)))]));
        for (const c of changes) c.forcesReplacement = forcing.has(topLevel(c.path));
        changed.push({ ...ref(r), action: forcing.size ? "replace" : "update", changes });
    }
    changed.sort(byUrn);
    const dataLoss: DataLoss[] = [
        ...removed.filter((r) => r.stateful).map((r) => ({ ...r, action: "delete" as const, reason: "its URN is gone from the new plan (delete; a rename or new parent is a delete plus a create)" })),
        ...changed.filter((c) => c.stateful && c.action === "replace").map((c) => ({
            urn: c.urn, type: c.type, name: c.name, stateful: true, action: "replace" as const,
            reason: `${[...new Set(c.changes.filter((x) => x.forcesReplacement).map((x) => topLevel(x.path)))].join(", ")} changed, which forces replacement (${REPLACE_INPUTS[c.type].source})`,
        })),
    ].sort(byUrn);
    return {
        schema: "platform.plan-diff/1",
        stack: after.stack,
        base,
        summary: {
            added: added.length,
            removed: removed.length,
            updated: changed.filter((c) => c.action === "update").length,
            replaced: changed.filter((c) => c.action === "replace").length,
            dataLoss: dataLoss.length,
        },
        added, removed, changed, dataLoss,
    };
}

function topLevel(path: string): string {
    return /^[^.[]+/.exec(path)?.[0] ?? path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaf-level differences: objects by key, arrays by index; anything else by value. */
function diffValues(a: unknown, b: unknown, path: string): InputChange[] {
    if (isObject(a) && isObject(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => {
            const p = path ? `${path}.${k}` : k;
            if (!(k in a) || a[k] === undefined) return b[k] === undefined ? [] : [{ path: p, after: b[k], forcesReplacement: false }];
            if (!(k in b) || b[k] === undefined) return [{ path: p, before: a[k], forcesReplacement: false }];
            return diffValues(a[k], b[k], p);
        });
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        const out: InputChange[] = [];
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
            const p = `${path}[${i}]`;
            if (i >= a.length) out.push({ path: p, after: b[i], forcesReplacement: false });
            else if (i >= b.length) out.push({ path: p, before: a[i], forcesReplacement: false });
            else out.push(...diffValues(a[i], b[i], p));
        }
        return out;
    }
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, before: a, after: b, forcesReplacement: false }];
}

const show = (v: unknown) => {
    const t = JSON.stringify(v);
    return t.length > 100 ? `${t.slice(0, 97)}...` : t;
};

/** The human form: data loss first and loud, then added, removed and changed resources. */
export function renderDiff(d: PlanDiff): string {
    const s = d.summary;
    const lines = [
        `Plan diff of stack "${d.stack}" against ${d.base}:`,
        `  ${s.added} to add, ${s.removed} to delete, ${s.updated} to update in place, ${s.replaced} to replace`,
    ];
    if (d.dataLoss.length) {
        lines.push("", `!!! DATA LOSS: ${d.dataLoss.length} stateful resource${d.dataLoss.length === 1 ? "" : "s"} would be replaced or deleted !!!`);
        for (const x of d.dataLoss) lines.push(`  ${x.action.toUpperCase()} ${x.type} "${x.name}": ${x.reason}`);
    }
    if (d.added.length) lines.push("", "Added:", ...d.added.map((r) => `  + ${r.type} "${r.name}"`));
    if (d.removed.length) lines.push("", "Removed:", ...d.removed.map((r) => `  - ${r.type} "${r.name}"${r.stateful ? "  (stateful)" : ""}`));
    if (d.changed.length) {
        lines.push("", "Changed:");
        for (const c of d.changed) {
            lines.push(`  ${c.action === "replace" ? "+-" : "~"} ${c.type} "${c.name}"${c.action === "replace" ? "  (replace)" : ""}`);
            for (const x of c.changes) {
                const before = "before" in x ? show(x.before) : "(none)";
                const after = "after" in x ? show(x.after) : "(none)";
                lines.push(`      ${x.path}: ${before} -> ${after}${x.forcesReplacement ? "  [forces replacement]" : ""}`);
            }
        }
    }
    if (!d.added.length && !d.removed.length && !d.changed.length) lines.push("", "No changes.");
    return lines.join("\n");
}
