import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { DnsWriter } from "../components/dns";
import { physicalName } from "../components/naming";
import type { ResolvedConfig } from "../components/spec";
import { BASE_APIS, ProjectApis, type GcpApi } from "./apis";
import { StorageBucket } from "./bucket";
import { Memorystore } from "./cache";
import { DnsAuthorizedCertificate } from "./certificate";
import { CloudRunService } from "./cloudrun";
import { CloudSql } from "./database";
import { GcpImageBuilds } from "./images";
import { GcpJob } from "./job";
import { linksFor, type GcpStores } from "./links";
import { PrivateServiceAccess } from "./private-access";
import { GlobalLoadBalancer, type LbDomain } from "./loadbalancer";
import { Monitoring } from "./monitoring";
import { Network, type GcpNetworkRef } from "./network";
import { Registry } from "./registry";
import { routeFor } from "./routes";
import { Secrets } from "./secrets";

export interface GcpStackArgs {
    /** The resolved application description. Must have `gcp` set. */
    spec: ResolvedConfig;
    /** Writes records into the domain's zone (Route 53 or Cloud DNS). Without it (a GCP-only stack without domain.dns) no record is written and the certificate is authorized by the load balancer. */
    dns?: DnsWriter;
}

/**
 * Everything the app needs on GCP. The GCP provider (project, region, default labels) comes
 * from the caller through `opts.providers`.
 *
 * Build order: project APIs → network (VPC, subnet, connector or direct egress, NAT) →
 * Private Service Access → Cloud SQL, Memorystore, Cloud Storage → registry and secrets → one
 * CloudRunService per service, linked to what it uses (gcp/links.ts: env, secret refs, grants)
 * → invoker grants between services → global load balancer over the public services and CDN
 * buckets → monitoring on the LB and services.
 */
export class GcpStack extends pulumi.ComponentResource {
    /** Stack outputs for this cloud, grouped under `gcp` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;
    /** The global load balancer, when a service is public (target of cross-cloud DNS routing). */
    readonly loadBalancer?: GlobalLoadBalancer;

