import { cloudSqlTierShape } from "../../gcp/sizes";
import { arr, num, obj, str } from "../../policy/helpers";
import type { PlannedResource } from "../model";
import { HOURS_PER_MONTH } from "./prices";
import { grouped, hourly, monthly, perUnit, type PricedItem, type Rule, type RuleContext, usd } from "./rule";
import { T } from "../../policy/types";
import { jobUsage } from "./job-runs";

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Kubernetes-style CPU quantity ("1", "2", "1000m", "0.5") to vCPU. */
export function parseCpu(v: unknown): number | undefined {
    const s = typeof v === "number" ? String(v) : str(v);
    const m = s && /^(\d+(?:\.\d+)?)(m?)$/.exec(s.trim());
    if (!m) return undefined;
    return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** Memory quantity ("512Mi", "1Gi", "2G") to GiB. */
export function parseGib(v: unknown): number | undefined {
    const m = str(v) && /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(str(v)!.trim());
    if (!m) return undefined;
    const bytes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, K: 1e3, M: 1e6, G: 1e9, "": 1 };
    return (Number(m[1]) * bytes[m[2] ?? ""]) / 2 ** 30;
}

const n6 = (x: number) => Number(x.toPrecision(6));

/**
 * Cloud Run v2. Instance-based billing (cpuIdle false, "CPU always allocated") bills every
 * instance-second: min instances x 730 h, or the busy time the traffic needs if larger.
 * Request-based billing (cpuIdle true, the provider's default) bills the request time at the
 * higher rate plus a per-request fee, and idle minimum instances at the idle rate.
 */
const cloudRunService: Rule = (r, ctx) => {
    const template = obj(r.inputs.template);
    const container = obj(arr(template.containers)[0]);
    const resources = obj(container.resources);
    const limits = obj(resources.limits);
    // Cloud Run defaults: 1 vCPU and 512 MiB per instance.
    const vcpu = parseCpu(limits.cpu ?? "1");
    const gib = parseGib(limits.memory ?? "512Mi");
    if (vcpu === undefined || gib === undefined) return `cannot read cpu ${String(limits.cpu)} / memory ${String(limits.memory)}`;
    const min = Math.max(num(obj(template.scaling).minInstanceCount) ?? 0, num(obj(r.inputs.scaling).minInstanceCount) ?? 0);
    const concurrency = num(template.maxInstanceRequestConcurrency) ?? 80;
    const cpuIdle = resources.cpuIdle !== false;
    const { requestsPerMonth: requests, requestSeconds } = ctx.spec.costAssumptions;
    const shape = `${vcpu} vCPU / ${n6(gib)} GiB`;
    if (!cpuIdle) {
        const p = { cpu: ctx.pricer.price("gcp.run.instance.vcpu"), mem: ctx.pricer.price("gcp.run.instance.gib") };
        const busy = (requests * requestSeconds) / concurrency;
        const seconds = Math.max(min * SECONDS_PER_MONTH, busy);
        const why = seconds === busy && busy > 0 ? `busy time of ${grouped(requests)} requests` : `${min} min instances x ${HOURS_PER_MONTH} h`;
        return [
            { item: `Cloud Run instance-based ${shape}, vCPU: ${why} = ${n6(seconds)} s x ${vcpu} x ${usd(p.cpu.usd)}`, monthlyUsd: seconds * vcpu * p.cpu.usd },
            { item: `Cloud Run instance-based ${shape}, memory: ${n6(seconds)} s x ${n6(gib)} GiB x ${usd(p.mem.usd)}`, monthlyUsd: seconds * gib * p.mem.usd },
        ];
    }
    ctx.notes.add("Cloud Run request-based billing: each request bills its full duration (no overlap credit), an upper bound");
    const active = requests * requestSeconds;
    const p = { cpu: ctx.pricer.price("gcp.run.request.vcpu"), mem: ctx.pricer.price("gcp.run.request.gib"), req: ctx.pricer.price("gcp.run.request.mreq") };
    const items: PricedItem[] = [
        { item: `Cloud Run request-based ${shape}, vCPU: ${n6(active)} s x ${vcpu} x ${usd(p.cpu.usd)}`, monthlyUsd: active * vcpu * p.cpu.usd },
        { item: `Cloud Run request-based, memory: ${n6(active)} s x ${n6(gib)} GiB x ${usd(p.mem.usd)}`, monthlyUsd: active * gib * p.mem.usd },
        perUnit("Cloud Run requests", requests / 1e6, "million", p.req),
    ];
    if (min > 0) {
        const idle = { cpu: ctx.pricer.price("gcp.run.idle.vcpu"), mem: ctx.pricer.price("gcp.run.idle.gib") };
        const s = min * SECONDS_PER_MONTH;
        items.push({ item: `Cloud Run idle min instances: ${min} x ${SECONDS_PER_MONTH} s x (${vcpu} x ${usd(idle.cpu.usd)} + ${n6(gib)} x ${usd(idle.mem.usd)})`, monthlyUsd: s * (vcpu * idle.cpu.usd + gib * idle.mem.usd), weak: true });
    }
    return items;
};

