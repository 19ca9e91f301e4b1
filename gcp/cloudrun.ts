import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, serviceAccountId, type NamingContext } from "../components/naming";
import type { ResolvedService } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { grantLinks, type ServiceLinks } from "./links";
import { secretEnvName } from "./secrets";

/** Cloud Run ingress per exposure: public services only through the load balancer (so the run.app URL cannot bypass Cloud Armor). */
export const INGRESS = {
    public: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
    internal: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    none: "INGRESS_TRAFFIC_INTERNAL_ONLY",
} as const;

/** Roles every runtime identity needs on the project: write its logs and metrics. */
export const RUNTIME_PROJECT_ROLES = ["roles/logging.logWriter", "roles/monitoring.metricWriter"] as const;

export { serviceAccountId };

/** How a Cloud Run service, worker pool or job reaches the VPC: direct VPC egress on the subnet, or the connector. */
export function vpcAccessOf(
    via: { directVpc?: { network: pulumi.Input<string>; subnetwork: pulumi.Input<string> }; connectorId?: pulumi.Input<string> },
    egress: "PRIVATE_RANGES_ONLY" | "ALL_TRAFFIC",
) {
    if (via.directVpc) return { networkInterfaces: [{ network: via.directVpc.network, subnetwork: via.directVpc.subnetwork }], egress };
    return { connector: via.connectorId, egress };
}

export interface CloudRunServiceArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Project of the IAM bindings. */
    project: string;
    /** Region the service runs in. */
    region: string;
    /** The resolved service (port, routes, exposure, health check, gcp sizing, env, secrets). */
    service: ResolvedService;
    /** Image reference: the service's own `image`, or the registry's `<url>/<service>:<tag>`. */
    image: pulumi.Input<string>;
    /** Serverless VPC Access connector id (egress: connector). Exactly one of connectorId and directVpc. */
    connectorId?: pulumi.Input<string>;
    /** Direct VPC egress: the network and subnet instances take their IPs from (egress: direct). */
    directVpc?: { network: pulumi.Input<string>; subnetwork: pulumi.Input<string> };
    /** What the service uses (gcp/links.ts): env vars, secret env refs and the grants they need. */
    links?: ServiceLinks;
    /** Which egress goes to the VPC. ALL_TRAFFIC is needed to call INTERNAL_ONLY services. @default "PRIVATE_RANGES_ONLY" */
    egress?: "PRIVATE_RANGES_ONLY" | "ALL_TRAFFIC";
    /** The Secret Manager secrets this service reads (only its own), by application secret name. */
    secrets?: Readonly<Record<string, gcp.secretmanager.Secret>>;
    /** Artifact Registry repository the images come from, for a repository-scoped reader grant. */
    repository?: { location: pulumi.Input<string>; name: pulumi.Input<string> };
    /** Let Pulumi delete the service (stateless: its images stay in the registry). @default false */
    deletionProtection?: boolean;
    /** Resources (project APIs) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: {
        service?: Transform<gcp.cloudrunv2.ServiceArgs>;
        workerPool?: Transform<gcp.cloudrunv2.WorkerPoolArgs>;
        serviceAccount?: Transform<gcp.serviceaccount.AccountArgs>;
    };
}

/**
 * One app service on Cloud Run (v2) with its own service account.
 *
 * - A service with a port is a Cloud Run service: request-based autoscaling between
 *   min/max instances, HTTP startup + liveness probes on the health check path, ingress from
 *   the load balancer only (public) or from the VPC only (internal), and `allUsers` invoker
 *   only when public (the load balancer's serverless NEG forwards unauthenticated requests;
 *   ingress still keeps the run.app URL closed).
 * - A worker (no port) is a Cloud Run worker pool: no URL, no ingress, no request-based
 *   scaling (it would never see a request), `minInstances` instances running (at least one).
 *
 * The identity gets only what it uses: log and metric writers on the project, secret accessor
 * on its own secrets, reader on the image repository.
 */
