import * as assert from "assert";
import type { PlanResult } from "../plan/engine";
import { config, ofType, one, plan } from "./support/harness";

const DATA = { "platform:database": {}, "platform:cache": {} };

describe("aws Network", function () {
    let dev: PlanResult;
    let prod: PlanResult;
    let none: PlanResult;
    before(async () => {
        dev = await plan(config({ ...DATA }));
        prod = await plan(config({ ...DATA, "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1" }));
        none = await plan(config({ "platform:aws": { network: { natGateways: "none", azCount: 3 } } }));
    });

    it("creates a VPC with DNS support and hostnames", () => {
        const vpc = one(dev, "aws:ec2/vpc:Vpc");
        assert.strictEqual(vpc.inputs.cidrBlock, "10.0.0.0/16");
        assert.strictEqual(vpc.inputs.enableDnsHostnames, true);
        assert.strictEqual(vpc.inputs.enableDnsSupport, true);
        assert.strictEqual(vpc.parent, one(dev, "platform:aws:Network").urn);
    });

    it("places one subnet per tier per AZ with the resolved CIDRs, in distinct AZs", () => {
        const subnets = ofType(dev, "aws:ec2/subnet:Subnet");
        const byTier = (tier: string) => subnets.filter((s) => (s.inputs.tags as Record<string, string>).tier === tier);
        assert.deepStrictEqual(byTier("public").map((s) => s.inputs.cidrBlock), ["10.0.0.0/24", "10.0.1.0/24"]);
        assert.deepStrictEqual(byTier("private").map((s) => s.inputs.cidrBlock), ["10.0.16.0/20", "10.0.32.0/20"]);
        assert.deepStrictEqual(byTier("isolated").map((s) => s.inputs.cidrBlock), ["10.0.8.0/24", "10.0.9.0/24"]);
        assert.deepStrictEqual(byTier("public").map((s) => s.inputs.availabilityZone), ["us-east-1a", "us-east-1b"]);
        assert.ok(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false));
    });

    it("has NAT gateways per profile: dev 1, prod 1 per AZ, none when disabled", () => {
        assert.strictEqual(ofType(dev, "aws:ec2/natGateway:NatGateway").length, 1);
        assert.strictEqual(ofType(prod, "aws:ec2/natGateway:NatGateway").length, 2);
        assert.strictEqual(ofType(none, "aws:ec2/natGateway:NatGateway").length, 0);
        assert.strictEqual(ofType(none, "aws:ec2/eip:Eip").length, 0);
    });

    it("routes each private AZ through its own NAT in prod and the shared one in dev", () => {
        const natIds = (p: PlanResult) => ofType(p, "aws:ec2/route:Route").filter((r) => r.name.includes("private-nat")).map((r) => r.inputs.natGatewayId);
        assert.deepStrictEqual(natIds(prod), ["app-prod-network-nat-1-id", "app-prod-network-nat-2-id"]);
        assert.deepStrictEqual(natIds(dev), ["app-dev-network-nat-1-id", "app-dev-network-nat-1-id"]);
        assert.deepStrictEqual(natIds(none), []);
    });

    it("gives the public tier a default route to the internet gateway only", () => {
        const publicRoute = one(dev, "aws:ec2/route:Route", "public-internet");
        assert.strictEqual(publicRoute.inputs.destinationCidrBlock, "0.0.0.0/0");
        assert.strictEqual(publicRoute.inputs.gatewayId, one(dev, "aws:ec2/internetGateway:InternetGateway").name + "-id");
    });

    it("never routes isolated subnets to an IGW or NAT", () => {
        for (const p of [dev, prod]) {
            const isolatedRt = one(p, "aws:ec2/routeTable:RouteTable", "isolated-rt");
            const routes = ofType(p, "aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === `${isolatedRt.name}-id`);
            assert.deepStrictEqual(routes, []);
            const assocs = ofType(p, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((a) => a.inputs.routeTableId === `${isolatedRt.name}-id`);
            assert.strictEqual(assocs.length, 2);
            assert.ok(assocs.every((a) => String(a.inputs.subnetId).includes("isolated")));
        }
    });

    it("adds the S3 gateway endpoint to private and isolated route tables", () => {
        const s3 = one(dev, "aws:ec2/vpcEndpoint:VpcEndpoint", "-s3");
        assert.strictEqual(s3.inputs.serviceName, "com.amazonaws.us-east-1.s3");
        assert.strictEqual(s3.inputs.vpcEndpointType, "Gateway");
        assert.strictEqual((s3.inputs.routeTableIds as string[]).length, 3);
    });

    it("creates interface endpoints only when asked, admitting HTTPS from the VPC", async () => {
        const p = await plan(config({ "platform:aws": { network: { endpoints: ["ecr.api", "logs"] } } }));
        const eps = ofType(p, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => e.inputs.vpcEndpointType === "Interface");
        assert.deepStrictEqual(eps.map((e) => e.inputs.serviceName), ["com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.logs"]);
        assert.ok(eps.every((e) => e.inputs.privateDnsEnabled === true));
        const sg = one(p, "aws:ec2/securityGroup:SecurityGroup", "endpoints-sg");
        assert.deepStrictEqual((sg.inputs.ingress as Record<string, unknown>[]).map((r) => [r.fromPort, r.cidrBlocks]), [[443, ["10.0.0.0/16"]]]);
        assert.strictEqual(ofType(dev, "aws:ec2/vpcEndpoint:VpcEndpoint").length, 1);
    });

    it("logs all VPC traffic to a CloudWatch group with the profile's retention", () => {
        const flow = one(dev, "aws:ec2/flowLog:FlowLog");
        assert.strictEqual(flow.inputs.trafficType, "ALL");
        assert.strictEqual(flow.inputs.logDestinationType, "cloud-watch-logs");
        const group = one(dev, "aws:cloudwatch/logGroup:LogGroup", "flow-logs");
        assert.strictEqual(group.inputs.retentionInDays, 7);
        assert.strictEqual(one(prod, "aws:cloudwatch/logGroup:LogGroup", "flow-logs").inputs.retentionInDays, 30);
    });

    it("locks down the default security group", () => {
        const sg = one(dev, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assert.deepStrictEqual([sg.inputs.ingress, sg.inputs.egress], [[], []]);
    });

    it("uses 3 AZs when asked and explicit AZ names when given", async () => {
        assert.strictEqual(ofType(none, "aws:ec2/subnet:Subnet").length, 6);
        const p = await plan(config({ "platform:aws": { region: "eu-west-1", network: { azs: ["eu-west-1b", "eu-west-1c"] } } }));
        assert.deepStrictEqual(ofType(p, "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone), ["eu-west-1b", "eu-west-1c", "eu-west-1b", "eu-west-1c"]);
    });

    it("tags everything through the provider's default tags", () => {
        const provider = one(dev, "pulumi:providers:aws");
        assert.deepStrictEqual(JSON.parse(String((provider.inputs.defaultTags as string) ?? "{}")), { tags: { app: "app", environment: "dev", "managed-by": "pulumi" } });
    });
});

describe("aws service security groups and cluster", () => {
    it("creates one security group per service with no ingress, and the cluster with Container Insights per profile", async () => {
        const p = await plan(config({ "platform:services": [{ name: "web", port: 3000, routes: ["/*"] }, { name: "worker" }] }));
        const sgs = ofType(p, "aws:ec2/securityGroup:SecurityGroup").filter((s) => s.parent === one(p, "platform:aws:ServiceSecurityGroups").urn);
        assert.deepStrictEqual(sgs.map((s) => s.inputs.name), ["app-dev-web-svc", "app-dev-worker-svc"]);
        assert.ok(sgs.every((s) => s.inputs.ingress === undefined || (s.inputs.ingress as unknown[]).length === 0));
        const cluster = one(p, "aws:ecs/cluster:Cluster");
        assert.strictEqual(cluster.inputs.name, "app-dev-cluster");
        assert.deepStrictEqual(cluster.inputs.settings, [{ name: "containerInsights", value: "disabled" }]);
        const prod = await plan(config({ "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1" }));
        assert.deepStrictEqual(one(prod, "aws:ecs/cluster:Cluster").inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
    });
});
