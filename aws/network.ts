import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix, physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface NetworkArgs {
    /** App and stage, for physical names and Name tags. */
    naming: NamingContext;
    /** Region, for endpoint service names (com.amazonaws.<region>.s3). */
    region: string;
    /** VPC CIDR block, e.g. 10.0.0.0/16. */
    cidr: string;
    /** One availability zone per subnet index; its length is the AZ count. */
    availabilityZones: pulumi.Input<string>[];
    /** Subnet CIDRs per tier, one per AZ. An empty `isolated` list means no isolated tier. */
    subnets: { public: readonly string[]; private: readonly string[]; isolated: readonly string[] };
    /** NAT gateways: one per AZ (HA), one shared (cheap), or none (private subnets have no internet route). */
    natGateways: "perAz" | "single" | "none";
    /** VPC flow logs to CloudWatch Logs. @default true */
    flowLogs?: boolean;
    /** Retention of the flow log group, days. @default 30 */
    flowLogRetentionDays?: number;
    /** Interface endpoints in the private subnets, e.g. ["ecr.api", "ecr.dkr", "logs"]. @default [] */
    interfaceEndpoints?: readonly string[];
    /** Per-child overrides (SST-style): a partial args object or a function editing the args. */
    transform?: {
        vpc?: Transform<aws.ec2.VpcArgs>;
        subnet?: Transform<aws.ec2.SubnetArgs>;
        natGateway?: Transform<aws.ec2.NatGatewayArgs>;
        flowLog?: Transform<aws.ec2.FlowLogArgs>;
    };
}

/**
 * A VPC with public, private and (optionally) isolated subnet tiers across N AZs, NAT per the
 * profile, route tables per tier, an S3 gateway endpoint, optional interface endpoints and flow
 * logs. Isolated subnets get a route table with no route out of the VPC: that is what keeps the
 * data tier unreachable from and unable to reach the internet.
 */
/**
 * What the rest of the stack needs of a VPC: our Network component has it, and so does an existing
 * VPC given by ids (`aws.network.existing`), so every component works with either.
 */
export interface NetworkRef {
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's IPv4 block. */
    readonly cidr: string;
    /** Load balancers and NAT gateways, one per AZ. */
    readonly publicSubnetIds: pulumi.Input<string>[];
    /** Tasks and container instances. */
    readonly privateSubnetIds: pulumi.Input<string>[];
    /** Database and cache: no route out of the VPC. */
    readonly isolatedSubnetIds: pulumi.Input<string>[];
}

export class Network extends pulumi.ComponentResource implements NetworkRef {
    readonly vpc: aws.ec2.Vpc;
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly isolatedSubnetIds: pulumi.Output<string>[];
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly privateRouteTableIds: pulumi.Output<string>[];
    readonly isolatedRouteTableIds: pulumi.Output<string>[];

    private readonly args: NetworkArgs;
    private readonly prefix: string;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Network", name, {}, opts);
        this.args = args;
        this.prefix = namePrefix(args.naming);
        this.cidr = args.cidr;
        const azCount = args.availabilityZones.length;
        for (const tier of ["public", "private"] as const) {
            if (args.subnets[tier].length !== azCount) throw new Error(`Network ${name}: ${tier} subnets (${args.subnets[tier].length}) must match the AZ count (${azCount})`);
        }

