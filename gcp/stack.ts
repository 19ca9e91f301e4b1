import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";
import { GcpImageBuilds } from "./images";
import { GcpJob } from "./job";
import { ProjectApis } from "./apis";
import { CloudRunService } from "./cloudrun";
import { GlobalLoadBalancer } from "./loadbalancer";
import { Monitoring } from "./monitoring";
import { Network } from "./network";
import { Registry } from "./registry";
import { routeFor } from "./routes";
import { Secrets } from "./secrets";

export interface GcpStackArgs {
    /** The resolved application description. Must have `gcp` set. */
    spec: ResolvedConfig;
}

/**
 * Everything the app needs on GCP. The GCP provider (project, region, default labels) comes
 * from the caller through `opts.providers`.
 *
 * Build order: project APIs → network (VPC, subnet, connector, NAT) → registry and secrets →
 * one CloudRunService per service (service account + roles first) → invoker grants between
 * services → global load balancer over the public services → monitoring on the LB and services.
 */
export class GcpStack extends pulumi.ComponentResource {
    /** Stack outputs for this cloud, grouped under `gcp` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: GcpStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Stack", name, {}, opts);
        const spec = args.spec;
        const g = spec.gcp;
        if (!g) throw new Error("GcpStack needs spec.gcp (clouds must include gcp)");
        const naming = spec.naming;

        const apis = new ProjectApis(`${name}-apis`, { project: g.project }, { parent: this });
        const network = new Network(`${name}-network`, {
            naming,
            region: g.region,
            subnetCidr: g.network.subnetCidr,
            connector: g.network.connector,
            nat: g.network.nat,
            dependsOn: apis.for("compute", "vpcaccess"),
        }, { parent: this });
        const registry = new Registry(`${name}-registry`, {
            naming,
            project: g.project,
            region: g.region,
            keepRecent: g.registry.keepRecent,
            untaggedDays: g.registry.untaggedDays,
            immutableTags: spec.profile.immutableTags,
            protect: spec.protectStateful,
            dependsOn: apis.for("artifactregistry", "containerscanning"),
        }, { parent: this });
        const secrets = spec.secrets.length > 0
            ? new Secrets(`${name}-secrets`, { naming, names: spec.secrets, values: spec.secretValues, dependsOn: apis.for("secretmanager") }, { parent: this })
            : undefined;

        const builds = Object.fromEntries([...spec.services, ...spec.jobs].filter((x) => x.build).map((x) => [x.name, x.build!]));
        const imageRefs = Object.keys(builds).length === 0 ? {} : new GcpImageBuilds(`${name}-images`, {
            builds,
            registryUrl: registry.url,
            registryHost: `${g.region}-docker.pkg.dev`,
            tag: spec.release ?? "latest",
        }, { parent: this, dependsOn: [registry] }).refs;
        const internal = new Set(spec.services.filter((s) => s.expose === "internal").map((s) => s.name));
        const runs = new Map<string, CloudRunService>();
        for (const svc of spec.services) {
            runs.set(svc.name, new CloudRunService(`${name}-${svc.name}`, {
                naming,
                project: g.project,
                region: g.region,
                service: svc,
                image: imageRefs[svc.name] ?? svc.image ?? `${g.region}-docker.pkg.dev/${g.project}/${registry.repositoryId}/${svc.name}:${svc.imageTag}`,
                connectorId: network.connectorId,
                // INTERNAL_ONLY services only count a call as internal when it arrives through the VPC.
                egress: svc.uses.services.some((u) => internal.has(u)) ? "ALL_TRAFFIC" : "PRIVATE_RANGES_ONLY",
                secrets: Object.fromEntries(svc.secrets.map((s) => [s, secrets!.byName[s]])),
                repository: svc.image ? undefined : { location: registry.repository.location, name: registry.repository.name },
                dependsOn: apis.for("run", "iam"),
            }, { parent: this }));
        }
        for (const svc of spec.services) {
            for (const target of svc.uses.services) runs.get(target)?.allowInvoker(svc.name, runs.get(svc.name)!.serviceAccountEmail);
        }

        const publicServices = spec.services.filter((s) => s.expose === "public" && s.routes.length > 0);
        const lb = publicServices.length > 0 ? new GlobalLoadBalancer(`${name}-lb`, {
            naming,
            region: g.region,
            backends: publicServices.map((s) => ({ name: s.name, runName: runs.get(s.name)!.service!.name, routes: s.routes, cdn: s.gcp.cdn })),
            domain: spec.domain ? { name: spec.domain.name, aliases: spec.domain.aliases } : undefined,
            armor: g.armor,
            dependsOn: apis.for("compute"),
        }, { parent: this }) : undefined;

        new Monitoring(`${name}-monitoring`, {
            naming,
            project: g.project,
            email: spec.alerts.email,
            services: spec.services.filter((s) => s.port !== undefined).map((s) => ({ name: s.name, runName: runs.get(s.name)!.runName, maxInstances: s.gcp.maxInstances })),
            // Only health paths the URL map really sends to the service: anything else would probe another service.
            uptime: lb ? publicServices.filter((s) => routeFor(lb.urlMapPlan, s.healthCheck.path) === s.name).map((s) => ({
                name: s.name,
                host: spec.domain ? spec.domain.name : lb.ipAddress,
                path: s.healthCheck.path,
                https: spec.domain !== undefined,
            })) : [],
            evaluationMinutes: spec.alerts.evaluationPeriods,
            dependsOn: apis.for("monitoring"),
        }, { parent: this });

        const jobs = this.createJobs(name, spec, { network, registry, secrets, imageRefs, runs, apis });

        const serviceUrls: Record<string, pulumi.Output<string>> = {};
        for (const [svcName, run] of runs) if (run.uri) serviceUrls[svcName] = run.uri;
        this.outputs = {
            project: g.project,
            region: g.region,
            lbIp: lb?.ipAddress,
            url: lb?.url,
            serviceUrls,
            registryUrl: registry.url,
            ...(jobs.length > 0 ? { jobs: Object.fromEntries(jobs.map((j) => [j.name, { runCommand: j.run.runCommand, runName: j.run.runName }])) } : {}),
        };
        this.registerOutputs(this.outputs);
    }

    /**
     * Jobs (gcp/job.ts), after the services so a job can take a peer's URL. Environment from what
     * the job uses is INTERIM (peer URLs only) until the per-consumer link grants of gcp/links.ts
     * land; then this block takes the job's grants like a service's.
     */
    private createJobs(name: string, spec: ResolvedConfig, built: {
        network: Network;
        registry: Registry;
        secrets?: Secrets;
        imageRefs: Readonly<Record<string, pulumi.Output<string>>>;
        runs: Map<string, CloudRunService>;
        apis: ProjectApis;
    }): { name: string; run: GcpJob }[] {
        const g = spec.gcp!;
        const scheduled = spec.jobs.some((j) => j.schedule?.clouds.includes("gcp"));
        const schedulerApi = scheduled ? [new gcp.projects.Service(`${name}-apis-cloudscheduler`, {
            project: g.project, service: "cloudscheduler.googleapis.com", disableOnDestroy: false, disableDependentServices: false,
        }, { parent: this })] : [];
        return spec.jobs.map((j) => {
            const source = j.imageFrom ? spec.services.find((s) => s.name === j.imageFrom)! : j;
            const sourceName = j.imageFrom ?? j.name;
            const image = built.imageRefs[sourceName] ?? source.image ?? `${g.region}-docker.pkg.dev/${g.project}/${built.registry.repositoryId}/${sourceName}:${source.imageTag}`;
            const environment = Object.fromEntries(j.uses.services.flatMap((u) => {
                const uri = built.runs.get(u)?.uri;
                return uri ? [[`${u.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_URL`, uri]] : [];
            }));
            const run = new GcpJob(`${name}-job-${j.name}`, {
                naming: spec.naming,
                project: g.project,
                region: g.region,
                job: j,
                image,
                connectorId: built.network.connectorId,
                environment,
                secrets: Object.fromEntries(j.secrets.map((s) => [s, built.secrets!.byName[s]])),
                repository: source.image ? undefined : { location: built.registry.repository.location, name: built.registry.repository.name },
                scheduled: j.schedule?.clouds.includes("gcp") ?? false,
                dependsOn: [...built.apis.for("run", "iam"), ...schedulerApi],
            }, { parent: this });
            return { name: j.name, run };
        });
    }
}