/** GCP bills the first five forwarding rules of a project (per region, or global) as one hourly charge. */
const forwardingRule: Rule = (r, ctx) => {
    const global = r.type === T.globalForwardingRule;
    const pool = ctx.ofType(r.type).filter((x) => global || str(x.inputs.region) === str(r.inputs.region));
    const rank = pool.indexOf(r);
    if (rank === 0) return [hourly(`forwarding rules 1-5 (${global ? "global" : "regional"})`, ctx.pricer.price("gcp.forwardingRule.first5"))];
    if (rank < 5) return [{ item: `forwarding rule ${rank + 1}: included in the first-5 charge`, monthlyUsd: 0 }];
    return [hourly(`forwarding rule ${rank + 1}`, ctx.pricer.price("gcp.forwardingRule.extra"))];
};

const connector: Rule = (r, ctx) => {
    const machine = str(r.inputs.machineType) ?? "e2-micro";
    const n = num(r.inputs.minInstances) ?? 2;
    const p = ctx.pricer.gce(machine);
    if (!p) return `connector machine type ${machine} is not in the price table (override gcp.gce.${machine})`;
    return [hourly(`VPC connector ${machine} (min instances)`, p, n)];
};

const artifactRegistry: Rule = (_r, ctx) => {
    const gb = ctx.spec.costAssumptions.registryGb;
    return [perUnit("Artifact Registry storage beyond 0.5 GB (assumed)", Math.max(0, gb - 0.5), "GB", ctx.pricer.price("gcp.registry.gb"))];
};

function connectorInstances(ctx: RuleContext): number {
    const total = ctx.ofType(T.connector).reduce((a, c) => a + (num(c.inputs.minInstances) ?? 2), 0);
    return Math.max(1, total);
}

const routerNat: Rule = (_r, ctx) => {
    const vms = connectorInstances(ctx);
    return [
        hourly("Cloud NAT per connector instance", ctx.pricer.price("gcp.nat.hour"), vms),
        perUnit("Cloud NAT data processed", ctx.spec.costAssumptions.natGbPerMonth, "GB", ctx.pricer.price("gcp.nat.gb")),
    ];
};

const securityPolicy: Rule = (r: PlannedResource, ctx) => {
    const rules = arr(r.inputs.rules).length;
    const pol = ctx.pricer.price("gcp.armor.policy");
    return [
        { item: `Cloud Armor policy: ${usd(pol.usd)} a month`, monthlyUsd: pol.usd },
        perUnit("Cloud Armor rules", rules, "rules", ctx.pricer.price("gcp.armor.rule")),
        perUnit("Cloud Armor requests (assumed)", ctx.spec.costAssumptions.requestsPerMonth / 1e6, "million", ctx.pricer.price("gcp.armor.mreq")),
    ];
};

const alertPolicy: Rule = (r, ctx) => {
    const conditions = Math.max(1, arr(r.inputs.conditions).length);
    ctx.notes.add("Cloud Monitoring alerting: $1.50 per condition; the time series each evaluation returns ($0.35 per million) are not estimated");
    return [perUnit("alerting policy", conditions, conditions === 1 ? "condition" : "conditions", ctx.pricer.price("gcp.alert.condition"))];
};

