import type { CostLine } from "./estimate";
import { T } from "../../policy/types";

/** Seed-style cost categories, so an estimate can be set beside a seed's own table. */
export type Category = "NAT" | "Public IPv4" | "Fargate" | "EC2" | "Load balancer" | "RDS" | "ElastiCache" | "Monitoring"
    | "Cloud Run" | "Registry" | "Storage" | "Security" | "DNS" | "Networking" | "Data transfer";

const BY_TYPE: Readonly<Record<string, Category>> = {
    [T.nat]: "NAT",
    [T.eip]: "Public IPv4",
    [T.ecsService]: "Fargate",
    [T.asg]: "EC2",
    [T.instance]: "EC2",
    [T.lb]: "Load balancer",
    [T.alb]: "Load balancer",
    [T.globalForwardingRule]: "Load balancer",
    [T.forwardingRule]: "Load balancer",
    [T.rdsInstance]: "RDS",
    [T.cacheGroup]: "ElastiCache",
    [T.cacheCluster]: "ElastiCache",
    [T.logGroup]: "Monitoring",
    [T.metricAlarm]: "Monitoring",
    [T.compositeAlarm]: "Monitoring",
    [T.dashboard]: "Monitoring",
    [T.runService]: "Cloud Run",
    [T.alertPolicy]: "Monitoring",
    [T.uptimeCheck]: "Monitoring",
    [T.ecr]: "Registry",
    [T.arRepo]: "Registry",
    [T.bucket]: "Storage",
    [T.bucketV2]: "Storage",
    [T.efs]: "Storage",
    [T.gcsBucket]: "Storage",
    [T.secret]: "Security",
    [T.kmsKey]: "Security",
    [T.webAcl]: "Security",
    [T.securityPolicy]: "Security",
    [T.gcpSecret]: "Security",
    [T.gcpKmsKey]: "Security",
    [T.route53Zone]: "DNS",
    [T.dnsZone]: "DNS",
    [T.cloudMapNamespace]: "DNS",
    [T.cloudMapService]: "DNS",
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
