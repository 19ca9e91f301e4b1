import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformComponent } from "../components/base";
import type { DnsWriter } from "../components/dns";
import type { Link, ResolvedConfig, ResolvedService } from "../components/spec";
import { AccessLogBucket } from "./access-logs";
import { AlarmTopic } from "./alarm-topic";
import { Ec2Capacity } from "./capacity";
import { Cluster } from "./cluster";
import { DataTier } from "./data-tier";
import { ServiceDiscovery } from "./discovery";
import { EfsVolumes } from "./efs";
import { ImageBuilds, buildsOf, repositoryNames } from "./images";
import { Job } from "./job";
import { AliasRecords, Domain } from "./domain";
import { certificateHosts, planLoadBalancers, type LoadBalancerPlan } from "./lb-layout";
import { LoadBalancer } from "./loadbalancer";
import { Monitoring } from "./monitoring";
import { Network, type NetworkRef } from "./network";
import { PeerAccess } from "./peer-access";
import { Registry } from "./registry";
import { Service } from "./service";
import { permissionStatements } from "./service-permissions";
import { linkedPorts, restrictedEgressRules, ServiceSecurityGroups } from "./service-security-groups";
import { Waf } from "./waf";
import { emptyWiring, mergeWiring, wiringView, type LinkConsumer, type ServiceWiring } from "./wiring";

export interface AwsStackArgs {
    /** The app model (from stacks/, or built by hand). Must have `aws` set. */
    spec: ResolvedConfig;
    /** Writes records into the domain's zone when it is in Cloud DNS (domain.dns: clouddns). @default Route 53 records */
    dns?: DnsWriter;
}

/** Links granted before the service's own permissions: the stores and secrets it reads. */
const STORE_LINKS: ReadonlySet<Link["kind"]> = new Set(["database", "cache", "secret", "bucket"]);

/**
 * The app on AWS: one component per node of the model (network, data tier, cluster, discovery,
 * volumes, registry, load balancers, services), then every link granted by its target. The AWS
 * provider (region, default tags) comes from the caller through `opts.providers`.
 */
export class AwsStack extends PlatformComponent {
    /** Our VPC, or the existing one named by `aws.network.existing`. */
    readonly network: NetworkRef;
    /** One security group per service: what every link target admits. */
    readonly serviceSecurityGroups: ServiceSecurityGroups;
    /** SNS topic every alarm of the stack notifies (email subscription from alerts.email). */
    readonly alarmTopic: AlarmTopic;
    /** KMS key, app secrets, database, cache, buckets; absent when the stack declares none of them. */
    readonly dataTier?: DataTier;
    readonly cluster: Cluster;
    /** EC2 container instances (aws.compute.type ec2), Cloud Map and EFS, when configured. */
    readonly capacity?: Ec2Capacity;
    readonly discovery?: ServiceDiscovery;
    readonly volumes?: EfsVolumes;
    /** Service-to-service admission and addresses, when a service uses another. */
    readonly peers?: PeerAccess;
    /** ECR repositories, one per service without an explicit image. */
    readonly registry: Registry;
    /** Certificate and hosted zone, when a domain is set. */
    readonly domain?: Domain;
    /** ALBs by key: "shared", or the service name with loadBalancers: perService. */
    readonly loadBalancers: Record<string, LoadBalancer>;
    /** The ALB answering the domain's main name and AWS's own host (target of cross-cloud DNS routing). */
    readonly entryLoadBalancer?: LoadBalancer;
    /** What each service got from its links and permissions, by service name. */
    readonly wiring: Record<string, ServiceWiring>;
    /** ECS services by service name. */
    readonly services: Record<string, Service>;
    /** Images built from source (services[].build, jobs[].build), by name: `<repository>@sha256:...`. */
    readonly imageRefs: Readonly<Record<string, pulumi.Output<string>>>;
    /** ECS jobs (one-off or scheduled tasks) by job name. */
    readonly jobs: Record<string, Job>;
    readonly monitoring: Monitoring;
    /** Stack outputs for this cloud, grouped under `aws` by the caller. */
    readonly outputs: Record<string, pulumi.Input<unknown>>;

