import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedDatabase } from "../components/spec";
import { PlatformComponent } from "../components/base";
import { applyTransform, type Transform } from "../components/transform";
import { DATABASE_ENV } from "../components/env-contract";
import { admitGroup, storeSecurityGroup } from "./admit";
import { metricAlarm, type AlarmSpec } from "./alarm";
import { emptyWiring, type LinkConsumer, type LinkGrantor, type ServiceWiring } from "./wiring";

export interface DatabaseArgs {
    /** App and stage, for identifiers and Name tags. */
    naming: NamingContext;
    /** The resolved `platform:database` block (profile defaults applied). */
    database: ResolvedDatabase;
    /** VPC the security group lives in. */
    vpcId: pulumi.Input<string>;
    /** Isolated subnets (no route out of the VPC), one per AZ. */
    subnetIds: pulumi.Input<string>[];
    /** Customer-managed key for storage, the managed master secret and Performance Insights. */
    kmsKeyArn: pulumi.Input<string>;
    /** CPU alarm threshold, percent. @default 75 */
    cpuAlarmPercent?: number;
    /** Evaluation periods (1 minute each) before an alarm fires. @default 2 */
    alarmEvaluationPeriods?: number;
    /** SNS topic for alarm and OK notifications; without it the alarms exist but notify nobody. */
    alarmTopicArn?: pulumi.Input<string>;
    /** Pulumi `protect` (prod profile). @default false */
    protect?: boolean;
    /** Per-child overrides. */
    transform?: {
        instance?: Transform<aws.rds.InstanceArgs>;
        parameterGroup?: Transform<aws.rds.ParameterGroupArgs>;
        securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
        /** Applied to each of the database's alarms (CPU, free storage, connections). */
        alarm?: Transform<aws.cloudwatch.MetricAlarmArgs>;
    };
}

/** GiB of memory per size suffix of the burstable/general classes (db.t4g.micro = 1 GiB, ...). */
const MEMORY_GIB: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128 };

/**
 * RDS for PostgreSQL's default max_connections is LEAST(DBInstanceClassMemory/9531392, 5000)
 * (AWS RDS user guide, "Maximum number of database connections"). The alarm fires at 80 % of it.
 */
export function connectionAlarmThreshold(instanceClass: string): number {
    const size = instanceClass.split(".")[2] ?? "large";
    const bytes = (MEMORY_GIB[size] ?? 8) * 1024 ** 3;
    const max = Math.min(Math.floor(bytes / 9531392), 5000);
    return Math.floor(max * 0.8);
}

/** Free storage alarm: 10 % of the allocated size, at least 2 GiB, in bytes. */
export function freeStorageAlarmBytes(allocatedGb: number): number {
    return Math.max(2, allocatedGb * 0.1) * 1024 ** 3;
}

/**
 * RDS PostgreSQL in isolated subnets, reachable on its port only from the security groups of the
 * services that declare `uses: [database]`. The master password is created and rotated by RDS in
 * Secrets Manager (manageMasterUserPassword), so no password ever exists in this program, its
 * state or its plan; services read it through the secret's ARN.
 */
export class Database extends PlatformComponent implements LinkGrantor {
    readonly instance: aws.rds.Instance;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** Host name clients connect to. */
    readonly address: pulumi.Output<string>;
    readonly port: number;
    readonly databaseName: string;
    /** ARN of the RDS-managed secret holding `username` and `password`. */
    readonly masterSecretArn: pulumi.Output<string>;

    private readonly args: DatabaseArgs;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Database", name, opts);
        this.args = args;
        const db = args.database;
        this.port = db.port;
        this.databaseName = db.databaseName;

        this.securityGroup = storeSecurityGroup(name, {
            naming: args.naming, vpcId: args.vpcId, suffix: "db", description: "PostgreSQL: admits only the services that use the database", transform: args.transform?.securityGroup,
        }, this);
        const subnetGroup = new aws.rds.SubnetGroup(`${name}-subnets`, {
            name: physicalName(args.naming, "db-isolated", "rds"),
            description: "Isolated subnets: no route to the internet",
            subnetIds: args.subnetIds,
        }, { parent: this });
        const parameterGroup = this.createParameterGroup(name);
        const monitoringRole = this.createMonitoringRole(name);
        this.instance = this.createInstance(name, subnetGroup, parameterGroup, monitoringRole);
        this.address = this.instance.address;
        this.masterSecretArn = this.instance.masterUserSecrets.apply((s) => s[0]?.secretArn ?? "");
        this.createAlarms(name);

