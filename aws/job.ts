import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, namePrefix, type NamingContext } from "../components/naming";
import type { ResolvedJob } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { ServiceRoles } from "./service-iam";
import type { LinkConsumer, ServiceWiring } from "./wiring";

export interface JobArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** The resolved job (image source, command, size, schedule, retries, timeout). */
    job: ResolvedJob;
    /** Region, for the awslogs driver and the run command. */
    region: string;
    /** Cluster the tasks run in. */
    clusterArn: pulumi.Input<string>;
    /** Cluster name, for the run command. */
    clusterName: pulumi.Input<string>;
    /** VPC of the job's security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets the tasks run in (never public ones: no public IP). */
    subnetIds: pulumi.Input<string>[];
    /** Image to run: by digest when built, else `<repository>:<tag>` or the explicit image. */
    image: pulumi.Input<string>;
    /** ECR repository of the image, to scope the execution role's pull permission. */
    repositoryArn?: pulumi.Input<string>;
    /** What the job gets from its links (environment, secret references, permissions): a value, or a function that receives the job's own security group to admit it where the links lead. */
    wiring: ServiceWiring | ((consumer: LinkConsumer) => ServiceWiring);
    /** Egress rules of the job's security group. @default all traffic out */
    egress?: aws.types.input.ec2.SecurityGroupEgress[];
    /** Log retention of the job's log group, days. */
    logRetentionDays: number;
    /** Create the EventBridge schedule (the job has one and it runs on AWS). @default true when job.schedule is set */
    scheduled?: boolean;
    /** Per-child overrides. */
    transform?: {
        taskDefinition?: Transform<aws.ecs.TaskDefinitionArgs>;
        schedule?: Transform<aws.scheduler.ScheduleArgs>;
    };
}

const SCHEDULER_TRUST = (accountId: pulumi.Input<string>) => pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [{
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        // Only schedules of this account may assume the role (confused-deputy guard, EventBridge Scheduler user guide).
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    }],
});

/**
 * A job on ECS: a Fargate task definition run to completion in the private subnets with its own
 * security group (egress only), its own execution and task roles and log group. With a schedule,
 * an EventBridge Scheduler schedule runs it; the scheduler's role may run exactly this task
 * definition in this cluster and pass exactly its two roles. Without one it runs on demand:
 * `runCommand` is the exact `aws ecs run-task` line.
 *
 * ECS has no run-time limit for a task: `timeout` bounds how long the scheduler keeps retrying
 * a run that could not start (maximumEventAgeInSeconds); the app must end itself.
 */
export class Job extends pulumi.ComponentResource {
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** What the job got from its links. */
    readonly wiring: ServiceWiring;
    readonly roles: ServiceRoles;
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly schedule?: aws.scheduler.Schedule;
    readonly schedulerRole?: aws.iam.Role;
    /** `aws ecs run-task ...` that runs the job once, as deployed. */
    readonly runCommand: pulumi.Output<string>;

