import type { ResolvedConfig, ResolvedService } from "../../components/spec";
import { checkFargatePair } from "../../aws/fargate";
import { instanceArchitecture } from "../../aws/instance-types";
import { parseKeyPath, type ConfigIssue } from "../errors";
import type { PlatformInput } from "../schema";
import { checkCapabilities } from "./capabilities";
import { checkDomain } from "./domain";
import { checkJobsModel } from "./jobs";

/** The longest physical name AWS allows for target groups and ALBs. */
const AWS_LB_NAME_LIMIT = 32;

/**
 * Checks that run on the resolved model, after every default is applied, so no default is
 * written twice: sizes, architectures, windows and storage ceilings are judged as they will be
 * built. `input` tells which of two keys the user wrote, to point the message at it.
 */
export function checkModel(model: ResolvedConfig, input: PlatformInput): ConfigIssue[] {
    const issues: ConfigIssue[] = [...checkCapabilities(model), ...checkDomain(model, input), ...checkJobsModel(model, input)];
    const add = (keyPath: string, message: string, value?: unknown) =>
        issues.push({ path: parseKeyPath(keyPath), message, value, hasValue: value !== undefined });

    model.services.forEach((s, i) => checkService(s, input.services[i], model, (rest, message, value) => add(`${servicePath(s, i)}.${rest}`, message, value)));
    if (model.aws) {
        // On AWS a peer is reached by its Cloud Map name: a used service must be registered there.
        for (const l of model.links.filter((x) => x.kind === "service")) {
            const i = model.services.findIndex((s) => s.name === l.to);
            if (i >= 0 && !model.services[i].discovery) {
                add(`${servicePath(model.services[i], i)}.discovery`, `must be true: service "${l.from}" uses this service (${l.keyPath}) and reaches it by its Cloud Map name`, false);
            }
        }
    }

    const db = model.database;
    if (db) {
        // 0 is storage autoscaling off (the default when 10 % above the allocation passes 64 TiB).
        if (db.maxAllocatedStorage !== 0 && db.maxAllocatedStorage < db.allocatedStorage) {
            add("platform:database.maxAllocatedStorage", `must be at least allocatedStorage (${db.allocatedStorage})`, db.maxAllocatedStorage);
        }
        if (windowsOverlap(db.backupWindow, db.maintenanceWindow)) {
            // RDS refuses a backup window that overlaps the maintenance window.
            const explicit = input.database?.backupWindow ? "backupWindow" : "maintenanceWindow";
            add(`platform:database.${explicit}`, "overlaps the maintenance window; RDS requires them apart", explicit === "backupWindow" ? db.backupWindow : db.maintenanceWindow);
        }
    }
    return issues;
}

function servicePath(s: ResolvedService, i: number): string {
    return s.keyPath ?? `platform:services[${i}]`;
}

function checkService(
    s: ResolvedService,
    given: PlatformInput["services"][number] | undefined,
    model: ResolvedConfig,
    add: (rest: string, message: string, value?: unknown) => void,
) {
    const aws = model.aws;
    if (aws?.compute.type === "fargate") {
        const problem = checkFargatePair(s.cpu, s.memory);
        if (problem) add(given?.cpu !== undefined && given.memory === undefined ? "cpu" : "memory", problem, given?.memory ?? given?.cpu ?? s.memory);
    }
    if (aws?.compute.type === "ec2") {
        const arch = instanceArchitecture(aws.compute.instanceType);
        if (s.architecture !== arch) {
            add("architecture", `must match the EC2 instances (aws.compute.instanceType ${aws.compute.instanceType} is ${arch}): set architecture: ${arch} or pick an instance type of the other architecture`, s.architecture);
        }
    }
    if (aws && s.expose === "public") {
        const tg = `${model.naming.app}-${model.naming.stage}-${s.name}`;
        if (tg.length > AWS_LB_NAME_LIMIT) {
            add("name", `makes the target group name "${tg}" ${tg.length} characters long; AWS allows ${AWS_LB_NAME_LIMIT}: shorten platform:name, platform:stage or this service name`, s.name);
        }
    }
    if (model.gcp) {
        const g = s.gcp;
        if (Number(g.cpu) < 1 && g.concurrency > 1) add("gcp.concurrency", `must be 1 when gcp.cpu is below 1 (Cloud Run rule); set gcp.concurrency: 1 or gcp.cpu: "1"`, g.concurrency);
        if (Number(g.cpu) < 1 && !g.cpuIdle) {
            add("gcp.cpuIdle", `must be true when gcp.cpu is below 1 (always-allocated CPU needs at least 1 vCPU; the ${model.environment} profile defaults it to false)`, g.cpuIdle);
        }
    }
}

function minutes(hhmm: string): number {
    const [h, m] = hhmm.split(":").map(Number);
    return h * 60 + m;
}

/** True when a daily window "hh:mm-hh:mm" meets a weekly window "ddd:hh:mm-ddd:hh:mm" on any day. */
export function windowsOverlap(daily: string, weekly: string): boolean {
    const week = 7 * 1440;
    const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    const [ws, we] = weekly.toLowerCase().split("-").map((p) => {
        const [d, h, m] = p.split(":");
        return days.indexOf(d) * 1440 + Number(h) * 60 + Number(m);
    });
    const [ds, de] = daily.split("-").map(minutes);
    const dailyLength = (de - ds + 1440) % 1440;
    const weeklyLength = (we - ws + week) % week;
    for (let day = 0; day < 7; day++) {
        const start = day * 1440 + ds;
        const offset = (start - ws + week) % week;
        if (offset < weeklyLength || (ws - start + week) % week < dailyLength) return true;
    }
    return false;
}
