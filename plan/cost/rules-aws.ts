import { arr, num, obj, str } from "../../policy/helpers";
import type { PlannedResource } from "../model";
import { taskDefinitionOf } from "../refs";
import { HOURS_PER_MONTH } from "./prices";
import { grouped, hourly, monthly, perUnit, type PricedItem, type Rule, type RuleContext, usd } from "./rule";
import { T } from "../../policy/types";
import { jobUsage } from "./job-runs";

/** Root volume of the ECS-optimised Amazon Linux 2023 AMI when the launch template sets none. */
const DEFAULT_ROOT_GB = 30;

const natGateway: Rule = (_r, ctx) => [
    hourly("NAT gateway", ctx.pricer.price("aws.nat.hour")),
    perUnit("NAT data processed", ctx.spec.costAssumptions.natGbPerMonth, "GB", ctx.pricer.price("aws.nat.gb")),
];

const eip: Rule = (_r, ctx) => [hourly("public IPv4 address", ctx.pricer.price("aws.publicIpv4.hour"))];

const vpcEndpoint: Rule = (r, ctx) => {
    const kind = str(r.inputs.vpcEndpointType) ?? "Gateway";
    if (kind === "Gateway") return [{ item: "gateway endpoint (S3/DynamoDB): no charge", monthlyUsd: 0 }];
    if (kind !== "Interface") return `vpcEndpointType ${kind} is not in the price table`;
    const azs = Math.max(1, arr(r.inputs.subnetIds).length);
    ctx.notes.add("interface endpoints: hourly charge per AZ only; their data processing ($0.01/GB) is not estimated");
    return [hourly(`interface endpoint ${str(r.inputs.serviceName) ?? ""} in ${azs} AZ`.replace("  ", " "), ctx.pricer.price("aws.interfaceEndpoint.hour"), azs)];
};

const loadBalancer: Rule = (r, ctx) => {
    const kind = str(r.inputs.loadBalancerType) ?? "application";
    const lcu = ctx.spec.costAssumptions.lcuPerHour;
    if (kind === "application") {
        const lcuPrice = ctx.pricer.price("aws.alb.lcu");
        return [hourly("ALB", ctx.pricer.price("aws.alb.hour")),
            { item: `ALB capacity: ${lcu} LCU x ${HOURS_PER_MONTH} h x ${usd(lcuPrice.usd)}`, monthlyUsd: lcu * HOURS_PER_MONTH * lcuPrice.usd }];
    }
    if (kind === "network") {
        const lcuPrice = ctx.pricer.price("aws.nlb.lcu");
        return [hourly("NLB", ctx.pricer.price("aws.nlb.hour")),
            { item: `NLB capacity: ${lcu} NLCU x ${HOURS_PER_MONTH} h x ${usd(lcuPrice.usd)}`, monthlyUsd: lcu * HOURS_PER_MONTH * lcuPrice.usd }];
    }
    return `load balancer type ${kind} is not in the price table`;
};

/** Fargate or EC2: the launch type, else the capacity providers, else the task's compatibilities. */
function launchOf(r: PlannedResource, td: PlannedResource): "fargate" | "ec2" | "external" {
    const lt = str(r.inputs.launchType);
    if (lt) return lt === "FARGATE" ? "fargate" : lt === "EXTERNAL" ? "external" : "ec2";
    const providers = arr(r.inputs.capacityProviderStrategies).map((s) => str(obj(s).capacityProvider) ?? "");
    if (providers.length) return providers.every((p) => p.startsWith("FARGATE")) ? "fargate" : "ec2";
    return arr(td.inputs.requiresCompatibilities).includes("FARGATE") ? "fargate" : "ec2";
}

