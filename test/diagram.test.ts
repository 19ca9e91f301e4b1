import * as assert from "assert";
import { diagramCoverage, renderDiagram, renderDiagramMarkdown } from "../plan/diagram";
import type { ResolvedConfig } from "../components/spec";
import type { PlannedResource } from "../plan/engine";
import { loadConfigMap } from "../stacks/load";
import { config } from "./support/harness";

const STACK = "urn:pulumi:test::platform::pulumi:pulumi:Stack::platform-test";
const urnOf = (type: string, name: string) => `urn:pulumi:test::platform::${type}::${name}`;
/** A resource as the engine records it: `deps` are its property dependencies (input → resources it was computed from). */
function res(type: string, name: string, inputs: Record<string, unknown> = {}, deps: Record<string, PlannedResource[]> = {}): PlannedResource {
    const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map((r) => r.urn)]));
    return { urn: urnOf(type, name), type, name, parent: STACK, inputs, custom: true, protect: false, propertyDependencies };
}

const SERVICES = Array.from({ length: 10 }, (_, i) => `svc${i}`);

/** A 10-service AWS + GCP stack as the components plan it (ALB, listener rules, ECS, RDS, Redis, Cloud Run, LB, connector). */
function syntheticStack(): { resources: PlannedResource[]; spec: ResolvedConfig } {
    const services = SERVICES.map((name, i) => ({ name, port: 8000 + i, routes: [i === 0 ? "/*" : `/${name}/*`], uses: i % 2 ? ["database", "cache"] : ["database"] }));
    const aws = loadConfigMap(config({ "platform:database": {}, "platform:cache": {}, "platform:services": services }), "test");
    const gcp = loadConfigMap(config({ "platform:clouds": ["gcp"], "platform:gcp": { project: "demo-project-1" }, "platform:services": services.map(({ uses: _uses, ...s }) => s) }), "test");
    // The GCP renderer builds no database yet (a config error): the links come from the AWS model, the region from the GCP one.
    const spec = { ...aws, clouds: ["aws", "gcp"] as const, gcp: gcp.gcp };
    const alb = res("aws:lb/loadBalancer:LoadBalancer", "app-alb", { loadBalancerType: "application", name: "app-dev" });
    const tgs = SERVICES.map((name, i) => res("aws:lb/targetGroup:TargetGroup", `tg-${name}`, { port: 8000 + i }));
    const https = res("aws:lb/listener:Listener", "app-https", { loadBalancerArn: "arn-of-alb", port: 443, protocol: "HTTPS", defaultActions: [{ type: "forward", targetGroupArn: "arn-of-tg" }] }, { loadBalancerArn: [alb], defaultActions: [tgs[0]] });
    const http = res("aws:lb/listener:Listener", "app-http", { loadBalancerArn: "arn-of-alb", port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { loadBalancerArn: [alb] });
    const connector = res("gcp:vpcaccess/connector:Connector", "gconn", { ipCidrRange: "10.8.0.0/28", minInstances: 2, maxInstances: 3, machineType: "e2-micro" });
    const rs: PlannedResource[] = [
        res("aws:ec2/vpc:Vpc", "net-vpc", { cidrBlock: "10.0.0.0/16" }),
        res("aws:ec2/subnet:Subnet", "net-public-1", { cidrBlock: "10.0.0.0/24" }),
        res("aws:ec2/subnet:Subnet", "net-private-1", { cidrBlock: "10.0.100.0/24" }),
        res("aws:ec2/subnet:Subnet", "net-isolated-1", { cidrBlock: "10.0.200.0/24" }),
        res("aws:ec2/natGateway:NatGateway", "net-nat-1"),
        res("aws:ec2/routeTable:RouteTable", "net-private-rt-1"),
        alb, https, http, ...tgs,
        res("aws:rds/instance:Instance", "app-db", { engine: "postgres", engineVersion: "16.3", instanceClass: "db.t4g.micro", multiAz: false }),
        res("aws:elasticache/replicationGroup:ReplicationGroup", "app-redis", { engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 1 }),
        res("aws:secretsmanager/secret:Secret", "app-secret-db"),
        res("aws:ecr/repository:Repository", "app-ecr"),
        res("gcp:compute/network:Network", "gnet"),
        res("gcp:compute/subnetwork:Subnetwork", "gsub", { ipCidrRange: "10.1.0.0/24" }),
        connector,
        res("gcp:compute/securityPolicy:SecurityPolicy", "armor"),
    ];
    const backends: PlannedResource[] = [];
    SERVICES.forEach((name, i) => {
        if (i > 0) rs.push(res("aws:lb/listenerRule:ListenerRule", `rule-${name}`, { listenerArn: "arn-of-listener", actions: [{ type: "forward", targetGroupArn: "arn-of-tg" }], conditions: [{ pathPattern: { values: [`/${name}/*`] } }] }, { listenerArn: [https], actions: [tgs[i]] }));
        const td = res("aws:ecs/taskDefinition:TaskDefinition", `td-${name}`, { family: `app-${name}`, cpu: "256", memory: "512" });
        rs.push(td, res("aws:ecs/service:Service", `app-${name}`, { name: `app-dev-${name}`, taskDefinition: "arn-of-td", desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ targetGroupArn: "arn-of-tg", containerName: name, containerPort: 8000 + i }] }, { taskDefinition: [td], loadBalancers: [tgs[i]] }));
        const run = res("gcp:cloudrunv2/service:Service", `run-${name}`, { name: `app-dev-${name}`, template: { scaling: { minInstanceCount: 0 }, vpcAccess: { connector: "conn" }, containers: [{ image: "x", resources: { cpuIdle: true, limits: { cpu: "1", memory: "512Mi" } } }] } }, { template: [connector] });
        const neg = res("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", `neg-${name}`, { cloudRun: { service: `app-dev-${name}` } }, { cloudRun: [run] });
        const backend = { ...res("gcp:compute/backendService:BackendService", `be-${name}`, { backends: [{ group: "neg" }] }, { backends: [neg] }), id: `be-${name}-provider-id` };
        backends.push(backend);
        rs.push(run, neg, backend);
    });
    const urlMap = res("gcp:compute/uRLMap:URLMap", "urlmap", {
        defaultService: "be-default",
        pathMatchers: [{ name: "routes", defaultService: backends[0].id, pathRules: SERVICES.slice(1).map((name, i) => ({ paths: [`/${name}/*`], service: backends[i + 1].id })) }],
    }, { defaultService: [backends[0]], pathMatchers: backends });
    const redirectMap = res("gcp:compute/uRLMap:URLMap", "redirect", { defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" } });
    const ip = res("gcp:compute/globalAddress:GlobalAddress", "ip");
    const httpsProxy = res("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "https-proxy", {}, { urlMap: [urlMap] });
    const httpProxy = res("gcp:compute/targetHttpProxy:TargetHttpProxy", "http-proxy", {}, { urlMap: [redirectMap] });
    rs.push(urlMap, redirectMap, ip, httpsProxy, httpProxy,
        res("gcp:compute/globalForwardingRule:GlobalForwardingRule", "glb-https", { portRange: "443" }, { target: [httpsProxy], ipAddress: [ip] }),
        res("gcp:compute/globalForwardingRule:GlobalForwardingRule", "glb-http", { portRange: "80" }, { target: [httpProxy], ipAddress: [ip] }));
    return { resources: rs, spec };
}

describe("architecture diagram (Mermaid)", () => {
    const { resources, spec } = syntheticStack();
    const d = renderDiagram(resources, spec);

    it("draws internet → ALB with each listener's protocol and port, then every route to its service, inside VPC and subnet-tier subgraphs", () => {
        assert.match(d, /^flowchart LR/);
        assert.match(d, /subgraph aws_vpc\["VPC 10\.0\.0\.0\/16"\]/);
        assert.match(d, /subgraph aws_public\["public subnets 10\.0\.0\.0\/24"\]/);
        assert.match(d, /subgraph aws_data\["isolated subnets 10\.0\.200\.0\/24"\]/);
        assert.match(d, /internet -->\|"HTTPS :443, HTTP :80 → HTTPS"\| lb_app_alb/);
        assert.match(d, /lb_app_alb -->\|"default"\| svc_app_svc0\b/, "default action of the HTTPS listener");
        for (const name of SERVICES.slice(1)) assert.match(d, new RegExp(`lb_app_alb -->\\|"/${name}/\\*"\\| svc_app_${name}\\b`));
    });

    it("labels an HTTP-only listener HTTP, and draws no route the plan lacks", () => {
        const httpOnly = resources.filter((r) => r.name !== "app-https").map((r) => r.name !== "app-http" ? r : { ...r, inputs: { ...r.inputs, defaultActions: [{ type: "forward" }] }, propertyDependencies: { loadBalancerArn: r.propertyDependencies!.loadBalancerArn, defaultActions: [urnOf("aws:lb/targetGroup:TargetGroup", "tg-svc0")] } });
        const h = renderDiagram(httpOnly, spec);
        assert.match(h, /internet -->\|"HTTP :80"\| lb_app_alb/);
        assert.doesNotMatch(h, /HTTPS[^\n]*lb_app_alb/);
        assert.match(h, /lb_app_alb -->\|"default"\| svc_app_svc0\b/);
        assert.doesNotMatch(h, /lb_app_alb -->\|"\/svc1\/\*"\|/, "the rules hang off the removed HTTPS listener");
    });

    it("links services to the database and cache they use, per the config (once from the group when all of them do)", () => {
        assert.match(d, /aws_private --> store_app_db/, "all 10 services use the database: one edge from their subgraph");
        assert.doesNotMatch(d, /svc_app_svc\d --> store_app_db/);
        assert.doesNotMatch(d, /svc_app_svc0 --> store_app_redis/);
        assert.match(d, /svc_app_svc1 --> store_app_redis/);
        const few = renderDiagram(resources.filter((r) => !/svc[2-9]/.test(r.name)), spec);
        assert.match(few, /svc_app_svc0 --> store_app_db/, "below 4 services each gets its own edge");
        assert.match(d, /store_app_db\[\("RDS postgres 16\.3<br\/>db\.t4g\.micro"\)\]/);
    });

    it("draws GCP: internet → LB with each forwarding rule's protocol and port → routes to Cloud Run (through URL map, backend, NEG) → connector", () => {
        assert.match(d, /subgraph gcp\["GCP us-central1"\]/);
        assert.match(d, /internet -->\|"HTTPS :443, HTTP :80 → HTTPS"\| gcp_lb/);
        assert.match(d, /gcp_lb\["global external LB<br\/>2 forwarding rules, Cloud Armor"\]/);
        assert.match(d, /gcp_lb -->\|"default"\| run_run_svc0\b/);
        for (const name of SERVICES.slice(1)) assert.match(d, new RegExp(`gcp_lb -->\\|"/${name}/\\*"\\| run_run_${name}\\b`));
        assert.match(d, /gcp_run -.->\|"VPC access"\| conn_gconn/);
    });

    it("draws worker pools, Cloud SQL, Memorystore, buckets and jobs generically when the plan has them", () => {
        const extra = [
            res("gcp:cloudrunv2/workerPool:WorkerPool", "pool-svc1", { name: "app-dev-svc1", template: { containers: [{ resources: { limits: { cpu: "2", memory: "1Gi" } } }] }, scaling: { manualInstanceCount: 2 } }),
            res("gcp:sql/databaseInstance:DatabaseInstance", "gdb", { databaseVersion: "POSTGRES_16", settings: { tier: "db-f1-micro" } }),
            res("gcp:redis/instance:Instance", "gcache", { tier: "BASIC", memorySizeGb: 1 }),
            res("gcp:storage/bucket:Bucket", "gbucket", { name: "app-dev-uploads" }),
            res("aws:s3/bucket:Bucket", "sbucket", { bucket: "app-dev-uploads-1" }),
            res("gcp:cloudrunv2/job:Job", "job-nightly", { name: "app-dev-nightly" }),
            res("aws:scheduler/schedule:Schedule", "sched-nightly", { scheduleExpression: "cron(0 3 * * ? *)" }),
        ];
        const x = renderDiagram([...resources, ...extra], spec);
        assert.match(x, /pool_pool_svc1\("svc1<br\/>worker pool, 2 vCPU \/ 1Gi x2"\)/);
        assert.match(x, /store_gdb\[\("Cloud SQL POSTGRES_16<br\/>db-f1-micro"\)\]/);
        assert.match(x, /store_gcache\[\("Memorystore redis<br\/>BASIC 1 GB"\)\]/);
        assert.match(x, /store_gbucket\[\("Cloud Storage app-dev-uploads"\)\]/);
        assert.match(x, /store_sbucket\[\("S3 app-dev-uploads-1"\)\]/);
        assert.match(x, /job_job_nightly\{\{/);
        assert.match(x, /job_sched_nightly\{\{".*cron\(0 3 \* \* \? \*\)"\}\}/);
        assert.match(x, /gcp_run --> store_gdb/, "every planned service uses the database, on GCP too");
    });

    it("stays readable: plumbing folded away, managed services counted, one node per service", () => {
        assert.doesNotMatch(d, /rt_|RouteTable|net_private_rt/);
        assert.doesNotMatch(d, /tg_svc|neg_svc|be_svc|urlmap|proxy/);
        assert.match(d, /"1 Secrets Manager secret"/);
        assert.match(d, /"1 ECR repository"/);
        const withCdn = renderDiagram([...resources, res("aws:cloudfront/distribution:Distribution", "cdn"), res("aws:acm/certificate:Certificate", "cert")], spec);
        assert.match(withCdn, /"1 ACM certificate"/);
        assert.match(withCdn, /internet -->\|"HTTPS CDN"\| cdn_cdn/);
        const nodes = d.split("\n").filter((l) => /^\s+[a-z_0-9A-Z]+[[(]/.test(l));
        assert.ok(nodes.length < 40, `too many nodes: ${nodes.length}`);
        const edges = d.split("\n").filter((l) => l.includes("-->") || l.includes("-.->"));
        assert.strictEqual(new Set(edges).size, edges.length, "no duplicate edges");
    });

    it("accounts for every type: drawn, counted or folded into a named node; an unknown type is reported", () => {
        assert.strictEqual(diagramCoverage("aws:rds/instance:Instance"), "drawn");
        assert.strictEqual(diagramCoverage("aws:cloudwatch/metricAlarm:MetricAlarm"), "counted");
        assert.match(diagramCoverage("aws:lb/listener:Listener") ?? "", /^folded into the load balancer's edges/);
        assert.strictEqual(diagramCoverage("aws:sqs/queue:Queue"), undefined);
    });

    it("wraps the chart in a mermaid fence with the stack name", () => {
        const md = renderDiagramMarkdown("demo", resources, spec);
        assert.match(md, /^### Stack `demo` \(aws \+ gcp\)\n\n```mermaid\nflowchart LR\n/);
        assert.match(md, /\n```\n$/);
    });
});

describe("diagram and estimate follow recorded references, never names", () => {
    it("joins a service to its load balancer and task definition through property dependencies, and guesses nothing without them", async () => {
        const { estimateCost } = await import("../plan/cost/estimate");
        const cfg = loadConfigMap(config({}), "test");
        const web = res("aws:lb/loadBalancer:LoadBalancer", "app-dev-web-alb", { loadBalancerType: "application" });
        const api = res("aws:lb/loadBalancer:LoadBalancer", "app-dev-api-alb", { loadBalancerType: "application" });
        const apiTg = res("aws:lb/targetGroup:TargetGroup", "api-tg");
        const apiTd = res("aws:ecs/taskDefinition:TaskDefinition", "app-dev-api-task", { family: "app-dev-api", cpu: "1024", memory: "2048" });
        const rs = [
            web, api, apiTg, apiTd,
            res("aws:lb/listener:Listener", "api-http", { port: 80, protocol: "HTTP" }, { loadBalancerArn: [api], defaultActions: [apiTg] }),
            res("aws:ecs/taskDefinition:TaskDefinition", "app-dev-web-task", { family: "app-dev-web", cpu: "256", memory: "512" }),
            res("aws:ecs/service:Service", "app-dev-web-service", { desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ containerName: "web", containerPort: 3000 }] }),
            res("aws:ecs/service:Service", "app-dev-api-service", { desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ containerName: "api", containerPort: 8000 }] }, { taskDefinition: [apiTd], loadBalancers: [apiTg] }),
        ];
        const d = renderDiagram(rs);
        assert.match(d, /lb_app_dev_api_alb -->\|"default"\| svc_app_dev_api_service/);
        assert.doesNotMatch(d, /lb_app_dev_web_alb --> svc_app_dev_web_service/, "a name alone is no edge");
        assert.match(d, /internet -->\|"no listener"\| lb_app_dev_web_alb/);
        assert.match(d, /Fargate 1 vCPU \/ 2 GB x1/);
        // api: 1 vCPU x 730 x 0.04048 + 2 GB x 730 x 0.004445 = 29.5504 + 6.4897 = 36.04
        const cost = estimateCost(rs, cfg);
        const apiUsd = cost.lines.filter((l) => l.name === "app-dev-api-service").reduce((a, l) => a + l.monthlyUsd, 0);
        assert.ok(Math.abs(apiUsd - 36.04) < 0.011, String(apiUsd));
        assert.ok(cost.unpriced.some((u) => u.name === "app-dev-web-service"), "no task definition is guessed from a name prefix");
    });
});
