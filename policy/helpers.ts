/**
 * The input readers shared by the policy rules, the cost estimate and the diagram. Values arrive
 * in three shapes: typed inputs (offline plan), provider inputs as strings (`"true"`, JSON text),
 * and CrossGuard props; these readers accept all three, so a rule or a report is written once.
 * References between resources are followed through the recorded dependencies (`refersTo`),
 * never through what ids or ARNs look like.
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
    /** Provider id, where known (the offline plan records the one the program saw). */
    readonly id?: string;
    /**
     * Per input, the URNs of the resources whose outputs flowed into it: recorded by the offline
     * engine, and given by CrossGuard to stack policies (PolicyResource.propertyDependencies).
     * Absent for CrossGuard resource policies, which see one resource alone.
     */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
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

/** True only for an explicit false (or "false"): unset is not false. */
export function isFalse(v: unknown): boolean {
    return v === false || v === "false";
}

export function isTrue(v: unknown): boolean {
    return v === true || v === "true";
}

export function num(v: unknown): number | undefined {
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
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

/** An array as it is (typed inputs only): unlike `list`, a scalar or JSON text gives []. */
export function arr(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

/** The URNs the input `prop` of `r` was computed from (empty when nothing recorded them). */
export function dependenciesOf(r: RuleResource, prop: string): readonly string[] {
    return r.propertyDependencies?.[prop] ?? [];
}

/** True when the resource records dependencies at all (false for a CrossGuard resource policy). */
export function hasDependencies(r: RuleResource): boolean {
    return r.propertyDependencies !== undefined;
}

/** Identifying values a resource may be referred to by once it exists: its id, ARN, bucket or name. */
function identities(r: RuleResource): Set<string> {
    const ids = new Set<string>(r.id ? [r.id] : []);
    for (const key of ["id", "arn", "bucket", "name"]) {
        const v = str(r.inputs[key]);
        if (v) ids.add(v);
    }
    return ids;
}

/**
 * True when input `prop` of `from` refers to `target`: the recorded property dependencies say so
 * (offline plan, CrossGuard stack policies), or, where the values are real (a deployed stack),
 * the input equals one of the target's identifying values.
 */
export function refersTo(from: RuleResource, prop: string, target: RuleResource): boolean {
    if (dependenciesOf(from, prop).includes(target.urn)) return true;
    const ids = identities(target);
    return ids.size > 0 && stringsIn(from.inputs[prop]).some((v) => ids.has(v));
}

/** Every string in a value, nested ones included (JSON text is read as its value). */
function stringsIn(v: unknown, depth = 0): string[] {
    if (depth > 6) return [];
    const parsed = typeof v === "string" ? json(v) : v;
    const own = typeof v === "string" ? [v] : [];
    if (parsed && typeof parsed === "object") return [...own, ...Object.values(parsed).flatMap((x) => stringsIn(x, depth + 1))];
    return own;
}

/** The resources of `types` that input `prop` of `from` refers to. */
export function referenced<R extends RuleResource>(resources: readonly R[], from: RuleResource, prop: string, types: readonly string[]): R[] {
    return resources.filter((r) => types.includes(r.type) && refersTo(from, prop, r));
}

/** Protocol of an ALB/NLB listener: as set, else what its port implies (the provider's rule). */
export function listenerProtocol(r: RuleResource): string {
    return (str(r.inputs.protocol) ?? (num(r.inputs.port) === 443 ? "HTTPS" : "HTTP")).toUpperCase();
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