const ecsService: Rule = (r, ctx) => {
    const td = taskDefinitionOf(ctx.index, r);
    if (!td) return "cannot find the service's task definition";
    const launch = launchOf(r, td);
    if (launch === "ec2") return [{ item: "tasks on EC2 container instances (priced on the Auto Scaling group)", monthlyUsd: 0 }];
    if (launch === "external") return "ECS Anywhere (EXTERNAL) is not priced";
    if (str(r.inputs.schedulingStrategy) === "DAEMON") return "DAEMON services do not run on Fargate";
    const cpuUnits = num(td.inputs.cpu);
    const memMiB = num(td.inputs.memory);
    if (cpuUnits === undefined || memMiB === undefined) return "the task definition has no task-level cpu/memory";
    // The provider's default desiredCount is 0; our services always set it (the profile's minimum).
    const tasks = num(r.inputs.desiredCount) ?? 0;
    const arm = str(obj(td.inputs.runtimePlatform).cpuArchitecture) === "ARM64";
    const spot = arr(r.inputs.capacityProviderStrategies).some((s) => obj(s).capacityProvider === "FARGATE_SPOT");
    if (spot) ctx.notes.add("FARGATE_SPOT capacity is priced at the on-demand Fargate rate (an upper bound)");
    const vcpu = cpuUnits / 1024;
    const gb = memMiB / 1024;
    const pv = ctx.pricer.price(arm ? "aws.fargate.arm.vcpu" : "aws.fargate.x86.vcpu");
    const pm = ctx.pricer.price(arm ? "aws.fargate.arm.gb" : "aws.fargate.x86.gb");
    const arch = arm ? "ARM" : "x86";
    return [
        { item: `Fargate ${arch} vCPU: ${tasks} tasks x ${vcpu} vCPU x ${HOURS_PER_MONTH} h x ${usd(pv.usd)}`, monthlyUsd: tasks * vcpu * HOURS_PER_MONTH * pv.usd, weak: pv.weak },
        { item: `Fargate ${arch} memory: ${tasks} tasks x ${gb} GB x ${HOURS_PER_MONTH} h x ${usd(pm.usd)}`, monthlyUsd: tasks * gb * HOURS_PER_MONTH * pm.usd, weak: pm.weak },
    ];
};

/** Instance type and root volume GB of an ASG, through its launch template. */
function asgMachine(r: PlannedResource, ctx: RuleContext): { type?: string; rootGb: number } {
    const direct = obj(r.inputs.launchTemplate);
    const mixed = obj(obj(r.inputs.mixedInstancesPolicy).launchTemplate);
    const spec = obj(mixed.launchTemplateSpecification);
    const name = direct.name ?? spec.launchTemplateName;
    const LT = T.launchTemplate;
    const lt = ctx.index.ref(r, direct.id !== undefined ? "launchTemplate" : "mixedInstancesPolicy", [LT])
        ?? ctx.ofType(LT).find((t) => name !== undefined && t.inputs.name === name)
        ?? (ctx.siblings(r, LT).length === 1 ? ctx.siblings(r, LT)[0] : undefined);
    const override = str(obj(arr(mixed.overrides)[0]).instanceType);
    const type = override ?? str(lt?.inputs.instanceType) ?? str(r.inputs.instanceType);
    const sizes = arr(lt?.inputs.blockDeviceMappings).map((m) => num(obj(obj(m).ebs).volumeSize)).filter((n): n is number => n !== undefined);
    return { type, rootGb: sizes.length ? sizes.reduce((a, b) => a + b, 0) : DEFAULT_ROOT_GB };
}

const ec2Charges = (ctx: RuleContext, type: string, count: number, gb: number, what: string): PricedItem[] | string => {
    const p = ctx.pricer.ec2(type);
    if (!p) return `EC2 instance type ${type} is not in the price table (add it, or override aws.ec2.${type})`;
    const ebs = ctx.pricer.price("aws.ebs.gp3");
    return [
        hourly(`EC2 ${type} ${what}`, p, count),
        { item: `EBS gp3: ${count} x ${gb} GB x ${usd(ebs.usd)}`, monthlyUsd: count * gb * ebs.usd },
    ];
};