    constructor(name: string, args: AwsStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Stack", name, opts);
        const spec = args.spec;
        const awsSpec = spec.aws;
        if (!awsSpec) this.fail("needs spec.aws (clouds must include aws)");
        const naming = spec.naming;
        const child = { parent: this };

        // Nodes.
        this.network = this.createNetwork(name, spec);
        this.serviceSecurityGroups = new ServiceSecurityGroups(`${name}-services`, {
            naming,
            vpcId: this.network.vpcId,
            services: spec.services.map((s) => s.name),
            egress: awsSpec.egress === "restricted"
                ? { vpcCidr: this.network.cidr, ports: Object.fromEntries(spec.services.map((s) => [s.name, linkedPorts(spec, s.name)])) }
                : undefined,
        }, child);
        // The alarm topic comes first so data-tier, service and load balancer alarms all notify it.
        this.alarmTopic = new AlarmTopic(`${name}-alerts`, { naming, email: spec.alerts.email }, child);
        this.dataTier = this.createDataTier(name, spec);
        this.cluster = new Cluster(`${name}-cluster`, { naming, containerInsights: awsSpec.containerInsights }, child);
        this.capacity = awsSpec.compute.type !== "ec2" ? undefined : new Ec2Capacity(`${name}-capacity`, {
            naming,
            clusterName: this.cluster.name,
            vpcId: this.network.vpcId,
            subnetIds: this.network.privateSubnetIds,
            instanceType: awsSpec.compute.instanceType,
            minSize: awsSpec.compute.min,
            maxSize: awsSpec.compute.max,
            targetCapacity: awsSpec.compute.targetCapacity,
            tags: { ...spec.tags },
            // SSM Session Manager on hosts is a shell too: in prod only with the stack's opt-in.
            ssmSessions: spec.environment !== "prod" || awsSpec.allowExecInProd === true,
            restrictEgress: awsSpec.egress === "restricted",
        }, child);
        this.discovery = this.createDiscovery(name, spec);
        this.volumes = this.createVolumes(name, spec);
        this.peers = this.createPeers(name, spec);
        this.registry = new Registry(`${name}-registry`, {
            naming,
            services: repositoryNames(spec),
            lifecycle: awsSpec.ecr,
            immutableTags: awsSpec.ecr.immutableTags,
            protect: spec.protectStateful,
        }, child);
        const lbPlans = planLoadBalancers(spec);
        this.domain = spec.domain && lbPlans.length > 0 ? this.createDomain(name, spec, certificateHosts(lbPlans), args.dns) : undefined;
        this.loadBalancers = this.createLoadBalancers(name, spec, lbPlans, args.dns);
        const entry = lbPlans.find((p) => spec.domain && p.served.includes(spec.domain.name)) ?? lbPlans[0];
        this.entryLoadBalancer = entry && this.loadBalancers[entry.key];

        const builds = buildsOf(spec);
        this.imageRefs = Object.keys(builds).length === 0 ? {} : new ImageBuilds(`${name}-images`, {
            builds,
            repositoryUrls: this.registry.repositoryUrls,
            tag: spec.release,
        }, child).refs;

        // Links: every service and job gets what each link's target grants it, and its own permissions.
        this.wiring = Object.fromEntries(spec.services.map((s) => [s.name, this.grantLinks(s, spec)]));
        this.services = Object.fromEntries(spec.services.map((s) => [s.name, this.createService(name, spec, s, lbPlans)]));

        this.jobs = this.createJobs(name, spec);
        this.monitoring = this.createMonitoring(name, spec, lbPlans);
        if (awsSpec.waf && lbPlans.length > 0) {
            new Waf(`${name}-waf`, { naming, loadBalancers: Object.fromEntries(Object.entries(this.loadBalancers).map(([k, lb]) => [k, lb.arn])) }, child);
        }
        this.outputs = {
            region: awsSpec.region,
            vpcId: this.network.vpcId,
            vpcCidr: this.network.cidr,
            publicSubnetIds: this.network.publicSubnetIds,
            privateSubnetIds: this.network.privateSubnetIds,
            isolatedSubnetIds: this.network.isolatedSubnetIds,
            clusterName: this.cluster.name,
            capacityProviderName: this.capacity?.capacityProvider.name,
            discoveryNamespace: this.discovery?.namespaceName,
            fileSystemId: this.volumes?.fileSystem.id,
            ...(this.dataTier ? { data: this.dataTier.outputs } : {}),
            // What each service reads from its environment (names → values or secret ARNs, never secret values).
            serviceWiring: Object.fromEntries(Object.entries(this.wiring).map(([k, w]) => [k, wiringView(w)])),
            ...this.appOutputs(spec, lbPlans),
            ...(spec.jobs.length > 0 ? { jobs: this.jobOutputs() } : {}),
        };
        // The per-service wiring view is the stack's `aws.serviceWiring` export; registered here
        // too it would be stored twice in state (about 20 values per service).
        const { serviceWiring: _wiring, ...registered } = this.outputs;
        this.registerOutputs(registered);
    }

