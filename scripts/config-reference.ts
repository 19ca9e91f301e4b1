/**
 * Writes docs/config-reference.md, the config reference page, from stacks/schema.ts
 * itself: it walks the zod calls with the TypeScript compiler API (no hand-kept table, so the
 * reference cannot drift from what validation accepts) and takes each key's text and `@default`
 * from its JSDoc. `--check` exits 1 when the file is stale. Run by `npm run docs`.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { Profile } from "../components/spec";
import { PROFILES, PROFILE_KEYS } from "../stacks/defaults";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA = path.join(ROOT, "stacks", "schema.ts");
export const REFERENCE_FILE = path.join(ROOT, "docs", "config-reference.md");

export interface KeyRow {
    /** Path under `platform:`, e.g. services[].healthCheck.path. */
    key: string;
    type: string;
    required: boolean;
    description: string;
    default?: string;
}

/** Helpers from schema-helpers.ts that take no arguments, by what a user may write. */
const NAMED_TYPES: Record<string, string> = {
    bool: "boolean",
    cidrString: "IPv4 CIDR block, e.g. 10.0.0.0/16",
    versionString: 'version as a quoted string, e.g. "16.3" or "7.1"',
    dailyWindow: 'UTC window "hh:mm-hh:mm"',
    weeklyWindow: 'UTC window "ddd:hh:mm-ddd:hh:mm"',
};

interface Shape {
    type: string;
    /** Nested object properties, when the value (or list element) is an object. */
    object?: ts.ObjectLiteralExpression;
    /** "[]" when the object is a list element, "" otherwise. */
    suffix: string;
    optional: boolean;
}

class SchemaWalker {
    private readonly decls = new Map<string, ts.Expression>();
    private readonly constValues: Record<string, string> = {};

    constructor(files: ts.SourceFile[]) {
        for (const file of files) {
            for (const stmt of file.statements) {
                if (!ts.isVariableStatement(stmt)) continue;
                for (const d of stmt.declarationList.declarations) {
                    if (ts.isIdentifier(d.name) && d.initializer) this.decls.set(d.name.text, d.initializer);
                }
            }
        }
        // logRetention's allowed values are a const array in schema-helpers.ts.
        const days = this.decls.get("LOG_RETENTION_DAYS");
        if (days) this.constValues.logRetention = `one of ${this.literalList(days).join(", ")}`;
    }

    rows(): KeyRow[] {
        const root = this.decls.get("platformSchema");
        if (!root) throw new Error("stacks/schema.ts has no platformSchema");
        const shape = this.shape(root);
        if (!shape.object) throw new Error("platformSchema is not a z.object({...})");
        return this.objectRows(shape.object, "");
    }

    private objectRows(obj: ts.ObjectLiteralExpression, prefix: string): KeyRow[] {
        const out: KeyRow[] = [];
        for (const prop of obj.properties) {
            if (!ts.isPropertyAssignment(prop)) continue;
            const name = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : prop.name.getText();
            const key = prefix ? `${prefix}.${name}` : name;
            const shape = this.shape(prop.initializer);
            const doc = jsDoc(prop);
            out.push({ key, type: shape.type, required: !shape.optional, description: doc.text, default: doc.default });
            if (shape.object) out.push(...this.objectRows(shape.object, key + shape.suffix));
        }
        return out;
    }

