import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface DataKeyArgs {
    /** App and stage, for the alias `alias/<app>-<stage>-data`. */
    naming: NamingContext;
    /** Account id, for the key policy's root statement. */
    accountId: pulumi.Input<string>;
    /** Let CloudFront (this account's distributions) decrypt objects of SSE-KMS buckets it serves. @default false */
    allowCloudFront?: boolean;
    /** Days a deleted key waits before it is gone (7-30). @default 30 */
    deletionWindowInDays?: number;
    /** Pulumi `protect` (prod profile). @default false */
    protect?: boolean;
    /** Per-child overrides. */
    transform?: { key?: Transform<aws.kms.KeyArgs> };
}

/**
 * One customer-managed KMS key for the stack's data (RDS storage and its managed secret, Redis at
 * rest, Secrets Manager entries, SSE-KMS buckets, Performance Insights). A customer-managed key,
 * unlike the AWS-managed ones, can be rotated, audited and have its policy narrowed, and the
 * execution role can be granted exactly this key. Rotation is yearly (AWS default period).
 */
export class DataKey extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly arn: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;

    constructor(name: string, args: DataKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:DataKey", name, {}, opts);
        const [n, keyArgs, keyOpts] = applyTransform<aws.kms.KeyArgs>(args.transform?.key, `${name}-key`, {
            description: `Data of ${physicalName(args.naming, undefined)}: database, cache, secrets, buckets`,
            enableKeyRotation: true,
            deletionWindowInDays: args.deletionWindowInDays ?? 30,
            policy: pulumi.output(args.accountId).apply((accountId) => JSON.stringify(keyPolicy(accountId, args.allowCloudFront ?? false))),
        }, { parent: this, protect: args.protect ?? false });
        this.key = new aws.kms.Key(n, keyArgs, keyOpts);
        new aws.kms.Alias(`${name}-alias`, { name: `alias/${physicalName(args.naming, "data")}`, targetKeyId: this.key.keyId }, { parent: this });
        this.arn = this.key.arn;
        this.keyId = this.key.keyId;
        this.registerOutputs({ arn: this.arn, keyId: this.keyId });
    }
}

/**
 * The account root statement keeps the key manageable and lets IAM policies grant its use (the
 * services using it act through the caller's IAM, via grants). CloudFront has no IAM role of its
 * own, so reading SSE-KMS objects through Origin Access Control needs a key policy statement.
 */
function keyPolicy(accountId: string, allowCloudFront: boolean) {
    const statements: Record<string, unknown>[] = [{
        Sid: "AccountRoot",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
    }];
    if (allowCloudFront) {
        statements.push({
            Sid: "CloudFrontOacDecrypt",
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: ["kms:Decrypt"],
            Resource: "*",
            // Distribution ARNs are not known before the key exists (the bucket needs the key);
            // the account condition keeps other accounts' distributions out.
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
