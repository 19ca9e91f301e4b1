/**
 * The one price table of the cost estimate: on-demand list prices in USD, AWS us-east-1 and GCP
 * us-central1, 730 hours a month. Every figure names its source; `weak` marks figures taken
 * from third-party copies of the price pages (or from memory of them) rather than the cloud's
 * own page on PRICE_DATE. A stack overrides any figure with `platform:costAssumptions.prices`
 * (`{ "aws.nat.hour": 0.048 }`), and other regions scale by REGION_MULTIPLIERS.
 */

/** When the table was last checked against its sources. */
export const PRICE_DATE = "2026-11-23";

export const HOURS_PER_MONTH = 730;

export interface Price {
    /** USD per `unit`. */
    readonly usd: number;
    readonly unit: string;
    readonly source: string;
    /** True when only third-party tables back the figure. */
    readonly weak?: boolean;
}

const AWS_VPC = "aws.amazon.com/vpc/pricing";
const AWS_ELB = "aws.amazon.com/elasticloadbalancing/pricing";
const AWS_FARGATE = "aws.amazon.com/fargate/pricing";
const AWS_RDS = "aws.amazon.com/rds/postgresql/pricing";
const AWS_CACHE = "aws.amazon.com/elasticache/pricing";
const AWS_EC2 = "aws.amazon.com/ec2/pricing/on-demand";
const AWS_CW = "aws.amazon.com/cloudwatch/pricing";
const INFRACOST = "Infracost test goldens";
const GCP_RUN = "cloud.google.com/run/pricing";
const GCP_SQL = "cloud.google.com/sql/pricing (Enterprise edition, us-central1)";
const GCP_REDIS = "cloud.google.com/memorystore/docs/redis/pricing (us-central1; capacity tiers M1-M5)";

