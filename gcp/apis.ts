import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, type Transform } from "../components/transform";

/** The Google APIs the GCP stack uses, by short name. */
export const GCP_APIS = {
    run: "run.googleapis.com",
    compute: "compute.googleapis.com",
    artifactregistry: "artifactregistry.googleapis.com",
    containerscanning: "containerscanning.googleapis.com",
    vpcaccess: "vpcaccess.googleapis.com",
    monitoring: "monitoring.googleapis.com",
    logging: "logging.googleapis.com",
    secretmanager: "secretmanager.googleapis.com",
    iam: "iam.googleapis.com",
    // Enabled only when used (GcpStack passes `apis`): DNS-authorized certificates, Cloud DNS records, the data tier.
    certificatemanager: "certificatemanager.googleapis.com",
    dns: "dns.googleapis.com",
    sqladmin: "sqladmin.googleapis.com",
    redis: "redis.googleapis.com",
    servicenetworking: "servicenetworking.googleapis.com",
    storage: "storage.googleapis.com",
} as const;

/** APIs every GCP stack enables; the others only when a feature needs them. */
export const BASE_APIS: readonly GcpApi[] = ["run", "compute", "artifactregistry", "containerscanning", "vpcaccess", "monitoring", "logging", "secretmanager", "iam"];

export type GcpApi = keyof typeof GCP_APIS;

export interface ProjectApisArgs {
    /** Project the APIs are enabled in. */
    project: string;
    /** Short names of the APIs to enable. @default BASE_APIS */
    apis?: readonly GcpApi[];
    /** Per-child overrides, applied to every enabled API. */
    transform?: { service?: Transform<gcp.projects.ServiceArgs> };
}

/**
 * Enables the project's APIs. `disableOnDestroy: false`: other stacks and people share the
 * project, and disabling an API on destroy would break them (and takes minutes to undo).
 */
export class ProjectApis extends pulumi.ComponentResource {
    readonly services: Readonly<Partial<Record<GcpApi, gcp.projects.Service>>>;

    constructor(name: string, args: ProjectApisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:ProjectApis", name, {}, opts);
        const services: Partial<Record<GcpApi, gcp.projects.Service>> = {};
        for (const api of args.apis ?? BASE_APIS) {
            services[api] = new gcp.projects.Service(...applyTransform<gcp.projects.ServiceArgs>(args.transform?.service, `${name}-${api}`, {
                project: args.project,
                service: GCP_APIS[api],
                disableOnDestroy: false,
                disableDependentServices: false,
            }, { parent: this }));
        }
        this.services = services;
        this.registerOutputs({});
    }

    /** The API resources a child must wait for (for its `dependsOn`). */
    for(...apis: GcpApi[]): gcp.projects.Service[] {
        return apis.map((a) => this.services[a]).filter((s): s is gcp.projects.Service => s !== undefined);
    }
}
