import type * as pulumi from "@pulumi/pulumi";

/**
 * What a consumer (a service) gets from the links it declares: each store, secret set, volume
 * set or peer service grants a link through its `grant()` (see LinkGrantor) and AwsStack merges
 * the grants. The Service component consumes the merged result. Keeping this contract in one file
 * lets each side be built and tested alone.
 */
export interface ServiceWiring {
    /** Plain environment variables, e.g. DATABASE_HOST, REDIS_PORT. Never secret values. */
    environment: Record<string, pulumi.Input<string>>;
    /** Injected secrets: env var name → Secrets Manager ARN (optionally `<arn>:<json-key>::`). */
    secrets: Record<string, pulumi.Input<string>>;
    /** Secret ARNs the execution role may read (exactly these: least privilege). */
    secretArns: pulumi.Input<string>[];
    /** KMS key ARNs the execution role may decrypt those secrets with. */
    kmsKeyArns: pulumi.Input<string>[];
    /** Extra IAM statements for the task role (S3 buckets, SES, SNS, EFS client). */
    taskPolicyStatements: pulumi.Input<TaskPolicyStatement>[];
    /** File system volumes the task mounts. */
    volumes: VolumeMount[];
}

export interface TaskPolicyStatement {
    Effect: "Allow";
    Action: string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, unknown>;
}

/** One EFS volume of one consumer, in the shape the task definition's `efsVolumeConfiguration` needs. */
export interface VolumeMount {
    name: string;
    fileSystemId: pulumi.Input<string>;
    accessPointId: pulumi.Input<string>;
    mountPath: string;
    readOnly: boolean;
}

/** The consumer end of a link: who is admitted and who receives the grant. */
export interface LinkConsumer {
    /** Consumer name, used in child names and rule descriptions. */
    name: string;
    /** The consumer's own security group, admitted by the target on its port. */
    securityGroupId: pulumi.Input<string>;
}

/**
 * A store, secret set, volume set or service that can grant a link. `grant` admits the consumer
 * on the network (creating the rule as the grantor's child) and returns what the consumer gets;
 * `target` names the linked thing within the grantor (a secret name, a volume name, ...).
 */
export interface LinkGrantor {
    grant(consumer: LinkConsumer, target: string): ServiceWiring;
}

export function emptyWiring(): ServiceWiring {
    return { environment: {}, secrets: {}, secretArns: [], kmsKeyArns: [], taskPolicyStatements: [], volumes: [] };
}

/** Merges wirings; later entries win on the same env var name; the same ARN object is listed once. */
export function mergeWiring(...parts: ServiceWiring[]): ServiceWiring {
    const out = emptyWiring();
    for (const p of parts) {
        Object.assign(out.environment, p.environment);
        Object.assign(out.secrets, p.secrets);
        out.secretArns.push(...p.secretArns.filter((a) => !out.secretArns.includes(a)));
        out.kmsKeyArns.push(...p.kmsKeyArns.filter((a) => !out.kmsKeyArns.includes(a)));
        out.taskPolicyStatements.push(...p.taskPolicyStatements);
        out.volumes.push(...p.volumes);
    }
    return out;
}

/** The wiring without its volume mounts: what the `serviceWiring` stack output shows. */
export function wiringView(w: ServiceWiring): Omit<ServiceWiring, "volumes"> {
    const { volumes: _volumes, ...rest } = w;
    return rest;
}
