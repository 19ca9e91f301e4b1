import * as assert from "assert";
import * as fs from "fs";
import { z } from "zod";
import { configRows, REFERENCE_FILE, renderReference } from "../scripts/config-reference";
import { ENVIRONMENTS, platformSchema } from "../stacks/schema";

/** Every key path the runtime schema accepts, in the reference's notation (services[].port). */
function runtimeKeys(schema: z.ZodTypeAny, prefix = ""): string[] {
    let s = schema;
    for (;;) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = (s as z.ZodOptional<z.ZodTypeAny>).unwrap();
        else if (s instanceof z.ZodEffects) s = (s as z.ZodEffects<z.ZodTypeAny>).innerType();
        else break;
    }
    if (s instanceof z.ZodArray) return runtimeKeys((s as z.ZodArray<z.ZodTypeAny>).element, prefix + "[]");
    if (!(s instanceof z.ZodObject)) return [];
    const out: string[] = [];
    for (const [k, v] of Object.entries(s.shape as z.ZodRawShape)) {
        const key = prefix ? `${prefix.replace(/\[\]$/, "[]")}.${k}` : k;
        out.push(key, ...runtimeKeys(v, key));
    }
    return out;
}

describe("config reference (docs/config-reference.md)", () => {
    const rows = configRows();

    it("is up to date with stacks/schema.ts (npm run docs)", () => {
        assert.strictEqual(fs.readFileSync(REFERENCE_FILE, "utf8"), renderReference(rows), "the config reference is stale: run `npm run docs`");
    });

    it("lists exactly the keys the schema accepts, each once", () => {
        const documented = rows.map((r) => r.key);
        assert.strictEqual(new Set(documented).size, documented.length, "duplicate keys");
        assert.deepStrictEqual([...documented].sort(), runtimeKeys(platformSchema).sort());
    });

    it("derives types, allowed values, required and defaults from the zod calls and JSDoc", () => {
        const row = (key: string) => rows.find((r) => r.key === key)!;
        assert.deepStrictEqual(row("services[].healthCheck.path"), {
            key: "services[].healthCheck.path", type: 'a path starting with "/"', required: false,
            description: "HTTP path the load balancer probes.", default: '"/"',
        });
        assert.strictEqual(row("environment").type, ENVIRONMENTS.map((e) => `\`${e}\``).join(", "));
        assert.strictEqual(row("environment").required, true);
        assert.strictEqual(row("services[].port").type, "integer 1-65535");
        assert.strictEqual(row("aws.network.cidr").type, "IPv4 CIDR block, e.g. 10.0.0.0/16");
        assert.strictEqual(row("services[].readonlyRootFilesystem").type, "boolean");
        assert.match(row("services[].routes").type, /^list of: .*\(at least 1\)$/);
        assert.strictEqual(row("services").type, "list of objects (at least 1)");
        assert.match(row("logRetentionDays").type, /^one of 1, 3, 5, 7, 14, 30,/);
    });
});
