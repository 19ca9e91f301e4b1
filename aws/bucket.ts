import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName, NAME_LIMITS, physicalName, type NamingContext } from "../components/naming";
import type { ResolvedBucket } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { Cdn } from "./cdn";
import { bucketEnvName } from "../components/env-contract";
import { emptyWiring, type LinkConsumer, type LinkGrantor, type ServiceWiring } from "./wiring";

export interface BucketArgs {
    /** App and stage, for the physical name `<app>-<stage>-<bucket>-<accountId>`. */
    naming: NamingContext;
    /** The resolved bucket entry from `platform:buckets`. */
    bucket: ResolvedBucket;
    /** Region of the bucket: grants use its key only through S3 there (kms:ViaService). @default "us-east-1" */
    region?: string;
    /** Account id, appended to the name because bucket names are global. */
    accountId: pulumi.Input<string>;
    /** Customer-managed key, used when `bucket.encryption` is "kms". */
    kmsKeyArn: pulumi.Input<string>;
    /** For a CDN bucket: ACM certificate in us-east-1; without it CloudFront's default certificate. */
    cdnCertificateArn?: pulumi.Input<string>;
    /** For a CDN bucket: host names served (need `cdnCertificateArn`). */
    cdnAliases?: pulumi.Input<string>[];
    /** Pulumi `protect` (prod profile). @default false */
    protect?: boolean;
    /** Per-child overrides. */
    transform?: { bucket?: Transform<aws.s3.BucketArgs>; cdn?: Transform<aws.cloudfront.DistributionArgs> };
}

/** Every bucket we create, whatever it holds: no public ACLs or policies, ever (FSBP S3.1/S3.8). */
export function blockPublicAccess(name: string, bucketId: pulumi.Input<string>, parent: pulumi.Resource): aws.s3.BucketPublicAccessBlock {
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket: bucketId,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, { parent });
}

/** `<app>-<stage>-<bucket>` shortened so `-<12-digit account id>` still fits S3's 63 characters. */
export function bucketNamePrefix(naming: NamingContext, bucket: string): string {
    return fitName(physicalName(naming, bucket, "s3"), NAME_LIMITS.s3 - 13);
}

/**
 * A private S3 bucket: all public access blocked, ACLs disabled (BucketOwnerEnforced), default
 * encryption (SSE-KMS with the stack key and S3 Bucket Keys, or SSE-S3), versioning, a policy that
 * refuses any request not made over TLS, and lifecycle rules. With `cdn`, a CloudFront
 * distribution reads it through Origin Access Control and the policy admits that distribution only.
 */
export class Bucket extends pulumi.ComponentResource implements LinkGrantor {
    readonly bucket: aws.s3.Bucket;
    /** Physical bucket name. */
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /** ARN of the key objects are encrypted with, when SSE-KMS. */
    readonly kmsKeyArn?: pulumi.Input<string>;
    private readonly region: string;
    readonly cdn?: Cdn;

    constructor(name: string, args: BucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Bucket", name, {}, opts);
        const b = args.bucket;
        const prefix = bucketNamePrefix(args.naming, b.name);
        const [n, bucketArgs, bucketOpts] = applyTransform<aws.s3.BucketArgs>(args.transform?.bucket, `${name}-bucket`, {
            bucket: pulumi.interpolate`${prefix}-${args.accountId}`,
            forceDestroy: b.forceDestroy,
            tags: { Name: prefix },
        }, { parent: this, protect: args.protect ?? false });
        this.bucket = new aws.s3.Bucket(n, bucketArgs, bucketOpts);
        this.bucketName = this.bucket.bucket;
        this.arn = this.bucket.arn;

        const publicBlock = blockPublicAccess(`${name}-public-access`, this.bucket.id, this);
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, {
            bucket: this.bucket.id,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }, { parent: this });
        this.kmsKeyArn = b.encryption === "kms" ? args.kmsKeyArn : undefined;
        this.region = args.region ?? "us-east-1";
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket: this.bucket.id,
            rules: [{
                applyServerSideEncryptionByDefault: b.encryption === "kms"
                    ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }
                    : { sseAlgorithm: "AES256" },
                // Bucket Keys cut KMS requests (and their cost) by ~99 % for SSE-KMS.
                bucketKeyEnabled: b.encryption === "kms",
            }],
        }, { parent: this });
        if (b.versioning) {
            new aws.s3.BucketVersioning(`${name}-versioning`, {
                bucket: this.bucket.id,
                versioningConfiguration: { status: "Enabled" },
            }, { parent: this });
        }
        this.createLifecycle(name, b);

        if (b.cdn) {
            this.cdn = new Cdn(`${name}-cdn`, {
                naming: args.naming,
                bucketName: b.name,
                bucketRegionalDomainName: this.bucket.bucketRegionalDomainName,
                certificateArn: args.cdnCertificateArn,
                aliases: args.cdnAliases,
                transform: { distribution: args.transform?.cdn },
            }, { parent: this });
        }
        new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: this.bucket.id,
            policy: pulumi.all([this.bucket.arn, this.cdn?.arn]).apply(([arn, distributionArn]) => JSON.stringify(bucketPolicy(arn, distributionArn))),
        }, { parent: this, dependsOn: [publicBlock] });

        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, cdnDomainName: this.cdn?.domainName });
    }


    /** A consumer that uses the bucket: its name as `BUCKET_<NAME>`, read/write on its objects only. */
    grant(_consumer: LinkConsumer, logicalName: string): ServiceWiring {
        const w = emptyWiring();
        w.environment[bucketEnvName(logicalName)] = this.bucketName;
        w.taskPolicyStatements.push(
            { Effect: "Allow", Action: ["s3:ListBucket"], Resource: this.arn },
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: pulumi.interpolate`${this.arn}/*` },
        );
        if (this.kmsKeyArn) {
            // The key serves S3 requests only (kms:ViaService), not direct Decrypt calls.
            w.taskPolicyStatements.push({
                Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: this.kmsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `s3.${this.region}.amazonaws.com` } },
            });
        }
        return w;
    }
    private createLifecycle(name: string, b: ResolvedBucket) {
        const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [{
            // Failed multipart uploads are invisible but billed; drop their parts after a week.
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }];
        const lc = b.lifecycle;
        if (lc && (lc.transitionToIaDays !== undefined || lc.expireDays !== undefined)) {
            rules.push({
                id: "tiering-and-expiry",
                status: "Enabled",
                filter: {},
                transitions: lc.transitionToIaDays !== undefined ? [{ days: lc.transitionToIaDays, storageClass: "STANDARD_IA" }] : undefined,
                expiration: lc.expireDays !== undefined ? { days: lc.expireDays } : undefined,
                // With versioning, expiry only hides the object; old versions must expire too.
                noncurrentVersionExpiration: lc.expireDays !== undefined && b.versioning ? { noncurrentDays: lc.expireDays } : undefined,
            });
        }
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: this.bucket.id, rules }, { parent: this });
    }
}

/** TLS-only for everyone; read access for one CloudFront distribution when the bucket is a CDN origin. */
export function bucketPolicy(bucketArn: string, distributionArn?: string) {
    const statements: Record<string, unknown>[] = [{
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    }];
    if (distributionArn) {
        statements.push({
            Sid: "AllowCloudFrontOac",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: `${bucketArn}/*`,
            Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
