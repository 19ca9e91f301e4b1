type StateFn = (name: string, inputs: Record<string, any>) => Record<string, unknown>;

/** Deterministic stand-ins for @pulumi/random results (never real secrets). */
export const RANDOM_STATE: Record<string, StateFn> = {
    "random:index/randomPassword:RandomPassword": (n, i) => ({ result: `mock-password-${n}`.padEnd(i.length ?? 16, "x").slice(0, i.length ?? 32) }),
    "random:index/randomId:RandomId": (n) => ({ hex: "a1b2c3d4", b64Url: "obLD1A", dec: "2712847316", id: n }),
    "random:index/randomString:RandomString": (n, i) => ({ result: `mock${n}`.toLowerCase().replace(/[^a-z0-9]/g, "").padEnd(i.length ?? 8, "x").slice(0, i.length ?? 8) }),
};
