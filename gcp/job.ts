import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedJob } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { serviceAccountId } from "../components/naming";
import { RUNTIME_PROJECT_ROLES, vpcAccessOf } from "./cloudrun";
import { grantLinks, type ServiceLinks } from "./links";
import { secretEnvName } from "./secrets";

export interface GcpJobArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Project of the job and its IAM bindings. */
    project: string;
    /** Region the job (and its scheduler job) run in. */
    region: string;
    /** The resolved job (command, size, timeout, retries, tasks, schedule). */
    job: ResolvedJob;
    /** Image: by digest when built, else `<registry>/<name>:<tag>` or the explicit image. */
    image: pulumi.Input<string>;
    /** Serverless VPC Access connector id (egress: connector). Exactly one of connectorId and directVpc. */
    connectorId?: pulumi.Input<string>;
    /** Direct VPC egress: network interfaces on the stack's subnet (egress: direct, the default). */
    directVpc?: { network: pulumi.Input<string>; subnetwork: pulumi.Input<string> };
    /** What the job uses (gcp/links.ts), like a service: env vars, secret env refs and the grants they need. */
    links?: ServiceLinks;
    /** The Secret Manager secrets this job reads, by application secret name. @default {} */
    secrets?: Readonly<Record<string, gcp.secretmanager.Secret>>;
    /** Artifact Registry repository of the image, for a repository-scoped reader grant. */
    repository?: { location: pulumi.Input<string>; name: pulumi.Input<string> };
    /** Create the Cloud Scheduler job (the job has a schedule that runs on GCP). @default true when job.schedule is set */
    scheduled?: boolean;
    /** Resources (project APIs) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: {
        job?: Transform<gcp.cloudrunv2.JobArgs>;
        scheduler?: Transform<gcp.cloudscheduler.JobArgs>;
    };
}

/**
 * A job on Cloud Run (v2 Job): its own runtime service account (logs, metrics, its secrets, image
 * reader), task count, per-task timeout and retries, egress through the VPC connector like the
 * services. With a schedule, a Cloud Scheduler job calls the Run Admin API `jobs.run` with an
 * OAuth token of a dedicated invoker account that holds roles/run.invoker on this job only.
 */
export class GcpJob extends pulumi.ComponentResource {
    readonly job: gcp.cloudrunv2.Job;
    readonly serviceAccount: gcp.serviceaccount.Account;
    readonly scheduler?: gcp.cloudscheduler.Job;
    readonly invoker?: gcp.serviceaccount.Account;
    /** Cloud Run job name. */
    readonly runName: string;
    /** `gcloud run jobs execute ... --wait` that runs the job once. */
    readonly runCommand: string;

    constructor(name: string, args: GcpJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Job", name, {}, opts);
        const j = args.job;
        this.runName = physicalName(args.naming, j.name, "cloudRun");
        this.serviceAccount = new gcp.serviceaccount.Account(`${name}-sa`, {
            accountId: serviceAccountId(args.naming, `${j.name}-job`),
            displayName: `Cloud Run job identity of ${this.runName}`,
        }, { parent: this, dependsOn: args.dependsOn });
        const member = pulumi.interpolate`serviceAccount:${this.serviceAccount.email}`;
        const grants: pulumi.Resource[] = RUNTIME_PROJECT_ROLES.map((role) => new gcp.projects.IAMMember(`${name}-${role.split(".").pop()}`, {
            project: args.project, role, member,
        }, { parent: this }));
        for (const [secretName, secret] of Object.entries(args.secrets ?? {})) {
            grants.push(new gcp.secretmanager.SecretIamMember(`${name}-secret-${secretName}`, {
                secretId: secret.id, role: "roles/secretmanager.secretAccessor", member,
            }, { parent: this }));
        }
        if (args.links) grants.push(...grantLinks(name, args.links, { project: args.project, member }, this));
        if (args.repository) {
            grants.push(new gcp.artifactregistry.RepositoryIamMember(`${name}-registry-reader`, {
                project: args.project, location: args.repository.location, repository: args.repository.name, role: "roles/artifactregistry.reader", member,
            }, { parent: this }));
        }
        this.job = this.createJob(name, args, grants);
        if (j.schedule && (args.scheduled ?? true)) [this.invoker, this.scheduler] = this.createScheduler(name, args);
        this.runCommand = `gcloud run jobs execute ${this.runName} --region ${args.region} --project ${args.project} --wait`;
        this.registerOutputs({ runName: this.runName, runCommand: this.runCommand });
    }