/** Uptime checks run from every region (6) unless `selectedRegions` says otherwise. */
const UPTIME_REGIONS = 6;
const FREE_UPTIME_EXECUTIONS = 1_000_000;

function uptimeExecutions(r: PlannedResource): number {
    const period = Number(/^(\d+)s$/.exec(str(r.inputs.period) ?? "")?.[1] ?? 300);
    const regions = arr(r.inputs.selectedRegions).length || UPTIME_REGIONS;
    return (30 * 86_400 / period) * regions;
}

/** The project's first million executions a month are free; the rest is shared in proportion. */
const uptimeCheck: Rule = (r, ctx) => {
    const all = ctx.ofType(r.type).reduce((a, x) => a + uptimeExecutions(x), 0);
    const mine = uptimeExecutions(r);
    const billable = (Math.max(0, all - FREE_UPTIME_EXECUTIONS) * mine) / all;
    if (billable === 0) return [{ item: `uptime check: ${n6(mine)} executions, within the project's ${grouped(FREE_UPTIME_EXECUTIONS)} free a month`, monthlyUsd: 0 }];
    return [perUnit("uptime check executions beyond the free million", billable / 1000, "thousand", ctx.pricer.price("gcp.uptime.kexec"))];
};

/** Certificate Manager: the project's first 100 certificates are free; the rest shared in proportion. */
const FREE_CERTIFICATES = 100;
const certificate: Rule = (r, ctx) => {
    const all = ctx.ofType(r.type).length;
    const billable = Math.max(0, all - FREE_CERTIFICATES) / all;
    if (billable === 0) return [{ item: `Certificate Manager certificate: within the project's first ${FREE_CERTIFICATES} (free)`, monthlyUsd: 0 }];
    return [perUnit("Certificate Manager certificate beyond the free 100", billable, "certificates", ctx.pricer.price("gcp.certmanager.cert"))];
};

/**
 * Cloud Run worker pools bill every instance-second at the instance-based rates
 * (cloud.google.com/run/pricing: worker pools, "instance-based billing"): manual instance count x 730 h.
 */
const workerPool: Rule = (r, ctx) => {
    const template = obj(r.inputs.template);
    const limits = obj(obj(obj(arr(template.containers)[0]).resources).limits);
    const vcpu = parseCpu(limits.cpu ?? "1");
    const gib = parseGib(limits.memory ?? "512Mi");
    if (vcpu === undefined || gib === undefined) return `cannot read cpu ${String(limits.cpu)} / memory ${String(limits.memory)}`;
    const instances = num(obj(r.inputs.scaling).manualInstanceCount) ?? 1;
    const p = { cpu: ctx.pricer.price("gcp.run.instance.vcpu"), mem: ctx.pricer.price("gcp.run.instance.gib") };
    const seconds = instances * SECONDS_PER_MONTH;
    return [
        { item: `Cloud Run worker pool ${vcpu} vCPU / ${n6(gib)} GiB, vCPU: ${instances} x ${SECONDS_PER_MONTH} s x ${vcpu} x ${usd(p.cpu.usd)}`, monthlyUsd: seconds * vcpu * p.cpu.usd },
        { item: `Cloud Run worker pool, memory: ${instances} x ${SECONDS_PER_MONTH} s x ${n6(gib)} GiB x ${usd(p.mem.usd)}`, monthlyUsd: seconds * gib * p.mem.usd },
    ];
};

