import * as assert from "assert";
import { parseCron, runsPerMonth, toEventBridgeCron } from "../components/cron";
import { evaluate, RULES } from "../policy/rules";
import { loadConfigMap } from "../stacks/load";
import { config, expectInvalid, one, ofType, plan } from "./support/harness";
import { cachedPlan } from "./support/plan-cache";

const DB = { "platform:database": {}, "platform:secrets": ["api-key"] };
const MIGRATE = { name: "migrate", imageFrom: "web", command: ["alembic", "upgrade", "head"], uses: ["database"], secrets: ["api-key"] };
const NIGHTLY = { name: "nightly", command: ["python", "-m", "cleanup"], retries: 2, timeout: 1800, schedule: { cron: "30 2 * * 1-5", timeZone: "Europe/Berlin" } };

function policyOf(p: Awaited<ReturnType<typeof plan>>, name: string): { Statement: { Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string>> }[] } {
    return JSON.parse(String(one(p, "aws:iam/rolePolicy:RolePolicy", name).inputs.policy));
}

describe("jobs: cron", () => {
    it("translates 5-field unix cron to EventBridge Scheduler's 6 fields (day-of-week 0-6 → 1-7, one day field '?')", () => {
        assert.strictEqual(toEventBridgeCron("0 3 * * *"), "cron(0 3 * * ? *)");
        assert.strictEqual(toEventBridgeCron("30 2 * * 1-5"), "cron(30 2 ? * 2,3,4,5,6 *)");
        assert.strictEqual(toEventBridgeCron("*/15 * 1 * *"), "cron(*/15 * 1 * ? *)");
        assert.strictEqual(toEventBridgeCron("0 0 * * SUN,7"), "cron(0 0 ? * 1 *)");
    });

    it("refuses what either scheduler would reject, saying which field and why", () => {
        assert.match(String(parseCron("0 3 * *")), /must have 5 fields/);
        assert.match(String(parseCron("0 3 * * * *")), /got 6/);
        assert.match(String(parseCron("60 3 * * *")), /minute field: 60 is outside 0-59/);
        assert.match(String(parseCron("0 24 * * *")), /hour field/);
        assert.match(String(parseCron("0 3 0 * *")), /day-of-month field: 0 is outside 1-31/);
        assert.match(String(parseCron("0 3 * 13 *")), /month field/);
        assert.match(String(parseCron("0 3 * * 8")), /day-of-week field/);
        assert.match(String(parseCron("0 3 1 * 1")), /both day-of-month and day-of-week/);
        assert.match(String(parseCron("0 5-3 * * *")), /backwards/);
    });

    it("counts runs a month for the cost estimate", () => {
        assert.strictEqual(runsPerMonth("0 3 * * *"), 30);
        assert.strictEqual(runsPerMonth("*/15 * * * *"), 30 * 24 * 4);
        assert.strictEqual(runsPerMonth("0 9 * * 1-5"), Math.round(5 * 30 / 7));
    });
});

