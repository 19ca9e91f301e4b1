import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedConfig } from "../components/spec";
import { AccessLogBucket } from "./access-logs";
import { AlarmTopic } from "./alarm-topic";
import { Ec2Capacity, type CapacityProviderStrategyItem } from "./capacity";
import { Cluster } from "./cluster";
import { DataTier } from "./data-tier";
import { ServiceDiscovery, discoveryWiring } from "./discovery";
import { EfsVolumes, type EfsVolumeMount } from "./efs";
import { AliasRecords, Domain } from "./domain";
import { certificateHosts, internalCallers, planLoadBalancers, type LoadBalancerPlan } from "./lb-layout";
import { LoadBalancer } from "./loadbalancer";
import { Monitoring } from "./monitoring";
import { Network } from "./network";
import { PeerAccess } from "./peer-access";
import { Registry } from "./registry";
import { Service } from "./service";
import { permissionStatements } from "./service-permissions";
import { ServiceSecurityGroups } from "./service-security-groups";
import { Waf } from "./waf";
import { emptyWiring, mergeWiring, type ServiceWiring } from "./wiring";
import { ImageBuilds, buildsOf, repositoryNames } from "./images";
import { Job } from "./job";
import { interimJobAdmissions, interimJobWiring } from "./job-wiring";

/** What the Service component needs per service from EC2 capacity, discovery and volumes. */
export interface ServiceExtras {
    /** Set when tasks run on the EC2 capacity provider (instead of the Fargate launch type). */
    capacityProviderStrategy?: CapacityProviderStrategyItem[];
    /** Cloud Map service ARN, for services with `discovery: true`. */
    serviceRegistryArn?: pulumi.Input<string>;
    /** EFS volumes for the task definition, for services with `volumes`. */
    efsVolumes?: EfsVolumeMount[];
}

export interface AwsStackArgs {
    /** The resolved application description (from stacks/, or built by hand). Must have `aws` set. */
    spec: ResolvedConfig;
}

/**
 * Everything the app needs on AWS, composed from our components in dependency order. The AWS
 * provider (region, default tags) comes from the caller through `opts.providers`, so every child
 * inherits it and carries the standard tags.
 */
