import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedService } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { ServiceAutoscaling } from "./autoscaling";
import { containerDefinitions } from "./container";
import { checkFargatePair } from "./fargate";
import { ServiceRoles } from "./service-iam";
import type { CapacityProviderStrategyItem } from "./capacity";
import type { ServiceWiring } from "./wiring";

export interface ServiceArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** The resolved service (ports, sizes, health check, scaling, exec, ...). */
    service: ResolvedService;
    /** Region, for the awslogs driver. */
    region: string;
    /** Cluster the service runs in (name for the autoscaling resource id); with a capacity provider strategy, tasks run on EC2. @default Fargate */
    cluster: { arn: pulumi.Input<string>; name: pulumi.Input<string>; capacityProviderStrategy?: CapacityProviderStrategyItem[] };
    /** Private subnets of the tasks. */
    subnetIds: pulumi.Input<string>[];
    /** The service's own security group (see ServiceSecurityGroups). */
    securityGroupId: pulumi.Input<string>;
    /** What the service gets from its links: environment, secret references, permissions, volumes (EFS, mounted with TLS and IAM). */
    grants: ServiceWiring;
    /** Image to run (`<repository-url>:<tag>` or the service's explicit image). */
    image: pulumi.Input<string>;
    /** ECR repository the image comes from, to scope the execution role's pull permission. */
    repositoryArn?: pulumi.Input<string>;
    /** Log retention of the service's log group, days. */
    logRetentionDays: number;
    /** Target group the tasks register in and the listeners it is attached to (ECS refuses a target group no listener uses); none for workers and internal services. */
    loadBalancer?: { targetGroupArn: pulumi.Input<string>; listeners: pulumi.Resource[] };
    /** Wait for a steady state on each deploy (so crash-looping tasks fail `pulumi up`), and for how long. @default no wait */
    rollout?: { waitForSteadyState: boolean; timeoutMinutes: number };
    /** Cloud Map service the tasks register in. */
    serviceRegistryArn?: pulumi.Input<string>;
    /** Per-child overrides. */
    transform?: {
        taskDefinition?: Transform<aws.ecs.TaskDefinitionArgs>;
        service?: Transform<aws.ecs.ServiceArgs>;
    };
}

/**
 * One ECS service: its log group, roles, task definition (awsvpc), the ECS service with rolling
 * deployments guarded by the circuit breaker, and target-tracking autoscaling. A service without a
 * port is a worker: same machinery, no port mapping, no target group.
 */
export class Service extends pulumi.ComponentResource {
    readonly service: aws.ecs.Service;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly roles: ServiceRoles;
    readonly name: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;

    private readonly args: ServiceArgs;

    constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Service", name, {}, opts);
        this.args = args;
        const s = args.service;
        // Config is validated upstream, but a program may build the args by hand: fail here, not at deploy.
        const sizeProblem = this.onEc2 ? null : checkFargatePair(s.cpu, s.memory);
        if (sizeProblem) throw new Error(`Service ${name}: ${sizeProblem}`);
        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/ecs/${physicalName(args.naming, s.name)}`,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });
        this.roles = new ServiceRoles(`${name}-roles`, {
            naming: args.naming,
            service: s.name,
            logGroupArn: this.logGroup.arn,
            repositoryArn: args.repositoryArn,
            region: args.region,
            wiring: args.grants,
            exec: s.exec,
        }, { parent: this });
        this.taskDefinition = this.createTaskDefinition(name);
        this.service = this.createService(name);
        new ServiceAutoscaling(`${name}-scaling`, { clusterName: args.cluster.name, serviceName: this.service.name, scaling: s.scaling }, { parent: this });

        this.name = this.service.name;
        this.logGroupName = this.logGroup.name;
        this.registerOutputs({ name: this.name, logGroupName: this.logGroupName, taskDefinitionArn: this.taskDefinition.arn });
    }

    private get onEc2(): boolean {
        return (this.args.cluster.capacityProviderStrategy?.length ?? 0) > 0;
    }

    private createTaskDefinition(name: string): aws.ecs.TaskDefinition {
        const s = this.args.service;
        const efsVolumes = this.args.grants.volumes;
        const [n, tdArgs, tdOpts] = applyTransform<aws.ecs.TaskDefinitionArgs>(this.args.transform?.taskDefinition, `${name}-task`, {
            family: physicalName(this.args.naming, s.name),
            networkMode: "awsvpc",
            requiresCompatibilities: [this.onEc2 ? "EC2" : "FARGATE"],
            cpu: String(s.cpu),
            memory: String(s.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: s.architecture === "arm64" ? "ARM64" : "X86_64" },
            executionRoleArn: this.roles.executionRole.arn,
            taskRoleArn: this.roles.taskRole.arn,
            containerDefinitions: containerDefinitions({
                service: s,
                image: this.args.image,
                wiring: this.args.grants,
                logGroupName: this.logGroup.name,
                region: this.args.region,
                mounts: efsVolumes,
            }),
            volumes: efsVolumes.map((v) => ({
                name: v.name,
                efsVolumeConfiguration: {
                    fileSystemId: v.fileSystemId,
                    transitEncryption: "ENABLED",
                    authorizationConfig: { accessPointId: v.accessPointId, iam: "ENABLED" },
                },
            })),
        }, { parent: this });
        return new aws.ecs.TaskDefinition(n, tdArgs, tdOpts);
    }

    private createService(name: string): aws.ecs.Service {
        const a = this.args;
        const s = a.service;
        const routed = a.loadBalancer !== undefined && s.port !== undefined;
        const [n, svcArgs, svcOpts] = applyTransform<aws.ecs.ServiceArgs>(a.transform?.service, `${name}-service`, {
            name: s.name,
            cluster: a.cluster.arn,
            taskDefinition: this.taskDefinition.arn,
            desiredCount: s.desiredCount,
            ...(this.onEc2
                ? { capacityProviderStrategies: a.cluster.capacityProviderStrategy }
                : { launchType: "FARGATE", platformVersion: "LATEST" }),
            networkConfiguration: { subnets: a.subnetIds, securityGroups: [a.securityGroupId], assignPublicIp: false },
            loadBalancers: routed ? [{ targetGroupArn: a.loadBalancer!.targetGroupArn, containerName: s.name, containerPort: s.port }] : [],
            healthCheckGracePeriodSeconds: routed ? s.healthCheck.gracePeriod : undefined,
            serviceRegistries: a.serviceRegistryArn === undefined ? undefined : { registryArn: a.serviceRegistryArn },
            // A deployment whose tasks never get healthy stops and rolls back on its own.
            deploymentCircuitBreaker: { enable: true, rollback: true },
            // Rolling: new tasks start before old ones stop, so capacity never drops.
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            enableExecuteCommand: s.exec,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            waitForSteadyState: a.rollout?.waitForSteadyState ?? false,
        }, {
            parent: this,
            ...(a.rollout?.waitForSteadyState ? { customTimeouts: { create: `${a.rollout.timeoutMinutes}m`, update: `${a.rollout.timeoutMinutes}m` } } : {}),
            dependsOn: a.loadBalancer?.listeners ?? [],
            // Autoscaling owns the running count after the first deploy.
            ignoreChanges: ["desiredCount"],
        });
        return new aws.ecs.Service(n, svcArgs, svcOpts);
    }
}
