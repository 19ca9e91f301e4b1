import type { PlanResult, PlannedResource } from "./model";

/** A short annotation of the most telling input of a resource, for the tree view. */
function summary(r: PlannedResource): string {
    const i = r.inputs as Record<string, any>;
    const pick = i.cidrBlock ?? i.name ?? i.bucket ?? i.instanceClass ?? i.nodeType ?? i.serviceName ?? i.region ?? i.project;
    return typeof pick === "string" ? `  ${pick}` : "";
}

/** The resource tree by component, then the count by type. */
export function renderTree(plan: PlanResult): string {
    const children = new Map<string | null, PlannedResource[]>();
    for (const r of plan.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const lines: string[] = [];
    const walk = (parent: string | null, indent: string) => {
        const kids = children.get(parent) ?? [];
        kids.forEach((r, idx) => {
            const last = idx === kids.length - 1;
            const branch = parent === null ? "" : last ? "└─ " : "├─ ";
            const flag = r.protect ? "  [protected]" : "";
            lines.push(`${indent}${branch}${r.type} ${r.name}${summary(r)}${flag}`);
            walk(r.urn, parent === null ? "" : indent + (last ? "   " : "│  "));
        });
    };
    walk(null, "");

    const counts = new Map<string, number>();
    for (const r of plan.resources) if (r.custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const byType = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = byType.reduce((n, [, c]) => n + c, 0);
    const width = String(Math.max(...byType.map(([, c]) => c), 1)).length;
    lines.push("", `Resources by type (${total} cloud resources, ${plan.resources.length - total} components/stack):`);
    for (const [type, count] of byType) lines.push(`  ${String(count).padStart(width)}  ${type}`);
    lines.push("", costLine(plan));
    return lines.join("\n");
}

function costLine(plan: PlanResult): string {
    const cost = plan.cost as { monthlyUsd?: number; unpriced?: { type: string }[] } | null;
    if (!cost || typeof cost.monthlyUsd !== "number") return "Monthly cost: not estimated";
    const excluded = excludedText(cost.unpriced ?? []);
    return `Monthly cost: $${cost.monthlyUsd.toFixed(2)} (estimate${excluded ? `; excludes ${excluded}` : ""}; run with --cost for the breakdown)`;
}

/** "2 unpriced resources (1 x gcp:a:A, 1 x gcp:b:B)", or "" when everything is priced or free. */
export function excludedText(unpriced: readonly { type: string }[]): string {
    if (unpriced.length === 0) return "";
    const byType = new Map<string, number>();
    for (const u of unpriced) byType.set(u.type, (byType.get(u.type) ?? 0) + 1);
    const kinds = [...byType].map(([t, n]) => `${n} x ${t}`).join(", ");
    return `${unpriced.length} unpriced resource${unpriced.length === 1 ? "" : "s"} (${kinds})`;
}
