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

/** How a violation counts: mandatory fails the pack (exit 3), advisory is reported only. */
export type Enforcement = "mandatory" | "advisory";

/** The documented stack-level opt-outs (platform:allowHttp, aws.allowExecInProd, aws.egress: open). */
export interface OptOuts {
    /** platform:allowHttp: plain HTTP to the internet is accepted in prod. */
    readonly allowHttp?: boolean;
    /** platform:aws.allowExecInProd: ECS Exec / SSM sessions are accepted in prod. */
    readonly allowExecInProd?: boolean;
    /** platform:aws.egress: open: security groups may reach anything. */
    readonly openEgress?: boolean;
}

export type OptOutKey = keyof OptOuts;

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
    /** Opt-outs the stack declared; a rule with a matching `optOut` then only advises. */
    readonly optOuts?: OptOuts;
}

export function isTrue(v: unknown): boolean {
    return v === true || v === "true";
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

/** A list from a list, JSON text of one, or a single value; a plain string (not JSON) is one item, never dropped. */
export function list(v: unknown): unknown[] {
    const parsed = json(v);
    if (Array.isArray(parsed)) return parsed;
    if (parsed === undefined && typeof v === "string" && v !== "") return [v];
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

/**
 * True for a CIDR that covers a large share of the internet: any IPv4 block shorter than /8
 * (0.0.0.0/0, or its halves 0.0.0.0/1 + 128.0.0.0/1) and any IPv6 block shorter than /7 (::/0,
 * ::0/0, 8000::/1). A value that is not a CIDR at all counts as the internet: a rule cannot
 * prove it harmless. 10.0.0.0/8 and fc00::/7 (private ranges) stay out.
 */
export function isWorld(cidr: string): boolean {
    const m = /^\s*([0-9a-fA-F:.]+)\/(\d{1,3})\s*$/.exec(cidr);
    if (!m) return true;
    const prefix = Number(m[2]);
    return m[1].includes(":") ? prefix < 7 : prefix < 8;
}

/** Names that hold secrets, unless they only point at one (…_ARN, …_FILE, …). */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)(_|$)/i;
const POINTER_NAME = /_(ARN|NAME|ID|FILE|PATH|HOST|PORT|ENDPOINT|TTL|LENGTH|EXPIRES?(_[A-Z]+)?|MINUTES|SECONDS|URL)$/i;
/** Values that are secrets whatever their name: AWS access keys, PEM keys, URLs with a password, password=… */
export const SECRET_VALUE = /AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/\s:@]+:[^/\s@]+@|(password|passwd|secret)=[^&\s]+/i;

/** True when a plain environment variable carries a secret, by its value or by its name. */
export function looksSecret(name: string, value: string): boolean {
    if (value === "" || value === "true" || value === "false") return false;
    return SECRET_VALUE.test(value) || (SECRET_NAME.test(name) && !POINTER_NAME.test(name));
}
