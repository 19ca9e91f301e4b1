import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ServiceWiring, TaskPolicyStatement } from "./wiring";

export interface ServiceRolesArgs {
    /** App and stage, for role names. */
    naming: NamingContext;
    /** Service name. */
    service: string;
    /** Log group the execution role writes container logs to. */
    logGroupArn: pulumi.Input<string>;
    /** ECR repository the image comes from; unset for an external image, which gets no ECR permission at all. */
    repositoryArn?: pulumi.Input<string>;
    /** Region of the tasks: scopes the trust policy (aws:SourceArn) and KMS use (kms:ViaService). @default "us-east-1" */
    region?: string;
    /** Account of the tasks, for the trust policy's aws:SourceAccount; read from the caller identity when unset. */
    accountId?: pulumi.Input<string>;
    /** Secrets and KMS keys the execution role may read, statements for the task role. */
    wiring: ServiceWiring;
    /** Grant the task role what ECS Exec needs (SSM messages channels). @default false */
    exec?: boolean;
}

/**
 * ECS may assume the role only for tasks of this account and region (confused-deputy guard, ECS
 * developer guide "Task IAM role": aws:SourceAccount and aws:SourceArn on ecs-tasks.amazonaws.com).
 */
export function ecsTasksTrust(accountId: string, region: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": accountId },
                ArnLike: { "aws:SourceArn": `arn:aws:ecs:${region}:${accountId}:*` },
            },
        }],
    });
}

/** Actions ECS Exec needs on the task role (ECS developer guide, "Using ECS Exec": IAM permissions). */
const EXEC_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"];

/** The execution role's statements: pull the image, write logs, read exactly the injected secrets. */
export function executionStatements(args: Pick<ServiceRolesArgs, "logGroupArn" | "repositoryArn" | "wiring" | "region">): pulumi.Input<TaskPolicyStatement>[] {
    const statements: pulumi.Input<TaskPolicyStatement>[] = [];
    // An image outside our ECR (Docker Hub, another registry) needs no ECR permission at all.
    if (args.repositoryArn) {
        statements.push(
            // GetAuthorizationToken has no resource-level permissions.
            { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
            { Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: args.repositoryArn },
        );
    }
    statements.push({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${args.logGroupArn}:*` });
    if (args.wiring.secretArns.length > 0) {
        statements.push({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: args.wiring.secretArns });
    }
    if (args.wiring.kmsKeyArns.length > 0) {
        // Only to read the injected secrets: the key decrypts through Secrets Manager, nothing else.
        statements.push({
            Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.wiring.kmsKeyArns,
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${args.region ?? "us-east-1"}.amazonaws.com` } },
        });
    }
    return statements;
}

/** The task role's statements: only what the config grants (wiring), plus ECS Exec when on. */
export function taskStatements(args: Pick<ServiceRolesArgs, "wiring" | "exec">): pulumi.Input<TaskPolicyStatement>[] {
    const statements = [...args.wiring.taskPolicyStatements];
    if (args.exec) statements.push({ Effect: "Allow", Action: EXEC_ACTIONS, Resource: "*" });
    return statements;
}

function policyDocument(statements: pulumi.Input<TaskPolicyStatement>[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * The two roles of a task. The execution role is what ECS itself uses to start the task (image,
 * logs, secrets); the task role is what the application's code gets. Neither uses a managed
 * policy: each grants exactly what this service needs.
 */
export class ServiceRoles extends pulumi.ComponentResource {
    readonly executionRole: aws.iam.Role;
    readonly taskRole: aws.iam.Role;

    constructor(name: string, args: ServiceRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:ServiceRoles", name, {}, opts);
        const accountId = args.accountId ?? aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const trust = pulumi.output(accountId).apply((account) => ecsTasksTrust(account, args.region ?? "us-east-1"));
        this.executionRole = new aws.iam.Role(`${name}-execution`, {
            name: physicalName(args.naming, `${args.service}-exec`, "iamRole"),
            description: `ECS starts tasks of ${args.service} with this role`,
            assumeRolePolicy: trust,
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-execution-policy`, {
            role: this.executionRole.id,
            policy: policyDocument(executionStatements(args)),
        }, { parent: this });

        this.taskRole = new aws.iam.Role(`${name}-task`, {
            name: physicalName(args.naming, `${args.service}-task`, "iamRole"),
            description: `Application code of ${args.service} runs with this role`,
            assumeRolePolicy: trust,
        }, { parent: this });
        const statements = taskStatements(args);
        if (statements.length > 0) {
            new aws.iam.RolePolicy(`${name}-task-policy`, {
                role: this.taskRole.id,
                policy: policyDocument(statements),
            }, { parent: this });
        }
        this.registerOutputs({ executionRoleArn: this.executionRole.arn, taskRoleArn: this.taskRole.arn });
    }
}
