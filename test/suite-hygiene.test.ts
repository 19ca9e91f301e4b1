import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

describe("the test suite itself", () => {
    it("no test file imports another test file (a mocha worker would register that file's suites twice)", () => {
        const dir = __dirname;
        const offenders: string[] = [];
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts"))) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            for (const m of text.matchAll(/from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)/g)) {
                const spec = m[1] ?? m[2];
                if (spec.startsWith(".") && /\.test(\.ts)?$/.test(spec)) offenders.push(`${file} imports ${spec}`);
            }
        }
        assert.deepStrictEqual(offenders, []);
    });
});