export class CloudRunService extends pulumi.ComponentResource {
    readonly serviceAccount: gcp.serviceaccount.Account;
    readonly service?: gcp.cloudrunv2.Service;
    readonly workerPool?: gcp.cloudrunv2.WorkerPool;
    /** The Cloud Run resource name (for NEGs, IAM and monitoring filters). */
    readonly runName: string;
    /** https://...run.app URL, undefined for workers. */
    readonly uri?: pulumi.Output<string>;
    readonly serviceAccountEmail: pulumi.Output<string>;

    private readonly args: CloudRunServiceArgs;
    private readonly name: string;

    constructor(name: string, args: CloudRunServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:CloudRunService", name, {}, opts);
        this.args = args;
        this.name = name;
        const svc = args.service;
        this.runName = physicalName(args.naming, svc.name, "cloudRun");
        this.serviceAccount = this.createServiceAccount(name);
        this.serviceAccountEmail = this.serviceAccount.email;
        const grants = this.grantRoles(name);
        if (svc.port !== undefined) {
            this.service = this.createService(name, svc.port, grants);
            this.uri = this.service.uri;
            if (svc.expose === "public") {
                new gcp.cloudrunv2.ServiceIamMember(`${name}-public-invoker`, {
                    project: args.project,
                    location: args.region,
                    name: this.service.name,
                    role: "roles/run.invoker",
                    member: "allUsers",
                }, { parent: this });
            }
        } else {
            this.workerPool = this.createWorkerPool(name, grants);
        }
        this.registerOutputs({ uri: this.uri, serviceAccountEmail: this.serviceAccountEmail });
    }

    /** Lets another service's identity call this one (needed when ingress is INTERNAL_ONLY and no allUsers). */
    allowInvoker(callerName: string, callerEmail: pulumi.Input<string>): gcp.cloudrunv2.ServiceIamMember | undefined {
        if (!this.service) return undefined;
        return new gcp.cloudrunv2.ServiceIamMember(`${this.name}-invoker-${callerName}`, {
            project: this.args.project,
            location: this.args.region,
            name: this.service.name,
            role: "roles/run.invoker",
            member: pulumi.interpolate`serviceAccount:${callerEmail}`,
        }, { parent: this });
    }

    private createServiceAccount(name: string): gcp.serviceaccount.Account {
        const [n, a, o] = applyTransform<gcp.serviceaccount.AccountArgs>(this.args.transform?.serviceAccount, `${name}-sa`, {
            accountId: serviceAccountId(this.args.naming, this.args.service.name),
            displayName: `Cloud Run runtime identity of ${this.runName}`,
        }, { parent: this, dependsOn: this.args.dependsOn });
        return new gcp.serviceaccount.Account(n, a, o);
    }

    private grantRoles(name: string): pulumi.Resource[] {
        const member = pulumi.interpolate`serviceAccount:${this.serviceAccount.email}`;
        const grants: pulumi.Resource[] = RUNTIME_PROJECT_ROLES.map((role) => new gcp.projects.IAMMember(`${name}-${role.split(".").pop()}`, {
            project: this.args.project, role, member,
        }, { parent: this }));
        for (const [secretName, secret] of Object.entries(this.args.secrets ?? {})) {
            grants.push(new gcp.secretmanager.SecretIamMember(`${name}-secret-${secretName}`, {
                secretId: secret.id, role: "roles/secretmanager.secretAccessor", member,
            }, { parent: this }));
        }
        if (this.args.links) grants.push(...grantLinks(name, this.args.links, { project: this.args.project, member }, this));
        if (this.args.repository) {
            grants.push(new gcp.artifactregistry.RepositoryIamMember(`${name}-registry-reader`, {
                project: this.args.project,
                location: this.args.repository.location,
                repository: this.args.repository.name,
                role: "roles/artifactregistry.reader",
                member,
            }, { parent: this }));
        }
        return grants;
    }

