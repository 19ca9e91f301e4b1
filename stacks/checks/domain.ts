import { routesAcrossClouds, type ResolvedConfig } from "../../components/spec";
import { parseKeyPath, type ConfigIssue } from "../errors";
import type { PlatformInput } from "../schema";

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const AT = "platform:domain";

/**
 * The domain's cross-cloud choices, judged on the resolved model: routing modes against the
 * selected clouds, weights, the zone's provider against the providers the stack has, host names
 * inside the zone, and the data question failover and weighted routing raise (docs/domain.md).
 */
export function checkDomain(model: ResolvedConfig, input: PlatformInput): ConfigIssue[] {
    const d = model.domain;
    const given = input.domain;
    if (!d || !given) return [];
    const issues: ConfigIssue[] = [];
    const add = (key: string, message: string, value?: unknown) =>
        issues.push({ path: parseKeyPath(`${AT}.${key}`), message, value, hasValue: value !== undefined });
    const onAws = model.clouds.includes("aws");
    const onGcp = model.clouds.includes("gcp");
    const both = onAws && onGcp;
    const crossing = routesAcrossClouds(d);

    if (crossing && !both) add("routing", `${d.routing} needs both clouds (platform:clouds: [aws, gcp]); this stack deploys to ${model.clouds.join(" and ")} only: use routing: ${model.clouds[0]}`, d.routing);
    if ((d.routing === "aws" && !onAws) || (d.routing === "gcp" && !onGcp)) {
        add("routing", `points the domain at ${d.routing}, which platform:clouds does not include (${model.clouds.join(", ")})`, d.routing);
    }
    checkWeights(d.routing, given, add);
    if (given.primary !== undefined && d.routing !== "failover") add("primary", "only applies with routing: failover", given.primary);

    if (given.dns === "route53" && !onAws) add("dns", 'is route53, but the stack has no AWS provider to write to it (platform:clouds has no "aws"): use dns: clouddns, or add aws to platform:clouds', "route53");
    if (given.dns === "clouddns" && !onGcp) add("dns", 'is clouddns, but the stack has no GCP provider to write to it (platform:clouds has no "gcp"): use dns: route53, or add gcp to platform:clouds', "clouddns");
    if (d.dns !== "clouddns") {
        if (given.cloudDnsZone !== undefined) add("cloudDnsZone", "only applies with dns: clouddns", given.cloudDnsZone);
    } else {
        if (given.zoneId !== undefined) add("zoneId", "is a Route 53 hosted zone id, but dns is clouddns: remove it (set cloudDnsZone for the Cloud DNS managed zone)", given.zoneId);
        if (given.createZone) add("createZone", "creates a Route 53 hosted zone, but dns is clouddns: remove it and create the Cloud DNS zone outside this stack", true);
        if (d.routing === "failover") {
            add("routing", "failover needs health-checked IP addresses in Cloud DNS, and an AWS load balancer has none that stay fixed: use dns: route53 for failover, or routing: weighted", "failover");
        }
        // Cloud DNS has no alias records: an ALB is reached through a CNAME, which the zone apex cannot hold.
        if (d.routing === "aws" || d.routing === "weighted") {
            [d.name, ...d.aliases].forEach((host, i) => {
                if (host === d.zoneName) add(i === 0 ? "name" : `aliases[${i - 1}]`, `is the zone apex, which Cloud DNS can only point at AWS through a CNAME, not allowed at the apex: use a subdomain, dns: route53 or routing: gcp`, host);
            });
        }
    }

    checkHosts(model, given, both, add);

    if (crossing && both) {
        if (!d.healthPath) add("routing", `${d.routing} needs a health path to probe on each cloud, and no service is public: add a public service with routes, or use routing: aws or gcp`, d.routing);
        checkDataSharing(model, d.routing, add);
    }
    return issues;
}

type Add = (key: string, message: string, value?: unknown) => void;

function checkWeights(routing: string, given: NonNullable<PlatformInput["domain"]>, add: Add) {
    const w = given.weights;
    if (routing !== "weighted") {
        if (w) add("weights", "only apply with routing: weighted", w);
        return;
    }
    if (!w) {
        add("weights", "are required with routing: weighted, e.g. { aws: 90, gcp: 10 }");
        return;
    }
    if (w.aws + w.gcp !== 100) add("weights", `must add up to 100 (they add up to ${w.aws + w.gcp})`, w);
}

function checkHosts(model: ResolvedConfig, given: NonNullable<PlatformInput["domain"]>, both: boolean, add: Add) {
    const d = model.domain!;
    const inZone = (h: string) => h === d.zoneName || h.endsWith(`.${d.zoneName}`);
    const named: [string, string][] = [["name", d.name], ...d.aliases.map((a, i): [string, string] => [`aliases[${i}]`, a])];
    for (const cloud of ["aws", "gcp"] as const) {
        const host = given[cloud]?.host;
        if (host === undefined) continue;
        if (!both) {
            add(`${cloud}.host`, "only applies to a stack on both clouds (platform:clouds: [aws, gcp]); a one-cloud stack serves the main name", host);
            continue;
        }
        named.push([`${cloud}.host`, host]);
    }
    const seen = new Map<string, string>();
    for (const [key, host] of named) {
        if (key !== "name" && !HOST.test(host)) {
            add(key, "must be a lowercase host name such as www.example.com", host);
            continue;
        }
        if (!inZone(host)) add(key, `is outside the zone ${d.zoneName}: its records and certificate validation go into that zone, so use a name ending in .${d.zoneName} (or set zoneName)`, host);
        const other = seen.get(host);
        if (other) add(key, `is the same name as domain.${other}; each name may appear once`, host);
        seen.set(host, key);
    }
    // Defaults too: a derived aws.<name> may collide with an alias the user listed.
    if (both) {
        for (const cloud of ["aws", "gcp"] as const) {
            const host = d.hosts[cloud];
            if (given[cloud]?.host === undefined && host && seen.has(host)) {
                add(seen.get(host)!, `is also the default ${cloud} host name; set domain.${cloud}.host to another name`, host);
            }
        }
    }
}

function checkDataSharing(model: ResolvedConfig, routing: string, add: Add) {
    if (model.domain!.dataSharing) return;
    const stateful = model.links.filter((l) => l.kind === "database" || l.kind === "cache");
    if (stateful.length === 0) return;
    const where = stateful.map((l) => `${l.keyPath} (${l.from} uses the ${l.to})`).join(", ");
    add("dataSharing", `is required with routing: ${routing} because each cloud has its own ${[...new Set(stateful.map((l) => l.to))].join(" and ")}, which DNS does not fail over: ${where}. `
        + "Set replicated (you replicate between the clouds), external (the data lives outside both) or none-needed (per-cloud data is acceptable); see docs/domain.md");
}
