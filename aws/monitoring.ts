import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedAlerts } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { ALARM_PERIOD, metricAlarm } from "./alarm";
import { AlarmTopic } from "./alarm-topic";

/** A load balancer and the target groups behind it, by their CloudWatch dimension values. */
export interface MonitoredLoadBalancer {
    /** Short label used in names, e.g. "alb" or the service name. */
    label: string;
    arnSuffix: pulumi.Input<string>;
    targetGroups: { service: string; arnSuffix: pulumi.Input<string> }[];
}

export interface MonitoringArgs {
    /** App and stage, for names. */
    naming: NamingContext;
    /** Region of the dashboard's metrics. */
    region: string;
    /** Thresholds and the email to notify. */
    alerts: ResolvedAlerts;
    /** ECS cluster name (metric dimension). */
    clusterName: pulumi.Input<string>;
    /** ECS service names (metric dimension ServiceName). */
    services: readonly string[];
    /** Load balancers and their target groups. @default [] */
    loadBalancers?: MonitoredLoadBalancer[];
    /** Topic the alarms notify. @default a topic of its own (AlarmTopic) with alerts.email subscribed */
    alarmTopicArn?: pulumi.Input<string>;
    /** Per-child overrides: the alarm topic (when created here), every alarm, and the dashboard. */
    transform?: {
        topic?: Transform<aws.sns.TopicArgs>;
        alarm?: Transform<aws.cloudwatch.MetricAlarmArgs>;
        dashboard?: Transform<aws.cloudwatch.DashboardArgs>;
    };
}

const PERIOD = ALARM_PERIOD;

/**
 * Alarms per service, per target group and per load balancer, and one dashboard with the same
 * metrics. Every alarm notifies the alarm topic (given, or created here) on ALARM and OK.
 */
export class Monitoring extends pulumi.ComponentResource {
    readonly topicArn: pulumi.Output<string>;
    readonly alarmNames: pulumi.Output<string>[];
    readonly dashboardName: pulumi.Output<string>;

