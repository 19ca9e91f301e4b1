import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { ResolvedHealthCheck } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { catchAllService, orderRoutes, PRIORITY_STEP } from "./routes";
import { admitGroup } from "./admit";

/** A service the load balancer routes to. */
export interface LoadBalancerTarget {
    /** Service name (also the container name). */
    name: string;
    /** Container port the target group sends traffic to. */
    port: number;
    /** ALB path patterns; "/*" or "/" makes the service the default action. */
    routes: readonly string[];
    /** Target group health check. */
    healthCheck: ResolvedHealthCheck;
    /** The service's security group; it gets an ingress rule from the ALB on `port` only. */
    securityGroupId: pulumi.Input<string>;
}

export interface LoadBalancerArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Role in the ALB's physical name: "alb" for the shared one, the service name per service. */
    role: string;
    /** VPC of the target groups and the security group. */
    vpcId: pulumi.Input<string>;
    /**
     * VPC CIDR: when set, the ALB's egress is one rule to this block over the targets' port range,
     * so the group's rule count does not grow per service (60 rules per group by default).
     * @default one egress rule per target, to its security group
     */
    vpcCidr?: string;
    /** Public subnets, one per AZ. */
    subnetIds: pulumi.Input<string>[];
    /** Services routed through this ALB, each with its own target group. */
    targets: LoadBalancerTarget[];
    /** Service that receives requests no rule matches. @default the one routed at "/*", else a 404 */
    defaultTarget?: string;
    /** ACM certificate (validated). When set, HTTP redirects to HTTPS; otherwise HTTP forwards (HTTP only). */
    certificateArn?: pulumi.Input<string>;
    /** TLS policy of the HTTPS listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
    sslPolicy?: string;
    /** Bucket for access logs; none when unset. */
    accessLogsBucket?: pulumi.Input<string>;
    /** Seconds a draining target keeps its connections. @default 30 */
    deregistrationDelay?: number;
    /** ALB deletion protection. @default false */
    deletionProtection?: boolean;
    /** Per-child overrides. */
    transform?: {
        loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
        targetGroup?: Transform<aws.lb.TargetGroupArgs>;
        securityGroup?: Transform<aws.ec2.SecurityGroupArgs>;
    };
}

