import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";
import { planUrlMap, type UrlMapPlan } from "./routes";

/** One service behind the load balancer. */
export interface LbBackend {
    /** Service name from the config (path matcher and child names). */
    name: string;
    /** Cloud Run service name the serverless NEG points at. */
    runName: pulumi.Input<string>;
    /** ALB-style path patterns, e.g. ["/api/*", "/health"]. */
    routes: readonly string[];
    /** Serve through Cloud CDN. */
    cdn: boolean;
}

/** The names the load balancer serves over HTTPS and where its certificate comes from. */
export interface LbDomain {
    /** Main name (first on a Google-managed certificate). */
    name: string;
    /** Other names on a Google-managed certificate. */
    aliases: readonly string[];
    /** Certificate Manager map (DnsAuthorizedCertificate.mapReference) to serve instead of a load-balancer-authorized Google-managed certificate. */
    certificateMap?: pulumi.Input<string>;
    /** Host of the `url` output. @default name */
    urlHost?: string;
}

export interface GlobalLoadBalancerArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Region of the Cloud Run services (serverless NEGs are regional). */
    region: string;
    /** The routed (public) services; their routes become URL map path rules. */
    backends: readonly LbBackend[];
    /** CDN buckets (backend buckets with Cloud CDN), each served at its path with the prefix stripped. @default [] */
    buckets?: readonly { name: string; backendBucketId: pulumi.Input<string>; path: string }[];
    /** Domain (plus aliases) served over HTTPS. Without it: HTTP only. */
    domain?: LbDomain;
    /** Fraction of requests logged by the backend services. @default 1.0 */
    logSampleRate?: number;
    /** Cloud Armor policy (OWASP preconfigured rules + per-IP rate limit) on every backend service. @default false */
    armor?: boolean;
    /** SSL policy profile of the HTTPS proxy (https://cloud.google.com/load-balancing/docs/ssl-policies-concepts). @default "MODERN" */
    sslProfile?: "MODERN" | "RESTRICTED";
    /** Requests per client IP per interval before Cloud Armor answers 429. @default { count: 500, intervalSec: 60 } */
    rateLimit?: { count: number; intervalSec: number };
    /** Resources (the Compute API) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: {
        backendService?: Transform<gcp.compute.BackendServiceArgs>;
        urlMap?: Transform<gcp.compute.URLMapArgs>;
        securityPolicy?: Transform<gcp.compute.SecurityPolicyArgs>;
    };
}

/** Preconfigured WAF rules (OWASP CRS 3.3) the Armor policy denies on. https://cloud.google.com/armor/docs/waf-rules */
export const ARMOR_WAF_RULES = ["sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rce-v33-stable"] as const;

/**
 * The global external Application Load Balancer in front of Cloud Run: anycast IP, a serverless
 * NEG + backend service per routed service, a URL map from the same `routes` as the AWS ALB,
 * and, with a domain, a Google-managed certificate, HTTPS with a TLS 1.2+ MODERN policy, and
 * port 80 answering only with a redirect to HTTPS. Without a domain there is no certificate to
 * serve, so port 80 serves the URL map directly (documented; set `domain` for production).
 */
export class GlobalLoadBalancer extends pulumi.ComponentResource {
    readonly address: gcp.compute.GlobalAddress;
    readonly ipAddress: pulumi.Output<string>;
    /** https://<domain> or http://<ip>. */
    readonly url: pulumi.Output<string>;
    readonly urlMap: gcp.compute.URLMap;
    readonly urlMapPlan: UrlMapPlan;
    readonly backendServices: Readonly<Record<string, gcp.compute.BackendService>>;
    readonly securityPolicy?: gcp.compute.SecurityPolicy;

    private readonly args: GlobalLoadBalancerArgs;

