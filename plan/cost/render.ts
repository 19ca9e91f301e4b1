import { excludedText } from "../tree";
import type { CostReport } from "./estimate";

const money = (x: number) => `$${x.toFixed(2)}`;

function table(rows: string[][], rightAlign: number[] = []): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((c, i) => (rightAlign.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd());
}

/** The --cost text report: by cloud, by component, every line, unpriced resources, assumptions. */
export function renderCost(stack: string, report: CostReport): string {
    const out: string[] = [];
    const regions = Object.entries(report.regions).map(([c, r]) => `${c} ${r?.region}${r && r.multiplier !== 1 ? ` (x${r.multiplier})` : ""}`).join(", ");
    const excluded = excludedText(report.unpriced);
    out.push(`Monthly cost estimate for stack "${stack}": ${money(report.monthlyUsd)} (USD, prices of ${report.priceDate}; ${regions}${excluded ? `; excludes ${excluded}, listed under Unpriced` : ""})`, "");

    out.push("By cloud:");
    out.push(...table(Object.entries(report.byCloud).sort(([, a], [, b]) => b - a).map(([k, v]) => [`  ${k}`, money(v)]), [1]), "");

    out.push("By component:");
    const comps = Object.entries(report.byComponent).sort(([, a], [, b]) => b - a);
    out.push(...table(comps.map(([k, v]) => [`  ${k.replace(/^platform:/, "")}`, money(v)]), [1]), "");

    out.push("Lines (* = figure from third-party price tables only):");
    const sorted = [...report.lines].sort((a, b) => a.component.localeCompare(b.component) || b.monthlyUsd - a.monthlyUsd);
    out.push(...table(sorted.map((l) => [`  ${money(l.monthlyUsd)}${l.weak ? "*" : " "}`, l.name, l.item]), [0]), "");

    if (report.unpriced.length) {
        out.push(`Unpriced (${report.unpriced.length}; not included in the total):`);
        out.push(...table(report.unpriced.map((u) => [`  ${u.type}`, u.name, u.reason])), "");
    } else out.push("Unpriced: none", "");
    out.push(`Free resources (VPC, subnets, routes, security groups, IAM, ...): ${report.freeCount}`, "");

    out.push("Assumptions:");
    for (const a of report.assumptions) out.push(`  - ${a}`);
    return out.join("\n");
}
