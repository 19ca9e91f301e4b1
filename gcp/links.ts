import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { bucketEnvName, peerUrlEnvName } from "../components/env-names";
import type { ResolvedService } from "../components/spec";
import type { StorageBucket } from "./bucket";
import type { Memorystore } from "./cache";
import type { CloudSql } from "./database";

/** What a service can be linked to on GCP. */
export interface GcpStores {
    database?: CloudSql;
    cache?: Memorystore;
    buckets: Readonly<Record<string, StorageBucket>>;
    /** Base URL of a peer Cloud Run service (deterministic, so mutual links form no cycle). */
    peerUrl: (service: string) => pulumi.Input<string>;
}

/** Everything one service gets from what it uses, before any resource is created. */
export interface ServiceLinks {
    /** Plain environment variables (never secret values). */
    environment: Record<string, pulumi.Input<string>>;
    /** Secret environment variables: name → the Secret Manager secret (latest version). */
    secretEnv: Record<string, gcp.secretmanager.Secret>;
    /** The Cloud SQL instance it connects to (roles/cloudsql.client, conditioned on it). */
    cloudSqlInstance?: pulumi.Output<string>;
    /** Buckets it reads and writes: config name → physical name (roles/storage.objectUser on each). */
    buckets: Record<string, pulumi.Output<string>>;
    /** Peer services it calls (roles/run.invoker on each, granted on the peer). */
    peers: string[];
}

/**
 * Variables GCP adds beyond the shared contract: the Memorystore server CA, which clients need
 * to verify TLS (ElastiCache's certificate chains to a public CA, Memorystore's does not), and
 * the Cloud CDN signing key of a CDN bucket (Cloud CDN serves a private bucket only to signed
 * requests).
 */
export const GCP_ONLY_ENV = ["REDIS_CA_CERT"] as const;
export const cdnKeyEnvNames = (bucket: string) => ({ key: `${bucketEnvName(bucket)}_CDN_KEY`, keyName: `${bucketEnvName(bucket)}_CDN_KEY_NAME` });

/**
 * The one place a service's `uses` become GCP wiring: env vars with the contract's names
 * (components/env-names.ts, the same as on AWS), secret env refs, and the grants to make.
 */
export function linksFor(svc: ResolvedService, stores: GcpStores): ServiceLinks {
    const links: ServiceLinks = { environment: {}, secretEnv: {}, buckets: {}, peers: [] };
    const db = stores.database;
    if (svc.uses.database && db) {
        links.environment.DATABASE_HOST = db.privateIp;
        links.environment.DATABASE_PORT = String(db.port);
        links.environment.DATABASE_NAME = db.databaseName;
        links.environment.DATABASE_USERNAME = db.username;
        links.secretEnv.DATABASE_PASSWORD = db.passwordSecret;
        links.cloudSqlInstance = db.instance.name;
    }
    const cache = stores.cache;
    if (svc.uses.cache && cache) {
        links.environment.REDIS_HOST = cache.host;
        links.environment.REDIS_PORT = cache.port.apply(String);
        links.environment.REDIS_TLS = "true";
        links.environment.REDIS_CA_CERT = cache.serverCaCert;
        links.secretEnv.REDIS_AUTH_TOKEN = cache.authSecret;
    }
    for (const name of [...new Set([...svc.uses.buckets, ...svc.permissions.buckets])]) {
        const bucket = stores.buckets[name];
        if (!bucket) continue;
        links.environment[bucketEnvName(name)] = bucket.bucketName;
        links.buckets[name] = bucket.bucketName;
        if (bucket.cdn) {
            const env = cdnKeyEnvNames(name);
            links.environment[env.keyName] = bucket.cdn.keyName;
            links.secretEnv[env.key] = bucket.cdn.keySecret;
        }
    }
    for (const peer of svc.uses.services) {
        links.environment[peerUrlEnvName(peer)] = stores.peerUrl(peer);
        links.peers.push(peer);
    }
    return links;
}

/**
 * Creates a service identity's grants for its links, children of `parent` named `<name>-...`.
 * roles/cloudsql.client exists only at project level (Cloud SQL has no per-instance IAM
 * policy), so it carries an IAM condition on the one instance the service uses
 * (https://cloud.google.com/sql/docs/postgres/iam-conditions). Buckets and secrets are granted
 * on the resource itself. The invoker grant lives on the peer (CloudRunService.allowInvoker).
 */
export function grantLinks(name: string, links: ServiceLinks, args: { project: string; member: pulumi.Input<string> }, parent: pulumi.Resource): pulumi.Resource[] {
    const grants: pulumi.Resource[] = [];
    if (links.cloudSqlInstance) {
        grants.push(new gcp.projects.IAMMember(`${name}-cloudsql-client`, {
            project: args.project,
            role: "roles/cloudsql.client",
            member: args.member,
            condition: {
                title: "only-this-instance",
                description: "Cloud SQL client on the stack's instance only",
                expression: pulumi.interpolate`resource.name == "projects/${args.project}/instances/${links.cloudSqlInstance}" && resource.service == "sqladmin.googleapis.com"`,
            },
        }, { parent }));
    }
    for (const [bucketName, physical] of Object.entries(links.buckets)) {
        grants.push(new gcp.storage.BucketIAMMember(`${name}-bucket-${bucketName}`, {
            bucket: physical,
            role: "roles/storage.objectUser",
            member: args.member,
        }, { parent }));
    }
    for (const [envName, secret] of Object.entries(links.secretEnv)) {
        grants.push(new gcp.secretmanager.SecretIamMember(`${name}-link-${envName.toLowerCase().replace(/_/g, "-")}`, {
            secretId: secret.id,
            role: "roles/secretmanager.secretAccessor",
            member: args.member,
        }, { parent }));
    }
    return grants;
}
