import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { isScalar, parseDocument, visit, type Document } from "yaml";
import { ConfigError, renderIssue, type ConfigIssue } from "./errors";
import { resolveConfig } from "./resolve";
import { platformSchema } from "./schema";
import type { ResolvedConfig } from "../components/spec";
import { checkModel } from "./checks/model";
import { plainSecretValues } from "./checks/jobs";
import { crossValidate, type ProviderConfig } from "./validate";
import { limitWarnings } from "./checks/limits";

/** Keys of `platform:` that hold plain strings; every other key holds structured YAML/JSON. */
const STRING_KEYS = new Set(["name", "environment", "stage", "release"]);

/**
 * Validates and resolves a stack's config map (`{ "platform:name": ..., "aws:region": ... }`).
 * Values may be structured (from a stack file) or JSON text (from `pulumi.runtime.allConfig()`).
 * Throws ConfigError with every problem found; never returns a half-valid config.
 */
export function loadConfigMap(map: Record<string, unknown>, source: string): ResolvedConfig {
    const platform: Record<string, unknown> = {};
    const provider: ProviderConfig = { aws: {}, gcp: {} };
    const issues: ConfigIssue[] = [];
    for (const [fullKey, raw] of Object.entries(map)) {
        const colon = fullKey.indexOf(":");
        const ns = colon < 0 ? "" : fullKey.slice(0, colon);
        const key = fullKey.slice(colon + 1);
        if (ns === "platform") {
            platform[key] = STRING_KEYS.has(key) ? raw : decodeJsonText(raw);
        } else if (ns === "aws" || ns === "gcp") {
            if (isSecureValue(raw)) continue;
            provider[ns][key] = typeof raw === "string" ? raw : JSON.stringify(raw);
        } else if (ns === "") {
            issues.push({ path: [fullKey], message: 'has no namespace; write "platform:' + fullKey + '"', hasValue: false });
        }
        // Other namespaces (pulumi:, random:, ...) belong to Pulumi or other providers.
    }
    const parsed = platformSchema.safeParse(platform);
    if (!parsed.success) {
        issues.push(...parsed.error.issues.flatMap((i) => fromZodIssue(i, platform)));
    } else {
        issues.push(...crossValidate(parsed.data, provider));
    }
    if (issues.length > 0) throw new ConfigError(source, issues);
    // References are sound now, so the model can be built; what needs defaults is judged on it.
    const model = resolveConfig(parsed.data!, provider);
    const modelIssues = checkModel(model, parsed.data!);
    if (modelIssues.length > 0) throw new ConfigError(source, modelIssues);
    const warnings = limitWarnings(parsed.data!).map(renderIssue);
    return warnings.length === 0 ? model : Object.freeze({ ...model, warnings: Object.freeze(warnings) });
}

/** Reads a Pulumi stack file (YAML with a top-level `config:` map) and loads it. */
export function loadStackFile(file: string): ResolvedConfig {
    const map = readStackFileConfig(file);
    // Only a stack file shows which values are encrypted; at `pulumi up` every value arrives decrypted.
    const plain = plainSecretValues(map["platform:secretValues"]);
    if (plain.length > 0) throw new ConfigError(path.basename(file), plain);
    return loadConfigMap(map, path.basename(file));
}

/** The raw `config:` map of a stack file; a YAML syntax error becomes a ConfigError. */
export function readStackFileConfig(file: string): Record<string, unknown> {
    const source = path.basename(file);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ConfigError(source, [{ path: ["(file)"], message: `cannot be read: ${(e as Error).message}`, hasValue: false }]);
    }
    // yaml's own duplicate-key check compares every key with every other one in a mapping: 25,000
    // environment variables took 4 s to refuse. firstDuplicateKey does the same check in one pass.
    const document = parseDocument(text, { uniqueKeys: false, prettyErrors: true });
    const problem = document.errors[0]?.message.split("\n")[0] ?? firstDuplicateKey(document, text);
    if (problem) throw new ConfigError(source, [{ path: ["(yaml)"], message: `is not valid YAML: ${problem}`, hasValue: false }]);
    let doc: unknown;
    try {
        doc = document.toJS();
    } catch (e) {
        const first = (e as Error).message.split("\n")[0];
        throw new ConfigError(source, [{ path: ["(yaml)"], message: `is not valid YAML: ${first}`, hasValue: false }]);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        throw new ConfigError(source, [{ path: ["(file)"], message: "must be a YAML mapping with a `config:` key", hasValue: false }]);
    }
    const config = (doc as Record<string, unknown>).config;
    if (!config || typeof config !== "object" || Array.isArray(config)) {
        throw new ConfigError(source, [{ path: ["config"], message: "must be a mapping of stack config keys (platform:name, ...)", hasValue: false }]);
    }
    return config as Record<string, unknown>;
}