    constructor(name: string, args: JobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Job", name, {}, opts);
        const j = args.job;
        this.logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: `/ecs/${physicalName(args.naming, j.name)}`,
            retentionInDays: args.logRetentionDays,
        }, { parent: this });
        const sgName = `${namePrefix(args.naming)}-${j.name}-job`;
        this.securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            name: sgName,
            description: `Tasks of job ${j.name}; no ingress`,
            egress: args.egress ?? [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "Outbound: image pulls, AWS APIs, the stores it uses" }],
            tags: { Name: sgName },
        }, { parent: this });
        // The security group exists now, so the links can admit it where they lead.
        this.wiring = typeof args.wiring === "function" ? args.wiring({ name: j.name, securityGroupId: this.securityGroup.id }) : args.wiring;
        this.roles = new ServiceRoles(`${name}-roles`, {
            naming: args.naming,
            service: j.name,
            logGroupArn: this.logGroup.arn,
            repositoryArn: args.repositoryArn,
            region: args.region,
            wiring: this.wiring,
            exec: false,
        }, { parent: this });
        this.taskDefinition = this.createTaskDefinition(name, args);
        if (j.schedule && (args.scheduled ?? true)) {
            [this.schedulerRole, this.schedule] = this.createSchedule(name, args);
        }
        const td = this.taskDefinition;
        this.runCommand = pulumi.all([args.clusterName, td.arn, pulumi.all(args.subnetIds), this.securityGroup.id]).apply(([cluster, arn, subnets, sg]) =>
            `aws ecs run-task --region ${args.region} --cluster ${cluster} --task-definition ${arn} --launch-type FARGATE --count ${j.tasks}`
            + ` --network-configuration 'awsvpcConfiguration={subnets=[${subnets.join(",")}],securityGroups=[${sg}],assignPublicIp=DISABLED}'`);
        this.registerOutputs({ taskDefinitionArn: td.arn, runCommand: this.runCommand, securityGroupId: this.securityGroup.id });
    }

    private createTaskDefinition(name: string, args: JobArgs): aws.ecs.TaskDefinition {
        const j = args.job;
        const env: Record<string, pulumi.Input<string>> = { ...j.environment, ...this.wiring.environment };
        const container: Record<string, unknown> = {
            name: j.name,
            image: args.image,
            essential: true,
            environment: Object.keys(env).sort().map((k) => ({ name: k, value: env[k] })),
            secrets: Object.keys(this.wiring.secrets).sort().map((k) => ({ name: k, valueFrom: this.wiring.secrets[k] })),
            logConfiguration: {
                logDriver: "awslogs",
                options: { "awslogs-group": this.logGroup.name, "awslogs-region": args.region, "awslogs-stream-prefix": "job" },
            },
        };
        if (j.command) container.command = [...j.command];
        const [n, a, o] = applyTransform<aws.ecs.TaskDefinitionArgs>(args.transform?.taskDefinition, `${name}-task`, {
            family: physicalName(args.naming, j.name),
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            cpu: String(j.cpu),
            memory: String(j.memory),
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: j.architecture === "arm64" ? "ARM64" : "X86_64" },
            executionRoleArn: this.roles.executionRole.arn,
            taskRoleArn: this.roles.taskRole.arn,
            containerDefinitions: pulumi.jsonStringify([container]),
        }, { parent: this });
        return new aws.ecs.TaskDefinition(n, a, o);
    }

    private createSchedule(name: string, args: JobArgs): [aws.iam.Role, aws.scheduler.Schedule] {
        const j = args.job;
        const s = j.schedule!;
        const td = this.taskDefinition;
        const accountId = td.arn.apply((arn) => arn.split(":")[4]);
        const role = new aws.iam.Role(`${name}-scheduler`, {
            name: physicalName(args.naming, `${j.name}-sched`, "iamRole"),
            description: `EventBridge Scheduler runs job ${j.name} with this role`,
            assumeRolePolicy: SCHEDULER_TRUST(accountId),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-scheduler-policy`, {
            role: role.id,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    // This task definition revision only, in this cluster only.
                    { Effect: "Allow", Action: ["ecs:RunTask"], Resource: [td.arn], Condition: { ArnEquals: { "ecs:cluster": args.clusterArn } } },
                    // RunTask hands the task its two roles; only these, and only to ECS tasks.
                    {
                        Effect: "Allow",
                        Action: ["iam:PassRole"],
                        Resource: [this.roles.executionRole.arn, this.roles.taskRole.arn],
                        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                    },
                ],
            }),
        }, { parent: this });
        const [n, a, o] = applyTransform<aws.scheduler.ScheduleArgs>(args.transform?.schedule, `${name}-schedule`, {
            name: physicalName(args.naming, j.name),
            description: `Runs job ${j.name}: ${s.cron} (${s.timeZone})`,
            scheduleExpression: s.awsExpression,
            scheduleExpressionTimezone: s.timeZone,
            flexibleTimeWindow: { mode: "OFF" },
            target: {
                arn: args.clusterArn,
                roleArn: role.arn,
                ecsParameters: {
                    taskDefinitionArn: td.arn,
                    launchType: "FARGATE",
                    platformVersion: "LATEST",
                    taskCount: j.tasks,
                    networkConfiguration: { subnets: args.subnetIds, securityGroups: [this.securityGroup.id], assignPublicIp: false },
                },
                // EventBridge Scheduler allows 0-185 attempts and an event age of 60-86400 s.
                retryPolicy: { maximumRetryAttempts: j.retries, maximumEventAgeInSeconds: Math.min(86400, Math.max(60, j.timeout)) },
            },
        }, { parent: this });
        return [role, new aws.scheduler.Schedule(n, a, o)];
    }
}
