import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as util from "util";
import { loadConfigMap } from "../stacks/load";
import { config, expectInvalid, one, plan } from "./support/harness";
import { planCli } from "./support/cli";

const DIGEST = /@sha256:[0-9a-f]{64}$/;
const API_CONTEXT = "./stacks/examples/apps/shop/api";
const BUILT = [{ name: "api", port: 8000, routes: ["/*"], architecture: "arm64", build: { context: API_CONTEXT, target: "runtime", args: { APP_VERSION: "7" } } }];

describe("image builds on AWS (awsx ecr.Image)", () => {
    let p: Awaited<ReturnType<typeof plan>>;
    before(async () => {
        p = await plan(config({ "platform:services": BUILT, "platform:release": "v7", "platform:jobs": [{ name: "migrate", imageFrom: "api", command: ["alembic", "upgrade", "head"] }] }));
    });

    it("builds into the service's ECR repository with the build settings and the release tag", () => {
        const img = one(p, "awsx:ecr:Image", "api").inputs;
        assert.deepStrictEqual(img, {
            repositoryUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-dev-api",
            context: API_CONTEXT,
            dockerfile: `${API_CONTEXT}/Dockerfile`,
            target: "runtime",
            args: { APP_VERSION: "7" },
            platform: "linux/arm64",
            imageTag: "v7",
        });
    });

    it("runs the service and the job that borrows its image by digest, after the image exists", () => {
        const image = one(p, "awsx:ecr:Image", "api");
        for (const name of ["svc-api-task", "job-migrate-task"]) {
            const td = one(p, "aws:ecs/taskDefinition:TaskDefinition", name);
            const [c] = JSON.parse(String(td.inputs.containerDefinitions));
            assert.match(c.image, /^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/app-dev-api@sha256:[0-9a-f]{64}$/);
            assert.ok(td.dependsOn?.includes(image.urn), `${name} must wait for the image`);
        }
    });

    it("without build, runs <repository>:<release> (the first deploy pushes before `pulumi up` or fails to start, see docs)", async () => {
        const q = await plan(config({ "platform:release": "abc1234" }));
        const [c] = JSON.parse(String(one(q, "aws:ecs/taskDefinition:TaskDefinition", "web").inputs.containerDefinitions));
        assert.match(c.image, /\/app-dev-web:abc1234$/);
    });
});

describe("image builds on GCP (docker-build)", () => {
    it("pushes to Artifact Registry with short-lived masked credentials and runs by digest", async () => {
        const p = await plan(config({ "platform:clouds": ["gcp"], "platform:gcp": { project: "my-proj-123" }, "platform:services": BUILT, "platform:release": "v7" }));
        const img = one(p, "docker-build:index:Image", "api");
        assert.strictEqual(img.inputs.push, true);
        assert.deepStrictEqual(img.inputs.tags, ["us-central1-docker.pkg.dev/my-proj-123/app-dev-images/api:v7"]);
        assert.deepStrictEqual(img.inputs.platforms, ["linux/arm64"]);
        assert.deepStrictEqual(img.inputs.registries, [{ address: "us-central1-docker.pkg.dev", username: "oauth2accesstoken", password: "[secret]" }]);
        const svc = one(p, "gcp:cloudrunv2/service:Service", "api");
        const image = (svc.inputs as any).template.containers[0].image as string;
        assert.match(image, DIGEST);
        assert.ok(image.startsWith("us-central1-docker.pkg.dev/my-proj-123/app-dev-images/api@"));
        assert.ok(svc.dependsOn?.includes(img.urn));
    });
});

describe("secret values from encrypted stack config", () => {
    const VALUE = "sk_live_51Hjobs0123456789abcdef";
    // At `pulumi up` the SDK hands the program decrypted config as JSON text: the same path here.
    const runtimeMap = config({
        "platform:clouds": ["aws", "gcp"], "platform:gcp": { project: "my-proj-123" },
        "platform:secrets": ["stripe-key", "other"],
        "platform:secretValues": JSON.stringify({ "stripe-key": VALUE }),
        "platform:services": [{ name: "web", port: 3000, routes: ["/*"], secrets: ["stripe-key"] }],
    });

    it("creates a secret version on each cloud, masked, and leaves secrets without a value empty", async () => {
        const p = await plan(runtimeMap);
        assert.strictEqual(one(p, "aws:secretsmanager/secretVersion:SecretVersion", "stripe-key").inputs.secretString, "[secret]");
        assert.strictEqual(one(p, "gcp:secretmanager/secretVersion:SecretVersion", "stripe-key").inputs.secretData, "[secret]");
        assert.strictEqual(p.resources.filter((r) => r.type.includes("ecretVersion") && r.name.includes("other")).length, 0);
        const everything = JSON.stringify(p);
        assert.ok(!everything.includes(VALUE), "the value must not appear in the plan, its config or outputs");
        assert.ok(everything.includes('"stripe-key":"[secret]"'), "the resolved config shows the value masked");
    });

    it("never prints the value from the resolved config (JSON, string, inspect)", () => {
        const v = loadConfigMap(runtimeMap, "t").secretValues["stripe-key"];
        assert.strictEqual(v.reveal(), VALUE);
        for (const text of [JSON.stringify({ v }), String(v), `${v}`, util.inspect({ v }, { depth: 5 })]) assert.ok(!text.includes(VALUE), text);
    });

    it("refuses a value for an undeclared secret, and a plain-text value in a stack file (exit 2, nothing on stdout)", () => {
        expectInvalid(config({ "platform:secrets": ["a"], "platform:secretValues": { b: { secure: "v1:x" } } }), "platform:secretValues.b", "is not declared in platform:secrets");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-values-"));
        const file = path.join(dir, "plain.yaml");
        fs.writeFileSync(file, [
            "config:",
            "  platform:name: app",
            "  platform:environment: dev",
            "  platform:services: [{ name: web, port: 3000, routes: ['/*'] }]",
            "  platform:secrets: [stripe-key]",
            `  platform:secretValues: { stripe-key: ${VALUE} }`,
        ].join("\n"));
        const r = planCli(file);
        assert.strictEqual(r.status, 2, r.stderr);
        assert.strictEqual(r.stdout, "");
        assert.match(r.stderr, /platform:secretValues\.stripe-key: is in plain text in the stack file; encrypt it: pulumi config set --secret --path 'platform:secretValues\.stripe-key'/);
        assert.ok(!r.stderr.includes(VALUE));
    });
});