export class AwsStack extends pulumi.ComponentResource {
    readonly network: Network;
    /** One security group per service; data tier, EFS, load balancer and peers admit these. */
    readonly serviceSecurityGroups: ServiceSecurityGroups;
    /** What each service gets from what it uses (filled by the data tier, discovery, volumes). */
    readonly wiring: Record<string, ServiceWiring>;
    readonly cluster: Cluster;
    /** SNS topic every alarm of the stack notifies (email subscription from alerts.email). */
    readonly alarmTopic: AlarmTopic;
    /** EC2 container instances (aws.compute.type ec2), Cloud Map and EFS, when configured. */
    readonly capacity?: Ec2Capacity;
    readonly discovery?: ServiceDiscovery;
    readonly volumes?: EfsVolumes;
    /** Per service name: what to pass to its Service besides its wiring. */
    readonly serviceExtras: Record<string, ServiceExtras>;
    /** KMS key, app secrets, database, cache, buckets; absent when the stack declares none of them. */
    readonly dataTier?: DataTier;
    /** ECR repositories, one per service without an explicit image. */
    readonly registry: Registry;
    /** Certificate and hosted zone, when a domain is set. */
    readonly domain?: Domain;
    /** ALBs by key: "shared", or the service name with loadBalancers: perService. */
    readonly loadBalancers: Record<string, LoadBalancer>;
    /** ECS services by service name. */
    readonly services: Record<string, Service>;
    readonly monitoring: Monitoring;
    /** Images built from source (services[].build, jobs[].build), by name: `<repository>@sha256:...`. */
    readonly imageRefs: Readonly<Record<string, pulumi.Output<string>>>;
    /** ECS jobs by job name. */
    readonly jobs: Record<string, Job>;
    /** Stack outputs for this cloud, grouped under `aws` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: AwsStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Stack", name, {}, opts);
        const spec = args.spec;
        const awsSpec = spec.aws;
        if (!awsSpec) throw new Error("AwsStack needs spec.aws (clouds must include aws)");

        // Build order (each step only needs the ones above it):
        // 1. network
        this.network = this.createNetwork(name, spec);
        // 2. one security group per service, so the data tier, EFS, the load balancer and other
        //    services can admit exactly those groups
        this.serviceSecurityGroups = new ServiceSecurityGroups(`${name}-services`, {
            naming: spec.naming,
            vpcId: this.network.vpcId,
            services: spec.services.map((s) => s.name),
        }, { parent: this });
        this.wiring = Object.fromEntries(spec.services.map((s) => [s.name, emptyWiring()]));
        // The alarm topic comes first so data-tier, service and load balancer alarms all notify it.
        this.alarmTopic = new AlarmTopic(`${name}-alerts`, { naming: spec.naming, email: spec.alerts.email }, { parent: this });
        // 3. data tier: KMS key, secrets, database, cache, buckets → this.wiring per service (aws/data*.ts)
        if (spec.database || spec.cache || spec.buckets.length > 0 || spec.secrets.length > 0) {
            this.dataTier = new DataTier(`${name}-data`, {
                spec,
                alarmTopicArn: this.alarmTopic.arn,
                vpcId: this.network.vpcId,
                isolatedSubnetIds: this.network.isolatedSubnetIds,
                serviceSecurityGroupIds: this.serviceSecurityGroups.ids,
            }, { parent: this });
            for (const [service, w] of Object.entries(this.dataTier.wiring)) this.wiring[service] = mergeWiring(this.wiring[service], w);
        }
        // Task-role grants the service asks for directly (SES, SNS), so serviceWiring shows them too.
        const accountId = spec.services.some((s) => s.permissions.ses) ? aws.getCallerIdentityOutput({}, { parent: this }).accountId : "";
        for (const s of spec.services) {
            this.wiring[s.name] = mergeWiring(this.wiring[s.name], { ...emptyWiring(), taskPolicyStatements: permissionStatements(s, awsSpec.region, accountId) });
        }
        // 4. shared app infra: registry, cluster and its capacity, load balancer(s), domain/TLS
        this.cluster = new Cluster(`${name}-cluster`, {
            naming: spec.naming,
            containerInsights: awsSpec.containerInsights,
        }, { parent: this });
        this.capacity = this.createCapacity(name, spec);
        this.discovery = this.createDiscovery(name, spec);
        this.volumes = this.createVolumes(name, spec);
        this.serviceExtras = this.collectServiceExtras(spec);
        this.registry = new Registry(`${name}-registry`, {
            naming: spec.naming,
            services: repositoryNames(spec),
            lifecycle: awsSpec.ecr,
            immutableTags: awsSpec.ecr.immutableTags,
            protect: spec.protectStateful,
        }, { parent: this });
        const builds = buildsOf(spec);
        this.imageRefs = Object.keys(builds).length === 0 ? {} : new ImageBuilds(`${name}-images`, {
            builds,
            repositoryUrls: this.registry.repositoryUrls,
            tag: spec.release,
        }, { parent: this }).refs;
        const lbPlans = planLoadBalancers(spec);
        this.domain = spec.domain && lbPlans.length > 0 ? this.createDomain(name, spec, certificateHosts(lbPlans)) : undefined;
        this.loadBalancers = this.createLoadBalancers(name, spec, lbPlans);
        // 5. services (Fargate or EC2 capacity), with their wiring, discovery and volumes
        this.services = this.createServices(name, spec, lbPlans);
        this.createPeerAccess(name, spec);
        // 6. monitoring: alarm topic, per-service / LB / data alarms, dashboard
        this.monitoring = this.createMonitoring(name, spec, lbPlans);
        if (awsSpec.waf && lbPlans.length > 0) {
            new Waf(`${name}-waf`, {
                naming: spec.naming,
                loadBalancers: Object.fromEntries(Object.entries(this.loadBalancers).map(([k, lb]) => [k, lb.arn])),
            }, { parent: this });
        }

        this.jobs = this.createJobs(name, spec);

        this.outputs = {
            region: awsSpec.region,
            vpcId: this.network.vpcId,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            isolatedSubnetIds: this.network.isolatedSubnetIds,
            clusterName: this.cluster.name,
            capacityProviderName: this.capacity?.capacityProvider.name,
            discoveryNamespace: this.discovery?.namespaceName,
            fileSystemId: this.volumes?.fileSystem.id,
            ...(this.dataTier ? { data: this.dataTier.outputs } : {}),
            // What each service reads from its environment (names → values or secret ARNs, never secret values).
            serviceWiring: this.wiring,
            ...this.appOutputs(spec, lbPlans),
            ...(spec.jobs.length > 0 ? { jobs: this.jobOutputs() } : {}),
        };
        this.registerOutputs(this.outputs);
    }

    private createCapacity(name: string, spec: ResolvedConfig): Ec2Capacity | undefined {
        const compute = spec.aws!.compute;
        if (compute.type !== "ec2") return undefined;
        return new Ec2Capacity(`${name}-capacity`, {
            naming: spec.naming,
            clusterName: this.cluster.name,
            vpcId: this.network.vpcId,
            subnetIds: this.network.privateSubnetIds,
            instanceType: compute.instanceType,
            minSize: compute.min,
            maxSize: compute.max,
            targetCapacity: compute.targetCapacity,
            tags: { ...spec.tags },
        }, { parent: this });
    }

    /** Cloud Map for services with `discovery`, and `<NAME>_HOST` / `<NAME>_PORT` for their users. */
    private createDiscovery(name: string, spec: ResolvedConfig): ServiceDiscovery | undefined {
        const registered = spec.services.filter((s) => s.discovery && s.port !== undefined).map((s) => ({ name: s.name, port: s.port! }));
        if (registered.length === 0) return undefined;
        const namespace = spec.aws!.discovery.namespace;
        for (const s of spec.services) this.wiring[s.name] = mergeWiring(this.wiring[s.name], discoveryWiring(s.uses.services, registered, namespace));
        return new ServiceDiscovery(`${name}-discovery`, { namespace, vpcId: this.network.vpcId, services: registered }, { parent: this });
    }

