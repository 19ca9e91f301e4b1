/**
 * The cost tables of docs/cost.md, computed: each example stack's estimate beside its seed document's own
 * figure, and what the program's cost levers save on the reference stacks. Written by
 * scripts/diagrams-gen.ts, so the tables fill themselves in as example stacks are added.
 */
import * as path from "path";
import type { ResolvedConfig } from "../components/spec";
import { byCategory, type Category } from "../plan/cost/categories";
import { estimateCost, type CostReport } from "../plan/cost/estimate";
import { PRICES } from "../plan/cost/prices";
import { SEED_FIGURES } from "../plan/cost/seeds";
import { planConfig, planStack, resolveStackTarget, type PlannedResource, type PlanResult } from "../plan/engine";
import { T } from "../policy/types";
import { loadConfigMap, readStackFileConfig } from "../stacks/load";

const money = (x: number) => `${x < 0 ? "-" : ""}$${Math.abs(x).toFixed(2)}`;
const whole = (x: number) => `$${Math.round(x)}`;

interface Planned { resources: PlannedResource[]; spec: ResolvedConfig; cost: CostReport }

/** Plans an unedited stack file; the test run passes its one shared plan cache here. */
export type StackPlanner = (stackFile: string) => Promise<PlanResult>;

/** Without a caller's cache, each stack file is planned once per process (the generator asks for each several times). */
export function memoPlanner(): StackPlanner {
    const cache = new Map<string, Promise<PlanResult>>();
    return (file) => {
        if (!cache.has(file)) cache.set(file, planStack(file));
        return cache.get(file)!;
    };
}

const defaultPlanner = memoPlanner();

/** Plans a stack, optionally with its config map edited first (for "what if" levers). */
export async function planTarget(target: string, edit?: (map: Record<string, unknown>) => void, planner: StackPlanner = defaultPlanner): Promise<Planned> {
    if (edit) return planFresh(target, edit);
    const p = await planner(resolveStackTarget(target).file);
    return { resources: p.resources, spec: p.config, cost: p.cost as CostReport };
}

async function planFresh(target: string, edit?: (map: Record<string, unknown>) => void): Promise<Planned> {
    const { file, stackName } = resolveStackTarget(target);
    const map = structuredClone(readStackFileConfig(file));
    edit?.(map);
    const spec = loadConfigMap(map, path.basename(file));
    const p = await planConfig(spec, stackName);
    return { resources: p.resources, spec, cost: p.cost as CostReport };
}

function stackExists(target: string): boolean {
    try {
        resolveStackTarget(target);
        return true;
    } catch {
        return false;
    }
}

function rangeText(r?: readonly [number, number]): string {
    if (!r) return "";
    return r[0] === r[1] ? whole(r[0]) : `${whole(r[0])}-${whole(r[1])}`;
}

/** Category gaps of at least $3 between the estimate and the seed's own items, largest first. */
function gaps(cost: CostReport, items: Partial<Record<Category, number>>): string {
    const ours = byCategory(cost.lines);
    const cats = new Set<Category>([...Object.keys(items), ...Object.keys(ours)] as Category[]);
    const diffs = [...cats].map((c) => ({ c, d: (ours[c] ?? 0) - (items[c] ?? 0) })).filter((x) => Math.abs(x.d) >= 3).sort((a, b) => Math.abs(b.d) - Math.abs(a.d)).slice(0, 4);
    if (!diffs.length) return "every category within $3 of the seed's table.";
    return diffs.map(({ c, d }) => `${c} ${d > 0 ? "+" : "-"}${whole(Math.abs(d))}${c === "Data transfer" ? " (not estimated)" : ours[c] === undefined ? " (not planned)" : items[c] === undefined ? " (not in the seed's table)" : ""}`).join(", ") + ".";
}

/** Markdown: one row per seed figure, the estimate of its stack when the stack exists. */
export async function seedComparison(planner: StackPlanner = defaultPlanner): Promise<string> {
    const rows = ["| seed | stack | seed's figure | estimate AWS | estimate GCP | estimate total | unpriced |", "|---|---|---|---|---|---|---|"];
    const notes: string[] = [];
    for (const s of SEED_FIGURES) {
        if (!stackExists(s.stack)) {
            rows.push(`| ${s.seed} | \`${s.stack}\` | ${s.stated} | _stack not present yet_ | | | |`);
            continue;
        }
        const { cost } = await planTarget(s.stack, undefined, planner);
        const aws = cost.byCloud.aws, gcp = cost.byCloud.gcp;
        rows.push(`| ${s.seed} | \`${s.stack}\` | ${s.stated} | ${aws !== undefined ? money(aws) : "-"} | ${gcp !== undefined ? money(gcp) : "-"} | ${money(cost.monthlyUsd)} | ${cost.unpriced.length} |`);
        const est = (v: number | undefined, cloud: string) => (v === undefined ? `nothing priced on ${cloud} yet` : money(v));
        const vs = [s.aws ? `AWS ${est(aws, "AWS")} vs ${rangeText(s.aws)}` : "", s.gcp ? `GCP ${est(gcp, "GCP")} vs ${rangeText(s.gcp)}` : ""].filter(Boolean).join(", ");
        notes.push(`- **${s.stack}** (seed ${s.seed})${vs ? `: ${vs}` : ""}. ${s.note}${s.items ? ` Largest gaps against the seed's items: ${gaps(cost, s.items)}` : ""}`);
    }
    return [...rows, "", ...notes].join("\n");
}

/** Fargate services of a plan, or (before the service components exist) the same services built from the config. */
function fargateOf(resources: readonly PlannedResource[], spec: ResolvedConfig, arch: "X86_64" | "ARM64"): PlannedResource[] {
    const planned = resources.filter((r) => r.type === T.ecsService || r.type === T.taskDef);
    const base = planned.some((r) => r.type === T.ecsService) ? planned : spec.services.flatMap((s) => [
        { urn: `td-${s.name}`, type: T.taskDef, name: `td-${s.name}`, parent: null, custom: true, protect: false, inputs: { family: s.name, cpu: String(s.cpu), memory: String(s.memory), requiresCompatibilities: ["FARGATE"] } },
        { urn: `svc-${s.name}`, type: T.ecsService, name: s.name, parent: null, custom: true, protect: false, inputs: { desiredCount: s.desiredCount, launchType: "FARGATE" }, propertyDependencies: { taskDefinition: [`td-${s.name}`] } },
    ]);
    return base.map((r) => r.type !== T.taskDef ? r : { ...r, inputs: { ...r.inputs, runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: arch } } });
}

