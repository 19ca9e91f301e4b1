import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface ClusterArgs {
    /** App and stage, for the cluster name `<app>-<stage>-cluster`. */
    naming: NamingContext;
    /** CloudWatch Container Insights. @default true */
    containerInsights?: boolean;
    /** Per-child overrides. */
    transform?: { cluster?: Transform<aws.ecs.ClusterArgs> };
}

/**
 * The ECS cluster every service runs in. Capacity (Fargate by default, or EC2 through a capacity
 * provider) is attached by the caller, so the cluster itself never changes when capacity does.
 */
export class Cluster extends pulumi.ComponentResource {
    readonly cluster: aws.ecs.Cluster;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Cluster", name, {}, opts);
        const [n, clusterArgs, clusterOpts] = applyTransform<aws.ecs.ClusterArgs>(args.transform?.cluster, `${name}-cluster`, {
            name: physicalName(args.naming, "cluster"),
            settings: [{ name: "containerInsights", value: (args.containerInsights ?? true) ? "enabled" : "disabled" }],
        }, { parent: this });
        this.cluster = new aws.ecs.Cluster(n, clusterArgs, clusterOpts);
        this.name = this.cluster.name;
        this.arn = this.cluster.arn;
        this.registerOutputs({ name: this.name, arn: this.arn });
    }
}
