import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allStackFiles, planStack, type PlanResult } from "../plan/engine";
import { planCli } from "./support/cli";

describe("offline engine (npm run plan)", () => {
    let dev: PlanResult;
    before(async () => {
        dev = await planStack("dev");
    });

    it("plans the dev reference stack with the VPC, subnets, NAT and routes of the dev profile", () => {
        const types = dev.resources.map((r) => r.type);
        assert.ok(types.includes("aws:ec2/vpc:Vpc"));
        assert.strictEqual(types.filter((t) => t === "aws:ec2/subnet:Subnet").length, 4);
        assert.strictEqual(types.filter((t) => t === "aws:ec2/natGateway:NatGateway").length, 1);
        assert.ok(types.filter((t) => t === "aws:ec2/route:Route").length >= 3);
    });

    it("records parents as URNs, rooted at the stack", () => {
        const urns = new Set(dev.resources.map((r) => r.urn));
        const roots = dev.resources.filter((r) => r.parent === null);
        assert.deepStrictEqual(roots.map((r) => r.type), ["pulumi:pulumi:Stack"]);
        for (const r of dev.resources) if (r.parent) assert.ok(urns.has(r.parent), `${r.urn} has unknown parent ${r.parent}`);
        const vpc = dev.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
        assert.match(vpc.urn, /^urn:pulumi:dev::platform::.*aws:ec2\/vpc:Vpc::webapp-dev-network-vpc$/);
    });

    it("plans every stack file in the repository", async () => {
        const files = allStackFiles();
        assert.ok(files.length >= 2, "expected Pulumi.dev.yaml and Pulumi.prod.yaml at least");
        for (const f of files) {
            const p = await planStack(f);
            assert.ok(p.resources.length > 10, `${path.basename(f)} planned only ${p.resources.length} resources`);
        }
    });

    it("--json prints exactly one JSON document of the contract shape", () => {
        const r = planCli("dev", "--json");
        assert.strictEqual(r.status, 0, r.stderr);
        const doc = JSON.parse(r.stdout);
        assert.deepStrictEqual(Object.keys(doc).sort(), ["config", "cost", "outputs", "resources", "stack"]);
        assert.strictEqual(doc.stack, "dev");
        for (const res of doc.resources) {
            assert.deepStrictEqual(["inputs", "name", "parent", "type", "urn"].filter((k) => !(k in res)), []);
        }
        assert.ok(doc.outputs.aws.vpcId);
    });

    it("prints the tree by default", () => {
        const r = planCli("dev");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.match(r.stdout, /platform:aws:Network webapp-dev-network/);
        assert.match(r.stdout, /Resources by type/);
    });

    it("exits 2 with one message naming the key for a bad CIDR, and prints nothing on stdout", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const file = path.join(dir, "bad.yaml");
        fs.writeFileSync(file, [
            "config:",
            "  platform:name: app",
            "  platform:environment: dev",
            "  platform:services: [{ name: web, port: 3000, routes: ['/*'] }]",
            "  platform:aws: { network: { cidr: 10.0.0.0/33 } }",
        ].join("\n"));
        const r = planCli(file);
        assert.strictEqual(r.status, 2);
        assert.strictEqual(r.stdout, "");
        assert.match(r.stderr, /platform:aws\.network\.cidr: must be a valid IPv4 CIDR block: "10\.0\.0\.0\/33" has a prefix above \/32/);
        assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });

    it("exits 2 for an unknown stack, bad YAML and bad arguments", () => {
        assert.strictEqual(planCli("no-such-stack").status, 2);
        assert.strictEqual(planCli("dev", "--frobnicate").status, 2);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const file = path.join(dir, "broken.yaml");
        fs.writeFileSync(file, "config:\n  platform:name: [unclosed\n");
        const r = planCli(file);
        assert.strictEqual(r.status, 2);
        assert.match(r.stderr, /is not valid YAML/);
    });
});