    /** Stores and secrets first, then the service's own permissions, then peers and volumes. */
    private grantLinks(s: ResolvedService, spec: ResolvedConfig): ServiceWiring {
        const consumer: LinkConsumer = { name: s.name, securityGroupId: this.serviceSecurityGroups.ids[s.name] };
        const links = spec.links.filter((l) => l.from === s.name && l.fromKind === "service");
        const needsAccount = s.permissions.ses || (s.permissions.snsTopics ?? []).some((t) => !t.startsWith("arn:"));
        const accountId = needsAccount ? this.accountId() : "";
        const own = { ...emptyWiring(), taskPolicyStatements: permissionStatements(s, spec.aws!.region, accountId) };
        return mergeWiring(
            ...links.filter((l) => STORE_LINKS.has(l.kind)).map((l) => this.grant(l, consumer)),
            own,
            ...links.filter((l) => !STORE_LINKS.has(l.kind)).map((l) => this.grant(l, consumer)),
        );
    }

    private account?: pulumi.Output<string>;

    /** The caller's account id, looked up once for every service that needs it. */
    private accountId(): pulumi.Output<string> {
        this.account ??= aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return this.account;
    }

    /** The one place a link meets its target; a model built by hand without the target fails here, named. */
    private grant(link: Link, consumer: LinkConsumer): ServiceWiring {
        const target = {
            database: this.dataTier?.database,
            cache: this.dataTier?.cache,
            secret: this.dataTier?.secrets,
            bucket: this.dataTier?.buckets[link.to],
            service: this.peers,
            volume: this.volumes,
        }[link.kind];
        if (!target) this.fail(`${link.keyPath} links ${link.from} to ${link.kind} "${link.to}", which this model does not define`);
        return target.grant(consumer, link.to);
    }

    /** The image a service or job runs: built (by digest), explicit, or its repository at its tag. */
    private imageOf(target: string, image: string | undefined, tag: string): pulumi.Input<string> {
        if (this.imageRefs[target]) return this.imageRefs[target];
        if (image) return image;
        return pulumi.interpolate`${this.registry.repositories[target].repositoryUrl}:${tag}`;
    }