        this.vpc = this.createVpc(name);
        this.vpcId = this.vpc.id;
        this.lockDownDefaultSecurityGroup(name);
        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: this.vpc.id, tags: this.nameTag("igw") }, { parent: this });

        const publicSubnets = this.createSubnets(name, "public");
        const privateSubnets = this.createSubnets(name, "private");
        const isolatedSubnets = this.createSubnets(name, "isolated");
        this.publicSubnetIds = publicSubnets.map((s) => s.id);
        this.privateSubnetIds = privateSubnets.map((s) => s.id);
        this.isolatedSubnetIds = isolatedSubnets.map((s) => s.id);

        this.createPublicRoutes(name, publicSubnets, igw);
        const nats = this.createNatGateways(name, publicSubnets, igw);
        this.natGatewayIds = nats.map((n) => n.id);
        this.privateRouteTableIds = this.createPrivateRoutes(name, privateSubnets, nats);
        this.isolatedRouteTableIds = this.createIsolatedRoutes(name, isolatedSubnets);
        this.createEndpoints(name);
        if (args.flowLogs ?? true) this.createFlowLogs(name);

        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            natGatewayIds: this.natGatewayIds,
        });
    }

    private nameTag(role: string): Record<string, string> {
        return { Name: `${this.prefix}-${role}` };
    }

    private createVpc(name: string): aws.ec2.Vpc {
        const [n, args, opts] = applyTransform<aws.ec2.VpcArgs>(this.args.transform?.vpc, `${name}-vpc`, {
            cidrBlock: this.args.cidr,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: this.nameTag("vpc"),
        }, { parent: this });
        return new aws.ec2.Vpc(n, args, opts);
    }

    /** The default SG allows all traffic between its members; with no rules it admits nothing (CIS 5.4). */
    private lockDownDefaultSecurityGroup(name: string) {
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, {
            vpcId: this.vpc.id,
            ingress: [],
            egress: [],
            tags: this.nameTag("default-sg-locked"),
        }, { parent: this });
    }

    private createSubnets(name: string, tier: "public" | "private" | "isolated"): aws.ec2.Subnet[] {
        return this.args.subnets[tier].map((cidr, i) => {
            const [n, args, opts] = applyTransform<aws.ec2.SubnetArgs>(this.args.transform?.subnet, `${name}-${tier}-${i + 1}`, {
                vpcId: this.vpc.id,
                cidrBlock: cidr,
                availabilityZone: this.args.availabilityZones[i],
                // Nothing we run needs a public IP on launch: ALBs and NATs bring their own.
                mapPublicIpOnLaunch: false,
                tags: { ...this.nameTag(`${tier}-${i + 1}`), tier },
            }, { parent: this });
            return new aws.ec2.Subnet(n, args, opts);
        });
    }

    private createPublicRoutes(name: string, subnets: aws.ec2.Subnet[], igw: aws.ec2.InternetGateway) {
        const table = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: this.vpc.id, tags: this.nameTag("public-rt") }, { parent: this });
        new aws.ec2.Route(`${name}-public-internet`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, { parent: this });
        subnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-public-rta-${i + 1}`, { subnetId: s.id, routeTableId: table.id }, { parent: this }));
    }

    private createNatGateways(name: string, publicSubnets: aws.ec2.Subnet[], igw: aws.ec2.InternetGateway): aws.ec2.NatGateway[] {
        const count = this.args.natGateways === "perAz" ? publicSubnets.length : this.args.natGateways === "single" ? 1 : 0;
        return publicSubnets.slice(0, count).map((subnet, i) => {
            const eip = new aws.ec2.Eip(`${name}-nat-eip-${i + 1}`, { domain: "vpc", tags: this.nameTag(`nat-eip-${i + 1}`) }, { parent: this, dependsOn: [igw] });
            const [n, args, opts] = applyTransform<aws.ec2.NatGatewayArgs>(this.args.transform?.natGateway, `${name}-nat-${i + 1}`, {
                allocationId: eip.id,
                subnetId: subnet.id,
                connectivityType: "public",
                tags: this.nameTag(`nat-${i + 1}`),
            }, { parent: this, dependsOn: [igw] });
            return new aws.ec2.NatGateway(n, args, opts);
        });
    }

    private createPrivateRoutes(name: string, subnets: aws.ec2.Subnet[], nats: aws.ec2.NatGateway[]): pulumi.Output<string>[] {
        return subnets.map((s, i) => {
            const table = new aws.ec2.RouteTable(`${name}-private-rt-${i + 1}`, { vpcId: this.vpc.id, tags: this.nameTag(`private-rt-${i + 1}`) }, { parent: this });
            if (nats.length > 0) {
                // perAz: each AZ egresses through its own NAT so one AZ failing does not cut the others off.
                const nat = nats[Math.min(i, nats.length - 1)];
                new aws.ec2.Route(`${name}-private-nat-${i + 1}`, { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, { parent: this });
            }
            new aws.ec2.RouteTableAssociation(`${name}-private-rta-${i + 1}`, { subnetId: s.id, routeTableId: table.id }, { parent: this });
            return table.id;
        });
    }

    private createIsolatedRoutes(name: string, subnets: aws.ec2.Subnet[]): pulumi.Output<string>[] {
        if (subnets.length === 0) return [];
        // Deliberately no routes: only the implicit local route, so no path to an IGW or NAT.
        const table = new aws.ec2.RouteTable(`${name}-isolated-rt`, { vpcId: this.vpc.id, tags: this.nameTag("isolated-rt") }, { parent: this });
        subnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-isolated-rta-${i + 1}`, { subnetId: s.id, routeTableId: table.id }, { parent: this }));
        return [table.id];
    }

    private createEndpoints(name: string) {
        // The S3 gateway endpoint is free and keeps image layer pulls (ECR stores layers in S3) off the NAT.
        new aws.ec2.VpcEndpoint(`${name}-s3`, {
            vpcId: this.vpc.id,
            serviceName: `com.amazonaws.${this.args.region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: [...this.privateRouteTableIds, ...this.isolatedRouteTableIds],
            tags: this.nameTag("s3-endpoint"),
        }, { parent: this });

        const services = this.args.interfaceEndpoints ?? [];
        if (services.length === 0) return;
        const sg = new aws.ec2.SecurityGroup(`${name}-endpoints-sg`, {
            vpcId: this.vpc.id,
            description: "HTTPS to interface endpoints from inside the VPC",
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [this.args.cidr], description: "HTTPS from the VPC" }],
            tags: this.nameTag("endpoints-sg"),
        }, { parent: this });
        for (const service of services) {
            new aws.ec2.VpcEndpoint(`${name}-${service.replace(/\./g, "-")}`, {
                vpcId: this.vpc.id,
                serviceName: `com.amazonaws.${this.args.region}.${service}`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: this.privateSubnetIds,
                securityGroupIds: [sg.id],
                tags: this.nameTag(`${service}-endpoint`),
            }, { parent: this });
        }
    }

    private createFlowLogs(name: string) {
        const group = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
            name: `/aws/vpc/${this.prefix}/flow-logs`,
            retentionInDays: this.args.flowLogRetentionDays ?? 30,
        }, { parent: this });
        const region = this.args.region;
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const role = new aws.iam.Role(`${name}-flow-logs-role`, {
            name: physicalName(this.args.naming, "vpc-flow-logs", "iamRole"),
            // Only flow logs of this account may assume it (VPC user guide, "IAM role for publishing flow logs").
            assumeRolePolicy: account.apply((accountId) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": accountId },
                        ArnLike: { "aws:SourceArn": `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*` },
                    },
                }],
            })),
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-flow-logs-policy`, {
            role: role.id,
            policy: group.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [arn, `${arn}:*`],
                }],
            })),
        }, { parent: this });
        const [n, args, opts] = applyTransform<aws.ec2.FlowLogArgs>(this.args.transform?.flowLog, `${name}-flow-log`, {
            vpcId: this.vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: group.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: this.nameTag("flow-log"),
        }, { parent: this });
        new aws.ec2.FlowLog(n, args, opts);
    }
}