/** "Map keys must be unique" for the first mapping that repeats a key, in one pass over the document. */
function firstDuplicateKey(document: Document, text: string): string | undefined {
    let found: string | undefined;
    visit(document, {
        Map(_key, map) {
            const seen = new Set<string>();
            for (const pair of map.items) {
                const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : JSON.stringify(pair.key);
                if (seen.has(key)) {
                    const shown = isScalar(pair.key) ? String(pair.key.value) : "a complex key";
                    const line = isScalar(pair.key) && pair.key.range ? ` (line ${text.slice(0, pair.key.range[0]).split("\n").length})` : "";
                    found = `Map keys must be unique; ${JSON.stringify(shown.slice(0, 80))} is repeated${line}`;
                    return visit.BREAK;
                }
                seen.add(key);
            }
            return undefined;
        },
    });
    return found;
}

function isSecureValue(v: unknown): boolean {
    return !!v && typeof v === "object" && "secure" in v;
}

/** allConfig() gives structured values as JSON text; stack files give them parsed. */
function decodeJsonText(raw: unknown): unknown {
    if (typeof raw !== "string") return raw;
    const t = raw.trim();
    if (!/^[[{"]|^-?\d|^(true|false|null)$/.test(t)) return raw;
    try {
        return JSON.parse(t);
    } catch {
        return raw;
    }
}

function valueAt(root: unknown, p: readonly (string | number)[]): { found: boolean; value?: unknown } {
    let cur: unknown = root;
    for (const k of p) {
        if (cur === null || typeof cur !== "object" || !(k in cur)) return { found: false };
        cur = (cur as Record<string | number, unknown>)[k];
    }
    return { found: true, value: cur };
}

/** The keys a strict object schema allows at a path, for "unknown key" messages. */
function allowedKeysAt(p: readonly (string | number)[]): string[] {
    let schema: z.ZodTypeAny = platformSchema;
    for (const k of p) {
        schema = unwrap(schema);
        // instanceof narrows zod classes to their `any` generics; name the element types instead.
        if (schema instanceof z.ZodObject) schema = (schema.shape as z.ZodRawShape)[k as string] ?? z.never();
        else if (schema instanceof z.ZodArray) schema = (schema as z.ZodArray<z.ZodTypeAny>).element;
        else if (schema instanceof z.ZodRecord) schema = (schema as z.ZodRecord<z.ZodString, z.ZodTypeAny>).valueSchema;
        else return [];
    }
    schema = unwrap(schema);
    return schema instanceof z.ZodObject ? Object.keys(schema.shape as z.ZodRawShape) : [];
}

function unwrap(s: z.ZodTypeAny): z.ZodTypeAny {
    for (;;) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = (s as z.ZodOptional<z.ZodTypeAny>).unwrap();
        else if (s instanceof z.ZodDefault) s = (s as z.ZodDefault<z.ZodTypeAny>)._def.innerType;
        else if (s instanceof z.ZodEffects) s = (s as z.ZodEffects<z.ZodTypeAny>).innerType();
        else return s;
    }
}

function closest(word: string, options: string[]): string | undefined {
    const dist = (a: string, b: string) => {
        const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
        for (let j = 1; j <= b.length; j++) dp[0][j] = j;
        for (let i = 1; i <= a.length; i++) {
            for (let j = 1; j <= b.length; j++) {
                dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            }
        }
        return dp[a.length][b.length];
    };
    let best: string | undefined;
    let bestD = Infinity;
    for (const o of options) {
        const d = dist(word.toLowerCase(), o.toLowerCase());
        if (d < bestD) { bestD = d; best = o; }
    }
    return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

const TYPE_WORDS: Record<string, string> = {
    string: "a string", number: "a number", integer: "an integer", boolean: "true or false", array: "a list", object: "a mapping",
    null: "null", undefined: "nothing", nan: "NaN", float: "a number",
};

function fromZodIssue(issue: z.ZodIssue, root: unknown): ConfigIssue[] {
    const zpath = issue.path;
    const keyPath = ["platform:" + String(zpath[0] ?? ""), ...zpath.slice(1)];
    if (zpath.length === 0) keyPath.splice(0, 1, "platform");
    const at = valueAt(root, zpath);
    const base = { path: keyPath, hasValue: at.found && at.value !== undefined, value: at.value };
    switch (issue.code) {
        case z.ZodIssueCode.unrecognized_keys: {
            const allowed = allowedKeysAt(zpath);
            return issue.keys.map((k) => {
                const hint = closest(k, allowed);
                const where = zpath.length === 0 ? "platform:" + k : undefined;
                return {
                    path: where ? [where] : [...keyPath, k],
                    message: `is not a known key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${allowed.join(", ")}`,
                    hasValue: false,
                };
            });
        }
        case z.ZodIssueCode.invalid_type: {
            if (issue.received === "undefined") {
                return [{ ...base, hasValue: false, message: `is required (${TYPE_WORDS[issue.expected] ?? issue.expected})` }];
            }
            const custom = !issue.message.startsWith("Expected ");
            const message = custom ? issue.message : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${TYPE_WORDS[issue.received] ?? issue.received}`;
            return [{ ...base, message }];
        }
        case z.ZodIssueCode.invalid_enum_value:
            return [{ ...base, message: `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}` }];
        case z.ZodIssueCode.invalid_union:
            return [{ ...base, message: "must be a string, number or boolean" }];
        default:
            return [{ ...base, message: issue.message }];
    }
}