/** Price ids are `<cloud>.<item>.<unit>`; override keys use the same ids. */
export const PRICES = {
    // --- AWS networking
    "aws.nat.hour": { usd: 0.045, unit: "NAT gateway-hour", source: `${AWS_VPC}; ${INFRACOST} (2024)` },
    "aws.nat.gb": { usd: 0.045, unit: "GB processed by a NAT gateway", source: `${AWS_VPC}; ${INFRACOST} (2024)` },
    "aws.publicIpv4.hour": { usd: 0.005, unit: "public IPv4 address-hour (Elastic IP)", source: `${AWS_VPC} (public IPv4, since 2024-02-01)` },
    "aws.interfaceEndpoint.hour": { usd: 0.01, unit: "interface endpoint-hour per AZ", source: "aws.amazon.com/privatelink/pricing" },
    "aws.interfaceEndpoint.gb": { usd: 0.01, unit: "GB processed by an interface endpoint", source: "aws.amazon.com/privatelink/pricing" },
    // --- AWS load balancing, edge
    "aws.alb.hour": { usd: 0.0225, unit: "ALB-hour", source: `${AWS_ELB}; ${INFRACOST} (2024)` },
    "aws.alb.lcu": { usd: 0.008, unit: "LCU-hour", source: `${AWS_ELB}; ${INFRACOST} (2024)` },
    "aws.nlb.hour": { usd: 0.0225, unit: "NLB-hour", source: AWS_ELB },
    "aws.nlb.lcu": { usd: 0.006, unit: "NLCU-hour", source: AWS_ELB },
    "aws.waf.acl": { usd: 5, unit: "web ACL-month", source: "aws.amazon.com/waf/pricing" },
    "aws.waf.rule": { usd: 1, unit: "rule-month", source: "aws.amazon.com/waf/pricing" },
    "aws.waf.mreq": { usd: 0.6, unit: "million requests", source: "aws.amazon.com/waf/pricing" },
    "aws.route53.zone": { usd: 0.5, unit: "hosted zone-month (first 25)", source: "aws.amazon.com/route53/pricing" },
    // Health checks: a basic check, plus each optional feature (HTTPS is one); dearer when the endpoint is not an AWS resource.
    "aws.route53.health.aws": { usd: 0.5, unit: "health check-month (AWS endpoint)", source: "aws.amazon.com/route53/pricing (Health checks)", weak: true },
    "aws.route53.health.external": { usd: 0.75, unit: "health check-month (non-AWS endpoint)", source: "aws.amazon.com/route53/pricing (Health checks)", weak: true },
    "aws.route53.health.feature.aws": { usd: 1, unit: "optional feature-month (HTTPS, string matching, fast interval, latency), AWS endpoint", source: "aws.amazon.com/route53/pricing (Health checks)", weak: true },
    "aws.route53.health.feature.external": { usd: 2, unit: "optional feature-month, non-AWS endpoint", source: "aws.amazon.com/route53/pricing (Health checks)", weak: true },
    "aws.cloudmap.instance": { usd: 0.1, unit: "registered instance-month", source: "aws.amazon.com/cloud-map/pricing", weak: true },
    // --- AWS compute
    "aws.fargate.x86.vcpu": { usd: 0.04048, unit: "vCPU-hour (Linux/x86)", source: `${AWS_FARGATE}; ${INFRACOST} (2025)` },
    "aws.fargate.x86.gb": { usd: 0.004445, unit: "GB-hour (Linux/x86)", source: `${AWS_FARGATE}; ${INFRACOST} (2025)` },
    "aws.fargate.arm.vcpu": { usd: 0.03238, unit: "vCPU-hour (Linux/ARM)", source: `${AWS_FARGATE} (third-party copies)` },
    "aws.fargate.arm.gb": { usd: 0.00356, unit: "GB-hour (Linux/ARM)", source: `${AWS_FARGATE} (third-party copies)` },
    "aws.ebs.gp3": { usd: 0.08, unit: "GB-month (EBS gp3)", source: "aws.amazon.com/ebs/pricing" },
    "aws.efs.standard": { usd: 0.3, unit: "GB-month (EFS Standard)", source: "aws.amazon.com/efs/pricing" },
    "aws.ecr.gb": { usd: 0.1, unit: "GB-month (ECR storage)", source: "aws.amazon.com/ecr/pricing" },
    // --- AWS data
    "aws.rds.gp3": { usd: 0.115, unit: "GB-month (RDS gp2/gp3 single-AZ; Multi-AZ is 2x)", source: `${AWS_RDS}; ${INFRACOST} (2026)` },
    "aws.rds.io1": { usd: 0.125, unit: "GB-month (RDS io1 single-AZ; Multi-AZ is 2x)", source: AWS_RDS, weak: true },
    "aws.s3.standard": { usd: 0.023, unit: "GB-month (S3 Standard, first 50 TB)", source: "aws.amazon.com/s3/pricing" },
    "aws.secret.month": { usd: 0.4, unit: "secret-month", source: `aws.amazon.com/secrets-manager/pricing; ${INFRACOST} (2024)` },
    "aws.kms.key": { usd: 1, unit: "customer managed key-month", source: "aws.amazon.com/kms/pricing" },
    // --- AWS monitoring
    "aws.alarm.month": { usd: 0.1, unit: "standard-resolution alarm metric-month", source: `${AWS_CW}; ${INFRACOST}` },
    "aws.alarm.highres": { usd: 0.3, unit: "high-resolution alarm metric-month", source: AWS_CW },
    "aws.alarm.composite": { usd: 0.5, unit: "composite alarm-month", source: AWS_CW },
    "aws.dashboard.month": { usd: 3, unit: "dashboard-month (first 3 per account are free)", source: AWS_CW },
    "aws.logs.ingest": { usd: 0.5, unit: "GB ingested (CloudWatch Logs)", source: `${AWS_CW}; ${INFRACOST}` },
    "aws.logs.storage": { usd: 0.03, unit: "GB-month stored (CloudWatch Logs)", source: `${AWS_CW}; ${INFRACOST}` },
    "aws.scheduler.minvoke": { usd: 1, unit: "million EventBridge Scheduler invocations (after 14 million free a month)", source: "aws.amazon.com/eventbridge/pricing" },
    // --- GCP
    "gcp.scheduler.job": { usd: 0.1, unit: "Cloud Scheduler job-month (first 3 per billing account free)", source: "cloud.google.com/scheduler/pricing" },
    "gcp.run.instance.vcpu": { usd: 0.000018, unit: "vCPU-second (Cloud Run tier 1, instance-based)", source: GCP_RUN },
    "gcp.run.instance.gib": { usd: 0.000002, unit: "GiB-second (Cloud Run tier 1, instance-based)", source: GCP_RUN },
    "gcp.run.request.vcpu": { usd: 0.000024, unit: "vCPU-second (Cloud Run tier 1, request-based)", source: GCP_RUN },
    "gcp.run.request.gib": { usd: 0.0000025, unit: "GiB-second (Cloud Run tier 1, request-based)", source: GCP_RUN },
    "gcp.run.request.mreq": { usd: 0.4, unit: "million requests (request-based)", source: GCP_RUN },
    "gcp.run.idle.vcpu": { usd: 0.0000025, unit: "vCPU-second, idle minimum instance (request-based)", source: GCP_RUN, weak: true },
    "gcp.run.idle.gib": { usd: 0.0000025, unit: "GiB-second, idle minimum instance (request-based)", source: GCP_RUN, weak: true },
    "gcp.forwardingRule.first5": { usd: 0.025, unit: "hour for the first 5 forwarding rules of a project", source: "cloud.google.com/vpc/network-pricing#lb" },
    "gcp.forwardingRule.extra": { usd: 0.01, unit: "hour per forwarding rule beyond 5", source: "cloud.google.com/vpc/network-pricing#lb" },
    "gcp.nat.hour": { usd: 0.0014, unit: "hour per connector instance behind Cloud NAT", source: "cloud.google.com/nat/pricing", weak: true },
    "gcp.nat.gb": { usd: 0.045, unit: "GB processed by Cloud NAT", source: "cloud.google.com/nat/pricing" },
    "gcp.armor.policy": { usd: 5, unit: "security policy-month", source: "cloud.google.com/armor/pricing" },
    "gcp.armor.rule": { usd: 1, unit: "rule-month", source: "cloud.google.com/armor/pricing" },
    "gcp.armor.mreq": { usd: 0.75, unit: "million requests", source: "cloud.google.com/armor/pricing" },
    "gcp.registry.gb": { usd: 0.1, unit: "GB-month after the first 0.5 GB", source: "cloud.google.com/artifact-registry/pricing" },
    "gcp.secret.version": { usd: 0.06, unit: "active secret version-month", source: "cloud.google.com/secret-manager/pricing" },
    "gcp.gcs.standard": { usd: 0.02, unit: "GB-month (regional Standard)", source: "cloud.google.com/storage/pricing" },
    "gcp.alert.condition": { usd: 1.5, unit: "alerting policy condition-month", source: "cloud.google.com/monitoring/alerts/cost-control (charged from 2025)" },
    "gcp.uptime.kexec": { usd: 0.3, unit: "1,000 uptime check executions beyond 1M a month per project", source: "cloud.google.com/stackdriver/pricing" },
    "gcp.dns.zone": { usd: 0.2, unit: "managed zone-month (first 25)", source: "cloud.google.com/dns/pricing" },
    "gcp.certmanager.cert": { usd: 0.2, unit: "certificate-month beyond the first 100 per project", source: "cloud.google.com/certificate-manager/pricing", weak: true },
    "gcp.kms.key": { usd: 0.06, unit: "key version-month (software)", source: "cloud.google.com/kms/pricing" },
    // --- GCP data tier (issue 14)
    "gcp.sql.vcpu": { usd: 0.0413, unit: "vCPU-hour (Cloud SQL dedicated core, zonal; regional HA is 2x)", source: GCP_SQL },
    "gcp.sql.gib": { usd: 0.007, unit: "GB-hour of memory (Cloud SQL, zonal; regional HA is 2x)", source: GCP_SQL },
    "gcp.sql.f1micro": { usd: 0.0105, unit: "instance-hour db-f1-micro (shared core, zonal; HA 2x)", source: GCP_SQL },
    "gcp.sql.g1small": { usd: 0.035, unit: "instance-hour db-g1-small (shared core, zonal; HA 2x)", source: GCP_SQL },
    "gcp.sql.ssd": { usd: 0.17, unit: "GB-month SSD storage (zonal; regional HA is 2x)", source: GCP_SQL },
    "gcp.redis.basic.m1": { usd: 0.049, unit: "GB-hour, Basic tier, 1-4 GB", source: GCP_REDIS },
    "gcp.redis.basic.m2": { usd: 0.027, unit: "GB-hour, Basic tier, 5-10 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.basic.m3": { usd: 0.0225, unit: "GB-hour, Basic tier, 11-35 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.basic.m4": { usd: 0.0175, unit: "GB-hour, Basic tier, 36-100 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.basic.m5": { usd: 0.011, unit: "GB-hour, Basic tier, over 100 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.standard.m1": { usd: 0.064, unit: "GB-hour, Standard tier, 1-4 GB", source: GCP_REDIS },
    "gcp.redis.standard.m2": { usd: 0.035, unit: "GB-hour, Standard tier, 5-10 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.standard.m3": { usd: 0.03, unit: "GB-hour, Standard tier, 11-35 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.standard.m4": { usd: 0.023, unit: "GB-hour, Standard tier, 36-100 GB", source: GCP_REDIS, weak: true },
    "gcp.redis.standard.m5": { usd: 0.018, unit: "GB-hour, Standard tier, over 100 GB", source: GCP_REDIS, weak: true },
    "gcp.gcs.nearline": { usd: 0.01, unit: "GB-month (regional Nearline)", source: "cloud.google.com/storage/pricing" },
} as const satisfies Record<string, Price>;

export type PriceId = keyof typeof PRICES;

/** On-demand Linux price per instance-hour, AWS us-east-1 (aws.amazon.com/ec2/pricing/on-demand). */
export const EC2_HOURLY: Readonly<Record<string, number>> = {
    "t3.micro": 0.0104, "t3.small": 0.0208, "t3.medium": 0.0416, "t3.large": 0.0832, "t3.xlarge": 0.1664, "t3.2xlarge": 0.3328,
    "t3a.micro": 0.0094, "t3a.small": 0.0188, "t3a.medium": 0.0376, "t3a.large": 0.0752,
    "t4g.micro": 0.0084, "t4g.small": 0.0168, "t4g.medium": 0.0336, "t4g.large": 0.0672, "t4g.xlarge": 0.1344,
    "m5.large": 0.096, "m5.xlarge": 0.192, "m5.2xlarge": 0.384,
    "m6i.large": 0.096, "m6i.xlarge": 0.192, "m6g.large": 0.077, "m6g.xlarge": 0.154,
    "m7i.large": 0.1008, "m7g.large": 0.0816, "m7g.xlarge": 0.1632,
    "c5.large": 0.085, "c5.xlarge": 0.17, "c6i.large": 0.085, "c6g.large": 0.068, "c7g.large": 0.0725,
    "r5.large": 0.126, "r6i.large": 0.126, "r6g.large": 0.1008,
    "g4dn.xlarge": 0.526,
};
export const EC2_SOURCE = `${AWS_EC2} (t3/t4g/m5/c5/r5 from the page; others third-party copies)`;

/** RDS for PostgreSQL single-AZ instance-hour, us-east-1; Multi-AZ is twice this. */
export const RDS_HOURLY: Readonly<Record<string, { usd: number; weak?: boolean }>> = {
    "db.t4g.micro": { usd: 0.016 }, "db.t4g.small": { usd: 0.032 }, "db.t4g.medium": { usd: 0.065 }, "db.t4g.large": { usd: 0.129 },
    "db.t3.micro": { usd: 0.018, weak: true }, "db.t3.small": { usd: 0.036, weak: true }, "db.t3.medium": { usd: 0.072, weak: true }, "db.t3.large": { usd: 0.145, weak: true },
    "db.m6g.large": { usd: 0.159, weak: true }, "db.m7g.large": { usd: 0.168, weak: true }, "db.m5.large": { usd: 0.178, weak: true }, "db.m6i.large": { usd: 0.178, weak: true },
    "db.r6g.large": { usd: 0.225, weak: true }, "db.r7g.large": { usd: 0.239, weak: true },
};
export const RDS_SOURCE = `${AWS_RDS} (t4g: third-party copies 2026; others weak)`;

/** ElastiCache (Redis OSS) node-hour, us-east-1. */
export const CACHE_HOURLY: Readonly<Record<string, { usd: number; weak?: boolean }>> = {
    "cache.t4g.micro": { usd: 0.016, weak: true }, "cache.t4g.small": { usd: 0.032, weak: true }, "cache.t4g.medium": { usd: 0.065, weak: true },
    "cache.t3.micro": { usd: 0.017, weak: true }, "cache.t3.small": { usd: 0.034, weak: true }, "cache.t3.medium": { usd: 0.068, weak: true },
    "cache.m6g.large": { usd: 0.149, weak: true }, "cache.m7g.large": { usd: 0.158, weak: true }, "cache.r6g.large": { usd: 0.206, weak: true }, "cache.r7g.large": { usd: 0.219, weak: true },
};
export const CACHE_SOURCE = `${AWS_CACHE} (all weak: third-party copies)`;

/** GCE machine-hour, us-central1, for Serverless VPC Access connector instances. */
export const GCE_HOURLY: Readonly<Record<string, { usd: number; weak?: boolean }>> = {
    "f1-micro": { usd: 0.0076, weak: true },
    "e2-micro": { usd: 0.00838, weak: true },
    "e2-standard-4": { usd: 0.134, weak: true },
};
export const GCE_SOURCE = "cloud.google.com/vpc/pricing#serverless-vpc-pricing (weak: third-party copies)";

/**
 * Price multiplier of a region relative to AWS us-east-1 / GCP us-central1, applied to every
 * figure of that cloud. Approximations (weak) from comparing the NAT, Fargate and EC2 t3 pages
 * across regions; a region not listed is priced at 1.0 and the report says so.
 */
export const REGION_MULTIPLIERS: Readonly<Record<"aws" | "gcp", Readonly<Record<string, number>>>> = {
    aws: {
        "us-east-1": 1, "us-east-2": 1, "us-west-2": 1, "us-west-1": 1.12, "ca-central-1": 1.1,
        "eu-west-1": 1.1, "eu-west-2": 1.16, "eu-west-3": 1.16, "eu-central-1": 1.17, "eu-north-1": 1.06,
        "ap-southeast-1": 1.2, "ap-southeast-2": 1.2, "ap-northeast-1": 1.25, "ap-south-1": 1.05, "sa-east-1": 1.5,
    },
    gcp: {
        "us-central1": 1, "us-east1": 1, "us-west1": 1, "us-east4": 1.12, "northamerica-northeast1": 1.1,
        "europe-west1": 1.1, "europe-west4": 1.1, "europe-west2": 1.2, "europe-west3": 1.2,
        "asia-east1": 1.15, "asia-northeast1": 1.25, "asia-southeast1": 1.2, "australia-southeast1": 1.4, "southamerica-east1": 1.5,
    },
};