describe("jobs: config errors (exit 2 with the key path)", () => {
    const withJobs = (jobs: unknown[], extra: Record<string, unknown> = {}) => config({ "platform:jobs": jobs, ...extra });

    it("a job that uses something unknown", () => {
        expectInvalid(withJobs([{ name: "j", uses: ["nope"] }]), "platform:jobs[0].uses[0]", 'is not "database", "cache", a bucket name or a service name');
        expectInvalid(withJobs([{ name: "j", uses: ["database"] }]), "platform:jobs[0].uses[0]", "platform:database is not set");
        expectInvalid(withJobs([{ name: "j", secrets: ["x"] }]), "platform:jobs[0].secrets[0]", "is not declared in platform:secrets");
        expectInvalid(withJobs([{ name: "j", imageFrom: "nope" }]), "platform:jobs[0].imageFrom", "is not a service name");
    });

    it("a cron expression the scheduler would reject, and an unknown time zone", () => {
        expectInvalid(withJobs([{ name: "j", schedule: { cron: "0 3 * * * *" } }]), "platform:jobs[0].schedule.cron", "must have 5 fields");
        expectInvalid(withJobs([{ name: "j", schedule: { cron: "0 25 * * *" } }]), "platform:jobs[0].schedule.cron", "hour field: 25 is outside 0-23");
        expectInvalid(withJobs([{ name: "j", schedule: { cron: "0 3 * * *", timeZone: "Mars/Olympus" } }]), "platform:jobs[0].schedule.timeZone", "IANA time zone");
    });

    it("a schedule on a cloud that is not selected", () => {
        expectInvalid(withJobs([{ name: "j", schedule: { cron: "0 3 * * *", clouds: ["gcp"] } }]), "platform:jobs[0].schedule.clouds[0]", "is not in platform:clouds (aws)");
    });

    it("a build context that does not exist, relative to the project root", () => {
        expectInvalid(withJobs([{ name: "j", build: { context: "./no/such/dir" } }]), "platform:jobs[0].build.context", "is not a directory under the project root");
        expectInvalid(config({ "platform:services": [{ name: "web", port: 3000, routes: ["/*"], build: { context: "./stacks" } }] }), "platform:services[0].build.context", "has no Dockerfile at stacks/Dockerfile");
    });

    it("names shared with a service, two image sources, a size Fargate does not offer", () => {
        expectInvalid(withJobs([{ name: "web" }]), "platform:jobs[0].name", "is also a service name");
        expectInvalid(withJobs([{ name: "j", image: "nginx", imageFrom: "web" }]), "platform:jobs[0].imageFrom", "cannot be set together with image");
        expectInvalid(withJobs([{ name: "j", cpu: 256, memory: 4096 }]), "platform:jobs[0].memory", "Fargate does not offer 256 CPU with 4096 MiB");
    });

    it("refuses a mutable tag with immutable prod registries unless platform:release is set", () => {
        const prod = config({ "platform:environment": "prod", "platform:allowHttp": true });
        expectInvalid(prod, "platform:release", 'is unset, so platform:services[0] and others run the mutable tag "latest"');
        expectInvalid({ ...prod, "platform:release": "latest" }, "platform:release", 'is the mutable tag "latest"');
        assert.strictEqual(loadConfigMap({ ...prod, "platform:release": "v1.4.2" }, "t").services[0].imageTag, "v1.4.2");
        const explicit = config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:services": [{ name: "web", port: 3000, routes: ["/*"], imageTag: "main" }] });
        expectInvalid(explicit, "platform:services[0].imageTag", 'is the mutable tag "main"');
    });
});

describe("jobs: the model", () => {
    it("jobs are consumers: their links follow every service's, with job key paths", () => {
        const m = loadConfigMap(config({ ...DB, "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database"] }], "platform:jobs": [MIGRATE] }), "t");
        assert.deepStrictEqual(m.links.map((l) => [l.fromKind, l.from, l.kind, l.keyPath]), [
            ["service", "web", "database", "platform:services[0].uses[0]"],
            ["job", "migrate", "database", "platform:jobs[0].uses[0]"],
            ["job", "migrate", "secret", "platform:jobs[0].secrets[0]"],
        ]);
        assert.strictEqual(m.jobs[0].imageTag, "latest");
        assert.strictEqual(loadConfigMap({ ...config({ "platform:jobs": [{ name: "j" }] }), "platform:release": "abc123" }, "t").jobs[0].imageTag, "abc123");
    });
});

describe("jobs on AWS", () => {
    let p: Awaited<ReturnType<typeof plan>>;
    before(async () => {
        p = await plan(config({ ...DB, "platform:services": [{ name: "web", port: 3000, routes: ["/*"], uses: ["database"], secrets: ["api-key"] }], "platform:jobs": [MIGRATE, NIGHTLY], "platform:release": "v7" }));
    });

    it("runs each job as a Fargate task definition with its own roles, image and secrets by reference", () => {
        const td = one(p, "aws:ecs/taskDefinition:TaskDefinition", "job-migrate");
        assert.deepStrictEqual(td.inputs.requiresCompatibilities, ["FARGATE"]);
        const [c] = JSON.parse(String(td.inputs.containerDefinitions));
        assert.deepStrictEqual(c.command, ["alembic", "upgrade", "head"]);
        // imageFrom: the service's repository and the release tag.
        assert.match(c.image, /\/app-dev-web:v7$/);
        assert.ok(c.secrets.some((s: { name: string; valueFrom: string }) => s.name === "DATABASE_PASSWORD" && s.valueFrom.includes(":password::")));
        assert.ok(c.secrets.some((s: { name: string }) => s.name === "API_KEY"));
        assert.ok(c.environment.some((e: { name: string }) => e.name === "DATABASE_HOST"));
        assert.match(String(td.inputs.executionRoleArn), /role\/app-dev-migrate-exec$/);
    });

    it("gives each job its own security group, admitted to the database it uses", () => {
        const sg = one(p, "aws:ec2/securityGroup:SecurityGroup", "job-migrate-sg");
        assert.deepStrictEqual(sg.inputs.ingress ?? [], []);
        // The database grants the job's link like a service's: its own rule, named after the consumer.
        const rule = one(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-migrate");
        assert.strictEqual(rule.inputs.fromPort, 5432);
        assert.strictEqual(rule.inputs.referencedSecurityGroupId, "app-dev-job-migrate-sg-id");
    });

    it("schedules only the scheduled job, in its time zone, with retries mapped and no public IP", () => {
        const schedules = ofType(p, "aws:scheduler/schedule:Schedule");
        assert.deepStrictEqual(schedules.map((s) => s.name), ["app-dev-job-nightly-schedule"]);
        const s = schedules[0].inputs as Record<string, any>;
        assert.strictEqual(s.scheduleExpression, "cron(30 2 ? * 2,3,4,5,6 *)");
        assert.strictEqual(s.scheduleExpressionTimezone, "Europe/Berlin");
        assert.deepStrictEqual(s.target.retryPolicy, { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 1800 });
        assert.strictEqual(s.target.ecsParameters.networkConfiguration.assignPublicIp, false);
        assert.deepStrictEqual(s.target.ecsParameters.networkConfiguration.subnets, ["app-dev-network-private-1-id", "app-dev-network-private-2-id"]);
    });

    it("lets the scheduler run exactly that task definition and pass exactly its two roles", () => {
        const doc = policyOf(p, "job-nightly-scheduler-policy");
        const run = doc.Statement.find((s) => s.Action.includes("ecs:RunTask"))!;
        assert.deepStrictEqual(run.Resource, ["arn:aws:ecs:us-east-1:123456789012:task-definition/app-dev-nightly:1"]);
        assert.ok(run.Condition?.ArnEquals["ecs:cluster"].endsWith(":cluster/app-dev-cluster"));
        const pass = doc.Statement.find((s) => s.Action.includes("iam:PassRole"))!;
        assert.deepStrictEqual(pass.Resource, ["arn:aws:iam::123456789012:role/app-dev-nightly-exec", "arn:aws:iam::123456789012:role/app-dev-nightly-task"]);
        assert.deepStrictEqual(pass.Condition, { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
        assert.strictEqual(doc.Statement.length, 2);
    });

    it("outputs the exact run-task command with the real subnet and security group ids", () => {
        const jobs = (p.outputs.aws as Record<string, any>).jobs;
        assert.strictEqual(jobs.migrate.runCommand,
            "aws ecs run-task --region us-east-1 --cluster app-dev-cluster --task-definition arn:aws:ecs:us-east-1:123456789012:task-definition/app-dev-migrate:1"
            + " --launch-type FARGATE --count 1 --network-configuration 'awsvpcConfiguration={subnets=[app-dev-network-private-1-id,app-dev-network-private-2-id],"
            + "securityGroups=[app-dev-job-migrate-sg-id],assignPublicIp=DISABLED}'");
        assert.strictEqual(jobs.nightly.schedule, "app-dev-nightly");
    });

    it("passes the job policy rules, which fail on a public IP, a * task definition or an unconditioned PassRole", () => {
        const rules = RULES.filter((r) => ["aws-scheduler-no-public-ip", "aws-run-task-scoped"].includes(r.id));
        assert.strictEqual(rules.length, 2);
        assert.deepStrictEqual(evaluate(p.resources, { environment: "dev" }, rules), []);
        const schedule = one(p, "aws:scheduler/schedule:Schedule", "nightly");
        const open = structuredClone(schedule);
        (open.inputs as any).target.ecsParameters.networkConfiguration.assignPublicIp = true;
        const policy = one(p, "aws:iam/rolePolicy:RolePolicy", "job-nightly-scheduler-policy");
        const wide = { ...policy, inputs: { ...policy.inputs, policy: JSON.stringify({ Statement: [
            { Effect: "Allow", Action: ["ecs:RunTask"], Resource: "arn:aws:ecs:us-east-1:123456789012:task-definition/app-dev-nightly:*" },
            { Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" },
        ] }) } };
        const found = evaluate([open, wide], { environment: "dev" }, rules).map((v) => v.message);
        assert.strictEqual(found.length, 4, found.join("\n"));
        assert.ok(found.some((m) => m.includes("assignPublicIp is true")));
        assert.ok(found.some((m) => m.includes("ecs:RunTask on arn:aws:ecs:us-east-1:123456789012:task-definition/app-dev-nightly:*")));
        assert.ok(found.some((m) => m.includes("iam:PassRole without an iam:PassedToService condition")));
    });

    it("prices each job per run and the schedule within the free tier", () => {
        const cost = p.cost as { lines: { resource: string; item: string; monthlyUsd: number }[] };
        const vcpu = cost.lines.find((l) => l.item.startsWith("job Fargate vCPU") && l.resource.includes("nightly"))!;
        // 30 days x 1 run on weekdays = 21 runs, 5 minutes each, 0.25 vCPU at $0.04048/h.
        assert.match(vcpu.item, /^job Fargate vCPU: 21 runs x 1 task x 5 min x 0.25 vCPU/);
        assert.ok(Math.abs(vcpu.monthlyUsd - 21 * 5 / 60 * 0.25 * 0.04048) < 0.005, String(vcpu.monthlyUsd));
        assert.ok(cost.lines.some((l) => l.item.startsWith("job Fargate vCPU: 30 runs") && l.resource.includes("migrate")), "on-demand: costAssumptions.jobRunsPerMonth");
    });

    it("waits for a steady state where the profile says so, with a timeout", async () => {
        const dev = one(p, "aws:ecs/service:Service", "web");
        assert.strictEqual(dev.inputs.waitForSteadyState, false);
        const staging = await plan(config({ "platform:environment": "staging", "platform:aws": { rollout: { timeoutMinutes: 7 } } }));
        assert.strictEqual(one(staging, "aws:ecs/service:Service", "web").inputs.waitForSteadyState, true);
    });
});

describe("jobs on GCP", () => {
    let p: Awaited<ReturnType<typeof plan>>;
    before(async () => {
        p = await plan(config({
            "platform:clouds": ["gcp"], "platform:gcp": { project: "my-proj-123", region: "europe-west1" }, "platform:secrets": ["api-key"],
            "platform:jobs": [{ ...MIGRATE, uses: undefined }, NIGHTLY],
        }));
    });

    it("runs a Cloud Run job with task count, timeout, retries, its own identity and VPC egress", () => {
        const job = one(p, "gcp:cloudrunv2/job:Job", "nightly").inputs as Record<string, any>;
        assert.strictEqual(job.template.taskCount, 1);
        assert.strictEqual(job.template.template.timeout, "1800s");
        assert.strictEqual(job.template.template.maxRetries, 2);
        assert.match(job.template.template.serviceAccount, /^app-dev-nightly-job@/);
        // Direct VPC egress (the default), like the services: network interfaces on the stack's subnet.
        assert.deepStrictEqual(job.template.template.vpcAccess.networkInterfaces, [{ network: "app-dev-network-vpc-id", subnetwork: "app-dev-network-subnet-id" }]);
        assert.match(job.template.template.containers[0].image, /europe-west1-docker\.pkg\.dev\/my-proj-123\/app-dev-images\/nightly:latest$/);
    });

    it("schedules with Cloud Scheduler as an account that may run exactly that job", () => {
        const sch = one(p, "gcp:cloudscheduler/job:Job", "nightly").inputs as Record<string, any>;
        assert.strictEqual(sch.schedule, "30 2 * * 1-5");
        assert.strictEqual(sch.timeZone, "Europe/Berlin");
        assert.strictEqual(sch.httpTarget.uri, "https://run.googleapis.com/v2/projects/my-proj-123/locations/europe-west1/jobs/app-dev-nightly:run");
        assert.match(sch.httpTarget.oauthToken.serviceAccountEmail, /^app-dev-nightly-sched@/);
        const grant = one(p, "gcp:cloudrunv2/jobIamMember:JobIamMember", "nightly").inputs;
        assert.strictEqual(grant.role, "roles/run.invoker");
        assert.strictEqual(grant.name, "app-dev-nightly");
        assert.match(String(grant.member), /^serviceAccount:app-dev-nightly-sched@/);
        assert.strictEqual(ofType(p, "gcp:cloudscheduler/job:Job").length, 1, "the on-demand job has no scheduler");
        assert.strictEqual(ofType(p, "gcp:projects/iAMMember:IAMMember").filter((m) => String(m.inputs.role) === "roles/run.invoker").length, 0, "no project-wide invoker");
    });

    it("outputs the exact gcloud command to run a job once", () => {
        const jobs = (p.outputs.gcp as Record<string, any>).jobs;
        assert.strictEqual(jobs.migrate.runCommand, "gcloud run jobs execute app-dev-migrate --region europe-west1 --project my-proj-123 --wait");
    });
});

describe("jobs example (stacks/examples/jobs.yaml)", () => {
    it("plans on both clouds with builds, digests, a schedule per cloud and on-demand commands", async () => {
        const p = await cachedPlan("jobs");
        assert.strictEqual(ofType(p, "awsx:ecr:Image").length, 2);
        assert.strictEqual(ofType(p, "docker-build:index:Image").length, 2);
        assert.strictEqual(ofType(p, "aws:scheduler/schedule:Schedule").length, 1);
        assert.strictEqual(ofType(p, "gcp:cloudscheduler/job:Job").length, 1);
        const out = p.outputs as Record<string, any>;
        assert.match(out.aws.jobs.migrate.runCommand, /^aws ecs run-task /);
        assert.match(out.gcp.jobs.migrate.runCommand, /^gcloud run jobs execute shop-staging-migrate /);
    });
});

