import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName, physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

/** AWS managed cache policy "Managed-CachingOptimized" (CloudFront developer guide, managed cache policies). */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";

export interface CdnArgs {
    /** App and stage, for the Origin Access Control name. */
    naming: NamingContext;
    /** Logical bucket name, for names and the comment. */
    bucketName: string;
    /** The origin bucket's regional domain name (`<bucket>.s3.<region>.amazonaws.com`). */
    bucketRegionalDomainName: pulumi.Input<string>;
    /** ACM certificate in us-east-1 for `aliases`; without it the default *.cloudfront.net certificate is used. */
    certificateArn?: pulumi.Input<string>;
    /** Host names served (need `certificateArn`). @default [] */
    aliases?: pulumi.Input<string>[];
    /** Edge locations used. @default "PriceClass_100" (North America and Europe, the cheapest) */
    priceClass?: string;
    /** Per-child overrides. */
    transform?: { distribution?: Transform<aws.cloudfront.DistributionArgs> };
}

/**
 * CloudFront in front of a private S3 bucket through Origin Access Control (SigV4-signed origin
 * requests), HTTPS only for viewers. The bucket stays private: its policy admits this
 * distribution's ARN only (see Bucket).
 */
export class Cdn extends pulumi.ComponentResource {
    readonly distribution: aws.cloudfront.Distribution;
    readonly arn: pulumi.Output<string>;
    readonly domainName: pulumi.Output<string>;
    readonly hostedZoneId: pulumi.Output<string>;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Cdn", name, {}, opts);
        const oac = new aws.cloudfront.OriginAccessControl(`${name}-oac`, {
            // OAC names allow 64 characters.
            name: fitName(physicalName(args.naming, `${args.bucketName}-oac`), 64),
            description: `Signed requests from CloudFront to the ${args.bucketName} bucket`,
            originAccessControlOriginType: "s3",
            signingBehavior: "always",
            signingProtocol: "sigv4",
        }, { parent: this });

        const custom = args.certificateArn !== undefined;
        const [n, distArgs, distOpts] = applyTransform<aws.cloudfront.DistributionArgs>(args.transform?.distribution, `${name}-distribution`, {
            enabled: true,
            comment: `${physicalName(args.naming, args.bucketName)} bucket`,
            isIpv6Enabled: true,
            httpVersion: "http2and3",
            priceClass: args.priceClass ?? "PriceClass_100",
            aliases: custom ? args.aliases ?? [] : [],
            origins: [{ originId: "s3", domainName: args.bucketRegionalDomainName, originAccessControlId: oac.id }],
            defaultCacheBehavior: {
                targetOriginId: "s3",
                viewerProtocolPolicy: "redirect-to-https",
                allowedMethods: ["GET", "HEAD", "OPTIONS"],
                cachedMethods: ["GET", "HEAD"],
                cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
                compress: true,
            },
            restrictions: { geoRestriction: { restrictionType: "none" } },
            // A custom certificate allows TLS 1.2+ only; the default certificate cannot be given a
            // minimum version (CloudFront pins it to TLSv1 for *.cloudfront.net).
            viewerCertificate: custom
                ? { acmCertificateArn: args.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
                : { cloudfrontDefaultCertificate: true },
        }, { parent: this });
        this.distribution = new aws.cloudfront.Distribution(n, distArgs, distOpts);
        this.arn = this.distribution.arn;
        this.domainName = this.distribution.domainName;
        this.hostedZoneId = this.distribution.hostedZoneId;
        this.registerOutputs({ arn: this.arn, domainName: this.domainName, hostedZoneId: this.hostedZoneId });
    }
}
