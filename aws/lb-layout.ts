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
    /** Host names this stack points at this ALB (empty without a domain). */
    hosts: string[];
    /** Host names this ALB answers, on its certificate: `hosts` plus main names another cloud or cross-cloud routing may send here. */
    served: string[];
    /** Host of this ALB's `url` output (AWS's own host on a both-clouds stack). */
    urlHost?: string;
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
    const d = spec.domain;
    const main = d ? [d.name, ...d.aliases] : [];
    // AWS always answers its own host (both clouds); the main name points here only with routing
    // aws (else GCP's stack or the cross-cloud records point it), but stays on the certificate so
    // a routing change never waits for a certificate.
    const own = d?.hosts.aws ? [d.hosts.aws] : [];
    const entry = { hosts: [...(d?.routing === "aws" ? main : []), ...own], served: [...main, ...own], urlHost: d ? d.hosts.aws ?? d.name : undefined };
    if ((spec.aws?.loadBalancers ?? "shared") === "shared") {
        return [{ key: "shared", role: "alb", services: routed, defaultTarget: catchAllService(routed), ...entry }];
    }
    const primary = catchAllService(routed) ?? routed[0].name;
    return routed.map((s) => {
        const own = d ? [`${s.name}.${d.name}`] : [];
        return {
            key: s.name,
            role: `${s.name}-alb`,
            services: [s],
            defaultTarget: s.name,
            ...(s.name === primary ? entry : { hosts: own, served: own, urlHost: own[0] }),
        };
    });
}

/** Every host name that needs to be on the certificate. */
export function certificateHosts(plans: readonly LoadBalancerPlan[]): string[] {
    return [...new Set(plans.flatMap((p) => p.served))];
}
