import { contains, mustParseCidr, overlaps, parseCidr } from "../components/cidr";
import { gcpRouteProblem } from "../gcp/routes";
import { checkLimits } from "./checks/limits";
import { checkInputSafety } from "./checks/input-safety";
import { checkProdSafety } from "./checks/prod-safety";
import { checkGcpData } from "./checks/gcp-data";
import { scaleIssues } from "./checks/scale";
import { checkJobsInput } from "./checks/jobs";
import type { ConfigIssue } from "./errors";
import type { PlatformInput } from "./schema";

/** Namespaced config outside `platform:` that the program reads (aws:region, gcp:project, ...). */
export interface ProviderConfig {
    aws: Record<string, string>;
    gcp: Record<string, string>;
}

const RESERVED_USES = new Set(["database", "cache"]);

/**
 * Checks that need more than one key at a time: references, overlaps, clashes, cloud-specific
 * limits. Runs after the schema has accepted the shape, so types can be trusted here.
 */
export function crossValidate(cfg: PlatformInput, provider: ProviderConfig): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const add = (path: (string | number)[], message: string, value?: unknown) =>
        issues.push({ path: ["platform:" + path[0], ...path.slice(1)], message, value, hasValue: value !== undefined });
    // Hostile or oversized input first: an oversized config stops here, before per-entry checks.
    if (checkInputSafety(cfg, add)) return issues;

    const clouds = cfg.clouds ?? ["aws"];
    if (new Set(clouds).size !== clouds.length) add(["clouds"], "must not name a cloud twice", clouds);
    const onAws = clouds.includes("aws");
    const onGcp = clouds.includes("gcp");

    checkServices(cfg, add);
    checkProdSafety(cfg, add);
    checkNetwork(cfg, add);
    checkWindows(cfg, add);

    if (onGcp && !cfg.gcp?.project && !provider.gcp.project) {
        add(["gcp", "project"], 'is required when clouds includes "gcp" (or set gcp:project)');
    }
    if (!onGcp && cfg.gcp) add(["gcp"], 'is set but clouds does not include "gcp"; add "gcp" to platform:clouds or remove this key', "{...}");
    if (!onAws && cfg.aws) add(["aws"], 'is set but clouds does not include "aws"; add "aws" to platform:clouds or remove this key', "{...}");

    const publicServices = cfg.services.filter((s) => resolveExpose(s) === "public");
    if (cfg.aws?.waf && publicServices.length === 0) {
        add(["aws", "waf"], "needs a load balancer, but no service is public (no service has routes)", true);
    }
    if (cfg.aws?.loadBalancers === "perService" && publicServices.length === 0) {
        add(["aws", "loadBalancers"], "perService needs at least one public service with routes", "perService");
    }
    const comp = cfg.aws?.compute;
    if (comp?.min !== undefined && comp.max !== undefined && comp.min > comp.max) {
        add(["aws", "compute", "min"], `must not exceed aws.compute.max (${comp.max})`, comp.min);
    }
    const conn = cfg.gcp?.network?.connector;
    if (conn?.minInstances !== undefined && conn.maxInstances !== undefined && conn.minInstances >= conn.maxInstances) {
        add(["gcp", "network", "connector", "minInstances"], `must be below maxInstances (${conn.maxInstances})`, conn.minInstances);
    }
    checkGcpNetwork(cfg, add);
    if (onGcp) checkGcpServices(cfg, add);
    if (onGcp) checkGcpData(cfg, add);
    checkNames(cfg, add, "buckets", (cfg.buckets ?? []).map((b) => b.name));
    checkNames(cfg, add, "secrets", cfg.secrets ?? []);
    checkLimits(cfg, add);
    issues.push(...scaleIssues(cfg));
    // Jobs, image builds and secret values (stacks/checks/jobs.ts).
    checkJobsInput(cfg, add);
    return issues;
}

type Add = (path: (string | number)[], message: string, value?: unknown) => void;

/** The exposure a service gets when `expose` is not set. */
export function resolveExpose(s: PlatformInput["services"][number]): "public" | "internal" | "none" {
    if (s.expose) return s.expose;
    if (s.routes && s.routes.length > 0) return "public";
    return s.port !== undefined ? "internal" : "none";
}