    /** One EFS file system for every service volume; mounting services get task-role grants. */
    private createVolumes(name: string, spec: ResolvedConfig): EfsVolumes | undefined {
        const mounting = spec.services.filter((s) => s.volumes.length > 0);
        if (mounting.length === 0) return undefined;
        const efs = new EfsVolumes(`${name}-volumes`, {
            naming: spec.naming,
            vpcId: this.network.vpcId,
            subnetIds: this.network.privateSubnetIds,
            volumes: Object.fromEntries(mounting.map((s) => [s.name, s.volumes])),
            serviceSecurityGroupIds: Object.fromEntries(mounting.map((s) => [s.name, this.serviceSecurityGroups.ids[s.name]])),
            protect: spec.protectStateful,
        }, { parent: this });
        for (const s of mounting) this.wiring[s.name] = mergeWiring(this.wiring[s.name], efs.wiring[s.name]);
        return efs;
    }

    private collectServiceExtras(spec: ResolvedConfig): Record<string, ServiceExtras> {
        return Object.fromEntries(spec.services.map((s) => [s.name, {
            capacityProviderStrategy: this.capacity?.capacityProviderStrategy,
            serviceRegistryArn: this.discovery?.registryArns[s.name],
            efsVolumes: this.volumes?.mounts[s.name],
        }]));
    }

    private createDomain(name: string, spec: ResolvedConfig, hosts: string[]): Domain {
        const d = spec.domain!;
        return new Domain(`${name}-domain`, {
            name: d.name,
            alternativeNames: hosts,
            zoneId: d.zoneId,
            zoneName: d.zoneName,
            createZone: d.createZone,
            protect: spec.protectStateful,
        }, { parent: this });
    }

