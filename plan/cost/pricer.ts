import type { ResolvedConfig } from "../../components/spec";
import { CACHE_HOURLY, CACHE_SOURCE, EC2_HOURLY, EC2_SOURCE, GCE_HOURLY, GCE_SOURCE, PRICES, RDS_HOURLY, RDS_SOURCE, REGION_MULTIPLIERS, type PriceId } from "./prices";

export type Cloud = "aws" | "gcp";

/** A unit price ready to multiply: region multiplier and stack override already applied. */
export interface UnitPrice {
    usd: number;
    weak: boolean;
    source: string;
    /** True when the stack's costAssumptions.prices gave this figure. */
    overridden: boolean;
}

export interface RegionInfo {
    region: string;
    multiplier: number;
    /** False when the region has no multiplier and us-east-1 / us-central1 prices are used as-is. */
    known: boolean;
}

/**
 * Looks up prices for one stack: an override from `costAssumptions.prices` wins (taken as the
 * price in the stack's region, so not multiplied); otherwise the table figure times the
 * region's multiplier. Table lookups (EC2, RDS, ElastiCache, GCE) return undefined for a size
 * the table lacks, so the caller can list the resource as unpriced instead of guessing.
 */
export class Pricer {
    readonly regions: Partial<Record<Cloud, RegionInfo>> = {};
    readonly used = new Set<string>();
    private readonly overrides: Readonly<Record<string, number>>;

    constructor(spec: ResolvedConfig) {
        this.overrides = spec.costAssumptions.prices ?? {};
        const regionOf: Record<Cloud, string> = { aws: spec.aws?.region ?? "us-east-1", gcp: spec.gcp?.region ?? "us-central1" };
        for (const cloud of ["aws", "gcp"] as const) {
            const m = REGION_MULTIPLIERS[cloud][regionOf[cloud]];
            this.regions[cloud] = { region: regionOf[cloud], multiplier: m ?? 1, known: m !== undefined };
        }
    }

    /** Override ids that match no price the estimate looked up (likely typos). */
    unusedOverrides(): string[] {
        return Object.keys(this.overrides).filter((id) => !this.used.has(id));
    }

    price(id: PriceId): UnitPrice {
        const p = PRICES[id];
        return this.resolve(id, p.usd, "weak" in p && p.weak === true, p.source);
    }

    ec2(instanceType: string): UnitPrice | undefined {
        const usd = EC2_HOURLY[instanceType];
        const id = `aws.ec2.${instanceType}`;
        if (usd === undefined && !(id in this.overrides)) return undefined;
        return this.resolve(id, usd ?? 0, !/^(t3|t4g|m5|c5|r5)\./.test(instanceType), EC2_SOURCE);
    }

    rds(instanceClass: string): UnitPrice | undefined {
        return this.fromTable(`aws.rds.${instanceClass}`, RDS_HOURLY[instanceClass], RDS_SOURCE);
    }

    cache(nodeType: string): UnitPrice | undefined {
        return this.fromTable(`aws.cache.${nodeType}`, CACHE_HOURLY[nodeType], CACHE_SOURCE);
    }

    gce(machineType: string): UnitPrice | undefined {
        return this.fromTable(`gcp.gce.${machineType}`, GCE_HOURLY[machineType], GCE_SOURCE);
    }

    private fromTable(id: string, row: { usd: number; weak?: boolean } | undefined, source: string): UnitPrice | undefined {
        if (!row && !(id in this.overrides)) return undefined;
        return this.resolve(id, row?.usd ?? 0, row?.weak === true, source);
    }

    private resolve(id: string, usd: number, weak: boolean, source: string): UnitPrice {
        this.used.add(id);
        const override = this.overrides[id];
        if (override !== undefined) return { usd: override, weak: false, source: "stack override (costAssumptions.prices)", overridden: true };
        const cloud = id.startsWith("gcp.") ? "gcp" : "aws";
        return { usd: usd * (this.regions[cloud]?.multiplier ?? 1), weak, source, overridden: false };
    }
}
