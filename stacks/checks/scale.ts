/**
 * Stacks too big to plan in one process, or to route through one cloud load balancer, are
 * refused while the config is validated, before any resource exists (exit 2 from `npm run plan`).
 * Plain module: no cloud SDK, only counts from the config.
 */
import { CATCH_ALL } from "../../aws/routes";
import type { ConfigIssue } from "../errors";
import type { PlatformInput } from "../schema";

/**
 * Most services × selected clouds one program run plans. Measured on generated two-cloud stacks
 * (scripts/bench.ts, one run each, docs/testing-speed.md): 200 services planned 7,069 resources
 * in 1.4 GB peak RSS, 400 services 14,069 resources in 2.8 GB: about 18 resources per service and
 * cloud and 180 KB per resource, linear. Node's default heap (4 GB on a 64-bit machine) ends near
 * 22,000 resources, about 600 services on both clouds; 2,000 services ran out of memory. 400
 * pairs (200 services on both clouds, 400 on one) keeps a plan near 1.5 GB, with room for
 * services that carry more resources than the generated ones.
 */
export const MAX_SERVICE_CLOUDS = 400;

/**
 * Application Load Balancer quotas (defaults, per load balancer / per region), from "Quotas for
 * your Application Load Balancers":
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 */
export const ALB_LIMITS = {
    /** Target groups per Application Load Balancer: one per routed service on the shared ALB. */
    targetGroupsPerAlb: 100,
    /** Rules per Application Load Balancer (not counting default rules): one per non-catch-all route. */
    rulesPerAlb: 100,
    /** Application Load Balancers per Region: one per public service with loadBalancers: perService. */
    albsPerRegion: 50,
} as const;

/**
 * Inbound rules per security group (default), from "Amazon VPC quotas", security groups:
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 * An internal service's group gets one inbound rule per calling service (aws/admit.ts).
 */
export const SG_INBOUND_RULES = 60;

/** Issues for stacks beyond the planner's or the AWS load balancer's reach (empty when within). */
export function scaleIssues(cfg: PlatformInput): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const add = (message: string, value: number) => issues.push({ path: ["platform:services"], message, value, hasValue: true });
    const services = cfg.services ?? [];
    const clouds = new Set(cfg.clouds ?? ["aws"]);

    const pairs = services.length * clouds.size;
    if (pairs > MAX_SERVICE_CLOUDS) {
        const most = Math.floor(MAX_SERVICE_CLOUDS / clouds.size);
        add(`lists ${services.length} services on ${clouds.size} cloud${clouds.size > 1 ? "s" : ""}; one stack plans at most ${most} services on ${clouds.size > 1 ? "these clouds" : "one cloud"} (${MAX_SERVICE_CLOUDS} services x clouds, the memory of one Node.js process): split the app into several stacks`, services.length);
    }

    if (!clouds.has("aws")) return issues;
    // Callers of a service: exactly the services and jobs whose `uses` names it (fail closed), one
    // inbound rule each on its security group.
    const consumers = [...services, ...(cfg.jobs ?? [])];
    services.forEach((t, i) => {
        if (t.port === undefined) return;
        const callers = consumers.filter((c) => c.name !== t.name && Array.isArray(c.uses) && c.uses.includes(t.name)).length;
        if (callers > SG_INBOUND_RULES) {
            issues.push({
                path: ["platform:services", i],
                message: `"${t.name}" is used by ${callers} services and jobs; its security group takes at most ${SG_INBOUND_RULES} inbound rules on AWS (one per caller): split the callers or the service`,
                value: callers,
                hasValue: true,
            });
        }
    });
    // Public services with routes are the ones an ALB routes to (validate.ts refuses other shapes).
    const routed = services.filter((s) => (s.routes?.length ?? 0) > 0 && s.port !== undefined && (s.expose ?? "public") === "public");
    if ((cfg.aws?.loadBalancers ?? "shared") === "shared") {
        if (routed.length > ALB_LIMITS.targetGroupsPerAlb) {
            add(`routes ${routed.length} services through the shared load balancer; an AWS Application Load Balancer takes at most ${ALB_LIMITS.targetGroupsPerAlb} target groups (one per routed service): split the stack or set platform:aws.loadBalancers: perService`, routed.length);
        }
        const rules = routed.reduce((n, s) => n + (s.routes ?? []).filter((r) => !CATCH_ALL.has(r)).length, 0);
        if (rules > ALB_LIMITS.rulesPerAlb) {
            add(`need ${rules} listener rules on the shared load balancer (one per route other than "/*"); an AWS Application Load Balancer takes at most ${ALB_LIMITS.rulesPerAlb}: use fewer, broader routes (such as "/api/*") or split the stack`, rules);
        }
    } else if (routed.length > ALB_LIMITS.albsPerRegion) {
        add(`would create ${routed.length} load balancers (loadBalancers: perService); AWS allows ${ALB_LIMITS.albsPerRegion} Application Load Balancers per region by default: use loadBalancers: shared or ask AWS for a higher quota first`, routed.length);
    }
    return issues;
}