    constructor(name: string, args: GcpStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Stack", name, {}, opts);
        const spec = args.spec;
        const g = spec.gcp;
        if (!g) throw new Error("GcpStack needs spec.gcp (clouds must include gcp)");
        const naming = spec.naming;

        const publicServices = spec.services.filter((s) => s.expose === "public" && s.routes.length > 0);
        const dnsAuthorized = !!spec.domain && !!args.dns && publicServices.length > 0;
        const hasPrivateStores = !!spec.database || !!spec.cache;
        const apiList: GcpApi[] = [
            ...BASE_APIS,
            ...(hasPrivateStores ? ["servicenetworking" as const] : []),
            ...(spec.database ? ["sqladmin" as const] : []),
            ...(spec.cache ? ["redis" as const] : []),
            ...(spec.buckets.length > 0 ? ["storage" as const] : []),
            ...(dnsAuthorized ? ["certificatemanager" as const] : []),
            ...(spec.domain?.dns === "clouddns" ? ["dns" as const] : []),
        ];
        const apis = new ProjectApis(`${name}-apis`, { project: g.project, ...(apiList.length > BASE_APIS.length ? { apis: apiList } : {}) }, { parent: this });
        const direct = g.network.egress === "direct";
        const existing = g.network.existing;
        const network: GcpNetworkRef = existing ? { networkId: existing.network, subnetId: existing.subnetwork } : new Network(`${name}-network`, {
            naming,
            region: g.region,
            subnetCidr: g.network.subnetCidr,
            connector: direct ? undefined : g.network.connector,
            nat: g.network.nat,
            dependsOn: apis.for("compute", "vpcaccess"),
        }, { parent: this });
        // Only peer URLs and the CDN fill agent need the project number: no lookup otherwise.
        const callsPeers = (consumer: string) => spec.links.some((l) => l.from === consumer && l.kind === "service");
        const needsNumber = spec.links.some((l) => l.kind === "service") || spec.buckets.some((b) => b.cdn);
        const projectNumber = needsNumber
            ? gcp.organizations.getProjectOutput({ projectId: g.project }, { parent: this }).apply((p) => p.number ?? "")
            : pulumi.output("");
        const stores = this.createStores(name, spec, network, projectNumber, apis);
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
            ? new Secrets(`${name}-secrets`, { naming, names: spec.secrets, values: spec.secretValues, dependsOn: apis.for("secretmanager"), protect: spec.protectStateful }, { parent: this })
            : undefined;
        const builds = Object.fromEntries([...spec.services, ...spec.jobs].filter((x) => x.build).map((x) => [x.name, x.build!]));
        const imageRefs = Object.keys(builds).length === 0 ? {} : new GcpImageBuilds(`${name}-images`, {
            builds,
            registryUrl: registry.url,
            registryHost: `${g.region}-docker.pkg.dev`,
            tag: spec.release ?? "latest",
        }, { parent: this, dependsOn: [registry] }).refs;

        const runs = new Map<string, CloudRunService>();
        for (const svc of spec.services) {
            runs.set(svc.name, new CloudRunService(`${name}-${svc.name}`, {
                naming,
                project: g.project,
                region: g.region,
                service: svc,
                image: imageRefs[svc.name] ?? svc.image ?? `${g.region}-docker.pkg.dev/${g.project}/${registry.repositoryId}/${svc.name}:${svc.imageTag}`,
                connectorId: network.connectorId,
                directVpc: direct ? { network: network.networkId, subnetwork: network.subnetId } : undefined,
                links: linksFor(spec.links.filter((l) => l.from === svc.name && l.fromKind === "service"), stores),
                // Every peer's ingress is internal (INTERNAL_ONLY or INTERNAL_LOAD_BALANCER): its run.app URL
                // counts a call as internal only when it arrives through the VPC.
                egress: callsPeers(svc.name) ? "ALL_TRAFFIC" : "PRIVATE_RANGES_ONLY",
                secrets: Object.fromEntries(svc.secrets.map((s) => [s, secrets!.byName[s]])),
                repository: svc.image ? undefined : { location: registry.repository.location, name: registry.repository.name },
                dependsOn: apis.for("run", "iam"),
            }, { parent: this }));
        }
        // A peer link: the caller's identity may invoke exactly the services it uses.
        for (const link of spec.links.filter((l) => l.kind === "service" && l.fromKind === "service")) runs.get(link.to)?.allowInvoker(link.from, runs.get(link.from)!.serviceAccountEmail);
        const jobs = this.createJobs(name, spec, { network, registry, secrets, imageRefs, runs, apis, stores, direct });

        const lb = publicServices.length > 0 ? new GlobalLoadBalancer(`${name}-lb`, {
            naming,
            region: g.region,
            backends: publicServices.map((s) => ({ name: s.name, runName: runs.get(s.name)!.service!.name, routes: s.routes, cdn: s.gcp.cdn })),
            buckets: Object.values(stores.buckets).flatMap((b) => (b.cdn ? [b.cdn] : [])),
            domain: this.lbDomain(name, spec, dnsAuthorized ? args.dns : undefined, apis),
            armor: g.armor,
            // RESTRICTED: TLS 1.2+ with the strongest cipher suites only (prod); MODERN elsewhere.
            sslProfile: spec.environment === "prod" ? "RESTRICTED" : "MODERN",
            dependsOn: apis.for("compute"),
        }, { parent: this }) : undefined;
        this.loadBalancer = lb;
        if (lb && dnsAuthorized) this.pointNames(name, spec, lb, args.dns!);
        // GCP's own host on a both-clouds stack: uptime checks must probe GCP, not whatever the main name routes to.
        const probeHost = spec.domain?.hosts.gcp ?? spec.domain?.name;

        new Monitoring(`${name}-monitoring`, {
            naming,
            project: g.project,
            email: spec.alerts.email,
            services: spec.services.filter((s) => s.port !== undefined).map((s) => ({ name: s.name, runName: runs.get(s.name)!.runName, maxInstances: s.gcp.maxInstances })),
            // Only health paths the URL map really sends to the service: anything else would probe another service.
            uptime: lb ? publicServices.filter((s) => routeFor(lb.urlMapPlan, s.healthCheck.path) === s.name).map((s) => ({
                name: s.name,
                host: probeHost ?? lb.ipAddress,
                path: s.healthCheck.path,
                https: spec.domain !== undefined,
            })) : [],
            evaluationMinutes: spec.alerts.evaluationPeriods,
            dependsOn: apis.for("monitoring"),
        }, { parent: this });

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
            ...(stores.database ? { database: { privateIp: stores.database.privateIp, connectionName: stores.database.connectionName, passwordSecret: stores.database.passwordSecret.secretId } } : {}),
            ...(stores.cache ? { cache: { host: stores.cache.host, port: stores.cache.port, authSecret: stores.cache.authSecret.secretId } } : {}),
            ...(spec.buckets.length > 0 ? { buckets: Object.fromEntries(Object.entries(stores.buckets).map(([k, b]) => [k, b.bucketName])) } : {}),
            ...(spec.buckets.some((b) => b.cdn) ? { cdnPaths: Object.fromEntries(Object.values(stores.buckets).flatMap((b) => (b.cdn ? [[b.cdn.name, b.cdn.path]] : []))) } : {}),
        };
        this.registerOutputs(this.outputs);
    }

    /** The names the load balancer serves and their certificate: DNS-authorized when records can be written. */
    private lbDomain(name: string, spec: ResolvedConfig, dns: DnsWriter | undefined, apis: ProjectApis): LbDomain | undefined {
        const d = spec.domain;
        if (!d) return undefined;
        if (!dns) return { name: d.name, aliases: d.aliases };
        // The main names stay on the certificate whatever the routing, so moving traffic here never waits for one.
        const hosts = [d.name, ...d.aliases, ...(d.hosts.gcp ? [d.hosts.gcp] : [])];
        const cert = new DnsAuthorizedCertificate(`${name}-cert`, {
            naming: spec.naming,
            project: spec.gcp!.project,
            hosts,
            records: dns,
            dependsOn: apis.for("certificatemanager"),
        }, { parent: this });
        return { name: d.name, aliases: d.aliases, certificateMap: cert.mapReference, urlHost: d.hosts.gcp ?? d.name };
    }

    /** A records to the load balancer IP: GCP's own host, and the main names when routing sends them here. */
    private pointNames(name: string, spec: ResolvedConfig, lb: GlobalLoadBalancer, dns: DnsWriter) {
        const d = spec.domain!;
        // Names stay put when routing changes: the own host's record never becomes a main name's.
        if (d.hosts.gcp) dns.write(`${name}-dns-own-a`, { name: d.hosts.gcp, type: "A", values: [lb.ipAddress] }, this);
        if (d.routing !== "gcp") return;
        [d.name, ...d.aliases].forEach((host, i) => dns.write(`${name}-dns-${i + 1}-a`, { name: host, type: "A", values: [lb.ipAddress] }, this));
    }

    /** Jobs (gcp/job.ts): consumers like services, with the same links, grants and egress. */
    private createJobs(name: string, spec: ResolvedConfig, built: {
        network: GcpNetworkRef;
        registry: Registry;
        secrets?: Secrets;
        imageRefs: Readonly<Record<string, pulumi.Output<string>>>;
        runs: Map<string, CloudRunService>;
        apis: ProjectApis;
        stores: GcpStores;
        direct: boolean;
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
            const links = linksFor(spec.links.filter((l) => l.from === j.name && l.fromKind === "job"), built.stores);
            const run = new GcpJob(`${name}-job-${j.name}`, {
                naming: spec.naming,
                project: g.project,
                region: g.region,
                job: j,
                image,
                connectorId: built.direct ? undefined : built.network.connectorId,
                directVpc: built.direct ? { network: built.network.networkId, subnetwork: built.network.subnetId } : undefined,
                links,
                secrets: Object.fromEntries(j.secrets.map((s) => [s, built.secrets!.byName[s]])),
                repository: source.image ? undefined : { location: built.registry.repository.location, name: built.registry.repository.name },
                scheduled: j.schedule?.clouds.includes("gcp") ?? false,
                dependsOn: [...built.apis.for("run", "iam"), ...schedulerApi],
            }, { parent: this });
            // The job's identity may invoke exactly the services it uses.
            for (const peer of links.peers) built.runs.get(peer)?.allowInvoker(`job-${j.name}`, run.serviceAccount.email);
            return { name: j.name, run };
        });
    }

    /** Private Service Access, Cloud SQL, Memorystore and buckets: what services link to. */
    private createStores(name: string, spec: ResolvedConfig, network: GcpNetworkRef, projectNumber: pulumi.Output<string>, apis: ProjectApis): GcpStores {
        const g = spec.gcp!;
        const protect = spec.protectStateful;
        const psa = spec.database || spec.cache ? new PrivateServiceAccess(`${name}-psa`, {
            naming: spec.naming,
            networkId: network.networkId,
            cidr: g.network.privateServicesCidr,
            dependsOn: apis.for("servicenetworking", "compute"),
        }, { parent: this }) : undefined;
        const database = spec.database && psa ? new CloudSql(`${name}-sql`, {
            naming: spec.naming,
            region: g.region,
            database: spec.database,
            networkId: network.networkId,
            allocatedIpRange: psa.rangeName,
            protect,
            dependsOn: [psa.connection, ...apis.for("sqladmin", "secretmanager")],
        }, { parent: this }) : undefined;
        const cache = spec.cache && psa ? new Memorystore(`${name}-redis`, {
            naming: spec.naming,
            region: g.region,
            cache: spec.cache,
            networkId: network.networkId,
            reservedIpRange: psa.rangeName,
            protect,
            dependsOn: [psa.connection, ...apis.for("redis", "secretmanager")],
        }, { parent: this }) : undefined;
        const buckets = Object.fromEntries(spec.buckets.map((b) => [b.name, new StorageBucket(`${name}-bucket-${b.name}`, {
            naming: spec.naming,
            project: g.project,
            projectNumber,
            region: g.region,
            bucket: b,
            protect,
            dependsOn: apis.for("storage", "compute", "secretmanager"),
        }, { parent: this })]));
        // Cloud Run's deterministic URL (https://cloud.google.com/run/docs/triggering/https-request#deterministic):
        // known before the peer exists, so two services that use each other form no dependency cycle.
        const peerUrl = (service: string) => pulumi.interpolate`https://${physicalName(spec.naming, service, "cloudRun")}-${projectNumber}.${g.region}.run.app`;
        return { database, cache, buckets, peerUrl };
    }
}