/** Cloud Run services of a plan, or built from the config, with the given billing mode. */
function cloudRunOf(resources: readonly PlannedResource[], spec: ResolvedConfig, cpuIdle: boolean): PlannedResource[] {
    const planned = resources.filter((r) => r.type === T.runService);
    const base = planned.length ? planned : spec.services.map((s) => ({
        urn: `run-${s.name}`, type: T.runService, name: s.name, parent: null, custom: true, protect: false,
        inputs: { template: { scaling: { minInstanceCount: s.gcp.minInstances }, containers: [{ image: "x", resources: { limits: { cpu: s.gcp.cpu, memory: s.gcp.memory } } }] } },
    }));
    return base.map((r) => {
        const t = (r.inputs.template ?? {}) as Record<string, unknown>;
        const containers = ((t.containers as Record<string, unknown>[] | undefined) ?? [{}]).map((c, i) => i ? c : { ...c, resources: { ...(c.resources as object), cpuIdle } });
        return { ...r, inputs: { ...r.inputs, template: { ...t, containers } } };
    });
}

const ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"];

/** Markdown: what each cost lever saves, computed with the estimate on the reference stacks. */
export async function costLevers(planner: StackPlanner = defaultPlanner): Promise<string> {
    const rows = ["| lever | stack | without | with | saving a month | keeps |", "|---|---|---|---|---|---|"];
    const prod = await planTarget("prod", undefined, planner);
    const single = await planTarget("prod", (m) => {
        const a = (m["platform:aws"] ??= {}) as Record<string, Record<string, unknown>>;
        a.network = { ...(a.network ?? {}), natGateways: "single" };
    });
    rows.push(`| one NAT gateway instead of one per AZ (\`aws.network.natGateways: single\`, the dev default) | prod | ${money(prod.cost.byCloud.aws ?? 0)} | ${money(single.cost.byCloud.aws ?? 0)} | ${money((prod.cost.byCloud.aws ?? 0) - (single.cost.byCloud.aws ?? 0))} | everything but egress when the NAT's AZ fails: fine for dev/staging, not for prod |`);

    const x86 = estimateCost(fargateOf(prod.resources, prod.spec, "X86_64"), prod.spec).monthlyUsd;
    const arm = estimateCost(fargateOf(prod.resources, prod.spec, "ARM64"), prod.spec).monthlyUsd;
    rows.push(`| ARM (Graviton) Fargate tasks (\`services[].architecture: arm64\`) | prod, minimum tasks | ${money(x86)} | ${money(arm)} | ${money(x86 - arm)} (${Math.round((100 * (x86 - arm)) / x86)}%) | all availability: same task count; needs arm64 images |`);

    const dev = await planTarget("dev", undefined, planner);
    const withEndpoints = await planTarget("dev", (m) => {
        const a = (m["platform:aws"] ??= {}) as Record<string, Record<string, unknown>>;
        a.network = { ...(a.network ?? {}), endpoints: ENDPOINTS };
    });
    const endpointCost = (withEndpoints.cost.byCloud.aws ?? 0) - (dev.cost.byCloud.aws ?? 0);
    const perGb = PRICES["aws.nat.gb"].usd - PRICES["aws.interfaceEndpoint.gb"].usd;
    const breakEven = endpointCost / perGb;
    rows.push(`| interface endpoints for ${ENDPOINTS.join(", ")} instead of NAT traffic (\`aws.network.endpoints\`) | dev | ${money(dev.cost.byCloud.aws ?? 0)} | ${money(withEndpoints.cost.byCloud.aws ?? 0)} | ${money(-endpointCost)} at ${dev.spec.costAssumptions.natGbPerMonth} GB; pays off above ${Math.round(breakEven)} GB a month through them ($${perGb.toFixed(3)}/GB saved) | all; the S3 gateway endpoint is always there and free |`);

    for (const [name, p] of [["dev", dev], ["prod", prod]] as const) {
        if (!p.spec.clouds.includes("gcp")) continue;
        const inst = estimateCost(cloudRunOf(p.resources, p.spec, false), p.spec).monthlyUsd;
        const req = estimateCost(cloudRunOf(p.resources, p.spec, true), p.spec).monthlyUsd;
        const mins = p.spec.services.map((s) => s.gcp.minInstances).join("/");
        rows.push(`| Cloud Run request-based billing (\`services[].gcp.cpuIdle: true\`) | ${name}, min instances ${mins}, ${p.spec.costAssumptions.requestsPerMonth.toLocaleString("en-US")} requests | ${money(inst)} | ${money(req)} | ${money(inst - req)} | min instances stay warm; background work after a response is throttled |`);
    }
    return rows.join("\n");
}
