import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";
import { instanceArchitecture } from "./instance-types";

export { instanceArchitecture };
/** Public SSM parameters AWS keeps pointing at the current ECS-optimised Amazon Linux 2023 AMI. */
export const ECS_AMI_PARAMETER = {
    x86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
    arm64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
} as const;

/** The capacity strategy entry an ECS service passes to run on this capacity. */
export interface CapacityProviderStrategyItem {
    capacityProvider: pulumi.Input<string>;
    weight: number;
    base?: number;
}

export interface Ec2CapacityArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Name of the ECS cluster the instances join (user data `ECS_CLUSTER`) and the provider attaches to. */
    clusterName: pulumi.Input<string>;
    /** VPC of the instance security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets the Auto Scaling group spreads instances across (one per AZ). */
    subnetIds: pulumi.Input<string>[];
    /** EC2 instance type of the container instances. @example "m5.xlarge" */
    instanceType: string;
    /** Auto Scaling group minimum size. */
    minSize: number;
    /** Auto Scaling group maximum size. */
    maxSize: number;
    /** Managed scaling target: percent of the instances' capacity tasks should use. @default 100 */
    targetCapacity?: number;
    /** Root volume size, GiB (gp3, encrypted). The AMI's own minimum is 30. @default 30 */
    rootVolumeGb?: number;
    /**
     * IMDSv2 PUT response hop limit. 1 keeps instance-role credentials on the host: awsvpc tasks
     * get their own credentials from the agent's endpoint (169.254.170.2) and are blocked from IMDS
     * by `ECS_AWSVPC_BLOCK_IMDS`; only bridge-mode containers, which we never run, need 2.
     * @default 1
     */
    metadataHopLimit?: number;
    /**
     * Tags for the instances and volumes the group launches. Provider default tags reach the launch
     * template itself but not what the Auto Scaling group launches from it, so they go here too.
     */
    tags?: Record<string, string>;
    /** Attach AmazonSSMManagedInstanceCore (SSM Session Manager shells on the hosts). @default true */
    ssmSessions?: boolean;
    /** Egress TCP 443 only (ECS, ECR, S3, SSM endpoints); otherwise everything may leave. @default false */
    restrictEgress?: boolean;
    /** Per-child overrides. */
    transform?: {
        launchTemplate?: Transform<aws.ec2.LaunchTemplateArgs>;
        autoScalingGroup?: Transform<aws.autoscaling.GroupArgs>;
        capacityProvider?: Transform<aws.ecs.CapacityProviderArgs>;
    };
}

/**
 * ECS container instances on EC2: a launch template of the ECS-optimised AL2023 AMI (IMDSv2
 * only, encrypted gp3 root, user data joining the cluster), an instance role and profile, an
 * instance security group, an Auto Scaling group over the private subnets, and a capacity provider
 * with managed scaling and managed termination protection set as the cluster's default strategy.
 */
export class Ec2Capacity extends pulumi.ComponentResource {
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly instanceRole: aws.iam.Role;
    readonly launchTemplate: aws.ec2.LaunchTemplate;
    readonly autoScalingGroup: aws.autoscaling.Group;
    readonly capacityProvider: aws.ecs.CapacityProvider;
    readonly clusterCapacityProviders: aws.ecs.ClusterCapacityProviders;
    /** The AMI id read from the public SSM parameter. */
    readonly imageId: pulumi.Output<string>;
    /**
     * The strategy services pass (instead of a launch type). Its provider name is read through the
     * cluster association, so a service is created after it and destroyed before it.
     */
    readonly capacityProviderStrategy: CapacityProviderStrategyItem[];

    private readonly args: Ec2CapacityArgs;

    constructor(name: string, args: Ec2CapacityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Ec2Capacity", name, {}, opts);
        if (args.minSize > args.maxSize) throw new Error(`Ec2Capacity ${name}: minSize ${args.minSize} exceeds maxSize ${args.maxSize}`);
        this.args = args;

        this.imageId = aws.ssm.getParameterOutput({ name: ECS_AMI_PARAMETER[instanceArchitecture(args.instanceType)] }, { parent: this }).value;
        this.securityGroup = this.createSecurityGroup(name);
        this.instanceRole = this.createInstanceRole(name);
        const profile = new aws.iam.InstanceProfile(`${name}-instance-profile`, {
            name: physicalName(args.naming, "ecs-instance", "iamRole"),
            role: this.instanceRole.name,
        }, { parent: this });
        this.launchTemplate = this.createLaunchTemplate(name, profile);
        this.autoScalingGroup = this.createAutoScalingGroup(name);
        this.capacityProvider = this.createCapacityProvider(name);
        this.clusterCapacityProviders = new aws.ecs.ClusterCapacityProviders(`${name}-cluster-providers`, {
            clusterName: args.clusterName,
            capacityProviders: [this.capacityProvider.name],
            defaultCapacityProviderStrategies: [{ capacityProvider: this.capacityProvider.name, weight: 1, base: 0 }],
        }, { parent: this });
        const providerName = pulumi.all([this.capacityProvider.name, this.clusterCapacityProviders.id]).apply(([n]) => n);
        this.capacityProviderStrategy = [{ capacityProvider: providerName, weight: 1, base: 0 }];

        this.registerOutputs({
            imageId: this.imageId,
            autoScalingGroupName: this.autoScalingGroup.name,
            capacityProviderName: this.capacityProvider.name,
        });
    }

