import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { applyTransform, type Transform } from "../components/transform";

/** Alarm period, seconds: one-minute metrics, so `evaluationPeriods` reads as minutes. */
export const ALARM_PERIOD = 60;

/**
 * The one missing-data policy of every alarm: no data is not a failure. Metrics vanish when
 * nothing is wrong (no requests, a count of zero, a service scaled in); an outage shows as 5XX,
 * unhealthy targets or failed health checks, which do report data.
 */
export const TREAT_MISSING_DATA = "notBreaching";

export interface AlarmSpec {
    /** Physical alarm name. */
    name: pulumi.Input<string>;
    description: string;
    namespace: string;
    metric: string;
    dimensions: Record<string, pulumi.Input<string>>;
    statistic: "Average" | "Minimum" | "Maximum" | "Sum";
    comparison: "GreaterThanThreshold" | "LessThanThreshold";
    threshold: number;
    /** Consecutive one-minute periods before the alarm fires. */
    evaluationPeriods: number;
    /** Topic notified on ALARM and OK; without it the alarm notifies nobody. */
    topicArn?: pulumi.Input<string>;
}

/** Every CloudWatch alarm of the stack (services, load balancers, database, cache) is made here. */
export function metricAlarm(
    logicalName: string, spec: AlarmSpec, parent: pulumi.Resource, transform?: Transform<aws.cloudwatch.MetricAlarmArgs>,
): aws.cloudwatch.MetricAlarm {
    const actions = spec.topicArn === undefined ? [] : [spec.topicArn];
    return new aws.cloudwatch.MetricAlarm(...applyTransform<aws.cloudwatch.MetricAlarmArgs>(transform, logicalName, {
        name: spec.name,
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metric,
        dimensions: spec.dimensions,
        statistic: spec.statistic,
        period: ALARM_PERIOD,
        evaluationPeriods: spec.evaluationPeriods,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        treatMissingData: TREAT_MISSING_DATA,
        alarmActions: actions,
        okActions: actions,
    }, { parent }));
}
