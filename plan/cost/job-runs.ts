import { runsPerMonth } from "../../components/cron";
import type { ResolvedConfig, ResolvedJob } from "../../components/spec";
import type { RuleContext } from "./rule";

/** Runs a month and minutes a run of a job: its cron's matches in 30 days, else the on-demand assumption. */
export interface JobUsage {
    job: ResolvedJob;
    runs: number;
    minutes: number;
}

/** The job whose physical name (`<app>-<stage>-<job>`, the ECS family / Cloud Run job name) is `physical`. */
export function jobUsage(spec: ResolvedConfig, physical: string | undefined, ctx: RuleContext): JobUsage | undefined {
    const job = spec.jobs.find((j) => physical === `${spec.naming.app}-${spec.naming.stage}-${j.name}`);
    if (!job) return undefined;
    const a = spec.costAssumptions;
    ctx.notes.add(`jobs: ${a.jobMinutesPerRun} minutes a run (costAssumptions.jobMinutesPerRun); scheduled jobs run as often as their cron matches in 30 days, on-demand jobs ${a.jobRunsPerMonth} times a month (costAssumptions.jobRunsPerMonth)`);
    return { job, runs: job.schedule ? runsPerMonth(job.schedule.cron) : a.jobRunsPerMonth, minutes: a.jobMinutesPerRun };
}
