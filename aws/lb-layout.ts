import type { ResolvedConfig, ResolvedService } from "../components/spec";
import { catchAllService } from "./routes";

/** One ALB to build: which services it routes to and which host names point at it. */
export interface LoadBalancerPlan {
    /** Key of the ALB in AwsStack.loadBalancers and in child names: "shared" or the service name. */
    key: string;
    /** Role in the physical name: "alb" or "<service>-alb". */
    role: string;
    services: ResolvedService[];
    /** Service receiving unmatched requests. */
    defaultTarget?: string;
    /** Host names aliased to this ALB (empty without a domain). */
    hosts: string[];
}

/**
 * Decides the ALBs from config alone (plan-time counts): one shared ALB for every public service,
 * or one per public service (seed 000). Per service, the service routed at "/*" (else the first)
 * gets the domain and its aliases, each other one `<service>.<domain>`; each per-service ALB sends
 * everything it receives to its one service.
 */
export function planLoadBalancers(spec: ResolvedConfig): LoadBalancerPlan[] {
    const routed = spec.services.filter((s) => s.expose === "public" && s.port !== undefined && s.routes.length > 0);
    if (routed.length === 0) return [];
    const domainHosts = spec.domain ? [spec.domain.name, ...spec.domain.aliases] : [];
    if ((spec.aws?.loadBalancers ?? "shared") === "shared") {
        return [{ key: "shared", role: "alb", services: routed, defaultTarget: catchAllService(routed), hosts: domainHosts }];
    }
    const primary = catchAllService(routed) ?? routed[0].name;
    return routed.map((s) => ({
        key: s.name,
        role: `${s.name}-alb`,
        services: [s],
        defaultTarget: s.name,
        hosts: !spec.domain ? [] : s.name === primary ? domainHosts : [`${s.name}.${spec.domain.name}`],
    }));
}

/** Every host name that needs to be on the certificate. */
export function certificateHosts(plans: readonly LoadBalancerPlan[]): string[] {
    return [...new Set(plans.flatMap((p) => p.hosts))];
}
