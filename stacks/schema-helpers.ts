import { z } from "zod";
import { parseCidr } from "../components/cidr";

/** An integer in [lo, hi] whose error message states the allowed range. */
export function intRange(lo: number, hi: number) {
    const msg = `must be an integer from ${lo} to ${hi}`;
    return z.number({ invalid_type_error: msg }).int(msg).min(lo, msg).max(hi, msg);
}

/** A number in [lo, hi] (fractions allowed). */
export function numRange(lo: number, hi: number) {
    const msg = `must be a number from ${lo} to ${hi}`;
    return z.number({ invalid_type_error: msg }).min(lo, msg).max(hi, msg);
}

/** A string that must match `re`, with the allowed form spelled out. */
export function pattern(re: RegExp, allowed: string) {
    return z.string({ invalid_type_error: `must be a string: ${allowed}` }).regex(re, `must be ${allowed}`);
}

/**
 * A version string. YAML reads `16.10` as the number 16.1, so a number here is refused with a
 * hint to quote it rather than silently converted.
 */
export const versionString = z.string({
    invalid_type_error: 'must be a quoted string such as "16.3" (unquoted YAML numbers lose digits: 16.10 reads as 16.1)',
}).regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as "16", "16.3" or "7.1"');

export const cidrString = z.string({ invalid_type_error: "must be an IPv4 CIDR block string like 10.0.0.0/16" }).superRefine((v, ctx) => {
    const parsed = parseCidr(v);
    if (typeof parsed === "string") ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a valid IPv4 CIDR block: ${parsed}` });
});

export const bool = z.boolean({ invalid_type_error: "must be true or false (unquoted)" });

export const stringList = <T extends z.ZodTypeAny>(item: T, what: string) =>
    z.array(item, { invalid_type_error: `must be a list of ${what}` });

/** DNS label style names we use in physical names: lowercase, digits, hyphens. */
export const dnsLabel = (max: number) =>
    pattern(new RegExp(`^[a-z](?:[a-z0-9-]{0,${max - 2}}[a-z0-9])?$`), `lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, at most ${max} characters`);

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const logRetention = z.number({ invalid_type_error: `must be one of ${LOG_RETENTION_DAYS.join(", ")}` }).refine(
    (v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v),
    { message: `must be one of the CloudWatch retention periods: ${LOG_RETENTION_DAYS.join(", ")}` },
);

/** `hh:mm-hh:mm` UTC, e.g. `03:00-04:00` (RDS backup window, ElastiCache snapshot window). */
export const dailyWindow = pattern(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'a UTC window "hh:mm-hh:mm" such as "03:00-04:00"');
/** `ddd:hh:mm-ddd:hh:mm` UTC, e.g. `mon:04:00-mon:05:00` (maintenance windows). */
export const weeklyWindow = pattern(
    /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/i,
    'a UTC window "ddd:hh:mm-ddd:hh:mm" such as "mon:04:00-mon:05:00"',
);
