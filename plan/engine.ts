import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";
import { createInfra } from "../stacks/infra";
import { estimateCost } from "./cost/estimate";
import { loadStackFile } from "../stacks/load";
import { resolveStackTarget } from "./stack-files";
import { setMockContext, type MockContext } from "./mock-context";
import { SECRET_MASK, type PlannedResource, type PlanResult } from "./model";
import { mocks } from "./mocks";

// Internal SDK module: the only way to reach the mock monitor and wait for pending registrations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
    getMonitor(): { registerResource(req: RegisterRequest, cb: (err: unknown, resp: RegisterResponse) => void): void };
    waitForRPCs(): Promise<void>;
};

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getProtect(): boolean;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(f: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegisterResponse {
    getUrn(): string;
    getId(): string;
}

export type { PlannedResource, PlanResult } from "./model";

export { allStackFiles, PROJECT_ROOT, resolveStackTarget } from "./stack-files";
export { SECRET_MASK } from "./model";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Replaces Pulumi's wire encoding of secrets with "[secret]" and resource references with their URN. */
export function maskSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(maskSecrets);
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) return SECRET_MASK;
        if (obj[SIG_KEY] === RESOURCE_SIG) return obj.urn;
        if (SIG_KEY in obj) return `[${String(obj[SIG_KEY]).slice(0, 8)}]`;
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, maskSecrets(v)]));
    }
    return value;
}

/** The register request's property dependencies, leaving out inputs that depend on nothing. */
function propertyDependencies(req: RegisterRequest): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        const urns = deps.getUrnsList();
        if (urns.length) out[key] = urns;
    });
    return out;
}

/** Resolves stack outputs, replacing every secret output with "[secret]". */
async function resolveOutputs(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        const out = value as pulumi.Output<unknown> & { isSecret: Promise<boolean>; promise(): Promise<unknown> };
        if (await out.isSecret) return SECRET_MASK;
        return resolveOutputs(await out.promise());
    }
    if (value instanceof Promise) return resolveOutputs(await value);
    if (Array.isArray(value)) return Promise.all(value.map(resolveOutputs));
    if (value && typeof value === "object") {
        const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveOutputs(v)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

// Plans share the process-wide Pulumi runtime, so they must not overlap.
let queue: Promise<unknown> = Promise.resolve();

/** Runs the real program for a resolved config under mocks and returns every resource it registers. */
export async function planConfig(spec: ResolvedConfig, stackName: string): Promise<PlanResult> {
    const context = {
        awsRegion: spec.aws?.region ?? "us-east-1",
        gcpProject: spec.gcp?.project ?? "mock-project",
        gcpRegion: spec.gcp?.region ?? "us-central1",
    };
    const { resources, outputs } = await planProgram(() => createInfra(spec), stackName, context);
    return { stack: stackName, config: spec, resources, outputs: outputs as Record<string, unknown>, cost: estimateCost(resources, spec) };
}

/** Loads a stack by name or file and plans it. Throws ConfigError for invalid input. */
export async function planStack(target: string): Promise<PlanResult> {
    const { file, stackName } = resolveStackTarget(target);
    const spec = loadStackFile(file);
    return planConfig(spec, stackName);
}


/** What planProgram returns: every resource the program registered and its resolved return value. */
export interface ProgramPlan {
    stack: string;
    resources: PlannedResource[];
    /** The program's return value with outputs resolved (secrets as "[secret]"). */
    outputs: unknown;
}

/**
 * Runs any program function under the same mocks as planConfig, without our config layer: for
 * components used on their own (`new Network(...)` from another program). Queued with the other plans.
 */
export function planProgram(program: () => unknown, stackName = "program", context: Partial<MockContext> = {}): Promise<ProgramPlan> {
    const run = queue.then(() => planProgramOnce(program, stackName, context));
    queue = run.catch(() => undefined);
    return run;
}

/**
 * Pulumi gives every resource its source position, found by formatting a stack trace of unlimited
 * depth (Error.stackTraceLimit = Infinity, through source-map support) in the Resource constructor.
 * The engine shows it in `pulumi up`; the mock monitor drops it. Offline that trace was a third of
 * a plan's time, and more the deeper our components nest, so the offline engine skips it.
 */
function withoutSourcePositions(): void {
    (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
}

async function planProgramOnce(program: () => unknown, stackName: string, context: Partial<MockContext>): Promise<ProgramPlan> {
    withoutSourcePositions();
    setMockContext({ awsRegion: "us-east-1", gcpProject: "mock-project", gcpRegion: "us-central1", ...context });
    await pulumi.runtime.setMocks(mocks, "platform", stackName, false);
    const resources: PlannedResource[] = [];
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
        register(req, (err, resp) => {
            if (!err) {
                resources.push({
                    urn: resp.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    ...(resp.getId() ? { id: resp.getId() } : {}),
                    parent: req.getParent() || null,
                    inputs: maskSecrets(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    custom: req.getCustom(),
                    protect: req.getProtect(),
                    dependsOn: req.getDependenciesList(),
                    propertyDependencies: propertyDependencies(req),
                });
            }
            cb(err, resp);
        });
    let returned: unknown;
    await pulumi.runtime.runInPulumiStack(async () => {
        returned = program();
        return {};
    });
    const outputs = await resolveOutputs(returned);
    await settings.waitForRPCs();
    return { stack: stackName, resources, outputs };
}