/** The TLS policy AWS recommends: TLS 1.3 with TLS 1.2 fallback (Elastic Load Balancing user guide, "Security policies"). */
export const DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * An internet-facing ALB in the public subnets: its security group (80, and 443 with TLS, from
 * anywhere), one `ip` target group per routed service, path rules in a deterministic order, and
 * the ingress rule that lets the ALB, and only the ALB, reach each service's port.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly targetGroups: Readonly<Record<string, aws.lb.TargetGroup>>;
    /** The listener rules and listeners a service must wait for (a target group needs a listener before ECS attaches it). */
    readonly listeners: pulumi.Resource[];
    readonly arn: pulumi.Output<string>;
    readonly arnSuffix: pulumi.Output<string>;
    readonly dnsName: pulumi.Output<string>;
    readonly zoneId: pulumi.Output<string>;
    readonly https: boolean;

    private readonly args: LoadBalancerArgs;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:LoadBalancer", name, {}, opts);
        if (args.targets.length === 0) throw new Error(`LoadBalancer ${name}: needs at least one target`);
        this.args = args;
        this.https = args.certificateArn !== undefined;

        this.securityGroup = this.createSecurityGroup(name);
        this.loadBalancer = this.createLoadBalancer(name);
        this.targetGroups = Object.fromEntries(args.targets.map((t) => [t.name, this.createTargetGroup(name, t)]));
        this.admitToServices(name);
        this.listeners = this.createListeners(name);

        this.arn = this.loadBalancer.arn;
        this.arnSuffix = this.loadBalancer.arnSuffix;
        this.dnsName = this.loadBalancer.dnsName;
        this.zoneId = this.loadBalancer.zoneId;
        this.registerOutputs({ arn: this.arn, dnsName: this.dnsName, securityGroupId: this.securityGroup.id });
    }

    private createSecurityGroup(name: string): aws.ec2.SecurityGroup {
        const sgName = `${physicalName(this.args.naming, this.args.role, "alb")}-sg`;
        // Rules are separate resources (never inline), so the egress rules added per service and
        // the ingress rules below do not fight over the group's rule set.
        const [n, sgArgs, sgOpts] = applyTransform<aws.ec2.SecurityGroupArgs>(this.args.transform?.securityGroup, `${name}-sg`, {
            vpcId: this.args.vpcId,
            name: sgName,
            description: "Internet-facing load balancer: HTTP(S) in from anywhere, out to service ports only",
            tags: { Name: sgName },
        }, { parent: this });
        const sg = new aws.ec2.SecurityGroup(n, sgArgs, sgOpts);
        const ports = this.https ? [80, 443] : [80];
        for (const port of ports) {
            for (const [family, cidr] of [["ipv4", "0.0.0.0/0"], ["ipv6", "::/0"]] as const) {
                new aws.vpc.SecurityGroupIngressRule(`${name}-in-${port}-${family}`, {
                    securityGroupId: sg.id,
                    ipProtocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    ...(family === "ipv4" ? { cidrIpv4: cidr } : { cidrIpv6: cidr }),
                    description: `${port === 443 ? "HTTPS" : "HTTP"} from the internet (${family})`,
                }, { parent: this });
            }
        }
        return sg;
    }

    private createLoadBalancer(name: string): aws.lb.LoadBalancer {
        const logs = this.args.accessLogsBucket;
        const [n, lbArgs, lbOpts] = applyTransform<aws.lb.LoadBalancerArgs>(this.args.transform?.loadBalancer, `${name}-alb`, {
            name: physicalName(this.args.naming, this.args.role, "alb"),
            loadBalancerType: "application",
            internal: false,
            subnets: this.args.subnetIds,
            securityGroups: [this.securityGroup.id],
            // Requests with malformed headers are dropped rather than passed to the app (request smuggling).
            dropInvalidHeaderFields: true,
            enableDeletionProtection: this.args.deletionProtection ?? false,
            idleTimeout: 60,
            accessLogs: logs === undefined ? undefined : { bucket: logs, prefix: this.args.role, enabled: true },
        }, { parent: this });
        return new aws.lb.LoadBalancer(n, lbArgs, lbOpts);
    }

    private createTargetGroup(name: string, t: LoadBalancerTarget): aws.lb.TargetGroup {
        const hc = t.healthCheck;
        const [n, tgArgs, tgOpts] = applyTransform<aws.lb.TargetGroupArgs>(this.args.transform?.targetGroup, `${name}-tg-${t.name}`, {
            name: physicalName(this.args.naming, t.name, "targetGroup"),
            port: t.port,
            protocol: "HTTP",
            // awsvpc tasks register by IP.
            targetType: "ip",
            vpcId: this.args.vpcId,
            deregistrationDelay: this.args.deregistrationDelay ?? 30,
            healthCheck: {
                enabled: true,
                path: hc.path,
                protocol: "HTTP",
                port: "traffic-port",
                interval: hc.interval,
                timeout: hc.timeout,
                healthyThreshold: hc.healthyThreshold,
                unhealthyThreshold: hc.unhealthyThreshold,
                matcher: hc.matcher,
            },
        }, { parent: this });
        return new aws.lb.TargetGroup(n, tgArgs, tgOpts);
    }

    /**
     * ALB → service port, in both directions of the chain: ingress on each service from this ALB
     * on its port only (the rule that decides who is reached), and egress from the ALB. With
     * `vpcCidr` the egress is one rule to the VPC over the targets' port range, not one per service.
     */
    private admitToServices(name: string) {
        for (const t of this.args.targets) {
            admitGroup(`${name}-to-${t.name}`, {
                to: t.securityGroupId,
                from: this.securityGroup.id,
                port: t.port,
                description: `From load balancer ${this.args.role} to ${t.name}:${t.port}`,
            }, this);
        }
        if (this.args.vpcCidr !== undefined) {
            const ports = this.args.targets.map((t) => t.port);
            const [from, to] = [Math.min(...ports), Math.max(...ports)];
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-services`, {
                securityGroupId: this.securityGroup.id,
                cidrIpv4: this.args.vpcCidr,
                ipProtocol: "tcp",
                fromPort: from,
                toPort: to,
                description: `To service ports ${from === to ? from : `${from}-${to}`} in the VPC; each service admits this ALB on its own port only`,
            }, { parent: this });
            return;
        }
        for (const t of this.args.targets) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-out-${t.name}`, {
                securityGroupId: this.securityGroup.id,
                referencedSecurityGroupId: t.securityGroupId,
                ipProtocol: "tcp",
                fromPort: t.port,
                toPort: t.port,
                description: `To ${t.name}:${t.port}`,
            }, { parent: this });
        }
    }

    private createListeners(name: string): pulumi.Resource[] {
        const defaultName = this.args.defaultTarget ?? catchAllService(this.args.targets);
        const defaultAction: aws.types.input.lb.ListenerDefaultAction = defaultName
            ? { type: "forward", targetGroupArn: this.targetGroups[defaultName].arn }
            : { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } };

        const http = new aws.lb.Listener(`${name}-http`, {
            loadBalancerArn: this.loadBalancer.arn,
            port: 80,
            protocol: "HTTP",
            defaultActions: [this.https
                ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }
                : defaultAction],
        }, { parent: this });
        const routing = this.https
            ? new aws.lb.Listener(`${name}-https`, {
                loadBalancerArn: this.loadBalancer.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: this.args.sslPolicy ?? DEFAULT_SSL_POLICY,
                certificateArn: this.args.certificateArn,
                defaultActions: [defaultAction],
            }, { parent: this })
            : http;

        const rules = orderRoutes(this.args.targets).map((r, i) => new aws.lb.ListenerRule(`${name}-rule-${r.service}-${r.index}`, {
            listenerArn: routing.arn,
            priority: (i + 1) * PRIORITY_STEP,
            actions: [{ type: "forward", targetGroupArn: this.targetGroups[r.service].arn }],
            conditions: [{ pathPattern: { values: [r.path] } }],
        }, { parent: this }));
        return [http, ...(routing === http ? [] : [routing]), ...rules];
    }
}