    /** Container instances take no inbound traffic: tasks have their own ENIs and security groups. */
    private createSecurityGroup(name: string): aws.ec2.SecurityGroup {
        const sgName = `${namePrefix(this.args.naming)}-ecs-instances`;
        return new aws.ec2.SecurityGroup(`${name}-instances-sg`, {
            vpcId: this.args.vpcId,
            name: sgName,
            description: "ECS container instances (primary ENI); no inbound, tasks use their own ENIs",
            // The agent talks HTTPS only (ECS, ECR, S3, SSM); time sync and DNS are link-local, unfiltered.
            egress: this.args.restrictEgress
                ? [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: ECS/ECR/SSM APIs and image pulls" }]
                : [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "ECS/ECR/SSM APIs and image pulls" }],
            tags: { Name: sgName },
        }, { parent: this });
    }

    private createInstanceRole(name: string): aws.iam.Role {
        const role = new aws.iam.Role(`${name}-instance-role`, {
            name: physicalName(this.args.naming, "ecs-instance", "iamRole"),
            description: "ECS container instances: agent registration, image pulls, logs, SSM sessions",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }, { parent: this });
        // SSM Session Manager replaces SSH: no key pair, no port 22, sessions are logged.
        const policies: Record<string, string> = { ecs: aws.iam.ManagedPolicy.AmazonEC2ContainerServiceforEC2Role };
        if (this.args.ssmSessions ?? true) policies.ssm = aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore;
        for (const [key, policyArn] of Object.entries(policies)) {
            new aws.iam.RolePolicyAttachment(`${name}-instance-${key}`, { role: role.name, policyArn }, { parent: this });
        }
        return role;
    }

    private userData(): pulumi.Output<string> {
        return pulumi.output(this.args.clusterName).apply((cluster) => Buffer.from([
            "#!/bin/bash",
            "cat >> /etc/ecs/ecs.config <<'EOF'",
            `ECS_CLUSTER=${cluster}`,
            // Tasks get credentials for their own task role from the agent, never the instance role.
            "ECS_ENABLE_TASK_IAM_ROLE=true",
            "ECS_AWSVPC_BLOCK_IMDS=true",
            "ECS_ENABLE_CONTAINER_METADATA=true",
            "ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance",
            "EOF",
            "",
        ].join("\n")).toString("base64"));
    }

    private createLaunchTemplate(name: string, profile: aws.iam.InstanceProfile): aws.ec2.LaunchTemplate {
        const tags = { ...this.args.tags, Name: `${namePrefix(this.args.naming)}-ecs-instance` };
        const [n, ltArgs, ltOpts] = applyTransform<aws.ec2.LaunchTemplateArgs>(this.args.transform?.launchTemplate, `${name}-launch-template`, {
            name: physicalName(this.args.naming, "ecs-instance"),
            description: "ECS-optimised Amazon Linux 2023 container instances",
            imageId: this.imageId,
            instanceType: this.args.instanceType,
            iamInstanceProfile: { arn: profile.arn },
            vpcSecurityGroupIds: [this.securityGroup.id],
            userData: this.userData(),
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: this.args.metadataHopLimit ?? 1,
                instanceMetadataTags: "disabled",
            },
            blockDeviceMappings: [{
                deviceName: "/dev/xvda",
                ebs: { volumeSize: this.args.rootVolumeGb ?? 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            }],
            updateDefaultVersion: true,
            tagSpecifications: [{ resourceType: "instance", tags }, { resourceType: "volume", tags }],
            tags: { Name: `${namePrefix(this.args.naming)}-ecs-instance` },
        }, { parent: this });
        return new aws.ec2.LaunchTemplate(n, ltArgs, ltOpts);
    }

    private createAutoScalingGroup(name: string): aws.autoscaling.Group {
        const [n, asgArgs, asgOpts] = applyTransform<aws.autoscaling.GroupArgs>(this.args.transform?.autoScalingGroup, `${name}-asg`, {
            name: physicalName(this.args.naming, "ecs"),
            minSize: this.args.minSize,
            maxSize: this.args.maxSize,
            vpcZoneIdentifiers: this.args.subnetIds,
            launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) },
            healthCheckType: "EC2",
            // ECS managed termination protection only works when instances start protected; the
            // capacity provider lifts protection from instances it has drained.
            protectFromScaleIn: true,
            // A new AMI (the SSM parameter moved) is a new template version: replace instances one by
            // one, launching first, while ECS managed draining moves their tasks away.
            instanceRefresh: {
                strategy: "Rolling",
                preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, scaleInProtectedInstances: "Refresh", standbyInstances: "Terminate" },
            },
            tags: [
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
                { key: "Name", value: `${namePrefix(this.args.naming)}-ecs-instance`, propagateAtLaunch: true },
            ],
        }, {
            parent: this,
            // ECS managed scaling owns the desired count; Pulumi must not reset it on every update.
            ignoreChanges: ["desiredCapacity"],
        });
        return new aws.autoscaling.Group(n, asgArgs, asgOpts);
    }

    private createCapacityProvider(name: string): aws.ecs.CapacityProvider {
        // Capacity provider names may not start with "aws", "ecs" or "fargate".
        const cpName = physicalName(this.args.naming, "ec2").replace(/^(aws|ecs|fargate)/i, "cp-$1");
        const [n, cpArgs, cpOpts] = applyTransform<aws.ecs.CapacityProviderArgs>(this.args.transform?.capacityProvider, `${name}-provider`, {
            name: cpName,
            autoScalingGroupProvider: {
                autoScalingGroupArn: this.autoScalingGroup.arn,
                managedTerminationProtection: "ENABLED",
                managedDraining: "ENABLED",
                managedScaling: {
                    status: "ENABLED",
                    targetCapacity: this.args.targetCapacity ?? 100,
                    minimumScalingStepSize: 1,
                    maximumScalingStepSize: Math.max(1, this.args.maxSize),
                    instanceWarmupPeriod: 300,
                },
            },
        }, { parent: this });
        return new aws.ecs.CapacityProvider(n, cpArgs, cpOpts);
    }
}