        this.registerOutputs({ address: this.address, port: this.port, databaseName: this.databaseName, masterSecretArn: this.masterSecretArn, securityGroupId: this.securityGroup.id });
    }

    /**
     * A consumer that uses the database: admitted on the port, given the connection settings as
     * environment and the password as a reference to the RDS-managed secret (ECS reads one JSON
     * key of it: `<arn>:<json-key>::`), never as a value.
     */
    grant(consumer: LinkConsumer): ServiceWiring {
        admitGroup(`${this.baseName}-from-${consumer.name}`, {
            to: this.securityGroup.id, from: consumer.securityGroupId, port: this.port, description: `PostgreSQL from service ${consumer.name}`,
        }, this);
        const w = emptyWiring();
        w.environment[DATABASE_ENV.host] = this.address;
        w.environment[DATABASE_ENV.port] = String(this.port);
        w.environment[DATABASE_ENV.name] = this.databaseName;
        w.environment[DATABASE_ENV.username] = this.args.database.username;
        w.secrets[DATABASE_ENV.password] = pulumi.interpolate`${this.masterSecretArn}:password::`;
        w.secretArns.push(this.masterSecretArn);
        w.kmsKeyArns.push(this.args.kmsKeyArn);
        return w;
    }

    private createParameterGroup(name: string): aws.rds.ParameterGroup {
        const db = this.args.database;
        const [n, pgArgs, pgOpts] = applyTransform<aws.rds.ParameterGroupArgs>(this.args.transform?.parameterGroup, `${name}-params`, {
            name: physicalName(this.args.naming, db.family, "rds"),
            family: db.family,
            description: `${db.family} with TLS required`,
            parameters: [
                // Clients must use TLS; RDS otherwise accepts plaintext connections inside the VPC.
                { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
                // Statements slower than 1 s go to the exported postgresql log.
                { name: "log_min_duration_statement", value: "1000", applyMethod: "immediate" },
            ],
        }, { parent: this });
        return new aws.rds.ParameterGroup(n, pgArgs, pgOpts);
    }

    private createMonitoringRole(name: string): aws.iam.Role {
        const role = new aws.iam.Role(`${name}-monitoring-role`, {
            name: physicalName(this.args.naming, "rds-monitoring", "iamRole"),
            // Only RDS of this account may assume it (RDS user guide, Enhanced Monitoring: confused deputy).
            assumeRolePolicy: aws.getCallerIdentityOutput({}, { parent: this }).accountId.apply((accountId) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "monitoring.rds.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
                }],
            })),
        }, { parent: this });
        new aws.iam.RolePolicyAttachment(`${name}-monitoring-policy`, {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        }, { parent: this });
        return role;
    }

    private createInstance(name: string, subnetGroup: aws.rds.SubnetGroup, parameterGroup: aws.rds.ParameterGroup, monitoringRole: aws.iam.Role): aws.rds.Instance {
        const db = this.args.database;
        const identifier = physicalName(this.args.naming, "db", "rds");
        const [n, dbArgs, dbOpts] = applyTransform<aws.rds.InstanceArgs>(this.args.transform?.instance, `${name}-instance`, {
            identifier,
            engine: "postgres",
            engineVersion: db.version,
            instanceClass: db.instanceClass,
            dbName: db.databaseName,
            username: db.username,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: this.args.kmsKeyArn,
            port: db.port,
            dbSubnetGroupName: subnetGroup.name,
            vpcSecurityGroupIds: [this.securityGroup.id],
            publiclyAccessible: false,
            parameterGroupName: parameterGroup.name,
            storageType: "gp3",
            allocatedStorage: db.allocatedStorage,
            maxAllocatedStorage: db.maxAllocatedStorage,
            storageEncrypted: true,
            kmsKeyId: this.args.kmsKeyArn,
            multiAz: db.multiAz,
            backupRetentionPeriod: db.backupRetentionDays,
            backupWindow: db.backupWindow,
            maintenanceWindow: db.maintenanceWindow,
            deletionProtection: db.deletionProtection,
            skipFinalSnapshot: !db.finalSnapshot,
            finalSnapshotIdentifier: db.finalSnapshot ? `${identifier}-final` : undefined,
            // Where a final snapshot is kept, keep the automated backups (point-in-time restore) too.
            deleteAutomatedBackups: !db.finalSnapshot,
            copyTagsToSnapshot: true,
            // RDS for PostgreSQL offers Performance Insights on every class, micro included: the
            // db.t2/t3/t4g micro and small exclusions apply to MySQL and MariaDB (RDS user guide,
            // USER_DatabaseInsights.Engines). 7 days of retention is the free tier.
            performanceInsightsEnabled: db.performanceInsights,
            performanceInsightsKmsKeyId: db.performanceInsights ? this.args.kmsKeyArn : undefined,
            performanceInsightsRetentionPeriod: db.performanceInsights ? 7 : undefined,
            monitoringInterval: 60,
            monitoringRoleArn: monitoringRole.arn,
            enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            autoMinorVersionUpgrade: true,
            // Major upgrades are a deliberate change, never a side effect of a version edit.
            allowMajorVersionUpgrade: false,
            caCertIdentifier: "rds-ca-rsa2048-g1",
            applyImmediately: false,
            tags: { Name: identifier },
        }, { parent: this, protect: this.args.protect ?? false });
        return new aws.rds.Instance(n, dbArgs, dbOpts);
    }

    private createAlarms(name: string) {
        const db = this.args.database;
        const common = {
            namespace: "AWS/RDS",
            evaluationPeriods: this.args.alarmEvaluationPeriods ?? 2,
            dimensions: { DBInstanceIdentifier: this.instance.identifier },
            topicArn: this.args.alarmTopicArn,
        };
        const prefix = physicalName(this.args.naming, "db");
        const alarm = (suffix: string, spec: Omit<AlarmSpec, keyof typeof common>) =>
            metricAlarm(`${name}-${suffix}`, { ...common, ...spec }, this, this.args.transform?.alarm);
        alarm("cpu-alarm", {
            name: `${prefix}-cpu-high`,
            description: `Database CPU above ${this.args.cpuAlarmPercent ?? 75} %`,
            metric: "CPUUtilization",
            statistic: "Average",
            comparison: "GreaterThanThreshold",
            threshold: this.args.cpuAlarmPercent ?? 75,
        });
        alarm("storage-alarm", {
            name: `${prefix}-free-storage-low`,
            description: "Database free storage below 10 % of the allocated size (min 2 GiB)",
            metric: "FreeStorageSpace",
            statistic: "Minimum",
            comparison: "LessThanThreshold",
            threshold: freeStorageAlarmBytes(db.allocatedStorage),
        });
        alarm("connections-alarm", {
            name: `${prefix}-connections-high`,
            description: "Database connections above 80 % of the class's default max_connections",
            metric: "DatabaseConnections",
            statistic: "Maximum",
            comparison: "GreaterThanThreshold",
            threshold: connectionAlarmThreshold(db.instanceClass),
        });
    }
}
