import * as assert from "assert";
import { generatedStack } from "../scripts/bench";
import { ALB_LIMITS, MAX_SERVICE_CLOUDS, scaleIssues, SG_INBOUND_RULES } from "../stacks/checks/scale";
import { renderIssue } from "../stacks/errors";
import { loadConfigMap } from "../stacks/load";
import type { PlatformInput } from "../stacks/schema";
import { config, expectInvalid } from "./support/harness";

/** n routed services on AWS alone, each with `routes` paths (the first service also at "/*"). */
function awsServices(n: number, routes = 1, extra: Record<string, unknown> = {}) {
    return config({
        "platform:services": Array.from({ length: n }, (_, i) => ({
            name: `svc${i + 1}`, port: 8000 + i,
            routes: [...(i === 0 ? ["/*"] : []), ...Array.from({ length: routes }, (_, j) => `/svc${i + 1}/r${j}/*`)],
        })),
        ...extra,
    });
}

describe("bounded scale (stacks/checks/scale.ts)", () => {
    it(`refuses more than ${MAX_SERVICE_CLOUDS} services x clouds before planning, naming platform:services`, () => {
        const n = MAX_SERVICE_CLOUDS / 2 + 1;
        const err = expectInvalid(generatedStack(n), "platform:services", `one stack plans at most ${MAX_SERVICE_CLOUDS / 2} services on these clouds`);
        assert.match(err.message, new RegExp(`platform:services: lists ${n} services on 2 clouds; .*split the app into several stacks \\(got ${n}\\)`));
    });

    it("allows twice the services on one cloud as on two", () => {
        const onAws = { services: Array.from({ length: MAX_SERVICE_CLOUDS / 2 + 1 }, (_, i) => ({ name: `w${i}` })), clouds: ["aws"] } as unknown as PlatformInput;
        assert.deepStrictEqual(scaleIssues(onAws), []);
        const both = { ...onAws, clouds: ["aws", "gcp"] } as unknown as PlatformInput;
        assert.strictEqual(scaleIssues(both).length, 1);
    });

    it(`refuses more than ${ALB_LIMITS.targetGroupsPerAlb} routed services on the shared ALB (target groups per ALB)`, () => {
        expectInvalid(awsServices(ALB_LIMITS.targetGroupsPerAlb + 1, 1), "platform:services", `takes at most ${ALB_LIMITS.targetGroupsPerAlb} target groups`);
    });

    it(`refuses more than ${ALB_LIMITS.rulesPerAlb} listener rules on the shared ALB, not counting the catch-all`, () => {
        // 51 services x 2 paths = 102 rules; "/*" of the first service is the default action.
        expectInvalid(awsServices(51, 2), "platform:services", /need 102 listener rules on the shared load balancer.*at most 100/);
        // 50 x 2 = 100 rules plus the catch-all: accepted.
        assert.ok(loadConfigMap(awsServices(50, 2), "test").services.length === 50);
    });

    it(`refuses more than ${ALB_LIMITS.albsPerRegion} ALBs with loadBalancers: perService`, () => {
        const tooMany = awsServices(ALB_LIMITS.albsPerRegion + 1, 1, { "platform:aws": { loadBalancers: "perService" } });
        expectInvalid(tooMany, "platform:services", `AWS allows ${ALB_LIMITS.albsPerRegion} Application Load Balancers per region`);
    });

    it("accepts a stack at every limit at once (100 routed services, 99 rules, both clouds)", () => {
        const map = generatedStack(ALB_LIMITS.targetGroupsPerAlb);
        const spec = loadConfigMap(map, "test");
        assert.strictEqual(spec.services.length, 100);
        const issues = scaleIssues({ services: spec.services, clouds: spec.clouds } as unknown as PlatformInput);
        assert.deepStrictEqual(issues.map(renderIssue), []);
    });

    it("leaves GCP-only stacks to the process limit (no ALB there)", () => {
        const gcpOnly = { services: Array.from({ length: 150 }, (_, i) => ({ name: `s${i}`, port: 8080, routes: [`/s${i}/*`] })), clouds: ["gcp"] } as unknown as PlatformInput;
        assert.deepStrictEqual(scaleIssues(gcpOnly), []);
    });

    it(`refuses a service that more than ${SG_INBOUND_RULES} services and jobs use (inbound rules per security group)`, () => {
        const workers = Array.from({ length: SG_INBOUND_RULES + 1 }, (_, i) => ({ name: `w${i}`, command: ["work"], uses: ["api"] }));
        const api = { name: "api", port: 9000, expose: "internal" };
        expectInvalid(config({ "platform:services": [api, ...workers] }), "platform:services[0]", /"api" is used by 61 services and jobs/);
        // Fail closed: nobody lists "api" in uses, so nobody is admitted and there is nothing to refuse.
        const undeclared = [api, ...workers.map(({ uses: _uses, ...w }) => w)];
        assert.strictEqual(loadConfigMap(config({ "platform:services": undeclared }), "test").services.length, SG_INBOUND_RULES + 2);
    });
});