    private envs(): gcp.types.input.cloudrunv2.ServiceTemplateContainerEnv[] {
        const plain = Object.entries(this.args.service.environment).map(([k, value]) => ({ name: k, value }));
        const secret = Object.entries(this.args.secrets ?? {}).map(([secretName, s]) => ({
            name: secretEnvName(secretName),
            valueSource: { secretKeyRef: { secret: s.secretId, version: "latest" } },
        }));
        const links = this.args.links;
        const linked = links ? Object.entries(links.environment).map(([k, value]) => ({ name: k, value })) : [];
        const linkedSecret = links ? Object.entries(links.secretEnv).map(([k, s]) => ({
            name: k,
            valueSource: { secretKeyRef: { secret: s.secretId, version: "latest" } },
        })) : [];
        return [...plain, ...linked, ...secret, ...linkedSecret];
    }

    /** Connector or direct VPC egress (network interfaces on the subnet). */
    private vpcAccess() {
        return vpcAccessOf(this.args, this.args.egress ?? "PRIVATE_RANGES_ONLY");
    }

    private createService(name: string, port: number, grants: pulumi.Resource[]): gcp.cloudrunv2.Service {
        const svc = this.args.service;
        const g = svc.gcp;
        const hc = svc.healthCheck;
        // Cloud Run limits: startup period <= 240 s, timeout <= period.
        const startupPeriod = Math.min(hc.interval, 240);
        const [n, a, o] = applyTransform<gcp.cloudrunv2.ServiceArgs>(this.args.transform?.service, `${name}-service`, {
            name: this.runName,
            location: this.args.region,
            ingress: INGRESS[svc.expose],
            deletionProtection: this.args.deletionProtection ?? false,
            template: {
                serviceAccount: this.serviceAccount.email,
                scaling: { minInstanceCount: g.minInstances, maxInstanceCount: g.maxInstances },
                maxInstanceRequestConcurrency: g.concurrency,
                executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                vpcAccess: this.vpcAccess(),
                containers: [{
                    image: this.args.image,
                    // ECS `command` replaces the image's CMD; on Cloud Run that is `args`.
                    args: svc.command ? [...svc.command] : undefined,
                    ports: { containerPort: port, name: "http1" },
                    resources: { limits: { cpu: g.cpu, memory: g.memory }, cpuIdle: g.cpuIdle, startupCpuBoost: g.startupCpuBoost },
                    envs: this.envs(),
                    startupProbe: {
                        httpGet: { path: hc.path, port },
                        periodSeconds: startupPeriod,
                        timeoutSeconds: Math.min(hc.timeout, startupPeriod),
                        // Give the app the grace period the AWS side gives it before failing the revision.
                        failureThreshold: Math.max(hc.unhealthyThreshold, Math.ceil(hc.gracePeriod / startupPeriod)),
                    },
                    livenessProbe: {
                        httpGet: { path: hc.path, port },
                        periodSeconds: hc.interval,
                        timeoutSeconds: hc.timeout,
                        failureThreshold: hc.unhealthyThreshold,
                    },
                }],
            },
        }, { parent: this, dependsOn: [...(this.args.dependsOn ?? []), ...grants] });
        return new gcp.cloudrunv2.Service(n, a, o);
    }

    private createWorkerPool(name: string, grants: pulumi.Resource[]): gcp.cloudrunv2.WorkerPool {
        const svc = this.args.service;
        const g = svc.gcp;
        const [n, a, o] = applyTransform<gcp.cloudrunv2.WorkerPoolArgs>(this.args.transform?.workerPool, `${name}-worker`, {
            name: this.runName,
            location: this.args.region,
            // Worker pools are in beta; they have no URL and no autoscaling (https://cloud.google.com/run/docs/deploy-worker-pools).
            launchStage: "BETA",
            deletionProtection: this.args.deletionProtection ?? false,
            scaling: { scalingMode: "MANUAL", manualInstanceCount: Math.max(1, g.minInstances) },
            template: {
                serviceAccount: this.serviceAccount.email,
                vpcAccess: this.vpcAccess(),
                containers: [{
                    image: this.args.image,
                    args: svc.command ? [...svc.command] : undefined,
                    resources: { limits: { cpu: g.cpu, memory: g.memory } },
                    envs: this.envs(),
                }],
            },
        }, { parent: this, dependsOn: [...(this.args.dependsOn ?? []), ...grants] });
        return new gcp.cloudrunv2.WorkerPool(n, a, o);
    }
}
