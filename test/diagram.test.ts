import * as assert from "assert";
import { renderDiagram, renderDiagramMarkdown } from "../plan/diagram";
import type { PlannedResource } from "../plan/engine";
import { loadConfigMap } from "../stacks/load";
import { config } from "./support/harness";

const STACK = "urn:pulumi:test::platform::pulumi:pulumi:Stack::platform-test";
function res(type: string, name: string, inputs: Record<string, unknown> = {}): PlannedResource {
    return { urn: `urn:pulumi:test::platform::${type}::${name}`, type, name, parent: STACK, inputs, custom: true, protect: false };
}

const SERVICES = Array.from({ length: 10 }, (_, i) => `svc${i}`);

/** A 10-service AWS + GCP stack as other components would plan it (ALB, listener rules, ECS, RDS, Redis, Cloud Run, LB, connector). */
function syntheticStack(): { resources: PlannedResource[]; spec: ReturnType<typeof loadConfigMap> } {
    const spec = loadConfigMap(config({
        "platform:clouds": ["aws", "gcp"],
        "platform:gcp": { project: "demo-project-1" },
        "platform:database": {},
        "platform:cache": {},
        "platform:services": SERVICES.map((name, i) => ({ name, port: 8000 + i, routes: [i === 0 ? "/*" : `/${name}/*`], uses: i % 2 ? ["database", "cache"] : ["database"] })),
    }), "test");
    const rs: PlannedResource[] = [
        res("aws:ec2/vpc:Vpc", "net-vpc", { cidrBlock: "10.0.0.0/16" }),
        res("aws:ec2/subnet:Subnet", "net-public-1", { cidrBlock: "10.0.0.0/24" }),
        res("aws:ec2/subnet:Subnet", "net-private-1", { cidrBlock: "10.0.100.0/24" }),
        res("aws:ec2/subnet:Subnet", "net-isolated-1", { cidrBlock: "10.0.200.0/24" }),
        res("aws:ec2/natGateway:NatGateway", "net-nat-1"),
        res("aws:ec2/routeTable:RouteTable", "net-private-rt-1"),
        res("aws:lb/loadBalancer:LoadBalancer", "app-alb", { loadBalancerType: "application", name: "app-dev" }),
        res("aws:lb/listener:Listener", "app-https", { loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/app-dev/abc", port: 443, defaultActions: [{ type: "forward", targetGroupArn: "tg-svc0-id" }] }),
        res("aws:rds/instance:Instance", "app-db", { engine: "postgres", engineVersion: "16.3", instanceClass: "db.t4g.micro", multiAz: false }),
        res("aws:elasticache/replicationGroup:ReplicationGroup", "app-redis", { engine: "redis", nodeType: "cache.t4g.micro", numCacheClusters: 1 }),
        res("aws:secretsmanager/secret:Secret", "app-secret-db"),
        res("aws:ecr/repository:Repository", "app-ecr"),
        res("gcp:compute/network:Network", "gnet"),
        res("gcp:compute/subnetwork:Subnetwork", "gsub", { ipCidrRange: "10.1.0.0/24" }),
        res("gcp:vpcaccess/connector:Connector", "gconn", { ipCidrRange: "10.8.0.0/28", minInstances: 2, maxInstances: 3, machineType: "e2-micro" }),
        res("gcp:compute/globalForwardingRule:GlobalForwardingRule", "glb-https"),
        res("gcp:compute/securityPolicy:SecurityPolicy", "armor"),
    ];
    SERVICES.forEach((name, i) => {
        rs.push(res("aws:lb/targetGroup:TargetGroup", `tg-${name}`, { port: 8000 + i }));
        if (i > 0) rs.push(res("aws:lb/listenerRule:ListenerRule", `rule-${name}`, { listenerArn: "app-https-id", actions: [{ type: "forward", targetGroupArn: `tg-${name}-id` }], conditions: [{ pathPattern: { values: [`/${name}/*`] } }] }));
        rs.push(res("aws:ecs/taskDefinition:TaskDefinition", `td-${name}`, { family: `app-${name}`, cpu: "256", memory: "512" }));
        rs.push(res("aws:ecs/service:Service", `app-${name}`, { name: `app-dev-${name}`, taskDefinition: `td-${name}-id`, desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ targetGroupArn: `tg-${name}-id`, containerName: name, containerPort: 8000 + i }] }));
        rs.push(res("gcp:cloudrunv2/service:Service", `run-${name}`, { name: `app-dev-${name}`, template: { scaling: { minInstanceCount: 0 }, vpcAccess: { connector: "gconn-id" }, containers: [{ image: "x", resources: { cpuIdle: true, limits: { cpu: "1", memory: "512Mi" } } }] } }));
        rs.push(res("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", `neg-${name}`, { cloudRun: { service: `app-dev-${name}` } }));
    });
    return { resources: rs, spec };
}

