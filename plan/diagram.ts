/**
 * A Mermaid flowchart of a planned stack: internet → load balancer → services → database /
 * cache, with the VPC and its subnet tiers as subgraphs, one block per cloud. Plumbing (routes,
 * route tables, security groups, IAM, listeners, target groups) is folded into the nodes it
 * serves, so a 10-service stack stays readable. Edges come from the resources' references
 * (service → target group → listener → load balancer; backend service → NEG → Cloud Run), and
 * from the config's `uses` when a plan result is given.
 */
import type { ResolvedConfig, ResolvedService } from "../components/spec";
import { resolveRef, taskDefinitionOf } from "./cost/refs";
import type { PlannedResource } from "./engine";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    ecs: "aws:ecs/service:Service",
    td: "aws:ecs/taskDefinition:TaskDefinition",
    asg: "aws:autoscaling/group:Group",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    rds: "aws:rds/instance:Instance",
    redis: "aws:elasticache/replicationGroup:ReplicationGroup",
    efs: "aws:efs/fileSystem:FileSystem",
    run: "gcp:cloudrunv2/service:Service",
    gfr: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    backend: "gcp:compute/backendService:BackendService",
    neg: "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",
    connector: "gcp:vpcaccess/connector:Connector",
    gnet: "gcp:compute/network:Network",
    gsub: "gcp:compute/subnetwork:Subnetwork",
    sql: "gcp:sql/databaseInstance:DatabaseInstance",
    memorystore: "gcp:redis/instance:Instance",
    routerNat: "gcp:compute/routerNat:RouterNat",
} as const;