function checkNames(_cfg: PlatformInput, add: Add, key: string, names: string[]) {
    const seen = new Map<string, number>();
    names.forEach((n, i) => {
        if (seen.has(n)) add([key, i, ...(key === "buckets" ? ["name"] : [])], `duplicates entry ${seen.get(n)}; names must be unique`, n);
        else seen.set(n, i);
    });
}

function checkServices(cfg: PlatformInput, add: Add) {
    const names = new Map<string, number>();
    const routeOwner = new Map<string, string>();
    const bucketNames = new Set((cfg.buckets ?? []).map((b) => b.name));
    const secretNames = new Set(cfg.secrets ?? []);
    const allNames = new Set(cfg.services.map((s) => s.name));

    cfg.services.forEach((s, i) => {
        const at = (...rest: (string | number)[]) => ["services", i, ...rest];
        if (names.has(s.name)) add(at("name"), `duplicates services[${names.get(s.name)}]; service names must be unique`, s.name);
        names.set(s.name, i);
        if (RESERVED_USES.has(s.name)) add(at("name"), `"${s.name}" is reserved for the managed ${s.name}; choose another service name`, s.name);
        if (bucketNames.has(s.name)) add(at("name"), "is also a bucket name; `uses` could not tell them apart", s.name);

        const expose = resolveExpose(s);
        const routes = s.routes ?? [];
        if (routes.length > 0 && s.port === undefined) add(at("routes"), "need a port: a service with routes must set `port`", routes);
        if (routes.length > 0 && expose !== "public") add(at("expose"), `must be "public" for a service with routes (or remove routes)`, expose);
        if (expose === "public" && routes.length === 0) add(at("routes"), 'are required for a public service: list paths such as ["/*"] or set expose: internal');
        if (expose === "internal" && s.port === undefined) add(at("port"), "is required for an internal service (other services reach it on this port)");
        if (s.discovery && s.port === undefined) add(at("discovery"), "needs a port: only services with a port can be discovered", true);
        routes.forEach((r, j) => {
            const owner = routeOwner.get(r);
            if (owner !== undefined && owner !== s.name) add(at("routes", j), `is already routed to service "${owner}"; each path may go to one service`, r);
            else if (routes.indexOf(r) !== j) add(at("routes", j), "is listed twice", r);
            routeOwner.set(r, s.name);
        });

        const sc = s.scaling;
        if (sc?.min !== undefined && sc.max !== undefined && sc.min > sc.max) add(at("scaling", "min"), `must not exceed scaling.max (${sc.max})`, sc.min);
        if (s.desiredCount !== undefined && sc?.max !== undefined && s.desiredCount > sc.max) add(at("desiredCount"), `must not exceed scaling.max (${sc.max})`, s.desiredCount);
        if (s.desiredCount !== undefined && sc?.min !== undefined && s.desiredCount < sc.min) add(at("desiredCount"), `must be at least scaling.min (${sc.min})`, s.desiredCount);
        const g = s.gcp;
        if (g?.minInstances !== undefined && g.maxInstances !== undefined && g.minInstances > g.maxInstances) add(at("gcp", "minInstances"), `must not exceed gcp.maxInstances (${g.maxInstances})`, g.minInstances);
        const hc = s.healthCheck;
        if (hc?.timeout !== undefined && hc.interval !== undefined && hc.timeout >= hc.interval) add(at("healthCheck", "timeout"), `must be shorter than healthCheck.interval (${hc.interval})`, hc.timeout);

        (s.uses ?? []).forEach((u, j) => {
            if (u === "database" && !cfg.database) add(at("uses", j), "refers to the database, but platform:database is not set", u);
            else if (u === "cache" && !cfg.cache) add(at("uses", j), "refers to the cache, but platform:cache is not set", u);
            else if (u === s.name) add(at("uses", j), "refers to the service itself", u);
            else if (!RESERVED_USES.has(u) && !bucketNames.has(u) && !allNames.has(u)) {
                add(at("uses", j), `is not "database", "cache", a bucket name or a service name (known: ${[...bucketNames, ...allNames].filter((n) => n !== s.name).join(", ") || "none"})`, u);
            } else if (allNames.has(u)) {
                const target = cfg.services.find((t) => t.name === u)!;
                if (target.port === undefined) add(at("uses", j), `refers to service "${u}", which has no port to connect to`, u);
            }
        });
        (s.permissions?.buckets ?? []).forEach((b, j) => {
            if (!bucketNames.has(b)) add(at("permissions", "buckets", j), `is not a bucket in platform:buckets (known: ${[...bucketNames].join(", ") || "none"})`, b);
        });
        (s.secrets ?? []).forEach((sec, j) => {
            if (!secretNames.has(sec)) add(at("secrets", j), `is not declared in platform:secrets (declared: ${[...secretNames].join(", ") || "none"})`, sec);
        });
        const volumeNames = new Set<string>();
        (s.volumes ?? []).forEach((v, j) => {
            if (volumeNames.has(v.name)) add(at("volumes", j, "name"), "is used twice in this service", v.name);
            volumeNames.add(v.name);
        });
        for (const key of Object.keys(s.environment ?? {})) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) add(at("environment", key), "is not a valid environment variable name (letters, digits, underscores)", key);
        }
    });
}

