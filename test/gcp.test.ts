import * as assert from "assert";
import type { PlannedResource, PlanResult } from "../plan/engine";
import { contains, mustParseCidr, overlaps } from "../components/cidr";
import { serviceAccountId } from "../gcp/cloudrun";
import { planUrlMap, routeFor } from "../gcp/routes";
import { loadConfigMap } from "../stacks/load";
import { config, expectInvalid, ofType, one, plan } from "./support/harness";

const GCP = { project: "demo-project-1", region: "europe-west1" };
const SERVICES = [
    { name: "frontend", port: 3000, routes: ["/", "/home"], healthCheck: { path: "/" }, gcp: { cdn: true } },
    { name: "backend", port: 8000, routes: ["/api/*", "/health"], healthCheck: { path: "/health" }, secrets: ["db-url"], uses: ["search"] },
    { name: "search", port: 9000, healthCheck: { path: "/ready" } },
    { name: "worker", command: ["celery", "-A", "app", "worker"] },
];

/**
 * A GCP-only stack with a public frontend and backend, an internal service and a worker. It keeps
 * the Serverless VPC Access connector (egress: connector) these tests check; the default, direct
 * VPC egress, is covered in gcp-data.test.ts.
 */
function gcpConfig(extra: Record<string, unknown> = {}) {
    return config({
        "platform:clouds": ["gcp"],
        "platform:gcp": { ...GCP, armor: true, network: { egress: "connector" } },
        "platform:services": SERVICES,
        "platform:secrets": ["db-url"],
        "platform:alerts": { email: "ops@example.com" },
        ...extra,
    });
}

const RUN = "gcp:cloudrunv2/service:Service";
const RUN_IAM = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
const runOf = (p: PlanResult, svc: string) => one(p, RUN, `-${svc}-service`);
const container = (r: PlannedResource) => ((r.inputs.template as Record<string, unknown>).containers as Record<string, any>[])[0];

