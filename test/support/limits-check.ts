import {
    CACHE_NODE_TYPES, EC2_INSTANCE_TYPES, POSTGRES_MAJORS, RDS_INSTANCE_CLASSES, REDIS_VERSIONS, cloudRunMemoryMi, cloudRunSizeProblem, redisFamily,
} from "../../components/catalog";
import {
    CLOUD_RUN_RESERVED_ENV, ECS_HEALTH_CHECK_TIMEOUT, limit, minMaxAllocatedStorage, nameProblem, tagKeyProblem, tagValueProblem,
} from "../../components/limits";
import type { PlannedResource } from "../../plan/engine";

/**
 * Checks every planned resource input against the provider limits table (components/limits.ts):
 * the same rows validation uses, applied to what the program actually built. Returns one line per
 * violation, empty when the plan is valid for the providers.
 */

/** Which input of which resource type holds a physical name, and its rule. */
const NAME_FIELDS: [type: string, field: string, limitId: string][] = [
    ["aws:lb/loadBalancer:LoadBalancer", "name", "aws.alb.name"],
    ["aws:lb/targetGroup:TargetGroup", "name", "aws.targetGroup.name"],
    ["aws:ec2/securityGroup:SecurityGroup", "name", "aws.securityGroup.name"],
    ["aws:s3/bucket:Bucket", "bucket", "aws.s3.bucket"],
    ["aws:rds/instance:Instance", "identifier", "aws.rds.identifier"],
    ["aws:rds/parameterGroup:ParameterGroup", "name", "aws.rds.parameterGroup"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "replicationGroupId", "aws.elasticache.replicationGroupId"],
    ["aws:elasticache/parameterGroup:ParameterGroup", "name", "aws.elasticache.parameterGroup"],
    ["aws:ecr/repository:Repository", "name", "aws.ecr.repository"],
    ["aws:iam/role:Role", "name", "aws.iam.role"],
    ["aws:cloudwatch/metricAlarm:MetricAlarm", "name", "aws.cloudwatch.alarmName"],
    ["aws:secretsmanager/secret:Secret", "name", "aws.secretsmanager.name"],
    ["aws:ecs/cluster:Cluster", "name", "aws.ecs.name"],
    ["aws:ecs/taskDefinition:TaskDefinition", "family", "aws.ecs.name"],
    ["aws:cloudwatch/logGroup:LogGroup", "name", "aws.logs.logGroup"],
    ["gcp:cloudrunv2/service:Service", "name", "gcp.cloudRun.name"],
    ["gcp:cloudrunv2/workerPool:WorkerPool", "name", "gcp.cloudRun.name"],
    ["gcp:serviceaccount/account:Account", "accountId", "gcp.serviceAccount.id"],
    ["gcp:vpcaccess/connector:Connector", "name", "gcp.vpcConnector.name"],
    ["gcp:secretmanager/secret:Secret", "secretId", "gcp.secret.id"],
];

/** Names unique within a type: one account and region (AWS), one project (GCP). */
const UNIQUE_WITHIN: Set<string> = new Set(NAME_FIELDS.map(([t]) => t).filter((t) => !t.startsWith("aws:ecs/taskDefinition")));

type Obj = Record<string, unknown>;