function checkNetwork(cfg: PlatformInput, add: Add) {
    const net = cfg.aws?.network;
    if (!net) return;
    if (net.existing) {
        checkExistingNetwork(cfg, net.existing, add);
        for (const key of ["cidr", "azCount", "azs", "natGateways", "subnets", "flowLogs", "endpoints"] as const) {
            if (net[key] !== undefined) add(["aws", "network", key], "describes a VPC this stack creates; it does not apply with aws.network.existing (remove one of them)", net[key]);
        }
        return;
    }
    const vpcText = net.cidr ?? "10.0.0.0/16";
    const vpc = parseCidr(vpcText);
    if (typeof vpc === "string") return; // already reported by the schema
    if (vpc.prefix < 16 || vpc.prefix > 24) add(["aws", "network", "cidr"], "must have a prefix from /16 to /24 (AWS VPC limits, leaving room for subnets)", vpcText);
    const azCount = net.azs?.length ?? net.azCount ?? 2;
    if (net.azs && net.azCount !== undefined && net.azs.length !== net.azCount) {
        add(["aws", "network", "azs"], `lists ${net.azs.length} zones but azCount is ${net.azCount}`, net.azs);
    }
    if (net.azs && (net.azs.length < 2 || net.azs.length > 3)) add(["aws", "network", "azs"], "must list 2 or 3 zones", net.azs);
    if (net.azs && new Set(net.azs).size !== net.azs.length) add(["aws", "network", "azs"], "must not list a zone twice", net.azs);
    const region = cfg.aws?.region;
    if (net.azs && region) net.azs.forEach((z, i) => { if (!z.startsWith(region)) add(["aws", "network", "azs", i], `is not a zone of region ${region}`, z); });
    if (!net.subnets && vpc.prefix > 20) {
        add(["aws", "network", "cidr"], "is too small for the computed subnet layout (needs /20 or larger); list aws.network.subnets explicitly or use a larger block", vpcText);
    }
    if (!net.subnets) return;
    const all: { label: string; text: string }[] = [];
    for (const tier of ["public", "private", "isolated"] as const) {
        const list = net.subnets[tier];
        if (!list) {
            if (tier === "isolated" && (cfg.database || cfg.cache)) {
                add(["aws", "network", "subnets", "isolated"], `is required when platform:database or platform:cache is set (${azCount} CIDR blocks, one per AZ): the data tier lives in isolated subnets`);
            } else if (tier !== "isolated") add(["aws", "network", "subnets", tier], `is required when aws.network.subnets is set (${azCount} CIDR blocks, one per AZ)`);
            continue;
        }
        if (list.length !== azCount && !(tier === "isolated" && list.length === 0)) {
            add(["aws", "network", "subnets", tier], `must list ${azCount} CIDR blocks, one per availability zone`, list);
        }
        list.forEach((text, i) => {
            const c = parseCidr(text);
            if (typeof c === "string") return;
            const path = ["aws", "network", "subnets", tier, i];
            if (!contains(vpc, c)) add(path, `is outside the VPC block ${vpcText}`, text);
            else if (c.prefix > 28) add(path, "is smaller than /28, the smallest AWS subnet", text);
            for (const other of all) {
                if (overlaps(mustParseCidr(other.text), c)) add(path, `overlaps subnets.${other.label} (${other.text})`, text);
            }
            all.push({ label: `${tier}[${i}]`, text });
        });
    }
}

