import * as assert from "assert";
import * as path from "path";
import { allStackFiles, maskSecrets, SECRET_MASK, type PlanResult } from "../plan/engine";
import { RANDOM_STATE } from "../plan/mock-state/random";
import { SECRET_VALUE } from "../policy/rules";
import { config, plan } from "./support/harness";
import { cachedPlan } from "./support/plan-cache";

/**
 * Secrets never appear in plain text in a plan (what `npm run plan -- --json` prints and what
 * Pulumi would store as inputs): no mock password, no key material, no credentials in URLs, and
 * every secret-bearing input or output is a Pulumi secret (masked as "[secret]").
 */

/** Input/output keys that carry secret values whenever they are set. */
const SECRET_KEYS = /^(password|masterPassword|masterUserPassword|authToken|secretString|secretBinary|secretData|privateKey|privateKeyPem|accessKey|secretKey|token|apiKey)$/i;
const SECRET_OUTPUT = /(password|authToken|secretString|privateKey|apiKey|accessKey|token)$/i;
/** A Secrets Manager ARN (optionally with a JSON key) names where a secret lives; it is not the secret. */
const SECRET_REFERENCE = /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^\s]+$/;

/** The values the mocks give random passwords in this plan: finding one means a password leaked. */
function mockPasswords(p: PlanResult): string[] {
    return p.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword")
        .map((r) => String(RANDOM_STATE[r.type](r.name, r.inputs).result));
}

/** Every place in `value` where `test` holds, as "a.b[0].c". */
function find(value: unknown, test: (key: string, v: unknown) => boolean, at = ""): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => find(v, test, `${at}[${i}]`));
    if (value && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => [...(test(k, v) ? [`${at}.${k}`] : []), ...find(v, test, `${at}.${k}`)]);
    }
    return [];
}

export function secretProblems(p: PlanResult): string[] {
    const text = JSON.stringify(p);
    const problems: string[] = [];
    for (const pw of mockPasswords(p)) if (text.includes(pw)) problems.push(`mock password ${pw} appears in plain text`);
    if (text.includes("mock-password-")) problems.push("a mock random password appears in plain text");
    const m = SECRET_VALUE.exec(text);
    if (m) problems.push(`secret-looking value in plain text: ${m[0].slice(0, 24)}...`);
    for (const r of p.resources) {
        const leaks = find(r.inputs, (k, v) => SECRET_KEYS.test(k) && typeof v === "string" && v !== SECRET_MASK && v !== "");
        problems.push(...leaks.map((l) => `${r.type} "${r.name}" input ${l.slice(1)} is not a Pulumi secret`));
    }
    const outLeaks = find(p.outputs, (k, v) => SECRET_OUTPUT.test(k) && typeof v === "string" && v !== SECRET_MASK && !SECRET_REFERENCE.test(v));
    problems.push(...outLeaks.map((l) => `stack output ${l.slice(1)} is not a Pulumi secret`));
    return problems;
}

/** A config with everything that makes secrets: database, cache (auth token), app secrets. */
const SECRET_HEAVY = config({
    "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database", "cache"], secrets: ["api-key"] }],
    "platform:database": {},
    "platform:cache": {},
    "platform:secrets": ["api-key"],
});

describe("secrets in plans", () => {
    for (const file of allStackFiles()) {
        it(`${path.basename(file)}: no secret in plain text, secret inputs and outputs are masked`, async () => {
            const problems = secretProblems(await cachedPlan(file));
            assert.deepStrictEqual(problems, [], problems.join("\n"));
        });
    }

    for (const env of ["dev", "prod"]) {
        it(`a ${env} stack with database, cache and app secrets leaks none of them`, async () => {
            const p = await plan({ ...SECRET_HEAVY, "platform:environment": env, "platform:allowHttp": true, "platform:release": "v1" }, env);
            assert.deepStrictEqual(secretProblems(p), []);
        });
    }

    it("masks Pulumi secrets in the engine's inputs", () => {
        const wire = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "mock-password-db" };
        assert.deepStrictEqual(maskSecrets({ authToken: wire, nested: [wire] }), { authToken: SECRET_MASK, nested: [SECRET_MASK] });
    });

    it("detects a leaked password, key or credential (the scan can fail)", () => {
        const leaky: PlanResult = {
            stack: "t", config: {} as PlanResult["config"], cost: null,
            outputs: { aws: { redisAuthToken: "abc" } },
            resources: [
                { urn: "u1", type: "random:index/randomPassword:RandomPassword", name: "db-pw", parent: null, custom: true, protect: false, inputs: { length: 32 } },
                { urn: "u2", type: "aws:rds/instance:Instance", name: "db", parent: null, custom: true, protect: false, inputs: { password: String(RANDOM_STATE["random:index/randomPassword:RandomPassword"]("db-pw", { length: 32 }).result) } },
                { urn: "u3", type: "aws:ecs/taskDefinition:TaskDefinition", name: "td", parent: null, custom: true, protect: false, inputs: { containerDefinitions: JSON.stringify([{ environment: [{ name: "K", value: "AKIAABCDEFGHIJKLMNOP" }] }]) } },
            ],
        };
        const problems = secretProblems(leaky);
        assert.ok(problems.some((x) => x.startsWith("mock password")), problems.join("\n"));
        assert.ok(problems.some((x) => x.includes('aws:rds/instance:Instance "db" input password')));
        assert.ok(problems.some((x) => x.includes("AKIA")));
        assert.ok(problems.some((x) => x.includes("stack output aws.redisAuthToken")));
    });
});
