import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

/** A Cloud Run service watched by the alert policies. */
export interface MonitoredService {
    /** Service name from the config (child names). */
    name: string;
    /** Cloud Run service name (metric filters). */
    runName: string;
    /** Its max instances: "at max" means autoscaling has no headroom left. */
    maxInstances: number;
}

/** An uptime check through the load balancer. */
export interface UptimeTarget {
    /** Service name from the config (child names). */
    name: string;
    /** Host the check calls: the domain or the load balancer IP. */
    host: pulumi.Input<string>;
    /** Health check path, routed by the URL map to this service. */
    path: string;
    /** HTTPS on 443 (with a domain) or HTTP on 80. */
    https: boolean;
}

export interface MonitoringArgs {
    /** App and stage, for display names. */
    naming: NamingContext;
    /** Project the checks watch. */
    project: string;
    /** Notification email; without it the policies exist but notify nobody. */
    email?: string;
    /** Cloud Run services (with a port) to alert on. */
    services: readonly MonitoredService[];
    /** Uptime checks to create. */
    uptime: readonly UptimeTarget[];
    /** 5xx share of requests that alerts. @default 0.05 */
    errorRatio?: number;
    /** p99 request latency, ms, that alerts. @default 2000 */
    latencyMs?: number;
    /** Minutes a condition must hold before it alerts. @default 2 */
    evaluationMinutes?: number;
    /** Resources (the Monitoring API) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides: every alert policy and every uptime check. */
    transform?: {
        alertPolicy?: Transform<gcp.monitoring.AlertPolicyArgs>;
        uptimeCheck?: Transform<gcp.monitoring.UptimeCheckConfigArgs>;
    };
}

/**
 * Uptime checks on the load balancer's health paths and alert policies (5xx ratio, p99 latency,
 * instances at max, uptime failure) sent to an email channel. Metric names:
 * https://cloud.google.com/monitoring/api/metrics_gcp_p_z#gcp-run
 */
export class Monitoring extends pulumi.ComponentResource {
    readonly channel?: gcp.monitoring.NotificationChannel;
    readonly uptimeChecks: gcp.monitoring.UptimeCheckConfig[];
    readonly policies: gcp.monitoring.AlertPolicy[] = [];

    private readonly args: MonitoringArgs;
    private readonly prefix: string;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Monitoring", name, {}, opts);
        this.args = args;
        this.prefix = physicalName(args.naming, undefined, "gcp");
        if (args.email) {
            this.channel = new gcp.monitoring.NotificationChannel(`${name}-email`, {
                displayName: `${this.prefix} alerts`,
                type: "email",
                labels: { email_address: args.email },
            }, this.childOpts());
        }
        for (const s of args.services) this.createServicePolicies(name, s);
        this.uptimeChecks = args.uptime.map((u) => this.createUptime(name, u));
        this.registerOutputs({});
    }

    private childOpts(): pulumi.CustomResourceOptions {
        return { parent: this, dependsOn: this.args.dependsOn };
    }

    private duration(): string {
        return `${(this.args.evaluationMinutes ?? 2) * 60}s`;
    }

    private policy(name: string, displayName: string, condition: gcp.types.input.monitoring.AlertPolicyCondition) {
        this.policies.push(new gcp.monitoring.AlertPolicy(...applyTransform<gcp.monitoring.AlertPolicyArgs>(this.args.transform?.alertPolicy, name, {
            displayName,
            combiner: "OR",
            conditions: [condition],
            notificationChannels: this.channel ? [this.channel.id] : [],
            alertStrategy: { autoClose: "1800s" },
        }, this.childOpts())));
    }

    private createServicePolicies(name: string, s: MonitoredService) {
        const run = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${s.runName}"`;
        const requests = `${run} AND metric.type = "run.googleapis.com/request_count"`;
        const rate = [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_RATE", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.service_name"] }];
        this.policy(`${name}-${s.name}-5xx`, `${this.prefix} ${s.name}: 5xx ratio`, {
            displayName: `5xx responses above ${(this.args.errorRatio ?? 0.05) * 100} % of requests`,
            conditionThreshold: {
                filter: `${requests} AND metric.labels.response_code_class = "5xx"`,
                aggregations: rate,
                denominatorFilter: requests,
                denominatorAggregations: rate,
                comparison: "COMPARISON_GT",
                thresholdValue: this.args.errorRatio ?? 0.05,
                duration: this.duration(),
            },
        });
        this.policy(`${name}-${s.name}-latency`, `${this.prefix} ${s.name}: p99 latency`, {
            displayName: `p99 latency above ${this.args.latencyMs ?? 2000} ms`,
            conditionThreshold: {
                filter: `${run} AND metric.type = "run.googleapis.com/request_latencies"`,
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_PERCENTILE_99", crossSeriesReducer: "REDUCE_MAX", groupByFields: ["resource.label.service_name"] }],
                comparison: "COMPARISON_GT",
                thresholdValue: this.args.latencyMs ?? 2000,
                duration: this.duration(),
            },
        });
        this.policy(`${name}-${s.name}-at-max`, `${this.prefix} ${s.name}: instances at max`, {
            displayName: `Instance count at the maximum (${s.maxInstances})`,
            conditionThreshold: {
                filter: `${run} AND metric.type = "run.googleapis.com/container/instance_count"`,
                aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_MAX", crossSeriesReducer: "REDUCE_SUM", groupByFields: ["resource.label.service_name"] }],
                comparison: "COMPARISON_GE",
                thresholdValue: s.maxInstances,
                duration: "300s",
            },
        });
    }

    private createUptime(name: string, u: UptimeTarget): gcp.monitoring.UptimeCheckConfig {
        const check = new gcp.monitoring.UptimeCheckConfig(...applyTransform<gcp.monitoring.UptimeCheckConfigArgs>(this.args.transform?.uptimeCheck, `${name}-${u.name}-uptime`, {
            displayName: `${this.prefix} ${u.name} ${u.path}`,
            timeout: "10s",
            period: "60s",
            httpCheck: {
                path: u.path,
                port: u.https ? 443 : 80,
                useSsl: u.https,
                validateSsl: u.https,
                requestMethod: "GET",
                acceptedResponseStatusCodes: [{ statusClass: "STATUS_CLASS_2XX" }, { statusClass: "STATUS_CLASS_3XX" }],
            },
            monitoredResource: { type: "uptime_url", labels: { project_id: this.args.project, host: u.host } },
        }, this.childOpts()));
        this.policy(`${name}-${u.name}-uptime-failed`, `${this.prefix} ${u.name}: uptime check failing`, {
            displayName: `Uptime check ${u.path} failing`,
            conditionThreshold: {
                filter: pulumi.interpolate`metric.type = "monitoring.googleapis.com/uptime_check/check_passed" AND resource.type = "uptime_url" AND metric.labels.check_id = "${check.uptimeCheckId}"`,
                aggregations: [{ alignmentPeriod: "1200s", perSeriesAligner: "ALIGN_NEXT_OLDER", crossSeriesReducer: "REDUCE_COUNT_FALSE", groupByFields: ["resource.label.*"] }],
                comparison: "COMPARISON_GT",
                thresholdValue: 1,
                duration: "60s",
            },
        });
        return check;
    }
}