/** An existing VPC must have the subnets the stack will place things in. */
function checkExistingNetwork(cfg: PlatformInput, ex: NonNullable<NonNullable<NonNullable<PlatformInput["aws"]>["network"]>["existing"]>, add: Add) {
    const at = ["aws", "network", "existing", "subnets"];
    const hasPublic = cfg.services.some((s) => (s.routes ?? []).length > 0);
    const pub = ex.subnets.public ?? [];
    if (hasPublic && pub.length < 2) add([...at, "public"], "must list at least 2 subnet ids in different AZs: a public service needs a load balancer, and an ALB needs two AZs", pub);
    const iso = ex.subnets.isolated ?? [];
    if ((cfg.database || cfg.cache) && iso.length < 2) add([...at, "isolated"], "must list at least 2 subnet ids in different AZs: the database and cache subnet groups need two AZs", iso);
    const all = [...pub, ...ex.subnets.private, ...iso];
    const seen = new Set<string>();
    for (const id of all) {
        if (seen.has(id)) add(at, `lists subnet ${id} twice; each subnet belongs to one tier`, id);
        seen.add(id);
    }
}

function checkGcpNetwork(cfg: PlatformInput, add: Add) {
    const net = cfg.gcp?.network;
    if (net?.existing) {
        // Only direct VPC egress needs nothing of the network but a subnet; the rest belongs to its owner.
        if (net.egress === "connector") add(["gcp", "network", "egress"], 'must be "direct" with gcp.network.existing (a connector is created in a network this stack owns)', net.egress);
        for (const key of ["connector", "nat"] as const) {
            if (net[key] !== undefined) add(["gcp", "network", key], "belongs to a network this stack creates; it does not apply with gcp.network.existing (remove one of them)", net[key]);
        }
    }
    const subnetText = net?.subnetCidr ?? "10.0.0.0/24";
    const connText = net?.connector?.cidr ?? "10.8.0.0/28";
    const subnet = parseCidr(subnetText);
    const conn = parseCidr(connText);
    if (typeof conn !== "string" && conn.prefix !== 28) add(["gcp", "network", "connector", "cidr"], "must be a /28 (Serverless VPC Access connectors use exactly 16 addresses)", connText);
    if (typeof subnet !== "string" && typeof conn !== "string" && overlaps(subnet, conn)) {
        add(["gcp", "network", "connector", "cidr"], `overlaps the subnet ${subnetText}`, connText);
    }
}

/** Limits of the GCP side: URL map path syntax and Cloud Run sizing (https://cloud.google.com/run/docs/configuring/services/cpu). */
function checkGcpServices(cfg: PlatformInput, add: Add) {
    cfg.services.forEach((s, i) => {
        (s.routes ?? []).forEach((r, j) => {
            const problem = gcpRouteProblem(r);
            if (problem) add(["services", i, "routes", j], `${problem} (clouds includes "gcp")`, r);
        });
    });
}

function minutes(hhmm: string): number {
    const [h, m] = hhmm.split(":").map(Number);
    return h * 60 + m;
}

function checkWindows(cfg: PlatformInput, add: Add) {
    const check = (path: (string | number)[], win: string | undefined) => {
        if (!win) return;
        const [from, to] = win.split("-");
        const length = (minutes(to) - minutes(from) + 1440) % 1440;
        if (length < 30) add(path, "must be at least 30 minutes long", win);
    };
    check(["database", "backupWindow"], cfg.database?.backupWindow);
    check(["cache", "snapshotWindow"], cfg.cache?.snapshotWindow);
    const weekly = (path: (string | number)[], win: string | undefined) => {
        if (!win) return;
        const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        const [a, b] = win.toLowerCase().split("-").map((p) => {
            const [d, h, m] = p.split(":");
            return days.indexOf(d) * 1440 + Number(h) * 60 + Number(m);
        });
        const length = (b - a + 7 * 1440) % (7 * 1440);
        if (length < 30) add(path, "must be at least 30 minutes long", win);
    };
    weekly(["database", "maintenanceWindow"], cfg.database?.maintenanceWindow);
    weekly(["cache", "maintenanceWindow"], cfg.cache?.maintenanceWindow);
}
