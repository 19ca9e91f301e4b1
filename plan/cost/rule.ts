import type { ResolvedConfig } from "../../components/spec";
import type { PlannedResource } from "../model";
import type { PlanIndex } from "../refs";
import type { Pricer, UnitPrice } from "./pricer";
import { HOURS_PER_MONTH, type PriceId } from "./prices";

/** One charge of a resource. */
export interface PricedItem {
    item: string;
    monthlyUsd: number;
    weak?: boolean;
}

export interface RuleContext {
    spec: ResolvedConfig;
    pricer: Pricer;
    resources: readonly PlannedResource[];
    /** Lookups and references between the resources (plan/refs.ts). */
    index: PlanIndex;
    /** Modelling choices a rule made (printed once with the assumptions). */
    notes: Set<string>;
    ofType(type: string): PlannedResource[];
    /** Resources of `type` under the same parent as `r`. */
    siblings(r: PlannedResource, type: string): PlannedResource[];
    componentOf(r: PlannedResource): string;
}

/** Prices one resource: its charges, or a string saying why it cannot be priced. */
export type Rule = (r: PlannedResource, ctx: RuleContext) => PricedItem[] | string;

/** Money as printed in item texts: enough digits to check the arithmetic by hand. */
export const usd = (x: number) => `$${Number(x.toPrecision(6))}`;

/**
 * 1234567 → "1,234,567", as toLocaleString("en-US") writes an integer, without ICU's number
 * formatter: its first use costs about as much as pricing a whole stack. Fractions go to ICU.
 */
export const grouped = (x: number) => (Number.isSafeInteger(x) ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : x.toLocaleString("en-US"));

/** `hours x rate x count` for a whole month. */
export function hourly(label: string, p: UnitPrice, count = 1): PricedItem {
    const n = count === 1 ? "" : `${count} x `;
    return { item: `${label}: ${n}${HOURS_PER_MONTH} h x ${usd(p.usd)}`, monthlyUsd: count * HOURS_PER_MONTH * p.usd, weak: p.weak };
}

/** `quantity x rate` for a monthly quantity. */
export function perUnit(label: string, quantity: number, unit: string, p: UnitPrice): PricedItem {
    return { item: `${label}: ${Number(quantity.toPrecision(6))} ${unit} x ${usd(p.usd)}`, monthlyUsd: quantity * p.usd, weak: p.weak };
}

/** A flat monthly charge per resource (a secret, a key, a zone): the table price of `id`. */
export const monthly = (label: string, id: PriceId): Rule => (_r, ctx) => {
    const p = ctx.pricer.price(id);
    return [{ item: `${label}: ${usd(p.usd)} a month`, monthlyUsd: p.usd, weak: p.weak }];
};
