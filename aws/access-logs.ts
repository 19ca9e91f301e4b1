import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { blockPublicAccess } from "./bucket";

export interface AccessLogBucketArgs {
    /** App and stage, for the bucket name `<app>-<stage>-alb-logs-<account>`. */
    naming: NamingContext;
    /** Region whose Elastic Load Balancing account delivers the logs. */
    region: string;
    /** Days before log objects expire. */
    expireDays: number;
    /** Allow deleting the bucket with its objects. @default false */
    forceDestroy?: boolean;
    /** Pulumi `protect`. @default false */
    protect?: boolean;
}

/**
 * The S3 bucket ALB access logs go to: private, SSE-S3 (ALB log delivery does not support
 * SSE-KMS), objects expire after the log retention, and a policy that lets only this region's
 * Elastic Load Balancing account write under AWSLogs/<account>/ (Elastic Load Balancing user
 * guide, "Enable access logs for your Application Load Balancer").
 */
export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:AccessLogBucket", name, {}, opts);
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const elbAccount = aws.elb.getServiceAccountOutput({ region: args.region }, { parent: this });
        this.bucket = new aws.s3.Bucket(`${name}-bucket`, {
            // Bucket names are global: the account id keeps two accounts' stacks apart.
            bucket: account.apply((id) => physicalName(args.naming, `alb-logs-${id}`, "s3")),
            forceDestroy: args.forceDestroy ?? false,
        }, { parent: this, protect: args.protect ?? false });
        blockPublicAccess(`${name}-public-access`, this.bucket.id, this);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
            bucket: this.bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        }, { parent: this });
        // Versioning keeps an overwritten or deleted log recoverable (CKV_AWS_21); old versions
        // expire with the logs, so it costs no more than a day or two of extra storage.
        new aws.s3.BucketVersioning(`${name}-versioning`, {
            bucket: this.bucket.id,
            versioningConfiguration: { status: "Enabled" },
        }, { parent: this });
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket: this.bucket.id,
            rules: [{
                id: "expire-logs",
                status: "Enabled",
                filter: {},
                expiration: { days: args.expireDays },
                noncurrentVersionExpiration: { noncurrentDays: 1 },
            }],
        }, { parent: this });
        const policy = new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: this.bucket.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ElbLogDelivery",
                        Effect: "Allow",
                        Principal: { AWS: elbAccount.arn },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`${this.bucket.arn}/*/AWSLogs/${account}/*`,
                    },
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            }),
        }, { parent: this });
        // The ALB checks write access when logging is enabled, so it must wait for the policy.
        this.bucketName = pulumi.all([this.bucket.bucket, policy.id]).apply(([b]) => b);
        this.registerOutputs({ bucketName: this.bucketName });
    }
}