    /** Reads a zod expression: method chain modifiers, then the base call or identifier. */
    private shape(expr: ts.Expression): Shape {
        let optional = false;
        let minItems: string | undefined;
        let e = expr;
        // Peel `.optional()`, `.strict()`, `.min(n, ...)` ... from the outside in.
        while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && !isZ(e.expression.expression)) {
            const method = e.expression.name.text;
            if (method === "optional") optional = true;
            if (method === "min" && e.arguments[0]) minItems = e.arguments[0].getText();
            e = e.expression.expression;
        }
        const base = this.base(e);
        if (minItems && base.type.startsWith("list")) base.type += ` (at least ${minItems})`;
        return { ...base, optional: optional || base.optional };
    }

    private base(e: ts.Expression): Shape {
        if (ts.isIdentifier(e)) {
            if (NAMED_TYPES[e.text]) return plain(NAMED_TYPES[e.text]);
            if (this.constValues[e.text]) return plain(this.constValues[e.text]);
            const decl = this.decls.get(e.text);
            if (decl) return this.shape(decl);
            return plain(e.text);
        }
        if (!ts.isCallExpression(e)) return plain(e.getText());
        const callee = e.expression;
        const args = e.arguments;
        const fn = ts.isPropertyAccessExpression(callee) && isZ(callee.expression) ? `z.${callee.name.text}` : callee.getText();
        switch (fn) {
            case "z.object":
                return { type: "object", object: args[0] && ts.isObjectLiteralExpression(args[0]) ? args[0] : undefined, suffix: "", optional: false };
            case "z.array":
            case "stringList": {
                const item = this.shape(args[0]);
                if (item.object) return { type: "list of objects", object: item.object, suffix: "[]", optional: false };
                return plain(`list of: ${item.type}`);
            }
            case "z.enum":
                return plain(this.literalList(args[0]).map((v) => `\`${v}\``).join(", "));
            case "z.record":
                return plain(`map of name → ${this.shape(args[0]).type}`);
            case "z.union":
                return plain(ts.isArrayLiteralExpression(args[0]) ? args[0].elements.map((x) => this.shape(x).type).join(" or ") : "union");
            case "z.literal":
                return plain(args[0] ? `\`${ts.isStringLiteralLike(args[0]) ? args[0].text : args[0].getText()}\`` : "literal");
            case "z.tuple":
                return plain(ts.isArrayLiteralExpression(args[0]) ? `[${args[0].elements.map((x) => this.shape(x).type).join(", ")}]` : "tuple");
            case "z.string":
                return plain("string");
            case "z.number":
                return plain("number");
            case "z.boolean":
                return plain("boolean");
            case "intRange":
                return plain(`integer ${this.num(args[0])}-${this.num(args[1])}`);
            case "numRange":
                return plain(`number ${this.num(args[0])}-${this.num(args[1])}`);
            case "pattern":
                return plain(ts.isStringLiteralLike(args[1]) ? args[1].text : "string (pattern)");
            case "dnsLabel":
                return plain(`lowercase letters, digits, hyphens; starts with a letter; at most ${this.num(args[0])} characters`);
            default:
                throw new Error(`config-reference: no description for ${fn}(...) at ${location(e)}: teach scripts/config-reference.ts`);
        }
    }

    private num(e: ts.Expression | undefined): string {
        if (!e) return "?";
        const n = Number(e.getText());
        return Number.isFinite(n) ? String(n) : e.getText();
    }

    private literalList(e: ts.Expression | undefined): string[] {
        let x = e;
        while (x && (ts.isAsExpression(x) || ts.isParenthesizedExpression(x))) x = x.expression;
        if (x && ts.isIdentifier(x)) return this.literalList(this.decls.get(x.text));
        if (!x || !ts.isArrayLiteralExpression(x)) throw new Error(`config-reference: expected a literal list at ${e ? location(e) : "?"}`);
        return x.elements.map((el) => (ts.isStringLiteralLike(el) ? el.text : el.getText()));
    }
}

function plain(type: string): Shape {
    return { type, suffix: "", optional: false };
}

function isZ(e: ts.Expression): boolean {
    return ts.isIdentifier(e) && e.text === "z";
}

function location(node: ts.Node): string {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${path.relative(ROOT, sf.fileName)}:${line + 1}`;
}

function jsDoc(node: ts.Node): { text: string; default?: string } {
    let text = "";
    let def: string | undefined;
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
        if (!ts.isJSDoc(doc)) continue;
        text = (ts.getTextOfJSDocComment(doc.comment) ?? "").trim();
        for (const tag of doc.tags ?? []) {
            if (tag.tagName.text === "default") def = (ts.getTextOfJSDocComment(tag.comment) ?? "").trim();
        }
    }
    return { text: text.replace(/\s+/g, " "), default: def };
}

function readSource(file: string): ts.SourceFile {
    return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

export function configRows(): KeyRow[] {
    const rows = new SchemaWalker([readSource(SCHEMA), readSource(path.join(ROOT, "stacks", "schema-helpers.ts"))]).rows();
    // Profile defaults come from the profiles table itself, so the reference cannot drift from it.
    return rows.map((r) => (PROFILE_KEYS[r.key] ? { ...r, default: profileDefault(PROFILE_KEYS[r.key]) } : r));
}

/** "profile (dev 1, staging 1, prod 2)" from stacks/defaults.ts. */
export function profileDefault(field: keyof Profile): string {
    return `profile (${(Object.keys(PROFILES) as (keyof typeof PROFILES)[]).map((env) => `${env} ${JSON.stringify(PROFILES[env][field])}`).join(", ")})`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The Markdown section. */
export function renderReference(rows: KeyRow[] = configRows()): string {
    const lines = [
        "# Config reference",
        "",
        "<!-- Generated by scripts/config-reference.ts from stacks/schema.ts (`npm run docs`): edit the schema's doc comments, not this file. -->",
        "",
        "Every key sits under the `platform:` namespace of the stack file (`platform:services`, `platform:aws`, ...).",
        "`[]` marks a list of objects: `services[].port` is the `port` of each service. \"profile\" defaults come",
        "from the environment profile (see [the profiles table](../README.md#environment-profiles)). \"required\" means",
        "required whenever its parent is given. Unknown keys are rejected with a \"did you mean\". What the keys build on",
        "each cloud: [AWS](config-aws.md), [GCP](config-gcp.md); how to write a stack file: [config.md](config.md).",
        "",
        "| key | type / allowed values | required | default | description |",
        "|---|---|---|---|---|",
    ];
    for (const r of rows) {
        lines.push(`| \`${r.key}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.default ?? "")} | ${cell(r.description)} |`);
    }
    return lines.join("\n") + "\n";
}

if (require.main === module) {
    const text = renderReference();
    const current = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, "utf8") : "";
    if (process.argv.includes("--check")) {
        if (current !== text) {
            console.error(`${path.relative(ROOT, REFERENCE_FILE)} is stale: run \`npm run docs\` and commit the result.`);
            process.exit(1);
        }
    } else {
        fs.writeFileSync(REFERENCE_FILE, text);
        console.log(`wrote ${path.relative(ROOT, REFERENCE_FILE)} (${text.split("\n").length} lines)`);
    }
}
