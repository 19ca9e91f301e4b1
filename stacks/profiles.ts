import type { Profile } from "../components/spec";

export type { Profile };
/**
 * Environment profiles: the defaults each environment gets when the stack file says nothing.
 * Explicit config always wins (see resolve.ts). The numbers follow the seed documents: dev is
 * single-NAT and single-AZ with short retention (seed 002 dev), prod is Multi-AZ with a NAT per
 * AZ, 7-day backups and deletion protection (seed 002/003 prod).
 */

export const PROFILES: Readonly<Record<"dev" | "staging" | "prod", Readonly<Profile>>> = Object.freeze({
    dev: Object.freeze({
        natGateways: "single",
        databaseMultiAz: false,
        backupRetentionDays: 1,
        deletionProtection: false,
        finalSnapshot: false,
        protectStateful: false,
        cacheReplicas: 0,
        cacheSnapshotRetentionDays: 1,
        logRetentionDays: 7,
        minTasks: 1,
        maxTasks: 2,
        immutableTags: false,
        ecsExec: true,
        containerInsights: false,
        albAccessLogs: false,
        cloudRunCpuIdle: true,
        bucketForceDestroy: true,
        waf: false,
        armor: false,
        egress: "open",
    }),
    staging: Object.freeze({
        natGateways: "single",
        databaseMultiAz: true,
        backupRetentionDays: 7,
        deletionProtection: false,
        finalSnapshot: true,
        protectStateful: false,
        cacheReplicas: 1,
        cacheSnapshotRetentionDays: 5,
        logRetentionDays: 14,
        minTasks: 1,
        maxTasks: 4,
        immutableTags: false,
        ecsExec: true,
        containerInsights: true,
        albAccessLogs: false,
        cloudRunCpuIdle: false,
        bucketForceDestroy: false,
        waf: false,
        armor: false,
        egress: "open",
    }),
    prod: Object.freeze({
        natGateways: "perAz",
        databaseMultiAz: true,
        backupRetentionDays: 7,
        deletionProtection: true,
        finalSnapshot: true,
        protectStateful: true,
        cacheReplicas: 1,
        cacheSnapshotRetentionDays: 5,
        logRetentionDays: 30,
        minTasks: 2,
        maxTasks: 10,
        immutableTags: true,
        ecsExec: false,
        containerInsights: true,
        albAccessLogs: true,
        cloudRunCpuIdle: false,
        bucketForceDestroy: false,
        waf: true,
        armor: true,
        egress: "restricted",
    }),
});