    private createJob(name: string, args: GcpJobArgs, grants: pulumi.Resource[]): gcp.cloudrunv2.Job {
        const j = args.job;
        const plain = Object.entries({ ...j.environment, ...args.links?.environment }).map(([k, value]) => ({ name: k, value }));
        const linkedSecret = Object.entries(args.links?.secretEnv ?? {}).map(([k, s]) => ({ name: k, valueSource: { secretKeyRef: { secret: s.secretId, version: "latest" } } }));
        const secret = Object.entries(args.secrets ?? {}).map(([secretName, s]) => ({
            name: secretEnvName(secretName),
            valueSource: { secretKeyRef: { secret: s.secretId, version: "latest" } },
        }));
        const [n, a, o] = applyTransform<gcp.cloudrunv2.JobArgs>(args.transform?.job, `${name}-job`, {
            name: this.runName,
            location: args.region,
            deletionProtection: false,
            template: {
                taskCount: j.tasks,
                parallelism: j.tasks,
                template: {
                    serviceAccount: this.serviceAccount.email,
                    timeout: `${j.timeout}s`,
                    maxRetries: j.retries,
                    executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                    // A job that calls a peer sends all egress through the VPC: peers accept internal traffic only.
                    vpcAccess: vpcAccessOf(args, args.links?.peers.length ? "ALL_TRAFFIC" : "PRIVATE_RANGES_ONLY"),
                    containers: [{
                        image: args.image,
                        // ECS `command` replaces the image's CMD; on Cloud Run that is `args`.
                        args: j.command ? [...j.command] : undefined,
                        resources: { limits: { cpu: j.gcp.cpu, memory: j.gcp.memory } },
                        envs: [...plain, ...linkedSecret, ...secret],
                    }],
                },
            },
        }, { parent: this, dependsOn: [...(args.dependsOn ?? []), ...grants] });
        return new gcp.cloudrunv2.Job(n, a, o);
    }

    private createScheduler(name: string, args: GcpJobArgs): [gcp.serviceaccount.Account, gcp.cloudscheduler.Job] {
        const j = args.job;
        const s = j.schedule!;
        const invoker = new gcp.serviceaccount.Account(`${name}-invoker`, {
            accountId: serviceAccountId(args.naming, `${j.name}-sched`),
            displayName: `Cloud Scheduler runs ${this.runName} as this account`,
        }, { parent: this, dependsOn: args.dependsOn });
        // run.invoker on this job only (it carries run.jobs.run), never on the project.
        const grant = new gcp.cloudrunv2.JobIamMember(`${name}-invoker-run`, {
            project: args.project,
            location: args.region,
            name: this.job.name,
            role: "roles/run.invoker",
            member: pulumi.interpolate`serviceAccount:${invoker.email}`,
        }, { parent: this });
        const [n, a, o] = applyTransform<gcp.cloudscheduler.JobArgs>(args.transform?.scheduler, `${name}-schedule`, {
            name: physicalName(args.naming, j.name, "gcp"),
            region: args.region,
            description: `Runs Cloud Run job ${this.runName}: ${s.cron} (${s.timeZone})`,
            schedule: s.cron,
            timeZone: s.timeZone,
            attemptDeadline: "180s",
            retryConfig: { retryCount: 0 },
            httpTarget: {
                httpMethod: "POST",
                // Run Admin API v2 jobs.run (Cloud Run docs, "Execute jobs on a schedule").
                uri: pulumi.interpolate`https://run.googleapis.com/v2/projects/${args.project}/locations/${args.region}/jobs/${this.job.name}:run`,
                oauthToken: { serviceAccountEmail: invoker.email, scope: "https://www.googleapis.com/auth/cloud-platform" },
            },
        }, { parent: this, dependsOn: [grant] });
        return [invoker, new gcp.cloudscheduler.Job(n, a, o)];
    }
}
