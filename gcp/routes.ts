/**
 * The one place ALB-style route patterns become GCP URL map path rules, so both clouds route
 * the same `routes` the same way. ALB patterns: `*` matches any run of characters and a pattern
 * without one is an exact match. GCP path rules: exact paths, or a prefix ending in `/*`, the
 * longest match wins regardless of order
 * (https://cloud.google.com/load-balancing/docs/url-map-concepts#wildcards-regx-dynamic).
 * Patterns GCP cannot express (`*` elsewhere, `?`) are rejected by stacks/validate.ts.
 */

/** Why a pattern cannot become a GCP path rule, or undefined when it can. */
export function gcpRouteProblem(pattern: string): string | undefined {
    if (pattern.includes("?")) return "uses \"?\", which GCP URL maps cannot match";
    const star = pattern.indexOf("*");
    if (star === -1) return undefined;
    if (star !== pattern.length - 1) return "has a \"*\" before its end; GCP URL maps allow \"*\" only as the last character, after \"/\"";
    if (!pattern.endsWith("/*")) return `ends in "*" without "/" before it; GCP cannot express that: use "${pattern.slice(0, -1)}" and "${pattern.slice(0, -1)}/*"`;
    return undefined;
}

/** True when the pattern catches every path (the URL map's default service). */
export function isCatchAll(pattern: string): boolean {
    return pattern === "/*";
}

export interface RoutedService {
    name: string;
    routes: readonly string[];
}

export interface UrlMapPlan {
    /** The service requests go to when no path rule matches. */
    defaultService: string;
    /** Path rules per service (catch-alls dropped: the default covers them), in service order. */
    pathRules: { service: string; paths: string[] }[];
}

/**
 * Picks the default service (the one routed at `/*`, else the one routed at `/`, else the first
 * routed service: a URL map must have a default, where an ALB would answer 404) and the path
 * rules of every service.
 */
export function planUrlMap(services: readonly RoutedService[]): UrlMapPlan {
    if (services.length === 0) throw new Error("planUrlMap needs at least one routed service");
    const owner = (p: string) => services.find((s) => s.routes.includes(p))?.name;
    const defaultService = owner("/*") ?? owner("/") ?? services[0].name;
    const pathRules = services
        .map((s) => ({ service: s.name, paths: s.routes.filter((r) => !isCatchAll(r)) }))
        .filter((r) => r.paths.length > 0);
    return { defaultService, pathRules };
}

/** Which service the URL map sends a concrete request path to (longest match wins). */
export function routeFor(plan: UrlMapPlan, path: string): string {
    let best: { service: string; length: number } | undefined;
    for (const rule of plan.pathRules) {
        for (const p of rule.paths) {
            const hit = p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p;
            const length = p.endsWith("/*") ? p.length - 1 : p.length + 1; // an exact match beats an equal prefix
            if (hit && (!best || length > best.length)) best = { service: rule.service, length };
        }
    }
    return best?.service ?? plan.defaultService;
}
