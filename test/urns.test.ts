import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { allStackFiles, PROJECT_ROOT } from "../plan/engine";
import { readSnapshot, snapshotFile } from "../plan/urn-snapshot";
import { STATEFUL_TYPES } from "../policy/rules";
import { cachedPlan } from "./support/plan-cache";
import { planCli } from "./support/cli";

/**
 * URN stability. A URN in the committed snapshot that the plan no longer produces is a resource
 * `pulumi up` would delete (and, if it reappears under another URN, create anew): for a database,
 * a bucket or a key that is data loss. New URNs are allowed (components grow; adding is never
 * destructive) and are recorded the next time the snapshots are updated.
 */

/** Type token and name of a URN: urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const chain = parts[2] ?? "";
    return { type: chain.split("$").pop() ?? chain, name: parts.slice(3).join("::") };
}

/** Explains missing URNs: which are stateful, what replaced them, and how to alias or accept. */
export function explainMissing(snapshotName: string, snapshot: readonly string[], current: readonly string[]): string | undefined {
    const now = new Set(current);
    const missing = snapshot.filter((u) => !now.has(u));
    if (missing.length === 0) return undefined;
    const added = current.filter((u) => !snapshot.includes(u));
    const lines = [`${snapshotName}: ${missing.length} resource(s) of the snapshot are gone from the plan; \`pulumi up\` would delete them (or replace them, if they reappear under a new URN).`];
    const stateful = missing.filter((u) => STATEFUL_TYPES.includes(parseUrn(u).type));
    if (stateful.length) {
        lines.push(`STATEFUL resources that would be replaced (data loss): ${stateful.map((u) => `${parseUrn(u).type} "${parseUrn(u).name}"`).join(", ")}`);
    }
    for (const u of missing) {
        const { type, name } = parseUrn(u);
        const twin = added.find((a) => parseUrn(a).type === type && parseUrn(a).name === name)
            ?? added.find((a) => parseUrn(a).type === type);
        lines.push(`  ${STATEFUL_TYPES.includes(type) ? "[stateful] " : ""}${type} "${name}"`, `      was ${u}`);
        if (twin) lines.push(`      now ${twin}`, `      keep it: add { aliases: ["${u}"] } to the resource options of "${parseUrn(twin).name}"`);
    }
    lines.push(
        "To keep a resource: give it `aliases` with its old URN (or { name, parent } of the old place) in its resource options.",
        "To accept the change (nothing deployed depends on the old URNs): npm run plan -- --update-urns, then commit test/urns/.",
    );
    return lines.join("\n");
}

describe("URN stability (test/urns/*.txt)", () => {
    for (const stackFile of allStackFiles()) {
        const name = path.basename(stackFile);
        it(`${name}: every URN of the snapshot is still planned`, async () => {
            const file = snapshotFile(stackFile);
            assert.ok(fs.existsSync(file), `${path.relative(PROJECT_ROOT, file)} is missing: run \`npm run plan -- --update-urns\` and commit test/urns/`);
            const problem = explainMissing(path.relative(PROJECT_ROOT, file), readSnapshot(file), (await cachedPlan(stackFile)).resources.map((r) => r.urn));
            if (problem) assert.fail(problem);
        });
    }

    it("has no snapshot for a stack file that does not exist", () => {
        const expected = new Set(allStackFiles().map((f) => path.basename(snapshotFile(f))));
        const dir = path.join(PROJECT_ROOT, "test", "urns");
        const orphans = fs.readdirSync(dir).filter((f) => f.endsWith(".txt") && !expected.has(f));
        assert.deepStrictEqual(orphans, [], "stale snapshots: run `npm run plan -- --update-urns`");
    });

    it("npm run plan -- --update-urns takes no stack argument (it updates every stack file)", () => {
        const r = planCli("--update-urns", "dev");
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /--update-urns takes no stack/);
        assert.strictEqual(r.stdout, "");
    });

    it("names the stateful resources a rename would replace, with the alias to add", () => {
        const old = [
            "urn:pulumi:prod::platform::platform:aws:Database$aws:rds/instance:Instance::app-prod-db",
            "urn:pulumi:prod::platform::platform:aws:Network$aws:ec2/vpc:Vpc::app-prod-network-vpc",
        ];
        const now = [
            "urn:pulumi:prod::platform::platform:aws:Postgres$aws:rds/instance:Instance::app-prod-db",
            "urn:pulumi:prod::platform::platform:aws:Network$aws:ec2/vpc:Vpc::app-prod-network-vpc",
        ];
        const msg = explainMissing("test/urns/prod.txt", old, now)!;
        assert.match(msg, /STATEFUL resources that would be replaced \(data loss\): aws:rds\/instance:Instance "app-prod-db"/);
        assert.match(msg, /now urn:pulumi:prod::platform::platform:aws:Postgres\$aws:rds\/instance:Instance::app-prod-db/);
        assert.match(msg, /aliases: \["urn:pulumi:prod::platform::platform:aws:Database\$aws:rds\/instance:Instance::app-prod-db"\]/);
        assert.match(msg, /npm run plan -- --update-urns/);
        assert.doesNotMatch(msg, /ec2\/vpc:Vpc "app-prod-network-vpc"/, "unchanged URNs are not reported");
    });

    it("allows new URNs and reports a removed one that is not stateful too", () => {
        const base = ["urn:pulumi:dev::platform::platform:aws:Network$aws:ec2/vpc:Vpc::v"];
        assert.strictEqual(explainMissing("x", base, [...base, "urn:pulumi:dev::platform::platform:aws:Network$aws:ec2/subnet:Subnet::s"]), undefined);
        const msg = explainMissing("x", base, []);
        assert.ok(msg && !msg.includes("STATEFUL") && msg.includes('aws:ec2/vpc:Vpc "v"'));
    });
});