    constructor(name: string, args: GlobalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:GlobalLoadBalancer", name, {}, opts);
        this.args = args;
        this.urlMapPlan = planUrlMap(args.backends);
        this.address = new gcp.compute.GlobalAddress(`${name}-ip`, {
            name: physicalName(args.naming, "lb-ip", "gcp"),
            addressType: "EXTERNAL",
            ipVersion: "IPV4",
        }, this.childOpts());
        this.ipAddress = this.address.address;
        if (args.armor) this.securityPolicy = this.createSecurityPolicy(name);
        this.backendServices = Object.fromEntries(args.backends.map((b) => [b.name, this.createBackend(name, b)]));
        this.urlMap = this.createUrlMap(name);
        if (args.domain) {
            this.createHttps(name, args.domain);
            this.createHttpRedirect(name);
            this.url = pulumi.output(`https://${args.domain.urlHost ?? args.domain.name}`);
        } else {
            this.createHttpFrontend(name, this.urlMap, "http");
            this.url = pulumi.interpolate`http://${this.ipAddress}`;
        }
        this.registerOutputs({ ipAddress: this.ipAddress, url: this.url });
    }

    private childOpts(): pulumi.CustomResourceOptions {
        return { parent: this, dependsOn: this.args.dependsOn };
    }

    private createSecurityPolicy(name: string): gcp.compute.SecurityPolicy {
        const limit = this.args.rateLimit ?? { count: 500, intervalSec: 60 };
        const allIps = { versionedExpr: "SRC_IPS_V1", config: { srcIpRanges: ["*"] } };
        const [n, a, o] = applyTransform<gcp.compute.SecurityPolicyArgs>(this.args.transform?.securityPolicy, `${name}-armor`, {
            name: physicalName(this.args.naming, "armor", "gcp"),
            description: "OWASP preconfigured WAF rules and a per-IP rate limit",
            type: "CLOUD_ARMOR",
            rules: [
                ...ARMOR_WAF_RULES.map((rule, i) => ({
                    action: "deny(403)",
                    priority: 1000 + i,
                    description: `OWASP CRS: ${rule}`,
                    match: { expr: { expression: `evaluatePreconfiguredWaf('${rule}', {'sensitivity': 1})` } },
                })),
                {
                    action: "throttle",
                    priority: 2000,
                    description: `At most ${limit.count} requests per ${limit.intervalSec} s per client IP`,
                    match: allIps,
                    rateLimitOptions: {
                        conformAction: "allow",
                        exceedAction: "deny(429)",
                        enforceOnKey: "IP",
                        rateLimitThreshold: { count: limit.count, intervalSec: limit.intervalSec },
                    },
                },
                { action: "allow", priority: 2147483647, description: "Default: allow", match: allIps },
            ],
        }, this.childOpts());
        return new gcp.compute.SecurityPolicy(n, a, o);
    }

    private createBackend(name: string, b: LbBackend): gcp.compute.BackendService {
        const neg = new gcp.compute.RegionNetworkEndpointGroup(`${name}-${b.name}-neg`, {
            name: physicalName(this.args.naming, `${b.name}-neg`, "gcp"),
            region: this.args.region,
            networkEndpointType: "SERVERLESS",
            cloudRun: { service: b.runName },
        }, this.childOpts());
        // Serverless NEG backends take no health check, port or timeout: Cloud Run manages those.
        const [n, a, o] = applyTransform<gcp.compute.BackendServiceArgs>(this.args.transform?.backendService, `${name}-${b.name}-backend`, {
            name: physicalName(this.args.naming, `${b.name}-backend`, "gcp"),
            loadBalancingScheme: "EXTERNAL_MANAGED",
            protocol: "HTTPS",
            backends: [{ group: neg.id }],
            enableCdn: b.cdn,
            cdnPolicy: b.cdn ? {
                // Cache only what the origin marks cacheable or is static by content type; API-like responses pass through.
                cacheMode: "CACHE_ALL_STATIC",
                defaultTtl: 3600,
                maxTtl: 86400,
                clientTtl: 3600,
                negativeCaching: true,
                serveWhileStale: 86400,
            } : undefined,
            logConfig: { enable: true, sampleRate: this.args.logSampleRate ?? 1.0 },
            securityPolicy: this.securityPolicy?.id,
        }, this.childOpts());
        return new gcp.compute.BackendService(n, a, o);
    }

