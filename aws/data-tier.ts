import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig, ResolvedService } from "../components/spec";
import { AppSecrets, secretEnvName } from "./app-secrets";
import { Bucket } from "./bucket";
import { Cache } from "./cache";
import { Database } from "./database";
import { DataKey } from "./kms";
import { emptyWiring, type ServiceWiring } from "./wiring";

export interface DataTierArgs {
    /** The resolved stack config (`database`, `cache`, `buckets`, `secrets`, `services`, profile). */
    spec: ResolvedConfig;
    /** VPC of the security groups. */
    vpcId: pulumi.Input<string>;
    /** Isolated subnets for the database and cache. */
    isolatedSubnetIds: pulumi.Input<string>[];
    /** Security group id per service name (aws/service-security-groups.ts). */
    serviceSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
    /**
     * SNS topic for the data alarms. The alarms are always created; without a topic they have no
     * actions (visible in the console, notify nobody) until the monitoring step passes one.
     */
    alarmTopicArn?: pulumi.Input<string>;
    /** CloudFront certificate (us-east-1) and host names for CDN buckets; default certificate otherwise. */
    cdn?: { certificateArn?: pulumi.Input<string>; aliases?: pulumi.Input<string>[] };
}

/** Env var holding a bucket's physical name: `assets` → `BUCKET_ASSETS`. */
export function bucketEnvName(bucket: string): string {
    return `BUCKET_${bucket.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/**
 * The stateful part of the stack on AWS: the data key, application secrets, PostgreSQL, Redis and
 * buckets (with CloudFront), plus what each service gets from the ones it uses (`wiring`):
 * connection settings as env vars, credentials as injected secrets, IAM statements.
 */
export class DataTier extends pulumi.ComponentResource {
    readonly key: DataKey;
    readonly database?: Database;
    readonly cache?: Cache;
    readonly buckets: Readonly<Record<string, Bucket>>;
    readonly secrets: AppSecrets;
    /** Per service name: what it gets from the data tier (merge into AwsStack.wiring). */
    readonly wiring: Readonly<Record<string, ServiceWiring>>;
    /** Endpoints and names for stack outputs. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:DataTier", name, {}, opts);
        const spec = args.spec;
        const protect = spec.protectStateful;
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const clients = (pred: (s: ResolvedService) => boolean) =>
            Object.fromEntries(spec.services.filter(pred).map((s) => [s.name, args.serviceSecurityGroupIds[s.name]]));
        const alarms = { alarmTopicArn: args.alarmTopicArn, alarmEvaluationPeriods: spec.alerts.evaluationPeriods };
        const recoveryWindowInDays = protect ? 30 : 7;

        this.key = new DataKey(`${name}-kms`, {
            naming: spec.naming,
            accountId: identity.accountId,
            allowCloudFront: spec.buckets.some((b) => b.cdn && b.encryption === "kms"),
            protect,
        }, { parent: this });
        const keyArn = this.key.arn;

        this.secrets = new AppSecrets(`${name}-secrets`, { naming: spec.naming, names: spec.secrets, values: spec.secretValues, kmsKeyArn: keyArn, recoveryWindowInDays, protect }, { parent: this });

        if (spec.database) {
            this.database = new Database(`${name}-db`, {
                naming: spec.naming,
                database: spec.database,
                vpcId: args.vpcId,
                subnetIds: args.isolatedSubnetIds,
                clientSecurityGroupIds: clients((s) => s.uses.database),
                kmsKeyArn: keyArn,
                cpuAlarmPercent: spec.alerts.databaseCpuPercent,
                protect,
                ...alarms,
            }, { parent: this });
        }
        if (spec.cache) {
            this.cache = new Cache(`${name}-cache`, {
                naming: spec.naming,
                cache: spec.cache,
                vpcId: args.vpcId,
                subnetIds: args.isolatedSubnetIds,
                clientSecurityGroupIds: clients((s) => s.uses.cache),
                kmsKeyArn: keyArn,
                cpuAlarmPercent: spec.alerts.cacheCpuPercent,
                memoryAlarmPercent: spec.alerts.cacheMemoryPercent,
                finalSnapshot: spec.profile.finalSnapshot,
                secretRecoveryWindowDays: recoveryWindowInDays,
                protect,
                ...alarms,
            }, { parent: this });
        }
        const buckets: Record<string, Bucket> = {};
        for (const b of spec.buckets) {
            buckets[b.name] = new Bucket(`${name}-${b.name}`, {
                naming: spec.naming,
                bucket: b,
                accountId: identity.accountId,
                kmsKeyArn: keyArn,
                cdnCertificateArn: args.cdn?.certificateArn,
                cdnAliases: args.cdn?.aliases,
                protect,
            }, { parent: this });
        }
        this.buckets = buckets;

        this.wiring = Object.fromEntries(spec.services.map((s) => [s.name, this.wire(s, keyArn)]));

        this.outputs = {
            kmsKeyArn: keyArn,
            ...(this.database ? { database: { address: this.database.address, port: this.database.port, name: this.database.databaseName, secretArn: this.database.masterSecretArn } } : {}),
            ...(this.cache ? { cache: { address: this.cache.primaryAddress, port: this.cache.port, authTokenSecretArn: this.cache.authTokenSecretArn } } : {}),
            buckets: Object.fromEntries(Object.entries(buckets).map(([k, b]) => [k, b.bucketName])),
            cdnDomains: Object.fromEntries(Object.entries(buckets).filter(([, b]) => b.cdn).map(([k, b]) => [k, b.cdn!.domainName])),
            secrets: this.secrets.arns,
        };
        this.registerOutputs(this.outputs);
    }

    /** What one service gets: only the parts it declared in `uses`, `secrets` and `permissions`. */
    private wire(s: ResolvedService, keyArn: pulumi.Output<string>): ServiceWiring {
        const w = emptyWiring();
        let needsKey = false;
        if (s.uses.database && this.database) {
            const db = this.database;
            w.environment.DATABASE_HOST = db.address;
            w.environment.DATABASE_PORT = String(db.port);
            w.environment.DATABASE_NAME = db.databaseName;
            // ECS reads single JSON keys of the RDS-managed secret: <arn>:<json-key>:<stage>:<version>.
            w.secrets.DATABASE_USERNAME = pulumi.interpolate`${db.masterSecretArn}:username::`;
            w.secrets.DATABASE_PASSWORD = pulumi.interpolate`${db.masterSecretArn}:password::`;
            w.secretArns.push(db.masterSecretArn);
            needsKey = true;
        }
        if (s.uses.cache && this.cache) {
            const c = this.cache;
            w.environment.REDIS_HOST = c.primaryAddress;
            w.environment.REDIS_PORT = String(c.port);
            // In-transit encryption is always on, so clients must connect with TLS (rediss://).
            w.environment.REDIS_TLS = "true";
            w.secrets.REDIS_AUTH_TOKEN = c.authTokenSecretArn;
            w.secretArns.push(c.authTokenSecretArn);
            needsKey = true;
        }
        for (const secretName of s.secrets) {
            const arn = this.secrets.arns[secretName];
            if (!arn) continue;
            w.secrets[secretEnvName(secretName)] = arn;
            w.secretArns.push(arn);
            needsKey = true;
        }
        if (needsKey) w.kmsKeyArns.push(keyArn);

        const bucketNames = [...new Set([...s.uses.buckets, ...s.permissions.buckets])];
        for (const bucketName of bucketNames) {
            const bucket = this.buckets[bucketName];
            if (!bucket) continue;
            w.environment[bucketEnvName(bucketName)] = bucket.bucketName;
            w.taskPolicyStatements.push(
                { Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucket.arn },
                { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: pulumi.interpolate`${bucket.arn}/*` },
            );
            if (bucket.kmsKeyArn) {
                w.taskPolicyStatements.push({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: bucket.kmsKeyArn });
            }
        }
        // SES / SNS grants (permissions.ses / .sns) come from aws/service-permissions.ts, which
        // applies whether or not the stack has a data tier.
        return w;
    }
}
