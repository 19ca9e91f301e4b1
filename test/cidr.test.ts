import * as assert from "assert";
import { cidrSubnet, contains, mustParseCidr, overlaps, parseCidr } from "../components/cidr";
import { fitName, physicalName } from "../components/naming";
import { toGcpLabels } from "../components/tags";

describe("CIDR maths", () => {
    it("splits like Terraform's cidrsubnet", () => {
        assert.strictEqual(cidrSubnet("10.0.0.0/16", 8, 0), "10.0.0.0/24");
        assert.strictEqual(cidrSubnet("10.0.0.0/16", 8, 255), "10.0.255.0/24");
        assert.strictEqual(cidrSubnet("10.0.0.0/16", 4, 1), "10.0.16.0/20");
        assert.strictEqual(cidrSubnet("172.16.0.0/12", 4, 15), "172.31.0.0/16");
        assert.throws(() => cidrSubnet("10.0.0.0/16", 8, 256), /out of range/);
        assert.throws(() => cidrSubnet("10.0.0.0/30", 4, 0), /cannot split/);
    });
    it("detects containment and overlap", () => {
        const vpc = mustParseCidr("10.0.0.0/16");
        assert.ok(contains(vpc, mustParseCidr("10.0.255.0/24")));
        assert.ok(!contains(vpc, mustParseCidr("10.1.0.0/24")));
        assert.ok(overlaps(mustParseCidr("10.0.0.0/20"), mustParseCidr("10.0.15.0/24")));
        assert.ok(!overlaps(mustParseCidr("10.0.0.0/20"), mustParseCidr("10.0.16.0/24")));
    });
    it("rejects malformed blocks with a reason", () => {
        assert.match(parseCidr("10.0.0.256/24") as string, /octet above 255/);
        assert.match(parseCidr("10.0.0.1/24") as string, /host bits set; the network address is 10.0.0.0\/24/);
        assert.match(parseCidr("10.0.0.0") as string, /not an IPv4 CIDR/);
    });
});

describe("naming", () => {
    it("builds <app>-<stage>-<role> and respects each kind's limit with a stable hash", () => {
        assert.strictEqual(physicalName({ app: "portfolio", stage: "prod" }, "backend", "targetGroup"), "portfolio-prod-backend");
        const long = physicalName({ app: "averylongappname", stage: "production" }, "frontend-service", "alb");
        assert.ok(long.length <= 32, long);
        assert.strictEqual(long, physicalName({ app: "averylongappname", stage: "production" }, "frontend-service", "alb"));
        assert.notStrictEqual(fitName("x".repeat(40) + "a", 32), fitName("x".repeat(40) + "b", 32));
    });
    it("makes valid GCP labels", () => {
        assert.deepStrictEqual(toGcpLabels({ "managed-by": "pulumi", App: "My.App", "1x": "v" }), { "managed-by": "pulumi", app: "my_app", k1x: "v" });
    });
});