/** Managed services drawn as one node per kind with a count, outside the VPC. */
const AWS_MANAGED: readonly [string, string][] = [
    ["aws:ecr/repository:Repository", "ECR repositories"],
    ["aws:secretsmanager/secret:Secret", "Secrets Manager secrets"],
    ["aws:kms/key:Key", "KMS keys"],
    ["aws:s3/bucketV2:BucketV2", "S3 buckets"],
    ["aws:s3/bucket:Bucket", "S3 buckets"],
    ["aws:cloudfront/distribution:Distribution", "CloudFront distributions"],
    ["aws:wafv2/webAcl:WebAcl", "WAF web ACLs"],
    ["aws:route53/zone:Zone", "Route 53 zones"],
    ["aws:acm/certificate:Certificate", "ACM certificates"],
    ["aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "Cloud Map namespaces"],
    ["aws:cloudwatch/metricAlarm:MetricAlarm", "CloudWatch alarms"],
    ["aws:cloudwatch/logGroup:LogGroup", "CloudWatch log groups"],
    ["aws:cloudwatch/dashboard:Dashboard", "CloudWatch dashboards"],
    ["aws:sns/topic:Topic", "SNS topics"],
];
const GCP_MANAGED: readonly [string, string][] = [
    ["gcp:artifactregistry/repository:Repository", "Artifact Registry repositories"],
    ["gcp:secretmanager/secret:Secret", "Secret Manager secrets"],
    ["gcp:storage/bucket:Bucket", "Cloud Storage buckets"],
    ["gcp:compute/securityPolicy:SecurityPolicy", "Cloud Armor policies"],
    ["gcp:compute/managedSslCertificate:ManagedSslCertificate", "managed certificates"],
    ["gcp:monitoring/alertPolicy:AlertPolicy", "alert policies"],
];

const id = (prefix: string, name: string) => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
const label = (s: string) => s.replace(/"/g, "#quot;");

class Graph {
    readonly lines: string[] = [];
    private readonly edges = new Set<string>();
    private indent = 1;
    open(sid: string, title: string) {
        this.add(`subgraph ${sid}["${label(title)}"]`);
        this.indent++;
    }
    close() {
        this.indent--;
        this.add("end");
    }
    node(nid: string, text: string, shape: "box" | "db" | "round" | "circle" = "box") {
        const [l, r] = { box: ["[", "]"], db: ["[(", ")]"], round: ["(", ")"], circle: ["((", "))"] }[shape];
        this.add(`${nid}${l}"${label(text)}"${r}`);
    }
    edge(from: string, to: string, text?: string, dotted = false) {
        const arrow = dotted ? "-.->" : "-->";
        const e = text ? `${from} ${arrow}|"${label(text)}"| ${to}` : `${from} ${arrow} ${to}`;
        this.edges.add(e);
    }
    add(line: string) {
        this.lines.push(`${"    ".repeat(this.indent)}${line}`);
    }
    render(): string {
        return ["flowchart LR", ...this.lines, ...[...this.edges].map((e) => `    ${e}`)].join("\n");
    }
}

const ofType = (rs: readonly PlannedResource[], t: string) => rs.filter((r) => r.type === t);
const s = (v: unknown) => (typeof v === "string" ? v : undefined);
const singular = (what: string) => (/ies$/.test(what) ? what.replace(/ies$/, "y") : /sses$/.test(what) ? what.replace(/es$/, "") : what.replace(/s$/, ""));
const plural = (n: number, what: string) => (n === 1 ? singular(what) : what);

/** Tier of an AWS subnet from its name (network.ts names them <net>-public-1, -private-1, -isolated-1). */
function tierOf(subnet: PlannedResource): "public" | "private" | "isolated" {
    const n = subnet.name;
    if (/public/.test(n) || subnet.inputs.mapPublicIpOnLaunch === true) return "public";
    if (/isolated|data|db/.test(n)) return "isolated";
    return "private";
}

/** The short service name of a resource: the spec's service whose name ends its logical name. */
function serviceNameOf(r: PlannedResource, spec?: ResolvedConfig): string {
    const names = spec?.services.map((x) => x.name) ?? [];
    const hit = [...names].sort((a, b) => b.length - a.length).find((n) => r.name === n || r.name.endsWith(`-${n}`) || s(r.inputs.name)?.endsWith(`-${n}`) || r.name.includes(`-${n}-`));
    return hit ?? s(r.inputs.name) ?? r.name;
}

function awsBlock(g: Graph, rs: readonly PlannedResource[], spec?: ResolvedConfig): void {
    const region = spec?.aws?.region ?? "";
    g.open("aws", `AWS ${region}`.trim());
    const vpc = ofType(rs, T.vpc)[0];
    const subnets = ofType(rs, T.subnet);
    const tiers = { public: [] as string[], private: [] as string[], isolated: [] as string[] };
    for (const sn of subnets) tiers[tierOf(sn)].push(s(sn.inputs.cidrBlock) ?? "?");
    const lbs = ofType(rs, T.lb);
    const services = ofType(rs, T.ecs);
    const svcNode = new Map<PlannedResource, string>();
    const data: { nid: string; kind: "database" | "cache" | "files" }[] = [];

    const inVpc = (body: () => void) => {
        if (!vpc) return body();
        g.open("aws_vpc", `VPC ${s(vpc.inputs.cidrBlock) ?? ""}`.trim());
        body();
        g.close();
    };
    inVpc(() => {
        const publicLbs = lbs.filter((l) => l.inputs.internal !== true);
        const nats = ofType(rs, T.nat);
        if (tiers.public.length || publicLbs.length || nats.length) {
            g.open("aws_public", `public subnets ${tiers.public.join(", ")}`.trim());
            for (const lb of publicLbs) g.node(id("lb", lb.name), `${s(lb.inputs.loadBalancerType) === "network" ? "NLB" : "ALB"} ${s(lb.inputs.name) ?? lb.name}`);
            if (nats.length) g.node("aws_nat", `NAT gateway x${nats.length}`);
            g.close();
        }
        g.open("aws_private", `private subnets ${tiers.private.join(", ")}`.trim());
        for (const lb of lbs.filter((l) => l.inputs.internal === true)) g.node(id("lb", lb.name), `internal ALB ${s(lb.inputs.name) ?? lb.name}`);
        for (const svc of services) {
            const nid = id("svc", svc.name);
            svcNode.set(svc, nid);
            g.node(nid, `${serviceNameOf(svc, spec)}<br/>${ecsShape(svc, rs)}`, "round");
        }
        for (const asg of ofType(rs, T.asg)) g.node(id("asg", asg.name), `EC2 capacity<br/>${asgShape(asg, rs)}`);
        if (!services.length && !ofType(rs, T.asg).length) g.node("aws_private_empty", "(no services planned)");
        g.close();
        const dbs = ofType(rs, T.rds);
        const caches = ofType(rs, T.redis);
        const files = ofType(rs, T.efs);
        if (tiers.isolated.length || dbs.length || caches.length || files.length) {
            const title = tiers.isolated.length ? `isolated subnets ${tiers.isolated.join(", ")}` : "data tier";
            g.open("aws_data", title);
            for (const d of dbs) {
                g.node(id("db", d.name), `RDS ${s(d.inputs.engine) ?? "postgres"} ${s(d.inputs.engineVersion) ?? ""}<br/>${s(d.inputs.instanceClass) ?? ""}${d.inputs.multiAz === true ? " Multi-AZ" : ""}`, "db");
                data.push({ nid: id("db", d.name), kind: "database" });
            }
            for (const c of caches) {
                g.node(id("cache", c.name), `ElastiCache ${s(c.inputs.engine) ?? "redis"}<br/>${s(c.inputs.nodeType) ?? ""} x${String(c.inputs.numCacheClusters ?? 1)}`, "db");
                data.push({ nid: id("cache", c.name), kind: "cache" });
            }
            for (const f of files) {
                g.node(id("efs", f.name), "EFS file system", "db");
                data.push({ nid: id("efs", f.name), kind: "files" });
            }
            if (!data.length) g.node("aws_data_empty", "(no data stores planned)");
            g.close();
        }
        const interfaces = ofType(rs, T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface").length;
        const gateways = ofType(rs, T.endpoint).length - interfaces;
        if (interfaces + gateways) g.node("aws_endpoints", `VPC endpoints: ${gateways} gateway, ${interfaces} interface`);
    });
    managed(g, "aws_managed", "AWS managed services", AWS_MANAGED, rs);
    g.close();

    for (const lb of lbs.filter((l) => l.inputs.internal !== true)) g.edge("internet", id("lb", lb.name), "HTTPS");
    if (ofType(rs, "aws:cloudfront/distribution:Distribution").length) g.edge("internet", id("aws_managed", "CloudFront distributions"), "CDN");
    for (const [svc, nid] of svcNode) {
        for (const { lb, paths } of lbsOf(svc, rs)) g.edge(id("lb", lb.name), nid, paths.join(" ") || undefined);
    }
    if (ofType(rs, T.nat).length && services.length) g.edge("aws_private", "aws_nat", "egress", true);
    linkUses(g, spec, [...svcNode].map(([r, nid]) => ({ name: serviceNameOf(r, spec), nid })), data, "aws_private");
}

function ecsShape(svc: PlannedResource, rs: readonly PlannedResource[]): string {
    const td = taskDefinitionOf(rs, svc);
    const ec2 = s(svc.inputs.launchType) === "EC2" || (Array.isArray(svc.inputs.capacityProviderStrategies) && svc.inputs.capacityProviderStrategies.some((c) => !String((c as Record<string, unknown>).capacityProvider).startsWith("FARGATE")));
    const arm = (td?.inputs.runtimePlatform as Record<string, unknown> | undefined)?.cpuArchitecture === "ARM64";
    const size = td && td.inputs.cpu !== undefined ? ` ${Number(td.inputs.cpu) / 1024} vCPU / ${Number(td.inputs.memory) / 1024} GB` : "";
    return `${ec2 ? "ECS on EC2" : "Fargate"}${arm ? " ARM" : ""}${size} x${String(svc.inputs.desiredCount ?? 0)}`;
}

function asgShape(asg: PlannedResource, rs: readonly PlannedResource[]): string {
    const ltRef = (asg.inputs.launchTemplate as Record<string, unknown> | undefined)?.id;
    const lt = resolveRef(rs, ltRef, T.lt) ?? rs.find((r) => r.type === T.lt && r.parent === asg.parent);
    return `${s(lt?.inputs.instanceType) ?? "?"} x${String(asg.inputs.minSize ?? "?")}-${String(asg.inputs.maxSize ?? "?")}`;
}

/** Load balancers in front of an ECS service, with the path patterns routed to it. */
function lbsOf(svc: PlannedResource, rs: readonly PlannedResource[]): { lb: PlannedResource; paths: string[] }[] {
    const out = new Map<PlannedResource, string[]>();
    const entries = Array.isArray(svc.inputs.loadBalancers) ? (svc.inputs.loadBalancers as Record<string, unknown>[]) : [];
    for (const e of entries) {
        const tg = resolveRef(rs, e.targetGroupArn, T.tg);
        if (!tg) continue;
        const tgRefs = (actions: unknown) => (Array.isArray(actions) ? actions : []).some((a) => resolveRef(rs, (a as Record<string, unknown>).targetGroupArn, T.tg) === tg);
        for (const l of ofType(rs, T.listener)) {
            const lb = resolveRef(rs, l.inputs.loadBalancerArn, T.lb);
            if (lb && tgRefs(l.inputs.defaultActions)) out.set(lb, out.get(lb) ?? []);
        }
        for (const rule of ofType(rs, T.rule)) {
            if (!tgRefs(rule.inputs.actions)) continue;
            const l = resolveRef(rs, rule.inputs.listenerArn, T.listener);
            const lb = l && resolveRef(rs, l.inputs.loadBalancerArn, T.lb);
            if (!lb) continue;
            const paths = (Array.isArray(rule.inputs.conditions) ? rule.inputs.conditions : [])
                .flatMap((c) => ((c as Record<string, Record<string, unknown>>).pathPattern?.values as string[] | undefined) ?? []);
            out.set(lb, [...new Set([...(out.get(lb) ?? []), ...paths])]);
        }
    }
    // Attached to a target group we cannot follow (no ARN in the mocks): the LB named after the service, else the only one.
    if (entries.length && !out.size) {
        const lbs = ofType(rs, T.lb);
        const svcName = svc.name.replace(/-(service|svc)$/, "");
        const base = (l: PlannedResource) => l.name.replace(/-(alb|lb)$/, "");
        const named = lbs.filter((l) => svcName.startsWith(base(l))).sort((a, b) => base(b).length - base(a).length);
        const only = named.length && (named.length === 1 || base(named[1]).length < base(named[0]).length) ? named[0] : lbs.length === 1 ? lbs[0] : undefined;
        if (only) out.set(only, []);
    }
    return [...out].map(([lb, paths]) => ({ lb, paths }));
}

function managed(g: Graph, sid: string, title: string, kinds: readonly [string, string][], rs: readonly PlannedResource[]) {
    const counts = new Map<string, number>();
    for (const [type, what] of kinds) counts.set(what, (counts.get(what) ?? 0) + ofType(rs, type).length);
    const present = [...counts].filter(([, n]) => n > 0);
    if (!present.length) return;
    g.open(sid, title);
    for (const [what, n] of present) g.node(id(sid, what), `${n} ${plural(n, what)}`);
    g.close();
}

/** Past this many services, a link every service has is drawn once from their subgraph. */
const GROUP_EDGES_FROM = 4;

/** Edges from each service (or from their subgraph `group`, when all share one) to what the config says it uses. */
function linkUses(g: Graph, spec: ResolvedConfig | undefined, services: { name: string; nid: string }[], data: { nid: string; kind: string }[], group: string) {
    if (!spec) return;
    const nodeOf = new Map(services.map((x) => [x.name, x.nid]));
    const planned = spec.services.filter((x) => nodeOf.has(x.name));
    const uses = (x: ResolvedService, kind: string) => (kind === "database" ? x.uses.database : kind === "cache" ? x.uses.cache : x.volumes.length > 0);
    for (const d of data) {
        const users = planned.filter((x) => uses(x, d.kind));
        const text = d.kind === "files" ? "NFS" : undefined;
        if (users.length >= GROUP_EDGES_FROM && users.length === planned.length) g.edge(group, d.nid, text);
        else for (const x of users) g.edge(nodeOf.get(x.name)!, d.nid, text);
    }
    for (const svc of planned) {
        const from = nodeOf.get(svc.name)!;
        for (const peer of svc.uses.services) {
            const to = nodeOf.get(peer);
            if (to) g.edge(from, to, "calls", true);
        }
    }
}

function gcpBlock(g: Graph, rs: readonly PlannedResource[], spec?: ResolvedConfig): void {
    g.open("gcp", `GCP ${spec?.gcp?.region ?? ""}`.trim());
    const rules = ofType(rs, T.gfr);
    const runs = ofType(rs, T.run);
    if (rules.length) {
        const extras = [ofType(rs, "gcp:compute/securityPolicy:SecurityPolicy").length ? "Cloud Armor" : "", ofType(rs, T.backend).some((b) => b.inputs.enableCdn === true) ? "CDN" : ""].filter(Boolean);
        g.node("gcp_lb", `global HTTPS LB<br/>${rules.length} forwarding ${rules.length === 1 ? "rule" : "rules"}${extras.length ? `, ${extras.join(", ")}` : ""}`);
    }
    const runNode = new Map<PlannedResource, string>();
    g.open("gcp_run", "Cloud Run");
    for (const r of runs) {
        const nid = id("run", r.name);
        runNode.set(r, nid);
        g.node(nid, `${serviceNameOf(r, spec)}<br/>${runShape(r)}`, "round");
    }
    if (!runs.length) g.node("gcp_run_empty", "(no services planned)");
    g.close();
    const nets = ofType(rs, T.gnet);
    const data: { nid: string; kind: "database" | "cache" | "files" }[] = [];
    if (nets.length || ofType(rs, T.connector).length || ofType(rs, T.sql).length || ofType(rs, T.memorystore).length) {
        const sub = ofType(rs, T.gsub)[0];
        g.open("gcp_vpc", `VPC ${s(sub?.inputs.ipCidrRange) ?? ""}`.trim());
        for (const c of ofType(rs, T.connector)) g.node(id("conn", c.name), `VPC connector ${s(c.inputs.ipCidrRange) ?? ""}<br/>${s(c.inputs.machineType) ?? "e2-micro"} x${String(c.inputs.minInstances ?? 2)}-${String(c.inputs.maxInstances ?? 3)}`);
        if (ofType(rs, T.routerNat).length) g.node("gcp_nat", "Cloud NAT");
        for (const d of ofType(rs, T.sql)) {
            g.node(id("db", d.name), `Cloud SQL ${s(d.inputs.databaseVersion) ?? ""}`, "db");
            data.push({ nid: id("db", d.name), kind: "database" });
        }
        for (const c of ofType(rs, T.memorystore)) {
            g.node(id("cache", c.name), `Memorystore ${s(c.inputs.tier) ?? ""}`, "db");
            data.push({ nid: id("cache", c.name), kind: "cache" });
        }
        g.close();
    }
    managed(g, "gcp_managed", "GCP managed services", GCP_MANAGED, rs);
    g.close();

    if (rules.length) g.edge("internet", "gcp_lb", "HTTPS");
    const routed = runsBehindLb(rs);
    for (const [r, nid] of runNode) {
        if (rules.length && (routed.has(r) || (!routed.size && s(r.inputs.ingress) !== "INGRESS_TRAFFIC_INTERNAL_ONLY"))) g.edge("gcp_lb", nid, "serverless NEG");
    }
    for (const c of ofType(rs, T.connector)) {
        const users = runs.filter((r) => usesConnector(r, c, rs));
        if (users.length >= GROUP_EDGES_FROM && users.length === runs.length) g.edge("gcp_run", id("conn", c.name), "VPC access", true);
        else for (const r of users) g.edge(runNode.get(r)!, id("conn", c.name), undefined, true);
    }
    if (ofType(rs, T.routerNat).length && ofType(rs, T.connector).length) for (const c of ofType(rs, T.connector)) g.edge(id("conn", c.name), "gcp_nat", "egress", true);
    linkUses(g, spec, [...runNode].map(([r, nid]) => ({ name: serviceNameOf(r, spec), nid })), data, "gcp_run");
}

function runShape(r: PlannedResource): string {
    const t = (r.inputs.template ?? {}) as Record<string, unknown>;
    const c = ((t.containers as Record<string, unknown>[] | undefined)?.[0] ?? {}) as Record<string, Record<string, unknown>>;
    const limits = (c.resources?.limits ?? {}) as Record<string, unknown>;
    const scaling = (t.scaling ?? {}) as Record<string, unknown>;
    const billing = c.resources?.cpuIdle === false ? "instance-based" : "request-based";
    return `${String(limits.cpu ?? "1")} vCPU / ${String(limits.memory ?? "512Mi")}, min ${String(scaling.minInstanceCount ?? 0)}, ${billing}`;
}

/** Cloud Run services a serverless NEG points at (by service name). */
function runsBehindLb(rs: readonly PlannedResource[]): Set<PlannedResource> {
    const out = new Set<PlannedResource>();
    for (const neg of ofType(rs, T.neg)) {
        const svc = (neg.inputs.cloudRun as Record<string, unknown> | undefined)?.service;
        const hit = ofType(rs, T.run).find((r) => r.inputs.name === svc || r.name === svc) ?? resolveRef(rs, svc, T.run);
        if (hit) out.add(hit);
    }
    return out;
}

function usesConnector(run: PlannedResource, c: PlannedResource, rs: readonly PlannedResource[]): boolean {
    const vpc = ((run.inputs.template ?? {}) as Record<string, Record<string, unknown>>).vpcAccess;
    if (!vpc?.connector) return false;
    return resolveRef(rs, vpc.connector, T.connector) === c || ofType(rs, T.connector).length === 1;
}

/** The Mermaid flowchart source (no fences). */
export function renderDiagram(resources: readonly PlannedResource[], spec?: ResolvedConfig): string {
    const g = new Graph();
    // A cloud the config selects is drawn even before its components plan anything.
    const hasAws = spec?.clouds.includes("aws") || resources.some((r) => r.custom && r.type.startsWith("aws:"));
    const hasGcp = spec?.clouds.includes("gcp") || resources.some((r) => r.custom && r.type.startsWith("gcp:"));
    g.node("internet", "Internet", "circle");
    if (hasAws) awsBlock(g, resources, spec);
    if (hasGcp) gcpBlock(g, resources, spec);
    return g.render();
}

/** The diagram as a Markdown document (GitHub renders the mermaid block). */
export function renderDiagramMarkdown(stack: string, resources: readonly PlannedResource[], spec?: ResolvedConfig): string {
    const clouds = spec ? [...spec.clouds] : [...new Set(resources.filter((r) => r.custom && /^(aws|gcp):/.test(r.type)).map((r) => r.type.split(":")[0]))];
    return [
        `### Stack \`${stack}\` (${clouds.join(" + ") || "no cloud resources"})`,
        "",
        "```mermaid",
        renderDiagram(resources, spec),
        "```",
        "",
    ].join("\n");
}
