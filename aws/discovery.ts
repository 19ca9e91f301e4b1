import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { applyTransform, type Transform } from "../components/transform";

/** A service registered in the namespace. */
export interface DiscoverableService {
    /** Service name; the DNS name is `<name>.<namespace>`. */
    name: string;
    /** Container port the other services connect to. */
    port: number;
}

export interface ServiceDiscoveryArgs {
    /** Private DNS namespace, e.g. prod-infra-production.local. */
    namespace: string;
    /** VPC the namespace's private hosted zone is attached to. */
    vpcId: pulumi.Input<string>;
    /** Services to register (those with `discovery: true`). */
    services: readonly DiscoverableService[];
    /** A-record TTL, seconds: short, so replaced tasks drop out of caches quickly. @default 10 */
    ttl?: number;
    /** Per-child overrides. */
    transform?: {
        namespace?: Transform<aws.servicediscovery.PrivateDnsNamespaceArgs>;
        service?: Transform<aws.servicediscovery.ServiceArgs>;
    };
}

/**
 * Cloud Map: one private DNS namespace in the VPC and one discovery service per registered
 * service. ECS registers each task's awsvpc IP as an A record (MULTIVALUE answers up to eight
 * healthy IPs), so `redis.<namespace>:6379` resolves to the task without a load balancer.
 */
export class ServiceDiscovery extends pulumi.ComponentResource {
    readonly namespace: aws.servicediscovery.PrivateDnsNamespace;
    readonly namespaceName: string;
    /** Cloud Map service ARN per service name (the ECS service's `serviceRegistries.registryArn`). */
    readonly registryArns: Readonly<Record<string, pulumi.Output<string>>>;
    /** `<name>.<namespace>` per service name. */
    readonly hostnames: Readonly<Record<string, string>>;

    constructor(name: string, args: ServiceDiscoveryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:ServiceDiscovery", name, {}, opts);
        this.namespaceName = args.namespace;
        const [nsName, nsArgs, nsOpts] = applyTransform<aws.servicediscovery.PrivateDnsNamespaceArgs>(args.transform?.namespace, `${name}-namespace`, {
            name: args.namespace,
            vpc: args.vpcId,
            description: "Service-to-service names for internal services",
        }, { parent: this });
        this.namespace = new aws.servicediscovery.PrivateDnsNamespace(nsName, nsArgs, nsOpts);

        const arns: Record<string, pulumi.Output<string>> = {};
        const hostnames: Record<string, string> = {};
        for (const svc of args.services) {
            const [n, svcArgs, svcOpts] = applyTransform<aws.servicediscovery.ServiceArgs>(args.transform?.service, `${name}-${svc.name}`, {
                // The DNS label must be the service name itself, so no physicalName here.
                name: svc.name,
                description: `${svc.name} tasks (port ${svc.port})`,
                dnsConfig: {
                    namespaceId: this.namespace.id,
                    routingPolicy: "MULTIVALUE",
                    dnsRecords: [{ type: "A", ttl: args.ttl ?? 10 }],
                },
                // ECS reports task health to Cloud Map; unhealthy tasks are deregistered at once.
                healthCheckCustomConfig: { failureThreshold: 1 },
                // Tasks deregister themselves on stop; a stuck registration must not block deletion.
                forceDestroy: true,
            }, { parent: this });
            const service = new aws.servicediscovery.Service(n, svcArgs, svcOpts);
            arns[svc.name] = service.arn;
            hostnames[svc.name] = `${svc.name}.${args.namespace}`;
        }
        this.registryArns = arns;
        this.hostnames = hostnames;
        this.registerOutputs({ namespaceId: this.namespace.id, namespaceName: this.namespaceName, registryArns: this.registryArns });
    }
}