    private createLoadBalancers(name: string, spec: ResolvedConfig, plans: LoadBalancerPlan[]): Record<string, LoadBalancer> {
        const logs = spec.aws!.accessLogs && plans.length > 0
            ? new AccessLogBucket(`${name}-alb-logs`, {
                naming: spec.naming,
                region: spec.aws!.region,
                expireDays: spec.logRetentionDays,
                forceDestroy: spec.profile.bucketForceDestroy,
                protect: spec.protectStateful,
            }, { parent: this })
            : undefined;
        const out: Record<string, LoadBalancer> = {};
        for (const p of plans) {
            const lbName = p.key === "shared" ? `${name}-lb` : `${name}-lb-${p.key}`;
            const lb = new LoadBalancer(lbName, {
                naming: spec.naming,
                role: p.role,
                vpcId: this.network.vpcId,
                subnetIds: this.network.publicSubnetIds,
                targets: p.services.map((s) => ({
                    name: s.name,
                    port: s.port!,
                    routes: s.routes,
                    healthCheck: s.healthCheck,
                    securityGroupId: this.serviceSecurityGroups.ids[s.name],
                })),
                defaultTarget: p.defaultTarget,
                certificateArn: this.domain?.certificateArn,
                accessLogsBucket: logs?.bucketName,
                deletionProtection: spec.profile.deletionProtection,
            }, { parent: this });
            if (this.domain && p.hosts.length > 0) {
                new AliasRecords(`${lbName}-dns`, { zoneId: this.domain.zoneId, hosts: p.hosts, targetDnsName: lb.dnsName, targetZoneId: lb.zoneId }, { parent: this });
            }
            out[p.key] = lb;
        }
        return out;
    }

    private createServices(name: string, spec: ResolvedConfig, plans: LoadBalancerPlan[]): Record<string, Service> {
        const out: Record<string, Service> = {};
        for (const s of spec.services) {
            const plan = plans.find((p) => p.services.some((x) => x.name === s.name));
            const lb = plan && this.loadBalancers[plan.key];
            const repo = this.registry.repositories[s.name];
            out[s.name] = new Service(`${name}-svc-${s.name}`, {
                naming: spec.naming,
                service: s,
                region: spec.aws!.region,
                clusterArn: this.cluster.arn,
                clusterName: this.cluster.name,
                subnetIds: this.network.privateSubnetIds,
                securityGroupId: this.serviceSecurityGroups.ids[s.name],
                wiring: this.wiring[s.name],
                image: this.imageOf(s.name, s.image, s.imageTag),
                repositoryArn: repo?.arn,
                logRetentionDays: spec.logRetentionDays,
                rollout: spec.aws!.rollout,
                targetGroupArn: lb?.targetGroups[s.name].arn,
                dependsOn: lb?.listeners ?? [],
                // EC2 capacity, Cloud Map registration and EFS mounts, when configured.
                ...this.serviceExtras[s.name],
            }, { parent: this });
        }
        return out;
    }

    private createPeerAccess(name: string, spec: ResolvedConfig) {
        const grants = internalCallers(spec).map((g) => ({ target: g.target.name, port: g.target.port!, callers: g.callers }));
        if (grants.length === 0) return;
        new PeerAccess(`${name}-peers`, { grants, securityGroupIds: this.serviceSecurityGroups.ids }, { parent: this });
    }

    private createMonitoring(name: string, spec: ResolvedConfig, plans: LoadBalancerPlan[]): Monitoring {
        return new Monitoring(`${name}-monitoring`, {
            naming: spec.naming,
            region: spec.aws!.region,
            alerts: spec.alerts,
            alarmTopicArn: this.alarmTopic.arn,
            clusterName: this.cluster.name,
            services: spec.services.map((s) => s.name),
            loadBalancers: plans.map((p) => {
                const lb = this.loadBalancers[p.key];
                return {
                    label: p.key === "shared" ? "alb" : `${p.key}-alb`,
                    arnSuffix: lb.arnSuffix,
                    targetGroups: p.services.map((s) => ({ service: s.name, arnSuffix: lb.targetGroups[s.name].arnSuffix })),
                };
            }),
        }, { parent: this });
    }

