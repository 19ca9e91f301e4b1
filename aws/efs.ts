import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, physicalName, type NamingContext } from "../components/naming";
import { PlatformComponent } from "../components/base";
import { applyTransform, type Transform } from "../components/transform";
import { emptyWiring, type LinkConsumer, type LinkGrantor, type ServiceWiring, type TaskPolicyStatement, type VolumeMount } from "./wiring";
import { admitGroup } from "./admit";

/** The NFS port. */
export const NFS_PORT = 2049;

/** One EFS volume of one service, in the shape the task definition's `efsVolumeConfiguration` needs. */
export type EfsVolumeMount = VolumeMount;

export interface VolumeRequest {
    /** Volume name, unique within the service. */
    name: string;
    /** Container path it is mounted at. */
    mountPath: string;
    /** Directory inside the file system; the access point roots the task here. */
    efsPath: string;
    /** Mount read-only (no ClientWrite for the task role). */
    readOnly: boolean;
}

export interface EfsVolumesArgs {
    /** App and stage, for names. */
    naming: NamingContext;
    /** VPC of the file system's security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets: one mount target each, so every AZ mounts locally. */
    subnetIds: pulumi.Input<string>[];
    /** Volumes per service name; each service is admitted on NFS when its volume links are granted. */
    volumes: Readonly<Record<string, readonly VolumeRequest[]>>;
    /** POSIX uid/gid every access goes through and that owns created directories. @default 1000 */
    posixId?: number;
    /** Days without access before files move to Infrequent Access. @default 30 */
    transitionToIaDays?: 7 | 14 | 30 | 60 | 90;
    /** Pulumi `protect` on the file system (prod profile). */
    protect: boolean;
    /** Per-child overrides. */
    transform?: {
        fileSystem?: Transform<aws.efs.FileSystemArgs>;
        accessPoint?: Transform<aws.efs.AccessPointArgs>;
    };
}

/**
 * One encrypted EFS file system for the stack's service volumes: lifecycle to Infrequent Access,
 * AWS Backup on, a mount target per private subnet, NFS admitted only from the services that
 * mount it, a file system policy refusing unencrypted (non-TLS) clients, and an access point per
 * volume that pins the POSIX user and roots the task in its own directory.
 */
export class EfsVolumes extends PlatformComponent implements LinkGrantor {
    readonly fileSystem: aws.efs.FileSystem;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** Per service: the volumes for its task definition. */
    readonly mounts: Readonly<Record<string, EfsVolumeMount[]>>;

    private readonly args: EfsVolumesArgs;
    private readonly statements: Record<string, Record<string, pulumi.Output<TaskPolicyStatement>>> = {};
    private readonly admitted = new Set<string>();

    constructor(name: string, args: EfsVolumesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:EfsVolumes", name, opts);
        this.args = args;
        const services = Object.keys(args.volumes).filter((s) => args.volumes[s].length > 0);

        this.fileSystem = this.createFileSystem(name);
        new aws.efs.BackupPolicy(`${name}-backup`, { fileSystemId: this.fileSystem.id, backupPolicy: { status: "ENABLED" } }, { parent: this });
        this.createTransportPolicy(name);
        this.securityGroup = this.createSecurityGroup(name, services);
        const targets = args.subnetIds.map((subnetId, i) => new aws.efs.MountTarget(`${name}-mount-${i + 1}`, {
            fileSystemId: this.fileSystem.id,
            subnetId,
            securityGroups: [this.securityGroup.id],
        }, { parent: this }));

        const mounts: Record<string, EfsVolumeMount[]> = {};
        for (const service of services) {
            mounts[service] = [];
            this.statements[service] = {};
            for (const vol of args.volumes[service]) {
                const ap = this.createAccessPoint(name, service, vol, targets);
                mounts[service].push({ name: vol.name, fileSystemId: this.fileSystem.id, accessPointId: ap.id, mountPath: vol.mountPath, readOnly: vol.readOnly });
                this.statements[service][vol.name] = clientStatement(this.fileSystem.arn, ap.arn, vol.readOnly);
            }
        }
        this.mounts = mounts;
        this.registerOutputs({ fileSystemId: this.fileSystem.id, securityGroupId: this.securityGroup.id });
    }

