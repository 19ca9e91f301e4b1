import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig, ResolvedJob } from "../components/spec";
import { secretEnvName } from "./app-secrets";
import { admitGroup } from "./admit";
import { bucketEnvName, type DataTier } from "./data-tier";
import { discoveryWiring } from "./discovery";
import { emptyWiring, mergeWiring, type ServiceWiring } from "./wiring";

/**
 * INTERIM, to be replaced by AwsStack's per-link grants (`grantsFor(consumer)`): what a job gets
 * from what it uses, computed from the data tier's public parts the way DataTier wires a service
 * (same variable names, same secret references, same statements), and the network admissions
 * of the job's security group into the database, the cache and the services it calls.
 */
export function interimJobWiring(job: ResolvedJob, spec: ResolvedConfig, dataTier: DataTier | undefined): ServiceWiring {
    const w = emptyWiring();
    let needsKey = false;
    const db = job.uses.database ? dataTier?.database : undefined;
    if (db) {
        w.environment.DATABASE_HOST = db.address;
        w.environment.DATABASE_PORT = String(db.port);
        w.environment.DATABASE_NAME = db.databaseName;
        w.secrets.DATABASE_USERNAME = pulumi.interpolate`${db.masterSecretArn}:username::`;
        w.secrets.DATABASE_PASSWORD = pulumi.interpolate`${db.masterSecretArn}:password::`;
        w.secretArns.push(db.masterSecretArn);
        needsKey = true;
    }
    const cache = job.uses.cache ? dataTier?.cache : undefined;
    if (cache) {
        w.environment.REDIS_HOST = cache.primaryAddress;
        w.environment.REDIS_PORT = String(cache.port);
        w.environment.REDIS_TLS = "true";
        w.secrets.REDIS_AUTH_TOKEN = cache.authTokenSecretArn;
        w.secretArns.push(cache.authTokenSecretArn);
        needsKey = true;
    }
    for (const secretName of job.secrets) {
        const arn = dataTier?.secrets.arns[secretName];
        if (!arn) continue;
        w.secrets[secretEnvName(secretName)] = arn;
        w.secretArns.push(arn);
        needsKey = true;
    }
    if (needsKey && dataTier) w.kmsKeyArns.push(dataTier.key.arn);
    for (const bucketName of job.uses.buckets) {
        const bucket = dataTier?.buckets[bucketName];
        if (!bucket) continue;
        w.environment[bucketEnvName(bucketName)] = bucket.bucketName;
        w.taskPolicyStatements.push(
            { Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket.arn },
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: pulumi.interpolate`${bucket.arn}/*` },
        );
        if (bucket.kmsKeyArn) w.taskPolicyStatements.push({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: bucket.kmsKeyArn });
    }
    return mergeWiring(w, spec.aws ? discoveryWiring(job.uses.services, registered(spec), spec.aws.discovery.namespace) : emptyWiring());
}

function registered(spec: ResolvedConfig) {
    return spec.services.filter((s) => s.discovery && s.port !== undefined).map((s) => ({ name: s.name, port: s.port! }));
}

/** INTERIM (see interimJobWiring): the job's security group into the database, cache and called services. */
export function interimJobAdmissions(
    name: string,
    job: ResolvedJob,
    spec: ResolvedConfig,
    dataTier: DataTier | undefined,
    jobSecurityGroupId: pulumi.Input<string>,
    serviceSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>,
    parent: pulumi.Resource,
): void {
    const db = job.uses.database ? dataTier?.database : undefined;
    if (db) admitGroup(`${name}-to-db`, { to: db.securityGroup.id, from: jobSecurityGroupId, port: db.port, description: `Job ${job.name} to PostgreSQL` }, parent);
    const cache = job.uses.cache ? dataTier?.cache : undefined;
    if (cache) admitGroup(`${name}-to-cache`, { to: cache.securityGroup.id, from: jobSecurityGroupId, port: cache.port, description: `Job ${job.name} to Redis` }, parent);
    for (const target of registered(spec).filter((r) => job.uses.services.includes(r.name))) {
        admitGroup(`${name}-to-${target.name}`, { to: serviceSecurityGroupIds[target.name], from: jobSecurityGroupId, port: target.port, description: `Job ${job.name} to service ${target.name}` }, parent);
    }
}
