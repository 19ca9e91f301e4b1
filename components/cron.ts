/**
 * Five-field unix cron ("minute hour day-of-month month day-of-week"), the syntax Cloud Scheduler
 * takes (https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules), checked field by
 * field and translated to EventBridge Scheduler's six-field `cron(...)` (AWS docs: "Schedule types
 * on EventBridge Scheduler", cron-based schedules). Pure: no Pulumi, no I/O.
 */

interface FieldRule {
    name: string;
    min: number;
    max: number;
    names?: readonly string[];
}

const FIELDS: readonly FieldRule[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
    // 7 is Sunday too, as in Vixie cron and Cloud Scheduler.
    { name: "day-of-week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/** A parsed cron: the allowed values of each field, and which fields were restricted (not `*`). */
export interface ParsedCron {
    values: readonly (readonly number[])[];
    restricted: readonly boolean[];
}

function atom(text: string, f: FieldRule): number | string {
    const upper = text.toUpperCase();
    const named = f.names?.indexOf(upper) ?? -1;
    if (named >= 0) return named + (f.name === "month" ? 1 : 0);
    if (!/^\d+$/.test(text)) return `"${text}" is not a number${f.names ? ` or a name (${f.names.join(", ")})` : ""}`;
    const n = Number(text);
    if (n < f.min || n > f.max) return `${n} is outside ${f.min}-${f.max}`;
    return n;
}

function parseField(text: string, f: FieldRule): number[] | string {
    const out = new Set<number>();
    for (const part of text.split(",")) {
        const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
        if (!m) return `"${part}" is not a value, range (a-b), list (a,b) or step (*/n)`;
        const step = m[2] === undefined ? 1 : Number(m[2]);
        if (step < 1) return `step ${m[2]} must be at least 1`;
        let lo: number;
        let hi: number;
        if (m[1] === "*") {
            lo = f.min;
            hi = f.name === "day-of-week" ? 6 : f.max;
        } else {
            const [a, b] = m[1].split("-");
            const from = atom(a, f);
            if (typeof from === "string") return from;
            const to = b === undefined ? (m[2] === undefined ? from : f.max) : atom(b, f);
            if (typeof to === "string") return to;
            if (to < from) return `range ${m[1]} runs backwards`;
            lo = from;
            hi = to;
        }
        for (let v = lo; v <= hi; v += step) out.add(f.name === "day-of-week" && v === 7 ? 0 : v);
    }
    return [...out].sort((a, b) => a - b);
}

/** Parses a 5-field cron; a string result says what is wrong. */
export function parseCron(expr: string): ParsedCron | string {
    const fields = expr.trim().split(/\s+/);
    if (fields.length !== 5) {
        return `must have 5 fields "minute hour day-of-month month day-of-week" (got ${fields.length}); write e.g. "0 3 * * *" for 03:00 every day`;
    }
    const values: number[][] = [];
    for (let i = 0; i < 5; i++) {
        const v = parseField(fields[i], FIELDS[i]);
        if (typeof v === "string") return `has an invalid ${FIELDS[i].name} field: ${v}`;
        values.push(v);
    }
    const restricted = fields.map((t) => t !== "*");
    if (restricted[2] && restricted[4]) {
        // Unix cron ORs the two day fields; EventBridge needs one of them to be "?", so the OR cannot be expressed.
        return "restricts both day-of-month and day-of-week; EventBridge Scheduler allows only one of them: keep the other as *";
    }
    return { values, restricted };
}

/** The EventBridge Scheduler expression of a valid 5-field cron (day-of-week 0-6 becomes 1-7, one day field is "?"). */
export function toEventBridgeCron(expr: string): string {
    const parsed = parseCron(expr);
    if (typeof parsed === "string") throw new Error(`cron "${expr}" ${parsed}`);
    const f = expr.trim().split(/\s+/);
    const dom = parsed.restricted[4] ? "?" : f[2];
    // EventBridge has no steps in day-of-week and counts Sunday as 1: list the days.
    const dow = parsed.restricted[4] ? parsed.values[4].map((d) => d + 1).join(",") : "?";
    return `cron(${f[0]} ${f[1]} ${dom} ${f[3]} ${dow} *)`;
}

/** Runs of a cron in an average 30-day month (for the cost estimate). */
export function runsPerMonth(expr: string): number {
    const parsed = parseCron(expr);
    if (typeof parsed === "string") return 0;
    const [minutes, hours, dom, months, dow] = parsed.values;
    const [, , domR, , dowR] = parsed.restricted;
    const perDay = minutes.length * hours.length;
    // Average over a year: days a day-of-month rule or a weekday rule matches, per 30 days.
    let days: number;
    if (domR) days = dom.length * (30 / 30.44);
    else if (dowR) days = dow.length * (30 / 7);
    else days = 30;
    return Math.round(perDay * days * (months.length / 12));
}

/** True when the IANA time zone name is known to this runtime's ICU data. */
export function isTimeZone(name: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: name });
        return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
    } catch {
        return false;
    }
}