    /** Jobs (aws/job.ts): a job is a consumer like a service; its links are granted once its security group exists. */
    private createJobs(name: string, spec: ResolvedConfig): Record<string, Job> {
        const out: Record<string, Job> = {};
        for (const j of spec.jobs) {
            const source = j.imageFrom ?? j.name;
            const sourceSpec = j.imageFrom ? spec.services.find((s) => s.name === j.imageFrom)! : j;
            const links = spec.links.filter((l) => l.from === j.name && l.fromKind === "job");
            out[j.name] = new Job(`${name}-job-${j.name}`, {
                naming: spec.naming,
                job: j,
                region: spec.aws!.region,
                clusterArn: this.cluster.arn,
                clusterName: this.cluster.name,
                vpcId: this.network.vpcId,
                subnetIds: this.network.privateSubnetIds,
                image: this.imageOf(source, sourceSpec.image, sourceSpec.imageTag),
                repositoryArn: this.registry.repositories[source]?.arn,
                wiring: (consumer) => mergeWiring(...links.map((l) => this.grant(l, consumer))),
                egress: spec.aws!.egress === "restricted" ? restrictedEgressRules(this.network.cidr, linkedPorts(spec, j.name)) : undefined,
                logRetentionDays: spec.logRetentionDays,
                scheduled: j.schedule?.clouds.includes("aws") ?? false,
            }, { parent: this });
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

    private createDataTier(name: string, spec: ResolvedConfig): DataTier | undefined {
        if (!spec.database && !spec.cache && spec.buckets.length === 0 && spec.secrets.length === 0) return undefined;
        return new DataTier(`${name}-data`, {
            naming: spec.naming,
            database: spec.database,
            cache: spec.cache,
            buckets: spec.buckets,
            secrets: spec.secrets,
            secretValues: spec.secretValues,
            region: spec.aws!.region,
            vpcId: this.network.vpcId,
            isolatedSubnetIds: this.network.isolatedSubnetIds,
            protect: spec.protectStateful,
            finalSnapshot: spec.profile.finalSnapshot,
            alarms: {
                topicArn: this.alarmTopic.arn,
                evaluationPeriods: spec.alerts.evaluationPeriods,
                databaseCpuPercent: spec.alerts.databaseCpuPercent,
                cacheCpuPercent: spec.alerts.cacheCpuPercent,
                cacheMemoryPercent: spec.alerts.cacheMemoryPercent,
            },
        }, { parent: this });
    }

    /** Cloud Map for every service with `discovery` (internal services and those another service uses). */
    private createDiscovery(name: string, spec: ResolvedConfig): ServiceDiscovery | undefined {
        const registered = spec.services.filter((s) => s.discovery && s.port !== undefined).map((s) => ({ name: s.name, port: s.port! }));
        if (registered.length === 0) return undefined;
        return new ServiceDiscovery(`${name}-discovery`, { namespace: spec.aws!.discovery.namespace, vpcId: this.network.vpcId, services: registered }, { parent: this });
    }

    /** One EFS file system for every service volume; each mounting service is admitted by its links. */
    private createVolumes(name: string, spec: ResolvedConfig): EfsVolumes | undefined {
        const mounting = spec.services.filter((s) => s.volumes.length > 0);
        if (mounting.length === 0) return undefined;
        return new EfsVolumes(`${name}-volumes`, {
            naming: spec.naming,
            vpcId: this.network.vpcId,
            subnetIds: this.network.privateSubnetIds,
            volumes: Object.fromEntries(mounting.map((s) => [s.name, s.volumes])),
            protect: spec.protectStateful,
        }, { parent: this });
    }

    /** The services some other service uses, found by their Cloud Map name. */
    private createPeers(name: string, spec: ResolvedConfig): PeerAccess | undefined {
        const used = new Set(spec.links.filter((l) => l.kind === "service").map((l) => l.to));
        if (used.size === 0) return undefined;
        const namespace = spec.aws!.discovery.namespace;
        const targets = Object.fromEntries(spec.services.filter((s) => used.has(s.name) && s.port !== undefined).map((s) => [s.name, {
            securityGroupId: this.serviceSecurityGroups.ids[s.name],
            port: s.port!,
            host: `${s.name}.${namespace}`,
            protocol: s.protocol,
        }]));
        return new PeerAccess(`${name}-peers`, { targets }, { parent: this });
    }

    private createDomain(name: string, spec: ResolvedConfig, hosts: string[], dns: DnsWriter | undefined): Domain {
        const d = spec.domain!;
        if (d.dns === "clouddns" && !dns) this.fail("needs args.dns to write into Cloud DNS (domain.dns: clouddns)");
        return new Domain(`${name}-domain`, {
            name: d.name,
            alternativeNames: hosts,
            zoneId: d.zoneId,
            zoneName: d.zoneName,
            createZone: d.createZone,
            protect: spec.protectStateful,
            records: d.dns === "clouddns" ? dns : undefined,
        }, { parent: this });
    }

    /**
     * Points `hosts` at an ALB: alias records in Route 53, CNAMEs in Cloud DNS (which has no alias
     * records). AWS's own host gets records of its own, so a routing change never renames them.
     */
    private pointAt(lbName: string, hosts: string[], own: string | undefined, lb: LoadBalancer, dns: DnsWriter | undefined) {
        if (!this.domain) return;
        const groups: [string, string[]][] = [[`${lbName}-dns`, hosts.filter((h) => h !== own)], [`${lbName}-dns-own`, own && hosts.includes(own) ? [own] : []]];
        for (const [groupName, names] of groups) {
            if (names.length === 0) continue;
            if (this.domain.zoneId) {
                new AliasRecords(groupName, { zoneId: this.domain.zoneId, hosts: names, targetDnsName: lb.dnsName, targetZoneId: lb.zoneId }, { parent: this });
            } else {
                names.forEach((host, i) => dns!.write(`${groupName}-${i + 1}-cname`, { name: host, type: "CNAME", values: [lb.dnsName] }, this));
            }
        }
    }

    private createLoadBalancers(name: string, spec: ResolvedConfig, plans: LoadBalancerPlan[], dns: DnsWriter | undefined): Record<string, LoadBalancer> {
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
                vpcCidr: this.network.cidr,
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
            this.pointAt(lbName, p.hosts, spec.domain?.hosts.aws, lb, dns);
            out[p.key] = lb;
        }
        return out;
    }

    private createService(name: string, spec: ResolvedConfig, s: ResolvedService, plans: LoadBalancerPlan[]): Service {
        const plan = plans.find((p) => p.services.some((x) => x.name === s.name));
        const lb = plan && this.loadBalancers[plan.key];
        const repo = this.registry.repositories[s.name];
        return new Service(`${name}-svc-${s.name}`, {
            naming: spec.naming,
            service: s,
            region: spec.aws!.region,
            cluster: { arn: this.cluster.arn, name: this.cluster.name, capacityProviderStrategy: this.capacity?.capacityProviderStrategy },
            subnetIds: this.network.privateSubnetIds,
            securityGroupId: this.serviceSecurityGroups.ids[s.name],
            grants: this.wiring[s.name],
            image: this.imageOf(s.name, s.image, s.imageTag),
            repositoryArn: repo?.arn,
            logRetentionDays: spec.logRetentionDays,
            rollout: spec.aws!.rollout,
            loadBalancer: lb && { targetGroupArn: lb.targetGroups[s.name].arn, listeners: lb.listeners },
            serviceRegistryArn: this.discovery?.registryArns[s.name],
        }, { parent: this });
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
        const urlOf = (p: LoadBalancerPlan): pulumi.Input<string> => p.urlHost && this.domain
            ? `https://${p.urlHost}`
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

    private createNetwork(name: string, spec: ResolvedConfig): NetworkRef {
        const net = spec.aws!.network;
        if (net.existing) {
            const ex = net.existing;
            return { vpcId: ex.vpcId, cidr: ex.cidr, publicSubnetIds: [...ex.subnetIds.public], privateSubnetIds: [...ex.subnetIds.private], isolatedSubnetIds: [...ex.subnetIds.isolated] };
        }
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
}