    /** url (one per service with perService ALBs), registry URLs, service and log group names. */
    private appOutputs(spec: ResolvedConfig, plans: LoadBalancerPlan[]): Record<string, pulumi.Input<unknown>> {
        const urlOf = (p: LoadBalancerPlan): pulumi.Input<string> => p.hosts.length > 0 && this.domain
            ? `https://${p.hosts[0]}`
            : pulumi.interpolate`http://${this.loadBalancers[p.key].dnsName}`;
        const url = plans.length === 0 ? undefined
            : spec.aws!.loadBalancers === "perService" ? Object.fromEntries(plans.map((p) => [p.key, urlOf(p)])) : urlOf(plans[0]);
        return {
            ...(url === undefined ? {} : { url }),
            ecrRepositoryUrls: this.registry.repositoryUrls,
            serviceNames: Object.fromEntries(Object.entries(this.services).map(([k, s]) => [k, s.name])),
            logGroupNames: Object.fromEntries(Object.entries(this.services).map(([k, s]) => [k, s.logGroupName])),
            ...(this.domain ? { certificateArn: this.domain.certificateArn } : {}),
        };
    }

    private createNetwork(name: string, spec: ResolvedConfig): Network {
        const net = spec.aws!.network;
        // AZ count is known at plan time; only the names come from the lookup.
        const zones = net.azs ? undefined : aws.getAvailabilityZonesOutput({ state: "available" }, { parent: this });
        const availabilityZones = Array.from({ length: net.azCount }, (_, i) => net.azs ? net.azs[i] : zones!.names[i]);
        return new Network(`${name}-network`, {
            naming: spec.naming,
            region: spec.aws!.region,
            cidr: net.cidr,
            availabilityZones,
            subnets: net.subnets,
            natGateways: net.natGateways,
            flowLogs: net.flowLogs,
            flowLogRetentionDays: spec.logRetentionDays,
            interfaceEndpoints: net.endpoints,
        }, { parent: this });
    }

    /** The image a service or job runs: built (by digest), explicit, or its repository at its tag. */
    private imageOf(target: string, image: string | undefined, tag: string): pulumi.Input<string> {
        if (this.imageRefs[target]) return this.imageRefs[target];
        if (image) return image;
        return pulumi.interpolate`${this.registry.repositories[target].repositoryUrl}:${tag}`;
    }

    /**
     * Jobs (aws/job.ts). Called last: a job only reads what the rest built. Their wiring comes from
     * the interim helper until the per-link grants land (then: `this.grantsFor(job)`).
     */
    private createJobs(name: string, spec: ResolvedConfig): Record<string, Job> {
        const out: Record<string, Job> = {};
        for (const j of spec.jobs) {
            const source = j.imageFrom ?? j.name;
            const sourceSpec = j.imageFrom ? spec.services.find((s) => s.name === j.imageFrom)! : j;
            const jobName = `${name}-job-${j.name}`;
            const job = new Job(jobName, {
                naming: spec.naming,
                job: j,
                region: spec.aws!.region,
                clusterArn: this.cluster.arn,
                clusterName: this.cluster.name,
                vpcId: this.network.vpcId,
                subnetIds: this.network.privateSubnetIds,
                image: this.imageOf(source, sourceSpec.image, sourceSpec.imageTag),
                repositoryArn: this.registry.repositories[source]?.arn,
                wiring: interimJobWiring(j, spec, this.dataTier),
                logRetentionDays: spec.logRetentionDays,
                scheduled: j.schedule?.clouds.includes("aws") ?? false,
            }, { parent: this });
            interimJobAdmissions(jobName, j, spec, this.dataTier, job.securityGroup.id, this.serviceSecurityGroups.ids, this);
            out[j.name] = job;
        }
        return out;
    }

    /** Per job: the exact command that runs it once, its task definition and schedule. */
    private jobOutputs(): Record<string, pulumi.Input<unknown>> {
        return Object.fromEntries(Object.entries(this.jobs).map(([k, j]) => [k, {
            runCommand: j.runCommand,
            taskDefinitionArn: j.taskDefinition.arn,
            securityGroupId: j.securityGroup.id,
            logGroupName: j.logGroup.name,
            ...(j.schedule ? { schedule: j.schedule.name } : {}),
        }]));
    }
}
