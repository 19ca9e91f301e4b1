import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedBucket } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { generatedSecret } from "./secrets";

export interface StorageBucketArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Project id: part of the globally unique bucket name. */
    project: string;
    /** Project number, for the Cloud CDN fill service agent of a CDN bucket. */
    projectNumber: pulumi.Input<string>;
    /** Region the bucket lives in. */
    region: string;
    /** The resolved bucket (versioning, lifecycle, cdn, forceDestroy, CMEK key). */
    bucket: ResolvedBucket;
    /** Pulumi `protect` on the bucket and its signing key secret (prod). */
    protect: boolean;
    /** Resources (the Storage and Compute APIs) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: { bucket?: Transform<gcp.storage.BucketArgs>; backendBucket?: Transform<gcp.compute.BackendBucketArgs> };
}

/** A CDN bucket as the load balancer needs it. */
export interface CdnBackend {
    /** Bucket name from the config. */
    name: string;
    /** Backend bucket id for the URL map. */
    backendBucketId: pulumi.Output<string>;
    /** URL map path served from the bucket, e.g. "/assets/*" (the prefix is stripped before the lookup). */
    path: string;
}

/**
 * A Cloud Storage bucket: uniform bucket-level access, public access prevention enforced,
 * versioning and lifecycle from the same keys as the S3 bucket (IA → Nearline), optional CMEK.
 *
 * With `cdn`, a backend bucket with Cloud CDN serves it on the global load balancer at
 * `/<name>/*`. The bucket stays private: public access prevention forbids allUsers, so Cloud
 * CDN reads it as its fill service agent (objectViewer on this bucket only) and serves only
 * signed requests (signed URLs or cookies), with a signing key kept in Secret Manager
 * (https://cloud.google.com/cdn/docs/using-signed-urls#configure_permissions). Unsigned public
 * reads would need allUsers on the bucket, which this project never grants.
 */
export class StorageBucket extends pulumi.ComponentResource {
    readonly bucket: gcp.storage.Bucket;
    readonly bucketName: pulumi.Output<string>;
    readonly cdn?: CdnBackend & { keyName: string; keySecret: gcp.secretmanager.Secret };

    constructor(name: string, args: StorageBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:StorageBucket", name, {}, opts);
        const b = args.bucket;
        this.bucket = this.createBucket(name, args);
        this.bucketName = this.bucket.name;
        if (b.cdn) this.cdn = this.createCdn(name, args);
        this.registerOutputs({ bucketName: this.bucketName });
    }

    private createBucket(name: string, args: StorageBucketArgs): gcp.storage.Bucket {
        const b = args.bucket;
        const rules: gcp.types.input.storage.BucketLifecycleRule[] = [];
        if (b.lifecycle?.transitionToIaDays !== undefined) {
            rules.push({ action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: b.lifecycle.transitionToIaDays, matchesStorageClasses: ["STANDARD"] } });
        }
        if (b.lifecycle?.expireDays !== undefined) {
            rules.push({ action: { type: "Delete" }, condition: { age: b.lifecycle.expireDays } });
            if (b.versioning) rules.push({ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: b.lifecycle.expireDays, withState: "ARCHIVED" } });
        }
        const [n, a, o] = applyTransform<gcp.storage.BucketArgs>(args.transform?.bucket, `${name}-bucket`, {
            name: physicalName(args.naming, `${b.name}-${args.project}`, "gcp"),
            location: args.region.toUpperCase(),
            storageClass: "STANDARD",
            uniformBucketLevelAccess: true,
            publicAccessPrevention: "enforced",
            versioning: { enabled: b.versioning },
            lifecycleRules: rules,
            encryption: b.gcpKmsKeyName ? { defaultKmsKeyName: b.gcpKmsKeyName } : undefined,
            forceDestroy: b.forceDestroy,
        }, { parent: this, dependsOn: args.dependsOn, protect: args.protect });
        return new gcp.storage.Bucket(n, a, o);
    }

    private createCdn(name: string, args: StorageBucketArgs): CdnBackend & { keyName: string; keySecret: gcp.secretmanager.Secret } {
        const b = args.bucket;
        const [n, a, o] = applyTransform<gcp.compute.BackendBucketArgs>(args.transform?.backendBucket, `${name}-backend`, {
            name: physicalName(args.naming, `${b.name}-cdn`, "gcp"),
            bucketName: this.bucket.name,
            enableCdn: true,
            cdnPolicy: {
                cacheMode: "CACHE_ALL_STATIC",
                defaultTtl: 3600,
                maxTtl: 86400,
                clientTtl: 3600,
                signedUrlCacheMaxAgeSec: 3600,
                serveWhileStale: 86400,
            },
            compressionMode: "AUTOMATIC",
        }, { parent: this, dependsOn: args.dependsOn });
        const backend = new gcp.compute.BackendBucket(n, a, o);
        // 128-bit key, base64url (RFC 4648 section 5), as Cloud CDN signed URL keys require.
        const keyBytes = new random.RandomId(`${name}-cdn-key-bytes`, { byteLength: 16 }, { parent: this });
        const keyValue = pulumi.secret(pulumi.interpolate`${keyBytes.b64Url}==`);
        const keyName = "key1";
        const key = new gcp.compute.BackendBucketSignedUrlKey(`${name}-cdn-key`, {
            name: keyName,
            backendBucket: backend.name,
            keyValue,
        }, { parent: this });
        const keySecret = generatedSecret(`${name}-cdn-key-secret`, {
            naming: args.naming, role: `${b.name}-cdn-key`, value: keyValue, protect: args.protect, dependsOn: args.dependsOn,
        }, this);
        // Google creates the fill service agent with the first signing key; grant it only after that.
        new gcp.storage.BucketIAMMember(`${name}-cdn-fill-reader`, {
            bucket: this.bucket.name,
            role: "roles/storage.objectViewer",
            member: pulumi.interpolate`serviceAccount:service-${args.projectNumber}@cloud-cdn-fill.iam.gserviceaccount.com`,
        }, { parent: this, dependsOn: [key] });
        return { name: b.name, backendBucketId: backend.id, path: `/${b.name}/*`, keyName, keySecret };
    }
}