    private readonly args: MonitoringArgs;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Monitoring", name, {}, opts);
        this.args = args;
        this.topicArn = args.alarmTopicArn !== undefined
            ? pulumi.output(args.alarmTopicArn)
            : new AlarmTopic(`${name}-alerts`, { naming: args.naming, email: args.alerts.email, transform: { topic: args.transform?.topic } }, { parent: this }).arn;
        this.alarmNames = [...this.serviceAlarms(name), ...this.loadBalancerAlarms(name)].map((a) => a.name);
        this.dashboardName = this.createDashboard(name).dashboardName;
        this.registerOutputs({ topicArn: this.topicArn, dashboardName: this.dashboardName });
    }

    private alarm(name: string, alarmName: string, a: {
        description: string; namespace: string; metric: string; dimensions: Record<string, pulumi.Input<string>>;
        statistic: "Average" | "Maximum" | "Sum"; threshold: number;
    }): aws.cloudwatch.MetricAlarm {
        return metricAlarm(name, {
            ...a,
            name: physicalName(this.args.naming, alarmName),
            comparison: "GreaterThanThreshold",
            evaluationPeriods: this.args.alerts.evaluationPeriods,
            topicArn: this.topicArn,
        }, this, this.args.transform?.alarm);
    }

    private serviceAlarms(name: string): aws.cloudwatch.MetricAlarm[] {
        const { alerts, clusterName } = this.args;
        return this.args.services.flatMap((service) => {
            const dimensions = { ClusterName: clusterName, ServiceName: service };
            return [
                this.alarm(`${name}-${service}-cpu`, `${service}-cpu-high`, {
                    description: `${service}: average CPU above ${alerts.cpuPercent}% for ${alerts.evaluationPeriods} minutes`,
                    namespace: "AWS/ECS", metric: "CPUUtilization", dimensions, statistic: "Average", threshold: alerts.cpuPercent,
                }),
                this.alarm(`${name}-${service}-memory`, `${service}-memory-high`, {
                    description: `${service}: average memory above ${alerts.memoryPercent}% for ${alerts.evaluationPeriods} minutes`,
                    namespace: "AWS/ECS", metric: "MemoryUtilization", dimensions, statistic: "Average", threshold: alerts.memoryPercent,
                }),
            ];
        });
    }

    private loadBalancerAlarms(name: string): aws.cloudwatch.MetricAlarm[] {
        const { alerts } = this.args;
        return (this.args.loadBalancers ?? []).flatMap((lb) => [
            this.alarm(`${name}-${lb.label}-5xx`, `${lb.label}-5xx`, {
                description: `Load balancer ${lb.label}: more than ${alerts.http5xxCount} 5XX responses of its own a minute`,
                namespace: "AWS/ApplicationELB", metric: "HTTPCode_ELB_5XX_Count", dimensions: { LoadBalancer: lb.arnSuffix },
                statistic: "Sum", threshold: alerts.http5xxCount,
            }),
            ...lb.targetGroups.flatMap((tg) => {
                const dimensions = { LoadBalancer: lb.arnSuffix, TargetGroup: tg.arnSuffix };
                return [
                    this.alarm(`${name}-${tg.service}-unhealthy`, `${tg.service}-unhealthy-hosts`, {
                        description: `${tg.service}: at least one target failing its health check`,
                        namespace: "AWS/ApplicationELB", metric: "UnHealthyHostCount", dimensions, statistic: "Maximum", threshold: 0,
                    }),
                    this.alarm(`${name}-${tg.service}-target-5xx`, `${tg.service}-target-5xx`, {
                        description: `${tg.service}: more than ${alerts.http5xxCount} 5XX responses a minute from its tasks`,
                        namespace: "AWS/ApplicationELB", metric: "HTTPCode_Target_5XX_Count", dimensions, statistic: "Sum", threshold: alerts.http5xxCount,
                    }),
                ];
            }),
        ]);
    }

    private createDashboard(name: string): aws.cloudwatch.Dashboard {
        const { region, clusterName, services } = this.args;
        const lbs = this.args.loadBalancers ?? [];
        const widget = (title: string, metrics: unknown[][], y: number, x: number) =>
            ({ type: "metric", x, y, width: 12, height: 6, properties: { title, region, period: PERIOD, stat: "Average", view: "timeSeries", metrics } });
        const widgets: unknown[] = [
            widget("ECS CPU utilisation (%)", services.map((s) => ["AWS/ECS", "CPUUtilization", "ClusterName", clusterName, "ServiceName", s]), 0, 0),
            widget("ECS memory utilisation (%)", services.map((s) => ["AWS/ECS", "MemoryUtilization", "ClusterName", clusterName, "ServiceName", s]), 0, 12),
        ];
        if (lbs.length > 0) {
            widgets.push(
                widget("ALB requests", lbs.map((lb) => ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb.arnSuffix, { stat: "Sum", label: lb.label }]), 6, 0),
                widget("ALB target response time (s)", lbs.map((lb) => ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", lb.arnSuffix, { label: lb.label }]), 6, 12),
                widget("5XX (ALB and targets)", lbs.flatMap((lb) => [
                    ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", lb.arnSuffix, { stat: "Sum", label: `${lb.label} ELB` }],
                    ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", lb.arnSuffix, { stat: "Sum", label: `${lb.label} targets` }],
                ]), 12, 0),
                widget("Healthy / unhealthy targets", lbs.flatMap((lb) => lb.targetGroups.flatMap((tg) => [
                    ["AWS/ApplicationELB", "HealthyHostCount", "LoadBalancer", lb.arnSuffix, "TargetGroup", tg.arnSuffix, { label: `${tg.service} healthy` }],
                    ["AWS/ApplicationELB", "UnHealthyHostCount", "LoadBalancer", lb.arnSuffix, "TargetGroup", tg.arnSuffix, { label: `${tg.service} unhealthy` }],
                ])), 12, 12),
            );
        }
        return new aws.cloudwatch.Dashboard(...applyTransform<aws.cloudwatch.DashboardArgs>(this.args.transform?.dashboard, `${name}-dashboard`, {
            dashboardName: physicalName(this.args.naming, "overview"),
            dashboardBody: pulumi.jsonStringify({ widgets }),
        }, { parent: this }));
    }
}
