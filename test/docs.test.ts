import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROFILE_KEYS, PROFILES } from "../stacks/defaults";
import { PROFILE_LABELS, profilesTable, staleFiles } from "../scripts/readme-gen";

const ROOT = path.resolve(__dirname, "..");
const README = path.join(ROOT, "README.md");
const MAX_README_LINES = 300;

/** README.md, CONTRIBUTING.md and every Markdown file under docs/. */
function markdownFiles(): string[] {
    const out = [README, path.join(ROOT, "CONTRIBUTING.md")];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const f = path.join(dir, e.name);
            if (e.isDirectory()) walk(f);
            else if (e.name.endsWith(".md")) out.push(f);
        }
    };
    walk(path.join(ROOT, "docs"));
    return out;
}

/** Markdown text without fenced code blocks and inline code, where `[x](y)` is not a link. */
function prose(text: string): string {
    return text.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Link targets of `[text](target)`, without web and mail links. */
function relativeLinks(text: string): string[] {
    return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

/** GitHub's anchor for a heading: rendered text, lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
    return heading
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/[`*]/g, "")
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

/** Every anchor a Markdown file offers (repeated headings get -1, -2, ... as on GitHub). */
function anchors(file: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    const text = fs.readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
    for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
        const base = headingSlug(m[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        out.add(n ? `${base}-${n}` : base);
    }
    return out;
}

describe("docs: README and docs/ pages", () => {
    const readme = fs.readFileSync(README, "utf8");

    it(`README.md has at most ${MAX_README_LINES} lines`, () => {
        const lines = readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0);
        assert.ok(lines <= MAX_README_LINES, `README.md has ${lines} lines; move detail to a docs/ page`);
    });

    it("README.md links every docs/*.md page", () => {
        const linked = new Set(relativeLinks(readme).map((t) => path.resolve(ROOT, t.split("#")[0])));
        const pages = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(ROOT, "docs", f));
        pages.push(path.join(ROOT, "CONTRIBUTING.md"));
        const missing = pages.filter((p) => !linked.has(p)).map((p) => path.relative(ROOT, p));
        assert.deepStrictEqual(missing, [], `not linked from README.md: ${missing.join(", ")}`);
    });

    it("every relative link in README.md, CONTRIBUTING.md and docs/ points to a file (and heading) that exists", () => {
        const broken: string[] = [];
        for (const file of markdownFiles()) {
            for (const target of relativeLinks(fs.readFileSync(file, "utf8"))) {
                const [rel, anchor] = target.split("#");
                const dest = rel ? path.resolve(path.dirname(file), rel) : file;
                if (!fs.existsSync(dest)) broken.push(`${path.relative(ROOT, file)}: ${target} (no such file)`);
                else if (anchor && dest.endsWith(".md") && !anchors(dest).has(anchor)) broken.push(`${path.relative(ROOT, file)}: ${target} (no such heading)`);
            }
        }
        assert.deepStrictEqual(broken, []);
    });

    it("README.md names every example stack file", () => {
        const examples = fs.readdirSync(path.join(ROOT, "stacks", "examples")).filter((f) => f.endsWith(".yaml"));
        const missing = examples.filter((f) => !readme.includes(f));
        assert.deepStrictEqual(missing, [], `add these examples to the README's examples table: ${missing.join(", ")}`);
    });

    it("the generated blocks (profiles table, stack example) are up to date (npm run docs)", () => {
        assert.deepStrictEqual(staleFiles(), [], "run `npm run docs` and commit the result");
    });

    it("the profiles table has one row per profile default, with each environment's value", () => {
        const table = profilesTable().split("\n");
        assert.deepStrictEqual(Object.keys(PROFILE_LABELS).sort(), Object.keys(PROFILES.prod).sort());
        assert.strictEqual(table.length, 2 + Object.keys(PROFILES.prod).length);
        for (const key of Object.keys(PROFILE_KEYS)) assert.ok(table.some((l) => l.includes(`\`${key}\``)), `${key} missing from the profiles table`);
        const nat = table.find((l) => l.includes("`aws.network.natGateways`"))!.split("|").map((c) => c.trim());
        assert.deepStrictEqual(nat.slice(3, 6), [PROFILES.dev.natGateways, PROFILES.staging.natGateways, PROFILES.prod.natGateways].map((v) => `\`${v}\``));
        const exec = table.find((l) => l.includes("`services[].exec`"))!.split("|").map((c) => c.trim());
        assert.deepStrictEqual(exec.slice(3, 6), [PROFILES.dev.ecsExec, PROFILES.staging.ecsExec, PROFILES.prod.ecsExec].map((v) => (v ? "yes" : "no")));
    });

    it("computes GitHub's heading anchors", () => {
        assert.strictEqual(headingSlug("Environment profiles"), "environment-profiles");
        assert.strictEqual(headingSlug("`services[]` keys"), "services-keys");
        assert.strictEqual(headingSlug("Load balancer (`platform:aws.loadBalancers`, `waf`, `accessLogs`)"), "load-balancer-platformawsloadbalancers-waf-accesslogs");
        assert.strictEqual(headingSlug("Destroy, and what protection blocks"), "destroy-and-what-protection-blocks");
    });
});