/** Cloud SQL: the tier's vCPU and memory (or the shared-core instance price) per hour, plus SSD GB-month; regional HA doubles both. */
const cloudSql: Rule = (r, ctx) => {
    const settings = obj(r.inputs.settings);
    const tier = str(settings.tier) ?? "";
    const shape = cloudSqlTierShape(tier);
    if (!shape) return `tier ${tier} is not in the price table`;
    const ha = str(settings.availabilityType) === "REGIONAL" ? 2 : 1;
    const haText = ha === 2 ? " (regional HA, 2x)" : "";
    const disk = num(settings.diskSize) ?? 10;
    const items: PricedItem[] = [];
    if (shape.sharedCore) {
        items.push(hourly(`Cloud SQL ${tier}${haText}`, ctx.pricer.price(tier === "db-f1-micro" ? "gcp.sql.f1micro" : "gcp.sql.g1small"), ha));
    } else {
        items.push(hourly(`Cloud SQL ${tier} vCPU${haText}`, ctx.pricer.price("gcp.sql.vcpu"), shape.vcpu * ha));
        items.push(hourly(`Cloud SQL ${tier} memory ${n6(shape.gib)} GB${haText}`, ctx.pricer.price("gcp.sql.gib"), shape.gib * ha));
    }
    items.push(perUnit(`Cloud SQL SSD storage${haText}`, disk * ha, "GB", ctx.pricer.price("gcp.sql.ssd")));
    ctx.notes.add("Cloud SQL: backup storage beyond the instance's disk size and network egress are not estimated");
    return items;
};

/** Memorystore for Redis bills provisioned GB by the hour, at the rate of the tier and capacity band. */
const memorystore: Rule = (r, ctx) => {
    const gb = num(r.inputs.memorySizeGb);
    if (gb === undefined) return "no memorySizeGb";
    const tier = str(r.inputs.tier) === "STANDARD_HA" ? "standard" : "basic";
    const band = gb <= 4 ? "m1" : gb <= 10 ? "m2" : gb <= 35 ? "m3" : gb <= 100 ? "m4" : "m5";
    const id = `gcp.redis.${tier}.${band}` as const;
    return [hourly(`Memorystore ${tier === "standard" ? "Standard (HA)" : "Basic"} ${gb} GB (${band.toUpperCase()})`, ctx.pricer.price(id), gb)];
};

// --- Jobs: Cloud Run jobs bill vCPU- and GiB-seconds while tasks run (instance-based rates).
const cloudRunJob: Rule = (r, ctx) => {
    const use = jobUsage(ctx.spec, str(r.inputs.name), ctx);
    if (!use) return "not a job of this stack's config";
    const seconds = use.runs * use.job.tasks * use.minutes * 60;
    const vcpu = Number(use.job.gcp.cpu);
    const gib = Number(use.job.gcp.memory.replace(/Mi$/, "")) / 1024;
    const pv = ctx.pricer.price("gcp.run.instance.vcpu");
    const pm = ctx.pricer.price("gcp.run.instance.gib");
    const what = `${use.runs} runs x ${use.job.tasks} task x ${use.minutes} min`;
    return [
        perUnit(`job vCPU (${what} x ${vcpu} vCPU)`, seconds * vcpu, "vCPU-s", pv),
        perUnit(`job memory (${what} x ${gib} GiB)`, seconds * gib, "GiB-s", pm),
    ];
};

export const GCP_RULES: Readonly<Record<string, Rule>> = {
    "gcp:certificatemanager/certificate:Certificate": certificate,
    "gcp:cloudrunv2/job:Job": cloudRunJob,
    "gcp:cloudscheduler/job:Job": monthly("Cloud Scheduler job (first 3 per billing account free)", "gcp.scheduler.job"),
    [T.runWorkerPool]: workerPool,
    [T.sqlInstance]: cloudSql,
    [T.memorystore]: memorystore,
    [T.runService]: cloudRunService,
    [T.globalForwardingRule]: forwardingRule,
    [T.forwardingRule]: forwardingRule,
    [T.connector]: connector,
    [T.arRepo]: artifactRegistry,
    [T.routerNat]: routerNat,
    [T.securityPolicy]: securityPolicy,
    [T.gcpSecret]: monthly("Secret Manager secret (1 active version)", "gcp.secret.version"),
    [T.gcpKmsKey]: monthly("Cloud KMS key (1 version)", "gcp.kms.key"),
    [T.alertPolicy]: alertPolicy,
    [T.uptimeCheck]: uptimeCheck,
    [T.dnsZone]: monthly("Cloud DNS managed zone", "gcp.dns.zone"),
    [T.gcsBucket]: (_r, ctx) => [perUnit("Cloud Storage Standard (assumed)", ctx.spec.costAssumptions.bucketGb, "GB", ctx.pricer.price("gcp.gcs.standard"))],
};