    private createFileSystem(name: string): aws.efs.FileSystem {
        const [n, fsArgs, fsOpts] = applyTransform<aws.efs.FileSystemArgs>(this.args.transform?.fileSystem, `${name}-fs`, {
            creationToken: physicalName(this.args.naming, "volumes"),
            // AWS-managed key (aws/elasticfilesystem); a customer key can be set through transform.
            encrypted: true,
            performanceMode: "generalPurpose",
            // Elastic throughput follows the workload; bursting would throttle a small file system
            // (its baseline scales with stored GB) exactly when a vector index is being loaded.
            throughputMode: "elastic",
            lifecyclePolicies: [
                { transitionToIa: `AFTER_${this.args.transitionToIaDays ?? 30}_DAYS` },
                // A file read again returns to Standard, so hot data never stays on per-access pricing.
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ],
            tags: { Name: physicalName(this.args.naming, "volumes") },
        }, { parent: this, protect: this.args.protect });
        return new aws.efs.FileSystem(n, fsArgs, fsOpts);
    }

    /** Refuses every request not made over TLS, so transit encryption is enforced server-side too. */
    private createTransportPolicy(name: string) {
        new aws.efs.FileSystemPolicy(`${name}-policy`, {
            fileSystemId: this.fileSystem.id,
            policy: this.fileSystem.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Sid: "DenyUnencryptedTransport",
                    Effect: "Deny",
                    Principal: { AWS: "*" },
                    Action: "*",
                    Resource: arn,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                }],
            })),
        }, { parent: this });
    }

    private createSecurityGroup(name: string, services: string[]): aws.ec2.SecurityGroup {
        const sgName = `${namePrefix(this.args.naming)}-efs`;
        // No inline rules (and so no egress: NFS replies are stateful); each admission is its own rule.
        const sg = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: this.args.vpcId,
            name: sgName,
            description: `EFS mount targets: NFS from ${services.join(", ")} only`,
            tags: { Name: sgName },
        }, { parent: this });
        return sg;
    }

    /**
     * A consumer that mounts one of its volumes: NFS admitted from its group (once per consumer),
     * the mount for its task definition, and a task-role grant for exactly that access point.
     */
    grant(consumer: LinkConsumer, volumeName: string): ServiceWiring {
        const mount = this.mounts[consumer.name]?.find((m) => m.name === volumeName);
        if (!mount) this.fail(`service "${consumer.name}" has no volume "${volumeName}"`);
        if (!this.admitted.has(consumer.name)) {
            this.admitted.add(consumer.name);
            admitGroup(`${this.baseName}-nfs-from-${consumer.name}`, {
                to: this.securityGroup.id, from: consumer.securityGroupId, port: NFS_PORT, description: `NFS from service ${consumer.name}`,
            }, this);
        }
        const w = emptyWiring();
        w.volumes.push(mount);
        w.taskPolicyStatements.push(this.statements[consumer.name][volumeName]);
        return w;
    }

    private createAccessPoint(name: string, service: string, vol: VolumeRequest, targets: aws.efs.MountTarget[]): aws.efs.AccessPoint {
        const id = this.args.posixId ?? 1000;
        const [n, apArgs, apOpts] = applyTransform<aws.efs.AccessPointArgs>(this.args.transform?.accessPoint, `${name}-${service}-${vol.name}`, {
            fileSystemId: this.fileSystem.id,
            // Every NFS call runs as this user whatever the container's user is (Qdrant runs as root).
            posixUser: { uid: id, gid: id },
            rootDirectory: {
                path: vol.efsPath,
                creationInfo: { ownerUid: id, ownerGid: id, permissions: "750" },
            },
            tags: { Name: `${namePrefix(this.args.naming)}-${service}-${vol.name}` },
            // Tasks that start before a mount target exists in their AZ fail to mount.
        }, { parent: this, dependsOn: targets });
        return new aws.efs.AccessPoint(n, apArgs, apOpts);
    }
}

/** Task-role grant to mount (and, unless read-only, write) through one access point only. */
export function clientStatement(fileSystemArn: pulumi.Input<string>, accessPointArn: pulumi.Input<string>, readOnly: boolean): pulumi.Output<TaskPolicyStatement> {
    return pulumi.all([fileSystemArn, accessPointArn]).apply(([fsArn, apArn]) => ({
        Effect: "Allow" as const,
        Action: readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: fsArn,
        Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": apArn } },
    }));
}
