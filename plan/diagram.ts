/**
 * A Mermaid flowchart of a planned stack: internet → load balancer → services → stores, with the
 * VPC and its subnet tiers as subgraphs, one block per cloud. Every label, count and edge comes
 * from the planned resources: the protocol and port of each listener or forwarding rule, the
 * routes each one sends where (followed through the dependencies the engine records), the stores
 * and jobs the plan contains. The app model's links (ResolvedConfig.links) join services to stores.
 * Plumbing (routes, security groups, IAM, target groups, proxies) is folded into the nodes it
 * serves, and managed services are counted, so a 10-service stack stays readable.
 */
import type { LinkKind, ResolvedConfig, ResolvedService } from "../components/spec";
import { arr, dependenciesOf, isTrue, listenerProtocol, num, obj, str } from "../policy/helpers";
import { GROUPS, T } from "../policy/types";
import type { PlannedResource } from "./model";
import { PlanIndex, taskDefinitionOf } from "./refs";

/** Managed services drawn as one node per kind with a count, outside the VPC. */
const AWS_MANAGED: readonly [string, string][] = [
    [T.ecr, "ECR repositories"],
    [T.secret, "Secrets Manager secrets"],
    [T.kmsKey, "KMS keys"],
    [T.webAcl, "WAF web ACLs"],
    [T.route53Zone, "Route 53 zones"],
    [T.acmCertificate, "ACM certificates"],
    [T.cloudMapNamespace, "Cloud Map namespaces"],
    [T.metricAlarm, "CloudWatch alarms"],
    [T.logGroup, "CloudWatch log groups"],
    [T.dashboard, "CloudWatch dashboards"],
    [T.snsTopic, "SNS topics"],
    ["aws:route53/healthCheck:HealthCheck", "Route 53 health checks"],
];
const GCP_MANAGED: readonly [string, string][] = [
    [T.arRepo, "Artifact Registry repositories"],
    [T.gcpSecret, "Secret Manager secrets"],
    [T.securityPolicy, "Cloud Armor policies"],
    [T.managedCertificate, "managed certificates"],
    [T.alertPolicy, "alert policies"],
    [T.uptimeCheck, "uptime checks"],
    [T.dnsZone, "Cloud DNS zones"],
    ["gcp:certificatemanager/certificate:Certificate", "Certificate Manager certificates"],
];

type StoreKind = "database" | "cache" | "files" | "bucket";
interface StoreNode { nid: string; kind: StoreKind; resource: PlannedResource }