export function limitViolations(resources: readonly PlannedResource[]): string[] {
    const out: string[] = [];
    const bad = (r: PlannedResource, id: string, text: string) => out.push(`${r.type} ${r.name}: ${text} [${id}]`);
    const names = new Map<string, string>();
    const sgRules = new Map<string, number>();

    for (const r of resources) {
        const i = r.inputs as Obj;
        const isGcp = r.type.startsWith("gcp:compute/");
        for (const [type, field, id] of NAME_FIELDS) {
            if (r.type !== type || typeof i[field] !== "string") continue;
            const value = i[field];
            const problem = nameProblem(id, value);
            if (problem) bad(r, id, `${field} "${value}" ${problem}`);
            if (UNIQUE_WITHIN.has(type)) {
                const key = `${type}|${value}`;
                if (names.has(key)) bad(r, "unique names", `${field} "${value}" is also ${names.get(key)}'s`);
                names.set(key, r.name);
            }
        }
        if (isGcp && typeof i.name === "string") {
            const problem = nameProblem("gcp.name", i.name);
            if (problem) bad(r, "gcp.name", `name "${i.name}" ${problem}`);
        }
        for (const tags of [i.tags, r.type === "pulumi:providers:aws" ? (parse(i.defaultTags) as Obj | undefined)?.tags : undefined]) {
            if (!tags || typeof tags !== "object") continue;
            for (const [k, v] of Object.entries(tags as Obj)) {
                const kp = tagKeyProblem(k);
                if (kp) bad(r, "aws.tag.key", `tag "${k}" ${kp}`);
                const vp = typeof v === "string" ? tagValueProblem(v) : undefined;
                if (vp) bad(r, "aws.tag.value", `tag "${k}" value ${vp}`);
            }
            if (Object.keys(tags).length > limit("aws.tag.count").value!) bad(r, "aws.tag.count", "too many tags");
        }
        switch (r.type) {
            case "aws:rds/instance:Instance": {
                if (!RDS_INSTANCE_CLASSES.includes(i.instanceClass as string)) bad(r, "aws.rds.instanceClass", `instanceClass ${String(i.instanceClass)}`);
                const max = i.maxAllocatedStorage as number | undefined;
                if (max !== undefined && max !== 0 && max < minMaxAllocatedStorage(i.allocatedStorage as number)) {
                    bad(r, "aws.rds.maxAllocatedStorage", `maxAllocatedStorage ${max} for allocatedStorage ${String(i.allocatedStorage)}`);
                }
                if (!(POSTGRES_MAJORS as readonly string[]).includes(String(i.engineVersion).split(".")[0])) bad(r, "aws.rds.version", `engineVersion ${String(i.engineVersion)}`);
                break;
            }
            case "aws:rds/parameterGroup:ParameterGroup":
                if (!POSTGRES_MAJORS.some((m) => i.family === `postgres${m}`)) bad(r, "aws.rds.version", `family ${String(i.family)}`);
                break;
            case "aws:elasticache/replicationGroup:ReplicationGroup":
                if (!CACHE_NODE_TYPES.includes(i.nodeType as string)) bad(r, "aws.elasticache.nodeType", `nodeType ${String(i.nodeType)}`);
                if (!(REDIS_VERSIONS as readonly string[]).includes(i.engineVersion as string)) bad(r, "aws.elasticache.version", `engineVersion ${String(i.engineVersion)}`);
                break;
            case "aws:elasticache/parameterGroup:ParameterGroup":
                if (!REDIS_VERSIONS.some((v) => redisFamily(v) === i.family)) bad(r, "aws.elasticache.version", `family ${String(i.family)}`);
                break;
            case "aws:ec2/launchTemplate:LaunchTemplate":
                if (!EC2_INSTANCE_TYPES.includes(i.instanceType as string)) bad(r, "aws.ec2.instanceType", `instanceType ${String(i.instanceType)}`);
                break;
            case "aws:ecs/taskDefinition:TaskDefinition":
                for (const c of (parse(i.containerDefinitions) as Obj[] | undefined) ?? []) {
                    const hc = c.healthCheck as { timeout: number; interval: number } | undefined;
                    if (hc && (hc.timeout < ECS_HEALTH_CHECK_TIMEOUT.min || hc.timeout > ECS_HEALTH_CHECK_TIMEOUT.max)) bad(r, "aws.ecs.containerHealthCheck", `timeout ${hc.timeout}`);
                }
                break;
            case "aws:lb/targetGroup:TargetGroup": {
                const hc = i.healthCheck as { timeout: number; interval: number };
                if (hc.timeout < 2 || hc.timeout > 120 || hc.timeout >= hc.interval) bad(r, "aws.alb.healthCheck", `timeout ${hc.timeout} interval ${hc.interval}`);
                break;
            }
            case "aws:efs/accessPoint:AccessPoint": {
                const path = (i.rootDirectory as Obj | undefined)?.path as string;
                const problem = nameProblem("aws.efs.accessPointPath", path);
                if (problem) bad(r, "aws.efs.accessPointPath", `path "${path}" ${problem}`);
                break;
            }
            case "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration":
                for (const rule of (i.rules as Obj[]) ?? []) {
                    const days = ((rule.transitions as Obj[] | undefined) ?? []).map((t) => t.days as number);
                    const expire = (rule.expiration as Obj | undefined)?.days as number | undefined;
                    if (days.some((d) => d < 30) || (expire !== undefined && days.some((d) => expire <= d))) bad(r, "aws.s3.lifecycle", `transitions ${days.join(",")} expiration ${String(expire)}`);
                }
                break;
            case "aws:acm/certificate:Certificate": {
                const first = i.domainName as string;
                const all = 1 + ((i.subjectAlternativeNames as string[] | undefined)?.length ?? 0);
                if (first.length > limit("aws.acm.domainName").value!) bad(r, "aws.acm.domainName", `domainName ${first.length} characters`);
                if (all > 100) bad(r, "aws.acm.namesPerCertificate", `${all} names`);
                break;
            }
            case "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
                const domains = ((i.managed as Obj).domains as string[]) ?? [];
                if (domains.some((d) => d.includes("*")) || domains.length > limit("gcp.managedCertificate").value!) bad(r, "gcp.managedCertificate", domains.join(","));
                break;
            }
            case "gcp:cloudrunv2/service:Service":
            case "gcp:cloudrunv2/workerPool:WorkerPool":
                for (const c of ((i.template as Obj).containers as Obj[]) ?? []) {
                    const limits = (c.resources as Obj).limits as { cpu: string; memory: string };
                    const mem = cloudRunMemoryMi(limits.memory);
                    const problem = mem === undefined ? "malformed memory" : cloudRunSizeProblem(limits.cpu, mem);
                    if (problem) bad(r, "gcp.cloudRun.size", `${limits.cpu} CPU ${limits.memory}: ${problem}`);
                    for (const e of (c.envs as Obj[] | undefined) ?? []) if (CLOUD_RUN_RESERVED_ENV.includes(e.name as string)) bad(r, "gcp.cloudRun.reservedEnv", String(e.name));
                }
                break;
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
                const key = `${r.type.includes("Ingress") ? "in" : "out"}|${String(i.securityGroupId)}`;
                sgRules.set(key, (sgRules.get(key) ?? 0) + 1);
                break;
            }
        }
    }
    // Target groups and listener rules of one ALB share its component as parent.
    for (const [type, id] of [["aws:lb/targetGroup:TargetGroup", "aws.alb.targetGroups"], ["aws:lb/listenerRule:ListenerRule", "aws.alb.rules"]] as const) {
        const perLb = new Map<string, number>();
        for (const r of resources) if (r.type === type) perLb.set(String(r.parent), (perLb.get(String(r.parent)) ?? 0) + 1);
        for (const [lb, n] of perLb) if (n > limit(id).value!) out.push(`${lb}: ${n} of ${type} [${id}]`);
    }
    for (const [key, n] of sgRules) if (n > limit("aws.securityGroup.inboundRules").value!) out.push(`security group ${key}: ${n} rules [aws.securityGroup.inboundRules]`);
    return out;
}

function parse(v: unknown): unknown {
    if (typeof v !== "string") return v;
    try { return JSON.parse(v); } catch { return undefined; }
}
