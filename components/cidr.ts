/** IPv4 CIDR arithmetic for subnet layouts and overlap checks (no dependencies, no I/O). */

export interface Cidr {
    /** Network address as an unsigned 32-bit number. */
    base: number;
    /** Prefix length, 0..32. */
    prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns an error string when it is not a valid, aligned IPv4 CIDR. */
export function parseCidr(text: string): Cidr | string {
    const m = CIDR_RE.exec(text);
    if (!m) return `"${text}" is not an IPv4 CIDR block like 10.0.0.0/16`;
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return `"${text}" has an octet above 255`;
    const prefix = Number(m[5]);
    if (prefix > 32) return `"${text}" has a prefix above /32`;
    const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const base = (addr & maskOf(prefix)) >>> 0;
    if (base !== addr) return `"${text}" has host bits set; the network address is ${formatCidr({ base, prefix })}`;
    return { base, prefix };
}

/** Like parseCidr but throws; for values already validated by the config schema. */
export function mustParseCidr(text: string): Cidr {
    const c = parseCidr(text);
    if (typeof c === "string") throw new Error(c);
    return c;
}

function maskOf(prefix: number): number {
    return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function formatCidr(c: Cidr): string {
    const b = c.base;
    return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

export function size(c: Cidr): number {
    return 2 ** (32 - c.prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.prefix >= outer.prefix && ((inner.base & maskOf(outer.prefix)) >>> 0) === outer.base;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
    return contains(a, b) || contains(b, a);
}

/** The `index`-th block of `parent` once split by `newBits` more prefix bits (Terraform's cidrsubnet). */
export function subnet(parent: Cidr, newBits: number, index: number): Cidr {
    const prefix = parent.prefix + newBits;
    if (prefix > 32) throw new Error(`cannot split ${formatCidr(parent)} by ${newBits} bits`);
    if (index < 0 || index >= 2 ** newBits) throw new Error(`index ${index} out of range for ${formatCidr(parent)} split by ${newBits} bits`);
    const base = (parent.base + index * 2 ** (32 - prefix)) >>> 0;
    return { base, prefix };
}

/** Convenience: string in, string out. */
export function cidrSubnet(parent: string, newBits: number, index: number): string {
    return formatCidr(subnet(mustParseCidr(parent), newBits, index));
}
