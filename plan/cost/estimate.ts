import type { ResolvedConfig } from "../../components/spec";
import type { PlannedResource } from "../model";
import { PlanIndex } from "../refs";
import { freeReason } from "./free";
import { PRICE_DATE } from "./prices";
import { Pricer, type Cloud, type RegionInfo } from "./pricer";
import { AWS_RULES } from "./rules-aws";
import { GCP_RULES } from "./rules-gcp";
import { grouped, type PricedItem, type RuleContext, type Rule } from "./rule";

export interface CostLine {
    /** URN of the priced resource. */
    resource: string;
    /** Logical name (shorter to print). */
    name: string;
    type: string;
    /** What is charged, with the quantities, e.g. "NAT gateway 730 h x $0.045". */
    item: string;
    monthlyUsd: number;
    cloud: Cloud;
    /** Type token of the nearest platform component, e.g. "platform:aws:Network". */
    component: string;
    /** True when a figure comes from third-party tables only (see prices.ts). */
    weak: boolean;
}

export interface UnpricedResource {
    resource: string;
    name: string;
    type: string;
    reason: string;
}

export interface CostReport {
    /** Total of all lines, USD a month. */
    monthlyUsd: number;
    currency: "USD";
    byCloud: Record<string, number>;
    byComponent: Record<string, number>;
    lines: CostLine[];
    /** Date the price table was checked. */
    priceDate: string;
    regions: Partial<Record<Cloud, RegionInfo>>;
    /** The usage assumptions and modelling choices behind the figures, to print with the report. */
    assumptions: string[];
    /** Cloud resources with no price rule: never counted as zero. */
    unpriced: UnpricedResource[];
    /** Count of resources known to be free (VPC, subnets, IAM, ...). */
    freeCount: number;
}

const RULES: Readonly<Record<string, Rule>> = { ...AWS_RULES, ...GCP_RULES };

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Prices a planned stack. Each cloud resource is either priced by the rule for its type token,
 * known free (free.ts), or listed as unpriced with the reason. Fixed charges come from the
 * resource inputs; usage charges from `spec.costAssumptions`, which the report repeats.
 */
export function estimateCost(resources: readonly PlannedResource[], spec: ResolvedConfig): CostReport {
    const pricer = new Pricer(spec);
    const ctx = makeContext(resources, spec, pricer);
    const lines: CostLine[] = [];
    const unpriced: UnpricedResource[] = [];
    let freeCount = 0;
    for (const r of resources) {
        if (!r.custom || r.type.startsWith("pulumi:")) continue;
        const rule = RULES[r.type];
        if (!rule) {
            if (freeReason(r.type)) freeCount++;
            else unpriced.push({ resource: r.urn, name: r.name, type: r.type, reason: "no price rule for this type" });
            continue;
        }
        const result = rule(r, ctx);
        if (typeof result === "string") {
            unpriced.push({ resource: r.urn, name: r.name, type: r.type, reason: result });
            continue;
        }
        for (const item of result) lines.push(toLine(r, item, ctx));
    }
    const sum = (xs: number[]) => round2(xs.reduce((a, b) => a + b, 0));
    const group = (key: (l: CostLine) => string) => {
        const out: Record<string, number> = {};
        for (const l of lines) out[key(l)] = round2((out[key(l)] ?? 0) + l.monthlyUsd);
        return out;
    };
    return {
        monthlyUsd: sum(lines.map((l) => l.monthlyUsd)),
        currency: "USD",
        byCloud: group((l) => l.cloud),
        byComponent: group((l) => l.component),
        lines,
        priceDate: PRICE_DATE,
        regions: Object.fromEntries(spec.clouds.map((c) => [c, pricer.regions[c]])),
        assumptions: assumptionsOf(spec, pricer, ctx.notes),
        unpriced,
        freeCount,
    };
}

function toLine(r: PlannedResource, item: PricedItem, ctx: RuleContext): CostLine {
    return {
        resource: r.urn,
        name: r.name,
        type: r.type,
        item: item.item,
        monthlyUsd: round2(item.monthlyUsd),
        cloud: r.type.startsWith("gcp:") ? "gcp" : "aws",
        component: ctx.componentOf(r),
        weak: item.weak ?? false,
    };
}

function makeContext(resources: readonly PlannedResource[], spec: ResolvedConfig, pricer: Pricer): RuleContext {
    const index = new PlanIndex(resources);
    const notes = new Set<string>();
    return {
        spec,
        pricer,
        resources,
        index,
        notes,
        ofType: (type) => index.ofType(type),
        siblings: (r, type) => resources.filter((x) => x.type === type && x.parent === r.parent),
        componentOf: (r) => {
            for (let p = index.get(r.parent); p; p = index.get(p.parent)) {
                if (!p.custom && p.type.startsWith("platform:")) return p.type;
            }
            return "(no component)";
        },
    };
}

function assumptionsOf(spec: ResolvedConfig, pricer: Pricer, notes: Set<string>): string[] {
    const a = spec.costAssumptions;
    const out = [
        `on-demand list prices of ${PRICE_DATE}, 730 hours a month, no savings plans or committed-use discounts, taxes excluded; free tiers only where they are part of a resource's own price (Artifact Registry's first 0.5 GB, CloudFront's always-free tier, a project's first million uptime checks)`,
        `${a.natGbPerMonth} GB a month through each NAT gateway (costAssumptions.natGbPerMonth)`,
        `${a.lcuPerHour} LCU per hour on each load balancer (costAssumptions.lcuPerHour)`,
        `${a.logGbPerMonth} GB of logs ingested a month, split evenly over the log groups; stored GB = ingest x retention months (never-expiring groups: 12 months) (costAssumptions.logGbPerMonth)`,
        `${grouped(a.requestsPerMonth)} requests a month of ${a.requestSeconds} s each per Cloud Run service and per WAF / Cloud Armor policy (costAssumptions.requestsPerMonth, requestSeconds)`,
        `${a.bucketGb} GB in each bucket, ${a.efsGb} GB in each EFS file system, ${a.registryGb} GB in each image repository (costAssumptions.bucketGb, efsGb, registryGb)`,
        "data transfer out to the internet and between AZs is not estimated",
    ];
    for (const [cloud, info] of Object.entries(pricer.regions)) {
        if (!info || !spec.clouds.includes(cloud as Cloud)) continue;
        if (!info.known) out.push(`${cloud} region ${info.region} has no multiplier in the table: priced as ${cloud === "aws" ? "us-east-1" : "us-central1"}`);
        else if (info.multiplier !== 1) out.push(`${cloud} region ${info.region}: table prices x ${info.multiplier} (approximate regional multiplier)`);
    }
    const overrides = Object.entries(spec.costAssumptions.prices ?? {});
    if (overrides.length) out.push(`price overrides from the stack: ${overrides.map(([k, v]) => `${k}=${v}`).join(", ")}`);
    const unused = pricer.unusedOverrides();
    if (unused.length) out.push(`price overrides that matched no priced item (check the ids in plan/cost/prices.ts): ${unused.join(", ")}`);
    return [...out, ...notes];
}
