/**
 * docs/examples.md: every stack file, what its author says it is (the file's leading comment),
 * what its plan builds in one sentence (computed, so it cannot go stale), and its diagram.
 * Written by scripts/diagrams-gen.ts (`npm run docs`), checked by `npm run docs:check`.
 */
import * as fs from "fs";
import * as path from "path";
import type { ResolvedConfig } from "../components/spec";
import { renderDiagram } from "../plan/diagram";
import type { PlannedResource } from "../plan/model";
import { PlanIndex } from "../plan/refs";
import { isTrue, str } from "../policy/helpers";
import { GROUPS, T } from "../policy/types";

/** One stack for the page: its file (relative to the project), name and plan. */
export interface ExampleStack { file: string; stack: string; resources: readonly PlannedResource[]; spec: ResolvedConfig }

/** The leading comment of a stack file up to the first line that says how to plan it, as prose. */
export function authorDescription(text: string): string {
    const lines: string[] = [];
    for (const line of text.split("\n")) {
        if (!line.startsWith("#")) break;
        const body = line.replace(/^#\s?/, "");
        if (body.trim() === "" || /npm run plan|Plan (it )?offline|This file is the contract|Where the seed is vague/.test(body)) break;
        lines.push(body.trim());
    }
    return lines.join(" ");
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** One sentence of what a plan builds, in user terms: compute, front door and stores per cloud. */
export function buildsSentence(resources: readonly PlannedResource[], spec: ResolvedConfig): string {
    const ix = new PlanIndex(resources);
    const parts: string[] = [];
    if (spec.clouds.includes("aws")) {
        const svcs = ix.ofType(T.ecsService);
        const ec2 = ix.ofType(T.asg).length > 0;
        const lbs = ix.ofType(...GROUPS.awsLoadBalancers);
        const https = ix.ofType(...GROUPS.awsListeners).some((l) => str(l.inputs.protocol) === "HTTPS");
        const stores = [
            ...ix.ofType(T.rdsInstance).map((d) => `RDS ${str(d.inputs.engine) ?? ""} ${str(d.inputs.engineVersion) ?? ""}`.replace(/\s+/g, " ").trim()),
            ...(ix.ofType(T.cacheGroup).length ? ["ElastiCache Redis"] : []),
            ...(ix.ofType(T.efs).length ? ["EFS"] : []),
            ...(ix.ofType(...GROUPS.awsBuckets).length ? [count(ix.ofType(...GROUPS.awsBuckets).length, "S3 bucket")] : []),
            ...(ix.ofType(T.cloudfront).length ? ["CloudFront"] : []),
        ];
        parts.push(`on AWS, ${count(svcs.length, "service")} on ${ec2 ? "ECS on EC2" : "Fargate"}${lbs.length ? ` behind ${count(lbs.length, "ALB")} (${https ? "HTTPS" : "HTTP only"})` : ""}${stores.length ? ` with ${list(stores)}` : ""}`);
    }
    if (spec.clouds.includes("gcp")) {
        const runs = ix.ofType(T.runService).length;
        const pools = ix.ofType(T.runWorkerPool).length;
        const rules = ix.ofType(...GROUPS.gcpForwardingRules);
        const https = ix.ofType(T.httpsProxy).length > 0;
        const stores = [
            ...ix.ofType(T.sqlInstance).map((d) => `Cloud SQL ${str(d.inputs.databaseVersion) ?? ""}`.trim()),
            ...(ix.ofType(T.memorystore).length ? ["Memorystore"] : []),
            ...(ix.ofType(T.gcsBucket).length ? [count(ix.ofType(T.gcsBucket).length, "Cloud Storage bucket")] : []),
        ];
        const extras = [ix.ofType(T.securityPolicy).length ? "Cloud Armor" : "", ix.ofType(T.backendService).some((b) => isTrue(b.inputs.enableCdn)) ? "CDN" : ""].filter(Boolean);
        parts.push(`on GCP, ${count(runs, "Cloud Run service")}${pools ? ` and ${count(pools, "worker pool")}` : ""}${rules.length ? ` behind a load balancer (${https ? "HTTPS" : "HTTP only"}${extras.length ? `, ${extras.join(", ")}` : ""})` : ""}${stores.length ? ` with ${list(stores)}` : ""}`);
    }
    const names = spec.services.map((s) => s.name);
    return `${spec.name} (${list(names)}), ${spec.environment} profile: ${parts.join("; ")}.`;
}

/** The whole page. */
export function examplesPage(root: string, stacks: readonly ExampleStack[], banner: string): string {
    const out = [
        banner,
        "",
        "# Example stacks",
        "",
        "Every stack file of the project: what it is, what its offline plan builds, and its architecture",
        "diagram. The sentences under \"Builds\" and the diagrams are computed from the plans (`npm run docs`",
        "rewrites this page, `npm run docs:check` fails when it is stale); \"What it is\" is the stack file's",
        "own leading comment. Plan any of them with `npm run plan -- <stack> [--diagram] [--cost]`.",
        "",
    ];
    for (const s of stacks) {
        const text = fs.readFileSync(path.join(root, s.file), "utf8");
        out.push(
            `## \`${s.stack}\``,
            "",
            `File: [\`${s.file}\`](../${s.file}). Diagram page: [diagrams/${s.stack}.md](diagrams/${s.stack}.md).`,
            "",
            `**What it is:** ${authorDescription(text) || "(the stack file has no leading comment)"}`,
            "",
            `**Builds:** ${buildsSentence(s.resources, s.spec)}`,
            "",
            "```mermaid",
            renderDiagram(s.resources, s.spec),
            "```",
            "",
        );
    }
    return out.join("\n");
}