const autoscalingGroup: Rule = (r, ctx) => {
    const { type, rootGb } = asgMachine(r, ctx);
    if (!type) return "cannot find the group's instance type (launch template)";
    ctx.notes.add(`Auto Scaling groups are priced at their minimum size, with ${DEFAULT_ROOT_GB} GB gp3 per instance when the launch template sets no volume`);
    return ec2Charges(ctx, type, num(r.inputs.minSize) ?? 0, rootGb, "(ASG minimum)");
};

const ec2Instance: Rule = (r, ctx) => {
    const type = str(r.inputs.instanceType);
    if (!type) return "no instanceType";
    return ec2Charges(ctx, type, 1, num(obj(r.inputs.rootBlockDevice).volumeSize) ?? 8, "instance");
};

const rdsInstance: Rule = (r, ctx) => {
    const cls = str(r.inputs.instanceClass);
    if (!cls) return "no instanceClass";
    const engine = str(r.inputs.engine) ?? "postgres";
    if (engine.startsWith("aurora")) return "Aurora instances are not in the price table";
    const p = ctx.pricer.rds(cls);
    if (!p) return `RDS instance class ${cls} is not in the price table (override aws.rds.${cls})`;
    const multiAz = r.inputs.multiAz === true;
    const az = multiAz ? 2 : 1;
    const storageType = str(r.inputs.storageType) ?? "gp2";
    const storage = ctx.pricer.price(storageType === "io1" || storageType === "io2" ? "aws.rds.io1" : "aws.rds.gp3");
    const gb = num(r.inputs.allocatedStorage) ?? 20;
    if (engine !== "postgres") ctx.notes.add(`RDS ${engine} is priced at the PostgreSQL rate`);
    const label = multiAz ? "Multi-AZ" : "single-AZ";
    return [
        { item: `RDS ${cls} ${label}: ${az} x ${HOURS_PER_MONTH} h x ${usd(p.usd)}`, monthlyUsd: az * HOURS_PER_MONTH * p.usd, weak: p.weak },
        { item: `RDS ${storageType} storage ${label}: ${az} x ${gb} GB x ${usd(storage.usd)}`, monthlyUsd: az * gb * storage.usd, weak: storage.weak },
    ];
};

function cacheNodes(type: string | undefined, nodes: number, ctx: RuleContext): PricedItem[] | string {
    if (!type) return "no nodeType";
    const p = ctx.pricer.cache(type);
    if (!p) return `ElastiCache node type ${type} is not in the price table (override aws.cache.${type})`;
    return [hourly(`ElastiCache ${type} nodes`, p, nodes)];
}

const replicationGroup: Rule = (r, ctx) => {
    const groups = num(r.inputs.numNodeGroups);
    const nodes = num(r.inputs.numCacheClusters) ?? (groups !== undefined ? groups * (1 + (num(r.inputs.replicasPerNodeGroup) ?? 0)) : 1);
    return cacheNodes(str(r.inputs.nodeType), nodes, ctx);
};

const cacheCluster: Rule = (r, ctx) => {
    if (r.inputs.replicationGroupId !== undefined && r.inputs.nodeType === undefined) return [{ item: "member of a replication group (priced there)", monthlyUsd: 0 }];
    return cacheNodes(str(r.inputs.nodeType), num(r.inputs.numCacheNodes) ?? 1, ctx);
};

const metricAlarm: Rule = (r, ctx) => {
    const metrics = Math.max(1, arr(r.inputs.metricQueries).filter((q) => obj(q).metric !== undefined).length);
    const highRes = (num(r.inputs.period) ?? 60) < 60;
    const p = ctx.pricer.price(highRes ? "aws.alarm.highres" : "aws.alarm.month");
    return [perUnit(`CloudWatch alarm${highRes ? " (high resolution)" : ""}`, metrics, "metric", p)];
};