/** How each store type is drawn: its kind (for the `uses` links) and its label. */
const STORES: Readonly<Record<string, { kind: StoreKind; label: (r: PlannedResource) => string }>> = {
    [T.rdsInstance]: { kind: "database", label: (r) => `RDS ${str(r.inputs.engine) ?? "postgres"} ${str(r.inputs.engineVersion) ?? ""}<br/>${str(r.inputs.instanceClass) ?? ""}${isTrue(r.inputs.multiAz) ? " Multi-AZ" : ""}` },
    [T.rdsCluster]: { kind: "database", label: (r) => `RDS cluster ${str(r.inputs.engine) ?? ""} ${str(r.inputs.engineVersion) ?? ""}` },
    [T.cacheGroup]: { kind: "cache", label: (r) => `ElastiCache ${str(r.inputs.engine) ?? "redis"}<br/>${str(r.inputs.nodeType) ?? ""} x${String(num(r.inputs.numCacheClusters) ?? 1)}` },
    [T.cacheCluster]: { kind: "cache", label: (r) => `ElastiCache ${str(r.inputs.engine) ?? "redis"}<br/>${str(r.inputs.nodeType) ?? ""} x${String(num(r.inputs.numCacheNodes) ?? 1)}` },
    [T.efs]: { kind: "files", label: () => "EFS file system" },
    [T.sqlInstance]: { kind: "database", label: (r) => `Cloud SQL ${str(r.inputs.databaseVersion) ?? ""}<br/>${str(obj(r.inputs.settings).tier) ?? ""}${str(obj(r.inputs.settings).availabilityType) === "REGIONAL" ? " regional" : ""}` },
    [T.memorystore]: { kind: "cache", label: (r) => `Memorystore ${str(r.inputs.redisVersion) ?? "redis"}<br/>${str(r.inputs.tier) ?? ""} ${String(num(r.inputs.memorySizeGb) ?? "")} GB`.trim() },
    [T.bucket]: { kind: "bucket", label: (r) => `S3 ${str(r.inputs.bucket) ?? r.name}` },
    [T.bucketV2]: { kind: "bucket", label: (r) => `S3 ${str(r.inputs.bucket) ?? r.name}` },
    [T.gcsBucket]: { kind: "bucket", label: (r) => `Cloud Storage ${str(r.inputs.name) ?? r.name}` },
};

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
    node(nid: string, text: string, shape: "box" | "db" | "round" | "circle" | "hex" = "box") {
        const [l, r] = { box: ["[", "]"], db: ["[(", ")]"], round: ["(", ")"], circle: ["((", "))"], hex: ["{{", "}}"] }[shape];
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

const singular = (what: string) => (/ies$/.test(what) ? what.replace(/ies$/, "y") : /sses$/.test(what) ? what.replace(/es$/, "") : what.replace(/s$/, ""));
const plural = (n: number, what: string) => (n === 1 ? singular(what) : what);

/** Tier of an AWS subnet: its `tier` tag (components/aws/network.ts), else its name. */
function tierOf(subnet: PlannedResource): "public" | "private" | "isolated" {
    const tag = str(obj(subnet.inputs.tags).tier);
    if (tag === "public" || tag === "private" || tag === "isolated") return tag;
    const n = subnet.name;
    if (/public/.test(n) || isTrue(subnet.inputs.mapPublicIpOnLaunch)) return "public";
    if (/isolated|data|db/.test(n)) return "isolated";
    return "private";
}

/** The spec's name whose `-name` ends (or sits inside) the logical or physical name of a resource. */
function specNameOf(r: PlannedResource, names: readonly string[]): string | undefined {
    const physical = str(r.inputs.name) ?? str(r.inputs.bucket) ?? "";
    return [...names].sort((a, b) => b.length - a.length).find((n) => r.name === n || r.name.endsWith(`-${n}`) || physical.endsWith(`-${n}`) || r.name.includes(`-${n}-`) || physical.includes(`-${n}-`));
}

const serviceNameOf = (r: PlannedResource, spec?: ResolvedConfig) => specNameOf(r, spec?.services.map((x) => x.name) ?? []) ?? str(r.inputs.name) ?? r.name;

/** "HTTPS :443", "HTTP :80 → HTTPS" (a redirect), "TCP :5432": what one listener or forwarding rule takes. */
function entryLabel(protocol: string, port: string | number | undefined, redirect?: string): string {
    return `${protocol}${port !== undefined ? ` :${String(port)}` : ""}${redirect ? ` → ${redirect}` : ""}`;
}

/** Labels sorted so HTTPS reads first, then joined. */
const joinEntries = (entries: readonly string[]) => [...new Set(entries)].sort((a, b) => Number(a.startsWith("HTTP ")) - Number(b.startsWith("HTTP ")) || a.localeCompare(b)).join(", ");

/** What an ALB listener's default actions do: a redirect's target protocol, or undefined when it forwards. */
function albRedirect(listener: PlannedResource): string | undefined {
    const actions = arr(listener.inputs.defaultActions).map(obj);
    const r = actions.find((a) => a.type === "redirect");
    return r ? (str(obj(r.redirect).protocol) ?? "redirect").toUpperCase() : undefined;
}

/** Route texts of a listener rule: its path patterns and host headers. */
function ruleMatches(rule: PlannedResource): string[] {
    return arr(rule.inputs.conditions).map(obj).flatMap((c) => [
        ...arr(obj(c.pathPattern).values).map(String),
        ...arr(obj(c.hostHeader).values).map((h) => `host ${String(h)}`),
    ]);
}

function awsBlock(g: Graph, ix: PlanIndex, spec?: ResolvedConfig): void {
    const region = spec?.aws?.region ?? "";
    g.open("aws", `AWS ${region}`.trim());
    const vpc = ix.ofType(T.vpc)[0];
    const tiers = { public: [] as string[], private: [] as string[], isolated: [] as string[] };
    for (const sn of ix.ofType(T.subnet)) tiers[tierOf(sn)].push(str(sn.inputs.cidrBlock) ?? "?");
    const lbs = ix.ofType(...GROUPS.awsLoadBalancers);
    const services = ix.ofType(T.ecsService);
    const asgs = ix.ofType(T.asg);
    const svcNode = new Map<PlannedResource, string>();
    const stores: StoreNode[] = [];
    const lbKind = (lb: PlannedResource) => (str(lb.inputs.loadBalancerType) === "network" ? "NLB" : "ALB");

    const inVpc = (body: () => void) => {
        if (!vpc) return body();
        g.open("aws_vpc", `VPC ${str(vpc.inputs.cidrBlock) ?? ""}`.trim());
        body();
        g.close();
    };
    inVpc(() => {
        const publicLbs = lbs.filter((l) => !isTrue(l.inputs.internal));
        const nats = ix.ofType(T.nat);
        if (tiers.public.length || publicLbs.length || nats.length) {
            g.open("aws_public", `public subnets ${tiers.public.join(", ")}`.trim());
            for (const lb of publicLbs) g.node(id("lb", lb.name), `${lbKind(lb)} ${str(lb.inputs.name) ?? lb.name}`);
            if (nats.length) g.node("aws_nat", `NAT gateway x${nats.length}`);
            g.close();
        }
        g.open("aws_private", `private subnets ${tiers.private.join(", ")}`.trim());
        for (const lb of lbs.filter((l) => isTrue(l.inputs.internal))) g.node(id("lb", lb.name), `internal ${lbKind(lb)} ${str(lb.inputs.name) ?? lb.name}`);
        for (const svc of services) {
            const nid = id("svc", svc.name);
            svcNode.set(svc, nid);
            g.node(nid, `${serviceNameOf(svc, spec)}<br/>${ecsShape(svc, ix)}`, "round");
        }
        for (const asg of asgs) g.node(id("asg", asg.name), `EC2 capacity<br/>${asgShape(asg, ix)}`);
        if (!services.length && !asgs.length) g.node("aws_private_empty", "(no services planned)");
        g.close();
        const data = ix.ofType(T.rdsInstance, T.rdsCluster, T.cacheGroup, T.efs, T.cacheCluster).filter((r) => r.type !== T.cacheCluster || !str(r.inputs.replicationGroupId));
        if (tiers.isolated.length || data.length) {
            g.open("aws_data", tiers.isolated.length ? `isolated subnets ${tiers.isolated.join(", ")}` : "data tier");
            for (const d of data) stores.push(storeNode(g, d));
            if (!data.length) g.node("aws_data_empty", "(no data stores planned)");
            g.close();
        }
        const endpoints = ix.ofType(T.vpcEndpoint);
        const interfaces = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface").length;
        if (endpoints.length) g.node("aws_endpoints", `VPC endpoints: ${endpoints.length - interfaces} gateway, ${interfaces} interface`);
    });
    const buckets = ix.ofType(...GROUPS.awsBuckets);
    if (buckets.length) {
        g.open("aws_storage", "S3");
        for (const b of buckets) stores.push(storeNode(g, b));
        g.close();
    }
    const cdn = ix.ofType(T.cloudfront);
    for (const d of cdn) g.node(id("cdn", d.name), "CloudFront distribution");
    const schedules = ix.ofType(T.schedule);
    if (schedules.length) {
        g.open("aws_jobs", "EventBridge Scheduler");
        for (const s of schedules) g.node(id("job", s.name), `${specJobName(s, spec)}<br/>${str(s.inputs.scheduleExpression) ?? ""}`, "hex");
        g.close();
    }
    managed(g, "aws_managed", "AWS managed services", AWS_MANAGED, ix);
    g.close();

    for (const lb of lbs) {
        const listeners = ix.referrers(lb, GROUPS.awsListeners, "loadBalancerArn");
        const entries = listeners.map((l) => entryLabel(listenerProtocol(l), num(l.inputs.port), albRedirect(l)));
        if (!isTrue(lb.inputs.internal)) g.edge("internet", id("lb", lb.name), entries.length ? joinEntries(entries) : "no listener");
        for (const [svc, matches] of routesOf(lb, listeners, ix)) {
            const nid = svcNode.get(svc);
            if (nid) g.edge(id("lb", lb.name), nid, matches.join(" "));
        }
    }
    for (const d of cdn) {
        g.edge("internet", id("cdn", d.name), "HTTPS CDN");
        for (const origin of ix.refs(d, "origins", [...GROUPS.awsBuckets, ...GROUPS.awsLoadBalancers])) {
            g.edge(id("cdn", d.name), origin.type.startsWith("aws:s3") ? id("store", origin.name) : id("lb", origin.name), "origin");
        }
    }
    for (const s of schedules) {
        const td = ix.refs(s, "target", [T.taskDef])[0];
        const runs = td ? services.filter((svc) => taskDefinitionOf(ix, svc) === td) : [];
        for (const svc of runs) g.edge(id("job", s.name), svcNode.get(svc)!, "runs task", true);
    }
    if (ix.ofType(T.nat).length && services.length) g.edge("aws_private", "aws_nat", "egress", true);
    linkUses(g, spec, [...svcNode].map(([r, nid]) => ({ name: serviceNameOf(r, spec), nid })), stores, "aws_private");
}

function storeNode(g: Graph, r: PlannedResource): StoreNode {
    const kind = STORES[r.type];
    const nid = id("store", r.name);
    g.node(nid, kind.label(r), "db");
    return { nid, kind: kind.kind, resource: r };
}

const specJobName = (r: PlannedResource, spec?: ResolvedConfig) => serviceNameOf(r, spec);

/**
 * The ECS services a load balancer's listeners reach, with the route texts: a rule's path
 * patterns and host headers, "default" for a listener's default forward.
 */
function routesOf(lb: PlannedResource, listeners: readonly PlannedResource[], ix: PlanIndex): Map<PlannedResource, string[]> {
    const out = new Map<PlannedResource, string[]>();
    const add = (tgs: readonly PlannedResource[], matches: readonly string[]) => {
        for (const tg of tgs) {
            for (const svc of ix.referrers(tg, [T.ecsService], "loadBalancers")) out.set(svc, [...new Set([...(out.get(svc) ?? []), ...matches])]);
        }
    };
    for (const l of listeners) {
        if (albRedirect(l)) continue;
        add(ix.refs(l, "defaultActions", GROUPS.awsTargetGroups), ["default"]);
        for (const rule of ix.referrers(l, GROUPS.awsListenerRules, "listenerArn")) add(ix.refs(rule, "actions", GROUPS.awsTargetGroups), ruleMatches(rule));
    }
    return out;
}

function ecsShape(svc: PlannedResource, ix: PlanIndex): string {
    const td = taskDefinitionOf(ix, svc);
    const ec2 = str(svc.inputs.launchType) === "EC2" || arr(svc.inputs.capacityProviderStrategies).some((c) => !String(obj(c).capacityProvider).startsWith("FARGATE"));
    const arm = obj(td?.inputs.runtimePlatform).cpuArchitecture === "ARM64";
    const size = td && td.inputs.cpu !== undefined ? ` ${Number(td.inputs.cpu) / 1024} vCPU / ${Number(td.inputs.memory) / 1024} GB` : "";
    const scaling = ix.referrers(svc, [T.scalingTarget], "resourceId")[0];
    const count = scaling ? `${String(scaling.inputs.minCapacity)}-${String(scaling.inputs.maxCapacity)}` : String(svc.inputs.desiredCount ?? 0);
    return `${ec2 ? "ECS on EC2" : "Fargate"}${arm ? " ARM" : ""}${size} x${count}`;
}

function asgShape(asg: PlannedResource, ix: PlanIndex): string {
    const lt = ix.ref(asg, "launchTemplate", [T.launchTemplate]) ?? ix.ref(asg, "mixedInstancesPolicy", [T.launchTemplate]);
    return `${str(lt?.inputs.instanceType) ?? "?"} x${String(asg.inputs.minSize ?? "?")}-${String(asg.inputs.maxSize ?? "?")}`;
}

function managed(g: Graph, sid: string, title: string, kinds: readonly [string, string][], ix: PlanIndex) {
    const counts = new Map<string, number>();
    for (const [type, what] of kinds) counts.set(what, (counts.get(what) ?? 0) + ix.ofType(type).length);
    const present = [...counts].filter(([, n]) => n > 0);
    if (!present.length) return;
    g.open(sid, title);
    for (const [what, n] of present) g.node(id(sid, what), `${n} ${plural(n, what)}`);
    g.close();
}

/** Past this many services, a link every service has is drawn once from their subgraph. */
const GROUP_EDGES_FROM = 4;

/** Edges from each service (or from their subgraph `group`, when all share one) to the stores its app-model links reach, and to the peers it calls. */
function linkUses(g: Graph, spec: ResolvedConfig | undefined, services: { name: string; nid: string }[], stores: StoreNode[], group: string) {
    if (!spec) return;
    const nodeOf = new Map(services.map((x) => [x.name, x.nid]));
    const planned = spec.services.filter((x) => nodeOf.has(x.name));
    const bucketNames = spec.buckets.map((b) => b.name);
    const kindOf: Record<StoreKind, LinkKind> = { database: "database", cache: "cache", files: "volume", bucket: "bucket" };
    const reaches = (x: ResolvedService, d: StoreNode) => {
        const bucket = d.kind === "bucket" ? specNameOf(d.resource, bucketNames) : undefined;
        // IAM-only bucket grants (services[].permissions.buckets) are links too, drawn the same way.
        if (bucket && x.permissions.buckets.includes(bucket)) return true;
        return spec.links.some((l) => l.from === x.name && l.kind === kindOf[d.kind] && (d.kind !== "bucket" || l.to === bucket));
    };
    for (const d of stores) {
        const users = planned.filter((x) => reaches(x, d));
        const text = d.kind === "files" ? "NFS" : undefined;
        if (users.length >= GROUP_EDGES_FROM && users.length === planned.length) g.edge(group, d.nid, text);
        else for (const x of users) g.edge(nodeOf.get(x.name)!, d.nid, text);
    }
    for (const l of spec.links) {
        const from = nodeOf.get(l.from);
        const to = l.kind === "service" ? nodeOf.get(l.to) : undefined;
        if (from && to) g.edge(from, to, "calls", true);
    }
}

/** A GCP URL map's routes: path rules and the default, to backend services or buckets; or its redirect. */
interface UrlMapRoutes { redirect?: string; routes: { backend: PlannedResource; matches: string[] }[] }

function urlMapRoutes(map: PlannedResource, ix: PlanIndex): UrlMapRoutes {
    const backends = [T.backendService, T.backendBucket];
    const redirect = obj(map.inputs.defaultUrlRedirect);
    if (Object.keys(redirect).length) return { redirect: isTrue(redirect.httpsRedirect) ? "HTTPS" : "redirect", routes: [] };
    const routes = new Map<PlannedResource, string[]>();
    const add = (b: PlannedResource | undefined, matches: readonly string[]) => {
        if (b) routes.set(b, [...new Set([...(routes.get(b) ?? []), ...matches])]);
    };
    add(ix.ref(map, "defaultService", backends), ["default"]);
    for (const pm of arr(map.inputs.pathMatchers).map(obj)) {
        add(ix.ref(map, "pathMatchers", backends, pm.defaultService), ["default"]);
        for (const rule of arr(pm.pathRules).map(obj)) add(ix.ref(map, "pathMatchers", backends, rule.service), arr(rule.paths).map(String));
    }
    return { routes: [...routes].map(([backend, matches]) => ({ backend, matches })) };
}

/** One GCP external load balancer: the forwarding rules that share an address (or a URL map). */
interface GcpFrontEnd { key: string; rules: PlannedResource[] }

function gcpFrontEnds(ix: PlanIndex): GcpFrontEnd[] {
    const out = new Map<string, PlannedResource[]>();
    for (const fr of ix.ofType(...GROUPS.gcpForwardingRules)) {
        const key = dependenciesOf(fr, "ipAddress")[0] ?? str(fr.inputs.ipAddress) ?? fr.urn;
        out.set(key, [...(out.get(key) ?? []), fr]);
    }
    return [...out].map(([key, rules]) => ({ key, rules }));
}

function gcpBlock(g: Graph, ix: PlanIndex, spec?: ResolvedConfig): void {
    g.open("gcp", `GCP ${spec?.gcp?.region ?? ""}`.trim());
    const frontEnds = gcpFrontEnds(ix);
    const armor = ix.ofType(T.securityPolicy).length > 0;
    const cdn = ix.ofType(T.backendService, T.backendBucket).some((b) => isTrue(b.inputs.enableCdn));
    const lbNode = (i: number) => (frontEnds.length === 1 ? "gcp_lb" : `gcp_lb_${i}`);
    frontEnds.forEach((fe, i) => {
        const global = fe.rules.some((r) => r.type === T.globalForwardingRule);
        const extras = [armor ? "Cloud Armor" : "", cdn ? "CDN" : ""].filter(Boolean);
        g.node(lbNode(i), `${global ? "global" : "regional"} external LB<br/>${fe.rules.length} forwarding ${plural(fe.rules.length, "rules")}${extras.length ? `, ${extras.join(", ")}` : ""}`);
    });
    const runs = ix.ofType(T.runService);
    const pools = ix.ofType(T.runWorkerPool);
    const jobs = ix.ofType(T.runJob);
    const runNode = new Map<PlannedResource, string>();
    g.open("gcp_run", "Cloud Run");
    for (const r of runs) {
        const nid = id("run", r.name);
        runNode.set(r, nid);
        g.node(nid, `${serviceNameOf(r, spec)}<br/>${runShape(r)}`, "round");
    }
    for (const p of pools) {
        const nid = id("pool", p.name);
        runNode.set(p, nid);
        g.node(nid, `${serviceNameOf(p, spec)}<br/>worker pool, ${poolShape(p)}`, "round");
    }
    for (const j of jobs) g.node(id("job", j.name), `${serviceNameOf(j, spec)}<br/>job`, "hex");
    if (!runs.length && !pools.length && !jobs.length) g.node("gcp_run_empty", "(no services planned)");
    g.close();
    const connectors = ix.ofType(T.connector);
    const stores: StoreNode[] = [];
    const inVpc = ix.ofType(T.sqlInstance, T.memorystore);
    if (ix.ofType(T.gcpNetwork).length || connectors.length || inVpc.length) {
        const sub = ix.ofType(T.gcpSubnet)[0];
        g.open("gcp_vpc", `VPC ${str(sub?.inputs.ipCidrRange) ?? ""}`.trim());
        for (const c of connectors) g.node(id("conn", c.name), `VPC connector ${str(c.inputs.ipCidrRange) ?? ""}<br/>${str(c.inputs.machineType) ?? "e2-micro"} x${String(c.inputs.minInstances ?? 2)}-${String(c.inputs.maxInstances ?? 3)}`);
        if (ix.ofType(T.routerNat).length) g.node("gcp_nat", "Cloud NAT");
        for (const d of inVpc) stores.push(storeNode(g, d));
        g.close();
    }
    const buckets = ix.ofType(T.gcsBucket);
    if (buckets.length) {
        g.open("gcp_storage", "Cloud Storage");
        for (const b of buckets) stores.push(storeNode(g, b));
        g.close();
    }
    const schedulers = ix.ofType(T.schedulerJob);
    if (schedulers.length) {
        g.open("gcp_jobs", "Cloud Scheduler");
        for (const s of schedulers) g.node(id("sched", s.name), `${serviceNameOf(s, spec)}<br/>${str(s.inputs.schedule) ?? ""}`, "hex");
        g.close();
    }
    managed(g, "gcp_managed", "GCP managed services", GCP_MANAGED, ix);
    g.close();

    frontEnds.forEach((fe, i) => {
        const entries: string[] = [];
        for (const fr of fe.rules) {
            const proxy = ix.ref(fr, "target", GROUPS.gcpProxies);
            const protocol = proxy ? (proxy.type === T.httpsProxy ? "HTTPS" : "HTTP") : (str(fr.inputs.ipProtocol) ?? "TCP");
            const map = proxy && ix.ref(proxy, "urlMap", [T.urlMap]);
            const routes = map ? urlMapRoutes(map, ix) : { routes: [] };
            entries.push(entryLabel(protocol, str(fr.inputs.portRange) ?? num(fr.inputs.portRange), routes.redirect));
            for (const { backend, matches } of routes.routes) {
                for (const target of backendTargets(backend, ix)) {
                    const nid = runNode.get(target) ?? stores.find((s) => s.resource === target)?.nid;
                    if (nid) g.edge(lbNode(i), nid, matches.join(" "));
                }
            }
        }
        g.edge("internet", lbNode(i), joinEntries(entries));
    });
    for (const c of connectors) {
        const users = [...runNode.keys()].filter((r) => ix.refs(r, "template", [T.connector]).includes(c));
        if (users.length >= GROUP_EDGES_FROM && users.length === runNode.size) g.edge("gcp_run", id("conn", c.name), "VPC access", true);
        else for (const r of users) g.edge(runNode.get(r)!, id("conn", c.name), "VPC access", true);
        if (ix.ofType(T.routerNat).length) g.edge(id("conn", c.name), "gcp_nat", "egress", true);
    }
    for (const s of schedulers) {
        for (const j of ix.refs(s, "httpTarget", [T.runJob])) g.edge(id("sched", s.name), id("job", j.name), "runs", true);
    }
    linkUses(g, spec, [...runNode].map(([r, nid]) => ({ name: serviceNameOf(r, spec), nid })), stores, "gcp_run");
}

/** What a backend serves: the Cloud Run services behind its serverless NEGs, or a backend bucket's bucket. */
function backendTargets(backend: PlannedResource, ix: PlanIndex): PlannedResource[] {
    if (backend.type === T.backendBucket) return ix.refs(backend, "bucketName", [T.gcsBucket]);
    return ix.refs(backend, "backends", [T.neg]).flatMap((neg) => ix.refs(neg, "cloudRun", [T.runService]));
}

function runShape(r: PlannedResource): string {
    const t = obj(r.inputs.template);
    const c = obj(arr(t.containers)[0]);
    const resources = obj(c.resources);
    const limits = obj(resources.limits);
    const scaling = obj(t.scaling);
    const billing = resources.cpuIdle === false ? "instance-based" : "request-based";
    return `${String(limits.cpu ?? "1")} vCPU / ${String(limits.memory ?? "512Mi")}, min ${String(scaling.minInstanceCount ?? 0)}, ${billing}`;
}

function poolShape(p: PlannedResource): string {
    const limits = obj(obj(obj(arr(obj(p.inputs.template).containers)[0]).resources).limits);
    const count = num(obj(p.inputs.scaling).manualInstanceCount);
    return `${String(limits.cpu ?? "1")} vCPU / ${String(limits.memory ?? "512Mi")}${count !== undefined ? ` x${count}` : ""}`;
}

/** Types drawn as nodes (or as the subgraph titles of a VPC), each with its own label. */
const DRAWN: readonly string[] = [
    T.vpc, T.subnet, T.nat, T.vpcEndpoint, ...GROUPS.awsLoadBalancers, T.ecsService, T.asg, T.cloudfront, T.schedule,
    T.gcpNetwork, T.gcpSubnet, T.connector, T.routerNat, ...GROUPS.gcpForwardingRules, T.runService, T.runWorkerPool, T.runJob, T.schedulerJob,
    ...Object.keys(STORES),
];

/**
 * Plumbing folded into what it serves (the edges, labels and counts that come from it), by type
 * or type prefix. A planned type in none of DRAWN, the managed counts or this list fails the
 * diagram test: a new kind of resource is either drawn, counted, or said here where it went.
 */
const FOLDED: readonly [string, string][] = [
    ["aws:iam/", "the services' permissions"],
    ["aws:ec2/route", "the subnet tiers (route tables, routes, associations)"],
    ["aws:ec2/internetGateway", "the public subnets"],
    ["aws:ec2/eip", "the NAT gateways"],
    ["aws:ec2/flowLog", "the VPC"],
    ["aws:ec2/securityGroup", "the edges (who may reach whom)"],
    ["aws:ec2/defaultSecurityGroup", "the VPC"],
    ["aws:vpc/securityGroup", "the edges (who may reach whom)"],
    [T.launchTemplate, "the EC2 capacity node"],
    ["aws:ecs/", "the service nodes (cluster, capacity providers, task definitions)"],
    [T.scalingTarget, "the service nodes' task range"],
    ["aws:appautoscaling/", "the service nodes' task range"],
    ["aws:lb/", "the load balancer's edges (listeners, rules, target groups)"],
    ["aws:alb/", "the load balancer's edges (listeners, rules, target groups)"],
    ["aws:acm/certificateValidation", "the ACM certificates"],
    ["aws:route53/record", "the Route 53 zones"],
    ["aws:cloudfront/", "the CloudFront node (origin access, policies)"],
    ["aws:ecr/lifecyclePolicy", "the ECR repositories"],
    ["aws:efs/", "the EFS node (mount targets, access points, policies)"],
    ["aws:elasticache/", "the ElastiCache node (subnet and parameter groups)"],
    ["aws:rds/", "the RDS node (subnet and parameter groups)"],
    ["aws:kms/alias", "the KMS keys"],
    ["aws:s3/", "the bucket nodes (their settings and policies)"],
    ["aws:secretsmanager/secretVersion", "the secrets"],
    ["aws:servicediscovery/service", "the Cloud Map namespaces"],
    ["aws:wafv2/webAclAssociation", "the WAF web ACLs"],
    ["aws:sns/topicSubscription", "the SNS topics"],
    ["gcp:compute/", "the load balancer node and its edges (addresses, proxies, URL maps, backends, NEGs, firewalls)"],
    ["gcp:cloudrunv2/serviceIam", "the Cloud Run nodes"],
    ["gcp:artifactregistry/repositoryIam", "the Artifact Registry repositories"],
    ["gcp:secretmanager/secret", "the Secret Manager secrets (versions, IAM)"],
    ["gcp:storage/bucketIAM", "the Cloud Storage buckets"],
    ["gcp:projects/", "the project (IAM, enabled APIs)"],
    ["gcp:serviceaccount/", "the services' identities"],
    ["gcp:monitoring/notificationChannel", "the alert policies"],
    ["random:", "values computed at deploy time"],
    ["gcp:sql/", "the Cloud SQL node (its database and user)"],
    ["gcp:servicenetworking/", "the VPC (Private Service Access peering)"],
    ["gcp:certificatemanager/", "the Certificate Manager certificates (DNS authorizations, maps, map entries)"],
    ["gcp:cloudrunv2/jobIam", "the Cloud Run job nodes"],
    ["gcp:dns/recordSet", "the Cloud DNS zones"],
    ["docker-build:", "the Artifact Registry repositories (images built from source)"],
    ["awsx:ecr:Image", "the ECR repositories (images built from source)"],
];

/** How the diagram shows a type: drawn as a node, counted, folded into a node (with where), or undefined when it would be lost. */
export function diagramCoverage(type: string): "drawn" | "counted" | `folded into ${string}` | undefined {
    if (DRAWN.includes(type)) return "drawn";
    if ([...AWS_MANAGED, ...GCP_MANAGED].some(([t]) => t === type)) return "counted";
    const folded = FOLDED.find(([prefix]) => type.startsWith(prefix));
    return folded ? `folded into ${folded[1]}` : undefined;
}

/** The Mermaid flowchart source (no fences). */
export function renderDiagram(resources: readonly PlannedResource[], spec?: ResolvedConfig): string {
    const g = new Graph();
    const ix = new PlanIndex(resources);
    // A cloud the config selects is drawn even before its components plan anything.
    const hasAws = spec?.clouds.includes("aws") || resources.some((r) => r.custom && r.type.startsWith("aws:"));
    const hasGcp = spec?.clouds.includes("gcp") || resources.some((r) => r.custom && r.type.startsWith("gcp:"));
    g.node("internet", "Internet", "circle");
    if (hasAws) awsBlock(g, ix, spec);
    if (hasGcp) gcpBlock(g, ix, spec);
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
