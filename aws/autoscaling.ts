import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedScaling } from "../components/spec";

export interface ServiceAutoscalingArgs {
    /** Cluster name (part of the scalable target's resource id). */
    clusterName: pulumi.Input<string>;
    /** ECS service name. */
    serviceName: pulumi.Input<string>;
    /** Bounds, targets and cooldowns. */
    scaling: ResolvedScaling;
}

/**
 * Target tracking on the service's average CPU (and memory when a target is set). Scale-out and
 * scale-in cooldowns differ on purpose: add tasks quickly under load, remove them slowly so a
 * short dip does not cause flapping (seed 000: 60 s out, 300 s in).
 */
export class ServiceAutoscaling extends pulumi.ComponentResource {
    readonly target: aws.appautoscaling.Target;

    constructor(name: string, args: ServiceAutoscalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:ServiceAutoscaling", name, {}, opts);
        const s = args.scaling;
        this.target = new aws.appautoscaling.Target(`${name}-target`, {
            serviceNamespace: "ecs",
            scalableDimension: "ecs:service:DesiredCount",
            resourceId: pulumi.interpolate`service/${args.clusterName}/${args.serviceName}`,
            minCapacity: s.min,
            maxCapacity: s.max,
        }, { parent: this });

        const metrics: [string, string, number][] = [["cpu", "ECSServiceAverageCPUUtilization", s.cpuTarget]];
        if (s.memoryTarget !== undefined) metrics.push(["memory", "ECSServiceAverageMemoryUtilization", s.memoryTarget]);
        for (const [suffix, metric, target] of metrics) {
            new aws.appautoscaling.Policy(`${name}-${suffix}`, {
                policyType: "TargetTrackingScaling",
                serviceNamespace: this.target.serviceNamespace,
                scalableDimension: this.target.scalableDimension,
                resourceId: this.target.resourceId,
                targetTrackingScalingPolicyConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: metric },
                    targetValue: target,
                    scaleOutCooldown: s.scaleOutCooldown,
                    scaleInCooldown: s.scaleInCooldown,
                },
            }, { parent: this });
        }
        this.registerOutputs({ resourceId: this.target.resourceId });
    }
}