const logGroup: Rule = (r, ctx) => {
    const groups = ctx.ofType(T.logGroup).length;
    const gb = ctx.spec.costAssumptions.logGbPerMonth / groups;
    const days = num(r.inputs.retentionInDays) ?? 0;
    const months = days > 0 ? Math.min(days / 30, 12) : 12;
    const ingest = ctx.pricer.price("aws.logs.ingest");
    const store = ctx.pricer.price("aws.logs.storage");
    return [
        perUnit(`logs ingested (1/${groups} of ${ctx.spec.costAssumptions.logGbPerMonth} GB)`, gb, "GB", ingest),
        perUnit(`logs stored (${days || "never expire"}${days ? " days" : ""})`, gb * months, "GB-month", store),
    ];
};

const s3Bucket: Rule = (_r, ctx) => [perUnit("S3 Standard storage (assumed)", ctx.spec.costAssumptions.bucketGb, "GB", ctx.pricer.price("aws.s3.standard"))];

const efs: Rule = (r, ctx) => {
    if (str(r.inputs.throughputMode) === "provisioned") ctx.notes.add("EFS provisioned throughput is not estimated");
    return [perUnit("EFS Standard storage (assumed)", ctx.spec.costAssumptions.efsGb, "GB", ctx.pricer.price("aws.efs.standard"))];
};

const ecr: Rule = (_r, ctx) => [perUnit("ECR image storage (assumed)", ctx.spec.costAssumptions.registryGb, "GB", ctx.pricer.price("aws.ecr.gb"))];

const webAcl: Rule = (r, ctx) => {
    const rules = arr(r.inputs.rules).length;
    const mreq = ctx.spec.costAssumptions.requestsPerMonth / 1e6;
    const acl = ctx.pricer.price("aws.waf.acl");
    return [
        { item: `WAF web ACL: ${usd(acl.usd)} a month`, monthlyUsd: acl.usd },
        perUnit("WAF rules", rules, "rules", ctx.pricer.price("aws.waf.rule")),
        perUnit("WAF requests (assumed)", mreq, "million", ctx.pricer.price("aws.waf.mreq")),
    ];
};

const cloudfront: Rule = (_r, ctx) => {
    const req = ctx.spec.costAssumptions.requestsPerMonth;
    if (req > 10_000_000) return "CloudFront beyond the always-free tier is usage-priced (data transfer is not in the assumptions)";
    return [{ item: `CloudFront: within the always-free tier (1 TB out, 10M requests a month) at ${grouped(req)} requests`, monthlyUsd: 0 }];
};

const cloudMapService: Rule = (_r, ctx) => {
    const p = ctx.pricer.price("aws.cloudmap.instance");
    return [{ item: `Cloud Map: 1 registered instance x ${usd(p.usd)} (assumed)`, monthlyUsd: p.usd, weak: p.weak }];
};

/**
 * Route 53 health checks: an endpoint counts as AWS when a record of the plan aliases its name to
 * an AWS resource (our ALB hosts); anything else (GCP's host) bills at the non-AWS rate. HTTPS and
 * a 10-second interval are optional features, each billed on top.
 */
const healthCheck: Rule = (r, ctx) => {
    const host = str(r.inputs.fqdn);
    const onAws = !!host && ctx.ofType("aws:route53/record:Record").some((x) => str(x.inputs.name)?.replace(/\.$/, "") === host && arr(x.inputs.aliases).length > 0);
    const where = onAws ? "aws" : "external";
    const features = [str(r.inputs.type)?.startsWith("HTTPS") ? "HTTPS" : "", num(r.inputs.requestInterval) === 10 ? "fast interval" : "", r.inputs.measureLatency === true ? "latency" : "", str(r.inputs.searchString) ? "string matching" : ""].filter(Boolean);
    const base = ctx.pricer.price(`aws.route53.health.${where}`);
    const feature = ctx.pricer.price(`aws.route53.health.feature.${where}`);
    return [
        { item: `Route 53 health check on ${host ?? "an endpoint"} (${onAws ? "AWS" : "non-AWS"} endpoint): ${usd(base.usd)} a month`, monthlyUsd: base.usd, weak: base.weak },
        ...(features.length > 0 ? [perUnit(`optional features (${features.join(", ")})`, features.length, features.length === 1 ? "feature" : "features", feature)] : []),
    ];
};