    private createUrlMap(name: string): gcp.compute.URLMap {
        const plan = this.urlMapPlan;
        const service = (s: string) => this.backendServices[s].id;
        const [n, a, o] = applyTransform<gcp.compute.URLMapArgs>(this.args.transform?.urlMap, `${name}-urlmap`, {
            name: physicalName(this.args.naming, "urlmap", "gcp"),
            defaultService: service(plan.defaultService),
            hostRules: [{ hosts: ["*"], pathMatcher: "routes" }],
            pathMatchers: [{
                name: "routes",
                defaultService: service(plan.defaultService),
                pathRules: [
                    ...plan.pathRules.map((r) => ({ paths: r.paths, service: service(r.service) })),
                    // "/assets/logo.png" reads object "logo.png": the rewrite strips the bucket's prefix.
                    ...(this.args.buckets ?? []).map((b) => ({ paths: [b.path], service: b.backendBucketId, routeAction: { urlRewrite: { pathPrefixRewrite: "/" } } })),
                ],
            }],
        }, this.childOpts());
        return new gcp.compute.URLMap(n, a, o);
    }

    private createHttps(name: string, domain: LbDomain) {
        // A load-balancer-authorized certificate only becomes active once DNS points here; with a
        // certificate map (DNS-authorized) the proxy serves whatever names the map holds.
        const cert = domain.certificateMap ? undefined : new gcp.compute.ManagedSslCertificate(`${name}-cert`, {
            name: physicalName(this.args.naming, "cert", "gcp"),
            managed: { domains: [domain.name, ...domain.aliases] },
        }, this.childOpts());
        const policy = new gcp.compute.SSLPolicy(`${name}-ssl-policy`, {
            name: physicalName(this.args.naming, "ssl-policy", "gcp"),
            minTlsVersion: "TLS_1_2",
            profile: this.args.sslProfile ?? "MODERN",
        }, this.childOpts());
        const proxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, {
            name: physicalName(this.args.naming, "https-proxy", "gcp"),
            urlMap: this.urlMap.id,
            ...(cert ? { sslCertificates: [cert.id] } : { certificateMap: domain.certificateMap }),
            sslPolicy: policy.id,
        }, this.childOpts());
        new gcp.compute.GlobalForwardingRule(`${name}-https`, {
            name: physicalName(this.args.naming, "https", "gcp"),
            target: proxy.id,
            ipAddress: this.address.id,
            portRange: "443",
            ipProtocol: "TCP",
            loadBalancingScheme: "EXTERNAL_MANAGED",
        }, this.childOpts());
    }

    private createHttpRedirect(name: string) {
        const redirect = new gcp.compute.URLMap(`${name}-http-redirect`, {
            name: physicalName(this.args.naming, "http-redirect", "gcp"),
            defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false },
        }, this.childOpts());
        this.createHttpFrontend(name, redirect, "http");
    }

    private createHttpFrontend(name: string, urlMap: gcp.compute.URLMap, role: string) {
        const proxy = new gcp.compute.TargetHttpProxy(`${name}-${role}-proxy`, {
            name: physicalName(this.args.naming, `${role}-proxy`, "gcp"),
            urlMap: urlMap.id,
        }, this.childOpts());
        new gcp.compute.GlobalForwardingRule(`${name}-${role}`, {
            name: physicalName(this.args.naming, role, "gcp"),
            target: proxy.id,
            ipAddress: this.address.id,
            portRange: "80",
            ipProtocol: "TCP",
            loadBalancingScheme: "EXTERNAL_MANAGED",
        }, this.childOpts());
    }
}
