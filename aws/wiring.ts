import type * as pulumi from "@pulumi/pulumi";

/**
 * What a service gets from the things it `uses` (database, cache, buckets, other services,
 * volumes). The data tier and the volume/discovery components produce these; the Service
 * component consumes them. Keeping this contract in one file lets each side be built and
 * tested alone.
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
}

export interface TaskPolicyStatement {
    Effect: "Allow";
    Action: string[];
    Resource: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, unknown>;
}

export function emptyWiring(): ServiceWiring {
    return { environment: {}, secrets: {}, secretArns: [], kmsKeyArns: [], taskPolicyStatements: [] };
}

/** Merges wirings; later entries win on the same env var name. */
export function mergeWiring(...parts: ServiceWiring[]): ServiceWiring {
    const out = emptyWiring();
    for (const p of parts) {
        Object.assign(out.environment, p.environment);
        Object.assign(out.secrets, p.secrets);
        out.secretArns.push(...p.secretArns);
        out.kmsKeyArns.push(...p.kmsKeyArns);
        out.taskPolicyStatements.push(...p.taskPolicyStatements);
    }
    return out;
}
