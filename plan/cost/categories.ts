import type { CostLine } from "./estimate";

/** Seed-style cost categories, so an estimate can be set beside a seed's own table. */
export type Category = "NAT" | "Public IPv4" | "Fargate" | "EC2" | "Load balancer" | "RDS" | "ElastiCache" | "Monitoring"
    | "Cloud Run" | "Registry" | "Storage" | "Security" | "DNS" | "Networking" | "Data transfer";

const BY_TYPE: Readonly<Record<string, Category>> = {
    "aws:ec2/natGateway:NatGateway": "NAT",
    "aws:ec2/eip:Eip": "Public IPv4",
    "aws:ecs/service:Service": "Fargate",
    "aws:autoscaling/group:Group": "EC2",
    "aws:ec2/instance:Instance": "EC2",
    "aws:lb/loadBalancer:LoadBalancer": "Load balancer",
    "aws:alb/loadBalancer:LoadBalancer": "Load balancer",
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": "Load balancer",
    "gcp:compute/forwardingRule:ForwardingRule": "Load balancer",
    "aws:rds/instance:Instance": "RDS",
    "aws:elasticache/replicationGroup:ReplicationGroup": "ElastiCache",
    "aws:elasticache/cluster:Cluster": "ElastiCache",
    "aws:cloudwatch/logGroup:LogGroup": "Monitoring",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "Monitoring",
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": "Monitoring",
    "aws:cloudwatch/dashboard:Dashboard": "Monitoring",
    "gcp:cloudrunv2/service:Service": "Cloud Run",
    "gcp:monitoring/alertPolicy:AlertPolicy": "Monitoring",
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": "Monitoring",
    "aws:ecr/repository:Repository": "Registry",
    "gcp:artifactregistry/repository:Repository": "Registry",
    "aws:s3/bucket:Bucket": "Storage",
    "aws:s3/bucketV2:BucketV2": "Storage",
    "aws:efs/fileSystem:FileSystem": "Storage",
    "gcp:storage/bucket:Bucket": "Storage",
    "aws:secretsmanager/secret:Secret": "Security",
    "aws:kms/key:Key": "Security",
    "aws:wafv2/webAcl:WebAcl": "Security",
    "gcp:compute/securityPolicy:SecurityPolicy": "Security",
    "gcp:secretmanager/secret:Secret": "Security",
    "gcp:kms/cryptoKey:CryptoKey": "Security",
    "aws:route53/zone:Zone": "DNS",
    "gcp:dns/managedZone:ManagedZone": "DNS",
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": "DNS",
    "aws:servicediscovery/service:Service": "DNS",
};

export function categoryOf(line: CostLine): Category {
    return BY_TYPE[line.type] ?? "Networking";
}

/** Category totals of some lines, optionally one cloud's only. */
export function byCategory(lines: readonly CostLine[], cloud?: "aws" | "gcp"): Partial<Record<Category, number>> {
    const out: Partial<Record<Category, number>> = {};
    for (const l of lines) {
        if (cloud && l.cloud !== cloud) continue;
        const c = categoryOf(l);
        out[c] = (out[c] ?? 0) + l.monthlyUsd;
    }
    return out;
}