describe("gcp stack", function () {
    let p: PlanResult;
    let withDomain: PlanResult;
    before(async () => {
        p = await plan(gcpConfig());
        withDomain = await plan(gcpConfig({ "platform:domain": { name: "app.example.com", aliases: ["www.example.com"] } }));
    });

    it("builds only GCP resources for clouds: [gcp], and outputs are grouped under gcp", () => {
        assert.deepStrictEqual(p.resources.filter((r) => r.type.startsWith("aws:")), []);
        const out = p.outputs.gcp as Record<string, any>;
        assert.strictEqual(p.outputs.aws, undefined);
        assert.strictEqual(out.lbIp, "34.120.10.20");
        assert.strictEqual(out.url, "http://34.120.10.20");
        assert.deepStrictEqual(Object.keys(out.serviceUrls).sort(), ["backend", "frontend", "search"]);
        assert.strictEqual(out.registryUrl, "europe-west1-docker.pkg.dev/demo-project-1/app-dev-images");
        assert.strictEqual((withDomain.outputs.gcp as Record<string, unknown>).url, "https://app.example.com");
    });

    it("enables the APIs without disabling them on destroy, and resources wait for them", () => {
        const apis = ofType(p, "gcp:projects/service:Service");
        const names = apis.map((a) => a.inputs.service);
        for (const api of ["run", "compute", "artifactregistry", "vpcaccess", "monitoring", "secretmanager", "iam"]) assert.ok(names.includes(`${api}.googleapis.com`), api);
        assert.ok(apis.every((a) => a.inputs.disableOnDestroy === false && a.inputs.project === GCP.project));
        const apiUrn = (api: string) => apis.find((a) => a.inputs.service === `${api}.googleapis.com`)!.urn;
        assert.ok(runOf(p, "backend").dependsOn!.includes(apiUrn("run")));
        assert.ok(one(p, "gcp:vpcaccess/connector:Connector").dependsOn!.includes(apiUrn("vpcaccess")));
        assert.ok(one(p, "gcp:compute/network:Network").dependsOn!.includes(apiUrn("compute")));
        assert.ok(one(p, "gcp:artifactregistry/repository:Repository").dependsOn!.includes(apiUrn("artifactregistry")));
        assert.ok(one(p, "gcp:secretmanager/secret:Secret").dependsOn!.includes(apiUrn("secretmanager")));
        assert.ok(ofType(p, "gcp:monitoring/alertPolicy:AlertPolicy").every((a) => a.dependsOn!.includes(apiUrn("monitoring"))));
    });

    it("creates a custom-mode VPC, a subnet with Private Google Access and a connector outside it", () => {
        assert.strictEqual(one(p, "gcp:compute/network:Network").inputs.autoCreateSubnetworks, false);
        const subnet = one(p, "gcp:compute/subnetwork:Subnetwork");
        assert.strictEqual(subnet.inputs.privateIpGoogleAccess, true);
        assert.strictEqual(subnet.inputs.region, GCP.region);
        const conn = one(p, "gcp:vpcaccess/connector:Connector");
        assert.deepStrictEqual([conn.inputs.ipCidrRange, conn.inputs.minInstances, conn.inputs.maxInstances, conn.inputs.machineType], ["10.8.0.0/28", 2, 3, "e2-micro"]);
        assert.ok((conn.inputs.name as string).length <= 25);
        assert.ok(!overlaps(mustParseCidr(subnet.inputs.ipCidrRange as string), mustParseCidr(conn.inputs.ipCidrRange as string)));
    });

    it("allows ingress only from the subnet and connector ranges, never from the internet", () => {
        const rules = ofType(p, "gcp:compute/firewall:Firewall");
        assert.strictEqual(rules.length, 1);
        assert.deepStrictEqual(rules[0].inputs.sourceRanges, ["10.0.0.0/24", "10.8.0.0/28"]);
        for (const r of rules) for (const src of r.inputs.sourceRanges as string[]) assert.ok(!contains(mustParseCidr(src), mustParseCidr("8.8.8.8/32")), src);
    });

    it("adds Cloud Router + NAT only when gcp.network.nat is on", async () => {
        assert.strictEqual(ofType(p, "gcp:compute/routerNat:RouterNat").length, 0);
        const nat = await plan(gcpConfig({ "platform:gcp": { ...GCP, network: { nat: true } } }));
        assert.strictEqual(one(nat, "gcp:compute/routerNat:RouterNat").inputs.sourceSubnetworkIpRangesToNat, "ALL_SUBNETWORKS_ALL_IP_RANGES");
        assert.strictEqual(ofType(nat, "gcp:compute/router:Router").length, 1);
    });

    it("rejects a connector range that overlaps the subnet", () => {
        expectInvalid(gcpConfig({ "platform:gcp": { ...GCP, network: { subnetCidr: "10.8.0.0/24", connector: { cidr: "10.8.0.0/28" } } } }), "platform:gcp.network.connector.cidr", "overlaps the subnet");
    });

    it("keeps one Docker repository with cleanup policies, protected in prod", async () => {
        const repo = one(p, "gcp:artifactregistry/repository:Repository");
        assert.strictEqual(repo.inputs.format, "DOCKER");
        assert.deepStrictEqual(repo.inputs.cleanupPolicies, [
            { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
            { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: "604800s" } },
        ]);
        assert.strictEqual(repo.protect, false);
        const prod = await plan(gcpConfig({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1", "platform:gcp": { ...GCP, registry: { keepRecent: 5, untaggedDays: 3 } } }));
        const prodRepo = one(prod, "gcp:artifactregistry/repository:Repository");
        assert.strictEqual(prodRepo.protect, true);
        assert.deepStrictEqual((prodRepo.inputs.cleanupPolicies as any[]).map((c) => c.mostRecentVersions?.keepCount ?? c.condition.olderThan), [5, "259200s"]);
    });

    it("runs each HTTP service from the registry image with the resolved size, scaling and connector", () => {
        const be = runOf(p, "backend");
        const c = container(be);
        assert.strictEqual(c.image, "europe-west1-docker.pkg.dev/demo-project-1/app-dev-images/backend:latest");
        assert.deepStrictEqual(c.ports, { containerPort: 8000, name: "http1" });
        assert.deepStrictEqual(c.resources.limits, { cpu: "1", memory: "512Mi" });
        const t = be.inputs.template as Record<string, any>;
        assert.deepStrictEqual(t.scaling, { minInstanceCount: 1, maxInstanceCount: 2 });
        assert.strictEqual(t.maxInstanceRequestConcurrency, 80);
        assert.strictEqual(t.vpcAccess.connector, one(p, "gcp:vpcaccess/connector:Connector").name + "-id");
        assert.strictEqual(t.serviceAccount, "app-dev-backend@demo-project-1.iam.gserviceaccount.com");
        const explicit = runOf(p, "frontend");
        assert.strictEqual(container(explicit).resources.cpuIdle, true, "dev profile: CPU only during requests");
    });

    it("uses an explicit image as given", async () => {
        const q = await plan(gcpConfig({ "platform:services": [{ name: "web", port: 80, routes: ["/*"], image: "nginx:1.27" }] }));
        assert.strictEqual(container(runOf(q, "web")).image, "nginx:1.27");
        assert.strictEqual(ofType(q, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember").length, 0);
    });

    it("probes the health check path over HTTP on the container port", () => {
        const c = container(runOf(p, "backend"));
        assert.deepStrictEqual(c.startupProbe.httpGet, { path: "/health", port: 8000 });
        assert.deepStrictEqual(c.livenessProbe.httpGet, { path: "/health", port: 8000 });
        assert.strictEqual(c.livenessProbe.failureThreshold, 3);
        assert.ok(c.startupProbe.timeoutSeconds <= c.startupProbe.periodSeconds);
        assert.ok(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold >= 60, "covers the 60 s grace period");
        assert.deepStrictEqual(container(runOf(p, "search")).startupProbe.httpGet, { path: "/ready", port: 9000 });
    });

    it("sets ingress: load balancer only for public services, internal only otherwise", () => {
        assert.strictEqual(runOf(p, "frontend").inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
        assert.strictEqual(runOf(p, "backend").inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
        assert.strictEqual(runOf(p, "search").inputs.ingress, "INGRESS_TRAFFIC_INTERNAL_ONLY");
    });

    it("grants allUsers invoker on public services only, and service-to-service invoker where `uses` says so", () => {
        const members = ofType(p, RUN_IAM);
        const allUsers = members.filter((m) => m.inputs.member === "allUsers");
        assert.deepStrictEqual(allUsers.map((m) => m.inputs.name).sort(), ["app-dev-backend", "app-dev-frontend"]);
        assert.ok(allUsers.every((m) => m.inputs.role === "roles/run.invoker"));
        const onSearch = members.filter((m) => m.inputs.name === "app-dev-search");
        assert.deepStrictEqual(onSearch.map((m) => m.inputs.member), ["serviceAccount:app-dev-backend@demo-project-1.iam.gserviceaccount.com"]);
        // The caller of an INTERNAL_ONLY service must send its traffic through the VPC.
        assert.strictEqual((runOf(p, "backend").inputs.template as any).vpcAccess.egress, "ALL_TRAFFIC");
        assert.strictEqual((runOf(p, "frontend").inputs.template as any).vpcAccess.egress, "PRIVATE_RANGES_ONLY");
    });

    it("gives each service its own account with log/metric writers, its own secrets and the repository reader", () => {
        const accounts = ofType(p, "gcp:serviceaccount/account:Account");
        assert.strictEqual(accounts.length, 4);
        assert.ok(accounts.every((a) => (a.inputs.accountId as string).length <= 30 && /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(a.inputs.accountId as string)));
        const projectRoles = ofType(p, "gcp:projects/iAMMember:IAMMember").filter((m) => String(m.inputs.member).includes("app-dev-backend@"));
        assert.deepStrictEqual(projectRoles.map((m) => m.inputs.role).sort(), ["roles/logging.logWriter", "roles/monitoring.metricWriter"]);
        assert.ok(ofType(p, "gcp:projects/iAMMember:IAMMember").every((m) => !/admin|owner|editor/i.test(String(m.inputs.role))));
        const secretGrants = ofType(p, "gcp:secretmanager/secretIamMember:SecretIamMember");
        assert.deepStrictEqual(secretGrants.map((g) => [g.inputs.member, g.inputs.role]), [["serviceAccount:app-dev-backend@demo-project-1.iam.gserviceaccount.com", "roles/secretmanager.secretAccessor"]]);
        const readers = ofType(p, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember");
        assert.strictEqual(readers.length, 4);
        assert.ok(readers.every((r) => r.inputs.role === "roles/artifactregistry.reader" && r.inputs.repository === "app-dev-images"));
    });

    it("keeps service account ids within 6-30 characters for short and long names", () => {
        assert.strictEqual(serviceAccountId({ app: "a", stage: "x" }, "w"), "a-x-w-run");
        const long = serviceAccountId({ app: "averyverylongapp", stage: "production" }, "notifications");
        assert.ok(long.length <= 30 && /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(long), long);
    });

    it("creates empty secrets and injects them by reference, never by value", () => {
        const secret = one(p, "gcp:secretmanager/secret:Secret");
        assert.strictEqual(secret.inputs.secretId, "app-dev-db-url");
        assert.strictEqual(ofType(p, "gcp:secretmanager/secretVersion:SecretVersion").length, 0);
        const env = (container(runOf(p, "backend")).envs as any[]).find((e) => e.name === "DB_URL");
        assert.deepStrictEqual(env.valueSource, { secretKeyRef: { secret: "app-dev-db-url", version: "latest" } });
        assert.ok(!(container(runOf(p, "frontend")).envs as any[]).some((e) => e.name === "DB_URL"));
    });

    it("runs a worker as a Cloud Run worker pool: no URL, no ingress, no invoker", () => {
        assert.strictEqual(ofType(p, RUN).filter((r) => r.name.includes("worker")).length, 0);
        const pool = one(p, "gcp:cloudrunv2/workerPool:WorkerPool");
        assert.deepStrictEqual(pool.inputs.scaling, { scalingMode: "MANUAL", manualInstanceCount: 1 });
        assert.deepStrictEqual((pool.inputs.template as any).containers[0].args, ["celery", "-A", "app", "worker"]);
        assert.ok(!ofType(p, RUN_IAM).some((m) => String(m.inputs.name).includes("worker")));
    });

    it("puts one serverless NEG and one backend service per public service", () => {
        const negs = ofType(p, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup");
        assert.deepStrictEqual(negs.map((n) => (n.inputs.cloudRun as any).service).sort(), ["app-dev-backend", "app-dev-frontend"]);
        assert.ok(negs.every((n) => n.inputs.networkEndpointType === "SERVERLESS" && n.inputs.region === GCP.region));
        const backends = ofType(p, "gcp:compute/backendService:BackendService");
        assert.strictEqual(backends.length, 2);
        for (const b of backends) {
            assert.strictEqual(b.inputs.loadBalancingScheme, "EXTERNAL_MANAGED");
            assert.deepStrictEqual(b.inputs.logConfig, { enable: true, sampleRate: 1 });
            assert.strictEqual((b.inputs.backends as any[])[0].group, negs.find((n) => b.name.replace("-backend", "") === n.name.replace("-neg", ""))!.name + "-id");
        }
    });

    it("turns on Cloud CDN only where asked", () => {
        assert.strictEqual(one(p, "gcp:compute/backendService:BackendService", "frontend").inputs.enableCdn, true);
        assert.ok(one(p, "gcp:compute/backendService:BackendService", "frontend").inputs.cdnPolicy);
        assert.strictEqual(one(p, "gcp:compute/backendService:BackendService", "lb-backend").inputs.enableCdn, false);
        assert.strictEqual(one(p, "gcp:compute/backendService:BackendService", "lb-backend").inputs.cdnPolicy, undefined);
    });

    it("builds URL map path rules from the same routes as the ALB", () => {
        const map = one(p, "gcp:compute/uRLMap:URLMap", "urlmap");
        const fe = one(p, "gcp:compute/backendService:BackendService", "frontend").name + "-id";
        const be = one(p, "gcp:compute/backendService:BackendService", "lb-backend").name + "-id";
        assert.strictEqual(map.inputs.defaultService, fe, "the service routed at / is the default");
        const matcher = (map.inputs.pathMatchers as any[])[0];
        assert.deepStrictEqual(matcher.pathRules, [{ paths: ["/", "/home"], service: fe }, { paths: ["/api/*", "/health"], service: be }]);
    });

    it("maps ALB patterns to GCP semantics: /* is the default, prefixes and exact paths match as on AWS", () => {
        const m = planUrlMap([{ name: "web", routes: ["/*"] }, { name: "api", routes: ["/api/*", "/health"] }]);
        assert.deepStrictEqual(m, { defaultService: "web", pathRules: [{ service: "api", paths: ["/api/*", "/health"] }] });
        assert.strictEqual(routeFor(m, "/api/v1/users"), "api");
        assert.strictEqual(routeFor(m, "/api"), "web", "ALB /api/* does not match /api either");
        assert.strictEqual(routeFor(m, "/health"), "api");
        assert.strictEqual(routeFor(m, "/healthz"), "web");
        assert.strictEqual(routeFor(m, "/home"), "web");
    });

    it("rejects route patterns a GCP URL map cannot express, only when gcp is selected", () => {
        const bad = [{ name: "api", port: 80, routes: ["/api*"] }];
        expectInvalid(gcpConfig({ "platform:services": bad }), "platform:services[0].routes[0]", 'use "/api" and "/api/*"');
        expectInvalid(gcpConfig({ "platform:services": [{ name: "api", port: 80, routes: ["/v*/users"] }] }), "platform:services[0].routes[0]", "only as the last character");
        // Fractional CPUs need the first-generation environment; services run on the second (components/limits.ts).
        expectInvalid(gcpConfig({ "platform:services": [{ name: "api", port: 80, routes: ["/*"], gcp: { cpu: "0.5" } }] }), "platform:services[0].gcp.cpu", "first-generation");
        assert.doesNotThrow(() => loadConfigMap(config({ "platform:services": bad }), "test"), "an ALB alone can match /api*");
    });

    it("with a domain: managed certificate, HTTPS with a TLS 1.2 MODERN policy, and port 80 only redirecting", () => {
        const cert = one(withDomain, "gcp:compute/managedSslCertificate:ManagedSslCertificate");
        assert.deepStrictEqual((cert.inputs.managed as any).domains, ["app.example.com", "www.example.com"]);
        const policy = one(withDomain, "gcp:compute/sSLPolicy:SSLPolicy");
        assert.deepStrictEqual([policy.inputs.minTlsVersion, policy.inputs.profile], ["TLS_1_2", "MODERN"]);
        const https = one(withDomain, "gcp:compute/targetHttpsProxy:TargetHttpsProxy");
        assert.strictEqual(https.inputs.sslPolicy, policy.name + "-id");
        assert.strictEqual(https.inputs.urlMap, one(withDomain, "gcp:compute/uRLMap:URLMap", "urlmap").name + "-id");
        const rules = ofType(withDomain, "gcp:compute/globalForwardingRule:GlobalForwardingRule");
        assert.deepStrictEqual(rules.map((r) => r.inputs.portRange).sort(), ["443", "80"]);
        const address = one(withDomain, "gcp:compute/globalAddress:GlobalAddress").name + "-id";
        assert.ok(rules.every((r) => r.inputs.ipAddress === address));
        const redirect = one(withDomain, "gcp:compute/uRLMap:URLMap", "http-redirect");
        assert.deepStrictEqual(redirect.inputs.defaultUrlRedirect, { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false });
        assert.strictEqual(redirect.inputs.defaultService, undefined);
        assert.strictEqual(one(withDomain, "gcp:compute/targetHttpProxy:TargetHttpProxy").inputs.urlMap, redirect.name + "-id");
    });

    it("without a domain: no certificate, port 80 serves the URL map", () => {
        assert.strictEqual(ofType(p, "gcp:compute/managedSslCertificate:ManagedSslCertificate").length, 0);
        assert.strictEqual(ofType(p, "gcp:compute/targetHttpsProxy:TargetHttpsProxy").length, 0);
        assert.strictEqual(one(p, "gcp:compute/targetHttpProxy:TargetHttpProxy").inputs.urlMap, one(p, "gcp:compute/uRLMap:URLMap").name + "-id");
    });

    it("attaches a Cloud Armor policy with OWASP rules and a rate limit to every backend, only when asked", async () => {
        const armor = one(p, "gcp:compute/securityPolicy:SecurityPolicy");
        const rules = armor.inputs.rules as any[];
        const exprs = rules.map((r) => r.match.expr?.expression).filter(Boolean).join(" ");
        assert.match(exprs, /sqli-v33-stable/);
        assert.match(exprs, /xss-v33-stable/);
        const throttle = rules.find((r) => r.action === "throttle");
        assert.deepStrictEqual(throttle.rateLimitOptions.rateLimitThreshold, { count: 500, intervalSec: 60 });
        assert.strictEqual(throttle.rateLimitOptions.exceedAction, "deny(429)");
        assert.ok(ofType(p, "gcp:compute/backendService:BackendService").every((b) => b.inputs.securityPolicy === armor.name + "-id"));
        const off = await plan(gcpConfig({ "platform:gcp": GCP }));
        assert.strictEqual(ofType(off, "gcp:compute/securityPolicy:SecurityPolicy").length, 0);
        assert.ok(ofType(off, "gcp:compute/backendService:BackendService").every((b) => b.inputs.securityPolicy === undefined));
    });

    it("checks uptime on the LB health paths and alerts to the email channel", () => {
        const checks = ofType(p, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig");
        assert.deepStrictEqual(checks.map((c) => (c.inputs.httpCheck as any).path).sort(), ["/", "/health"]);
        assert.ok(checks.every((c) => (c.inputs.monitoredResource as any).labels.host === "34.120.10.20" && (c.inputs.httpCheck as any).port === 80));
        const httpsChecks = ofType(withDomain, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig");
        assert.ok(httpsChecks.every((c) => (c.inputs.monitoredResource as any).labels.host === "app.example.com" && (c.inputs.httpCheck as any).useSsl === true));
        const channel = one(p, "gcp:monitoring/notificationChannel:NotificationChannel");
        assert.deepStrictEqual(channel.inputs.labels, { email_address: "ops@example.com" });
        const policies = ofType(p, "gcp:monitoring/alertPolicy:AlertPolicy");
        // 3 HTTP services x (5xx, latency, at max) + 2 uptime checks
        assert.strictEqual(policies.length, 11);
        assert.ok(policies.every((a) => (a.inputs.notificationChannels as string[])[0] === channel.name + "-id"));
        const atMax = policies.find((a) => a.name.endsWith("backend-at-max"))!;
        assert.strictEqual((atMax.inputs.conditions as any[])[0].conditionThreshold.thresholdValue, 2);
        const fivexx = (policies.find((a) => a.name.endsWith("backend-5xx"))!.inputs.conditions as any[])[0].conditionThreshold;
        assert.match(fivexx.filter, /response_code_class = "5xx"/);
        assert.match(fivexx.denominatorFilter, /request_count/);
    });

    it("skips the channel without alerts.email and uptime checks for health paths routed elsewhere", async () => {
        const q = await plan(gcpConfig({
            "platform:alerts": undefined,
            "platform:services": [{ name: "web", port: 80, routes: ["/*"] }, { name: "api", port: 81, routes: ["/api/*"], healthCheck: { path: "/healthz" } }],
        }));
        assert.strictEqual(ofType(q, "gcp:monitoring/notificationChannel:NotificationChannel").length, 0);
        assert.ok(ofType(q, "gcp:monitoring/alertPolicy:AlertPolicy").every((a) => (a.inputs.notificationChannels as string[]).length === 0));
        assert.deepStrictEqual(ofType(q, "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig").map((c) => c.name), ["app-dev-monitoring-web-uptime"]);
    });
});
