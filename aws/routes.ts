/** One path pattern of one service, as an ALB listener rule will match it. */
export interface RoutedPath {
    service: string;
    /** ALB path pattern, e.g. "/api/*". */
    path: string;
    /** Index of the path in the service's `routes`, for stable logical names. */
    index: number;
}

/** Patterns that mean "everything else": they become the listener's default action, not a rule. */
export const CATCH_ALL = new Set(["/*", "/"]);

/** The characters before the first wildcard: what a pattern is sure to match literally. */
function literalPrefix(path: string): string {
    const i = path.search(/[*?]/);
    return i < 0 ? path : path.slice(0, i);
}

/**
 * Listener rules in evaluation order, most specific first, so "/api/v1/*" is never shadowed by
 * "/api/*": a longer literal prefix first; at equal length an exact path before a wildcard one;
 * then by text and service name, so the order (and the priorities derived from it) is the same
 * on every run whatever the order of the config. Catch-all patterns are left out.
 */
export function orderRoutes(services: readonly { name: string; routes: readonly string[] }[]): RoutedPath[] {
    const paths = services.flatMap((s) => s.routes.map((path, index) => ({ service: s.name, path, index })))
        .filter((r) => !CATCH_ALL.has(r.path));
    const wild = (p: string) => (/[*?]/.test(p) ? 1 : 0);
    return paths.sort((a, b) =>
        literalPrefix(b.path).length - literalPrefix(a.path).length
        || wild(a.path) - wild(b.path)
        || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
        || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/** Rule priorities step by 10, leaving room for rules added by hand between ours. */
export const PRIORITY_STEP = 10;

/** The service that receives unmatched requests: the one routed at "/*" (or "/"), if any. */
export function catchAllService(services: readonly { name: string; routes: readonly string[] }[]): string | undefined {
    return services.find((s) => s.routes.some((r) => CATCH_ALL.has(r)))?.name;
}
