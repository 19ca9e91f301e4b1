import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NamingContext } from "../components/naming";
import type { ResolvedBucket, ResolvedCache, ResolvedDatabase, SecretText } from "../components/spec";
import { AppSecrets } from "./app-secrets";
import { Bucket } from "./bucket";
import { Cache } from "./cache";
import { Database } from "./database";
import { DataKey } from "./kms";

export { bucketEnvName } from "../components/env-contract";

export interface DataTierArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Managed PostgreSQL, when wanted. */
    database?: ResolvedDatabase;
    /** Managed Redis, when wanted. */
    cache?: ResolvedCache;
    /** Buckets. @default [] */
    buckets?: readonly ResolvedBucket[];
    /** Application secret names (created empty unless `secretValues` has one). @default [] */
    secrets?: readonly string[];
    /** Values from encrypted stack config, by secret name; a secret without one stays empty. @default {} */
    secretValues?: Readonly<Record<string, SecretText>>;
    /** Region of the stack: scopes KMS use through S3 (kms:ViaService). @default "us-east-1" */
    region?: string;
    /** VPC of the security groups. */
    vpcId: pulumi.Input<string>;
    /** Isolated subnets for the database and cache. */
    isolatedSubnetIds: pulumi.Input<string>[];
    /** Pulumi `protect` and 30-day secret recovery (prod profile). @default false */
    protect?: boolean;
    /** Final snapshot of the cache on deletion. @default true */
    finalSnapshot?: boolean;
    /** Alarm destination and thresholds for the database and cache. */
    alarms?: {
        /** SNS topic; without it the alarms exist but notify nobody. */
        topicArn?: pulumi.Input<string>;
        /** Evaluation periods (1 minute each). @default 2 */
        evaluationPeriods?: number;
        /** @default 75 */
        databaseCpuPercent?: number;
        /** @default 75 */
        cacheCpuPercent?: number;
        /** @default 80 */
        cacheMemoryPercent?: number;
    };
    /** CloudFront certificate (us-east-1) and host names for CDN buckets; default certificate otherwise. */
    cdn?: { certificateArn?: pulumi.Input<string>; aliases?: pulumi.Input<string>[] };
}

/**
 * The stateful part of the stack on AWS: the data key, application secrets, PostgreSQL, Redis and
 * buckets (with CloudFront). Each store grants its own links (`grant(consumer)`): this component
 * only creates them with one key and one set of alarm settings.
 */
export class DataTier extends pulumi.ComponentResource {
    readonly key: DataKey;
    readonly database?: Database;
    readonly cache?: Cache;
    readonly buckets: Readonly<Record<string, Bucket>>;
    readonly secrets: AppSecrets;
    /** Endpoints and names for stack outputs. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:DataTier", name, {}, opts);
        const protect = args.protect ?? false;
        const buckets = args.buckets ?? [];
        const identity = aws.getCallerIdentityOutput({}, { parent: this });
        const alarms = { alarmTopicArn: args.alarms?.topicArn, alarmEvaluationPeriods: args.alarms?.evaluationPeriods ?? 2 };
        const recoveryWindowInDays = protect ? 30 : 7;

        this.key = new DataKey(`${name}-kms`, {
            naming: args.naming,
            accountId: identity.accountId,
            allowCloudFront: buckets.some((b) => b.cdn && b.encryption === "kms"),
            protect,
        }, { parent: this });
        const keyArn = this.key.arn;

        this.secrets = new AppSecrets(`${name}-secrets`, { naming: args.naming, names: args.secrets ?? [], values: args.secretValues, kmsKeyArn: keyArn, recoveryWindowInDays, protect }, { parent: this });

        if (args.database) {
            this.database = new Database(`${name}-db`, {
                naming: args.naming,
                database: args.database,
                vpcId: args.vpcId,
                subnetIds: args.isolatedSubnetIds,
                kmsKeyArn: keyArn,
                cpuAlarmPercent: args.alarms?.databaseCpuPercent ?? 75,
                protect,
                ...alarms,
            }, { parent: this });
        }
        if (args.cache) {
            this.cache = new Cache(`${name}-cache`, {
                naming: args.naming,
                cache: args.cache,
                vpcId: args.vpcId,
                subnetIds: args.isolatedSubnetIds,
                kmsKeyArn: keyArn,
                cpuAlarmPercent: args.alarms?.cacheCpuPercent ?? 75,
                memoryAlarmPercent: args.alarms?.cacheMemoryPercent ?? 80,
                finalSnapshot: args.finalSnapshot ?? true,
                secretRecoveryWindowDays: recoveryWindowInDays,
                protect,
                ...alarms,
            }, { parent: this });
        }
        const byName: Record<string, Bucket> = {};
        for (const b of buckets) {
            byName[b.name] = new Bucket(`${name}-${b.name}`, {
                naming: args.naming,
                bucket: b,
                accountId: identity.accountId,
                kmsKeyArn: keyArn,
                cdnCertificateArn: args.cdn?.certificateArn,
                cdnAliases: args.cdn?.aliases,
                region: args.region,
                protect,
            }, { parent: this });
        }
        this.buckets = byName;

        this.outputs = {
            kmsKeyArn: keyArn,
            ...(this.database ? { database: { address: this.database.address, port: this.database.port, name: this.database.databaseName, secretArn: this.database.masterSecretArn } } : {}),
            ...(this.cache ? { cache: { address: this.cache.primaryAddress, port: this.cache.port, authTokenSecretArn: this.cache.authTokenSecretArn } } : {}),
            buckets: Object.fromEntries(Object.entries(byName).map(([k, b]) => [k, b.bucketName])),
            cdnDomains: Object.fromEntries(Object.entries(byName).filter(([, b]) => b.cdn).map(([k, b]) => [k, b.cdn!.domainName])),
            secrets: this.secrets.arns,
        };
        this.registerOutputs(this.outputs);
    }
}