describe("architecture diagram (Mermaid)", () => {
    const { resources, spec } = syntheticStack();
    const d = renderDiagram(resources, spec);

    it("draws internet → ALB → every service with its path, inside VPC and subnet-tier subgraphs", () => {
        assert.match(d, /^flowchart LR/);
        assert.match(d, /subgraph aws_vpc\["VPC 10\.0\.0\.0\/16"\]/);
        assert.match(d, /subgraph aws_public\["public subnets 10\.0\.0\.0\/24"\]/);
        assert.match(d, /subgraph aws_data\["isolated subnets 10\.0\.200\.0\/24"\]/);
        assert.match(d, /internet -->\|"HTTPS"\| lb_app_alb/);
        assert.match(d, /lb_app_alb --> svc_app_svc0\b/, "default action of the listener");
        for (const name of SERVICES.slice(1)) assert.match(d, new RegExp(`lb_app_alb -->\\|"/${name}/\\*"\\| svc_app_${name}\\b`));
    });

    it("links services to the database and cache they use, per the config (once from the group when all of them do)", () => {
        assert.match(d, /aws_private --> db_app_db/, "all 10 services use the database: one edge from their subgraph");
        assert.doesNotMatch(d, /svc_app_svc\d --> db_app_db/);
        assert.doesNotMatch(d, /svc_app_svc0 --> cache_app_redis/);
        assert.match(d, /svc_app_svc1 --> cache_app_redis/);
        const few = renderDiagram(resources.filter((r) => !/svc[2-9]/.test(r.name)), spec);
        assert.match(few, /svc_app_svc0 --> db_app_db/, "below 4 services each gets its own edge");
        assert.match(d, /db_app_db\[\("RDS postgres 16\.3<br\/>db\.t4g\.micro"\)\]/);
    });

    it("draws GCP: internet → global LB → Cloud Run (through the NEGs) → connector", () => {
        assert.match(d, /subgraph gcp\["GCP us-central1"\]/);
        assert.match(d, /internet -->\|"HTTPS"\| gcp_lb/);
        assert.match(d, /Cloud Armor/);
        for (const name of SERVICES) assert.match(d, new RegExp(`gcp_lb -->\\|"serverless NEG"\\| run_run_${name}\\b`));
        assert.match(d, /gcp_run -.->\|"VPC access"\| conn_gconn/);
    });

    it("stays readable: plumbing folded away, managed services counted, one node per service", () => {
        assert.doesNotMatch(d, /rt_|RouteTable|net_private_rt/);
        assert.doesNotMatch(d, /tg_svc/);
        assert.match(d, /"1 Secrets Manager secret"/);
        assert.match(d, /"1 ECR repository"/);
        const withCdn = renderDiagram([...resources, res("aws:cloudfront/distribution:Distribution", "cdn"), res("aws:acm/certificate:Certificate", "cert")], spec);
        assert.match(withCdn, /"1 ACM certificate"/);
        assert.match(withCdn, /internet -->\|"CDN"\| aws_managed_CloudFront_distributions/);
        const nodes = d.split("\n").filter((l) => /^\s+[a-z_0-9A-Z]+[[(]/.test(l));
        assert.ok(nodes.length < 40, `too many nodes: ${nodes.length}`);
        assert.strictEqual(new Set(d.split("\n").filter((l) => l.includes("-->") || l.includes("-.->"))).size, d.split("\n").filter((l) => l.includes("-->") || l.includes("-.->")).length, "no duplicate edges");
    });

    it("wraps the chart in a mermaid fence with the stack name", () => {
        const md = renderDiagramMarkdown("demo", resources, spec);
        assert.match(md, /^### Stack `demo` \(aws \+ gcp\)\n\n```mermaid\nflowchart LR\n/);
        assert.match(md, /\n```\n$/);
    });
});

describe("diagram and estimate when references cannot be followed (no ARNs in the mocks)", () => {
    it("finds a service's load balancer and task definition by name", async () => {
        const { estimateCost } = await import("../plan/cost/estimate");
        const spec = loadConfigMap(config({}), "test");
        const rs = [
            res("aws:lb/loadBalancer:LoadBalancer", "app-dev-web-alb", { loadBalancerType: "application" }),
            res("aws:lb/loadBalancer:LoadBalancer", "app-dev-api-alb", { loadBalancerType: "application" }),
            res("aws:ecs/taskDefinition:TaskDefinition", "app-dev-web-task", { family: "app-dev-web", cpu: "256", memory: "512" }),
            res("aws:ecs/taskDefinition:TaskDefinition", "app-dev-api-task", { family: "app-dev-api", cpu: "1024", memory: "2048" }),
            res("aws:ecs/service:Service", "app-dev-web-service", { desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ containerName: "web", containerPort: 3000 }] }),
            res("aws:ecs/service:Service", "app-dev-api-service", { desiredCount: 1, launchType: "FARGATE", loadBalancers: [{ containerName: "api", containerPort: 8000 }] }),
        ];
        const d = renderDiagram(rs);
        assert.match(d, /lb_app_dev_web_alb --> svc_app_dev_web_service/);
        assert.match(d, /lb_app_dev_api_alb --> svc_app_dev_api_service/);
        assert.doesNotMatch(d, /lb_app_dev_web_alb --> svc_app_dev_api_service/);
        assert.match(d, /Fargate 1 vCPU \/ 2 GB x1/);
        // api: 1 vCPU x 730 x 0.04048 + 2 GB x 730 x 0.004445 = 29.5504 + 6.4897 = 36.04
        const api = estimateCost(rs, spec).lines.filter((l) => l.name === "app-dev-api-service").reduce((a, l) => a + l.monthlyUsd, 0);
        assert.ok(Math.abs(api - 36.04) < 0.011, String(api));
    });
});
