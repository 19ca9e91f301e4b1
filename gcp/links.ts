import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { bucketEnvName, CACHE_ENV, DATABASE_ENV, peerEnvNames } from "../components/env-contract";
import type { Link } from "../components/spec";
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
 * The one place a service's links become GCP wiring: env vars with the contract's names
 * (components/env-contract.ts, the same as on AWS), secret env refs, and the grants to make.
 * App secrets are read through CloudRunService's own `secrets` (gcp/secrets.ts); volumes and
 * SES/SNS never reach here (gcp/capabilities.ts refuses them before any resource exists).
 */
export function linksFor(links: readonly Link[], stores: GcpStores): ServiceLinks {
    const out: ServiceLinks = { environment: {}, secretEnv: {}, buckets: {}, peers: [] };
    for (const link of links) {
        if (link.kind === "database" && stores.database) {
            const db = stores.database;
            out.environment[DATABASE_ENV.host] = db.privateIp;
            out.environment[DATABASE_ENV.port] = String(db.port);
            out.environment[DATABASE_ENV.name] = db.databaseName;
            out.environment[DATABASE_ENV.username] = db.username;
            out.secretEnv[DATABASE_ENV.password] = db.passwordSecret;
            out.cloudSqlInstance = db.instance.name;
        } else if (link.kind === "cache" && stores.cache) {
            const cache = stores.cache;
            out.environment[CACHE_ENV.host] = cache.host;
            out.environment[CACHE_ENV.port] = cache.port.apply(String);
            out.environment[CACHE_ENV.tls] = "true";
            out.environment.REDIS_CA_CERT = cache.serverCaCert;
            out.secretEnv[CACHE_ENV.authToken] = cache.authSecret;
        } else if (link.kind === "bucket" && stores.buckets[link.to]) {
            const bucket = stores.buckets[link.to];
            out.environment[bucketEnvName(link.to)] = bucket.bucketName;
            out.buckets[link.to] = bucket.bucketName;
            if (bucket.cdn) {
                const env = cdnKeyEnvNames(link.to);
                out.environment[env.keyName] = bucket.cdn.keyName;
                out.secretEnv[env.key] = bucket.cdn.keySecret;
            }
        } else if (link.kind === "service") {
            out.environment[peerEnvNames(link.to).url] = stores.peerUrl(link.to);
            out.peers.push(link.to);
        }
    }
    return out;
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
