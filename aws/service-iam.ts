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
    /** ECR repository the image comes from; when unset (an external image) pulls are allowed from any repository. */
    repositoryArn?: pulumi.Input<string>;
    /** Secrets and KMS keys the execution role may read, statements for the task role. */
    wiring: ServiceWiring;
    /** Grant the task role what ECS Exec needs (SSM messages channels). @default false */
    exec?: boolean;
}

const ECS_TASKS_TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Actions ECS Exec needs on the task role (ECS developer guide, "Using ECS Exec": IAM permissions). */
const EXEC_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"];

/** The execution role's statements: pull the image, write logs, read exactly the injected secrets. */
export function executionStatements(args: Pick<ServiceRolesArgs, "logGroupArn" | "repositoryArn" | "wiring">): pulumi.Input<TaskPolicyStatement>[] {
    const statements: pulumi.Input<TaskPolicyStatement>[] = [
        // GetAuthorizationToken has no resource-level permissions.
        { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        { Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: args.repositoryArn ?? "*" },
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${args.logGroupArn}:*` },
    ];
    if (args.wiring.secretArns.length > 0) {
        statements.push({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: args.wiring.secretArns });
    }
    if (args.wiring.kmsKeyArns.length > 0) {
        statements.push({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: args.wiring.kmsKeyArns });
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
        this.executionRole = new aws.iam.Role(`${name}-execution`, {
            name: physicalName(args.naming, `${args.service}-exec`, "iamRole"),
            description: `ECS starts tasks of ${args.service} with this role`,
            assumeRolePolicy: ECS_TASKS_TRUST,
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-execution-policy`, {
            role: this.executionRole.id,
            policy: policyDocument(executionStatements(args)),
        }, { parent: this });

        this.taskRole = new aws.iam.Role(`${name}-task`, {
            name: physicalName(args.naming, `${args.service}-task`, "iamRole"),
            description: `Application code of ${args.service} runs with this role`,
            assumeRolePolicy: ECS_TASKS_TRUST,
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