// --- Jobs: a service's task definition is priced on its ECS service; a job's per run (job-runs.ts).
const taskDefinition: Rule = (r, ctx) => {
    const use = jobUsage(ctx.spec, str(r.inputs.family), ctx);
    if (!use) return [{ item: "priced on the ECS service that runs it", monthlyUsd: 0 }];
    const cpu = num(r.inputs.cpu) ?? 0;
    const mem = num(r.inputs.memory) ?? 0;
    const arm = str(obj(r.inputs.runtimePlatform).cpuArchitecture) === "ARM64";
    const pv = ctx.pricer.price(arm ? "aws.fargate.arm.vcpu" : "aws.fargate.x86.vcpu");
    const pm = ctx.pricer.price(arm ? "aws.fargate.arm.gb" : "aws.fargate.x86.gb");
    // Fargate bills per second with a one-minute minimum.
    const hours = use.runs * use.job.tasks * Math.max(1, use.minutes) / 60;
    const what = `${use.runs} runs x ${use.job.tasks} task x ${use.minutes} min`;
    return [
        { item: `job Fargate vCPU: ${what} x ${cpu / 1024} vCPU x ${usd(pv.usd)}/h`, monthlyUsd: hours * (cpu / 1024) * pv.usd, weak: pv.weak },
        { item: `job Fargate memory: ${what} x ${mem / 1024} GB x ${usd(pm.usd)}/h`, monthlyUsd: hours * (mem / 1024) * pm.usd, weak: pm.weak },
    ];
};

const schedule: Rule = (r, ctx) => {
    const use = jobUsage(ctx.spec, str(r.inputs.name), ctx);
    const runs = use?.runs ?? 0;
    return [{ item: `EventBridge Scheduler: ${runs} invocations a month, within the account's 14 million free (then ${usd(ctx.pricer.price("aws.scheduler.minvoke").usd)} per million)`, monthlyUsd: 0 }];
};

export const AWS_RULES: Readonly<Record<string, Rule>> = {
    "aws:route53/healthCheck:HealthCheck": healthCheck,
    [T.taskDef]: taskDefinition,
    "aws:scheduler/schedule:Schedule": schedule,
    [T.nat]: natGateway,
    [T.eip]: eip,
    [T.vpcEndpoint]: vpcEndpoint,
    [T.lb]: loadBalancer,
    [T.alb]: loadBalancer,
    [T.ecsService]: ecsService,
    [T.asg]: autoscalingGroup,
    [T.instance]: ec2Instance,
    [T.rdsInstance]: rdsInstance,
    [T.cacheGroup]: replicationGroup,
    [T.cacheCluster]: cacheCluster,
    [T.secret]: monthly("Secrets Manager secret", "aws.secret.month"),
    [T.kmsKey]: monthly("KMS customer managed key", "aws.kms.key"),
    [T.route53Zone]: monthly("Route 53 hosted zone", "aws.route53.zone"),
    [T.cloudMapNamespace]: monthly("Cloud Map namespace (a Route 53 hosted zone)", "aws.route53.zone"),
    [T.cloudMapPublicNamespace]: monthly("Cloud Map namespace (a Route 53 hosted zone)", "aws.route53.zone"),
    [T.cloudMapService]: cloudMapService,
    [T.metricAlarm]: metricAlarm,
    [T.compositeAlarm]: monthly("CloudWatch composite alarm", "aws.alarm.composite"),
    [T.dashboard]: monthly("CloudWatch dashboard (first 3 per account free)", "aws.dashboard.month"),
    [T.logGroup]: logGroup,
    [T.bucket]: s3Bucket,
    [T.bucketV2]: s3Bucket,
    [T.efs]: efs,
    [T.ecr]: ecr,
    [T.webAcl]: webAcl,
    [T.cloudfront]: cloudfront,
};
