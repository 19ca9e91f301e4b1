import { mockContext } from "../mock-context";

/**
 * Computed attributes AWS returns for a resource (the part of the state a program reads back:
 * ARNs, DNS names, endpoints). Inputs are echoed by the caller; this adds what the cloud adds.
 */
type StateFn = (name: string, inputs: Record<string, any>) => Record<string, unknown>;

function arn(service: string, resource: string, region = mockContext().awsRegion): string {
    return `arn:aws:${service}:${region}:${mockContext().accountId}:${resource}`;
}

export const AWS_STATE: Record<string, StateFn> = {
    "aws:ec2/vpc:Vpc": (n) => ({ arn: arn("ec2", `vpc/${n}`), defaultSecurityGroupId: `sg-default-${n}` }),
    "aws:ec2/subnet:Subnet": (n) => ({ arn: arn("ec2", `subnet/${n}`) }),
    "aws:ec2/securityGroup:SecurityGroup": (n) => ({ arn: arn("ec2", `security-group/${n}`) }),
    "aws:ecs/cluster:Cluster": (n, i) => ({ arn: arn("ecs", `cluster/${i.name ?? n}`), name: i.name ?? n }),
    "aws:ec2/eip:Eip": (n) => ({ publicIp: "203.0.113.10", allocationId: `eipalloc-${n}` }),
    "aws:cloudwatch/logGroup:LogGroup": (n, i) => ({ arn: arn("logs", `log-group:${i.name ?? n}`) }),
    "aws:iam/role:Role": (n, i) => ({ arn: `arn:aws:iam::${mockContext().accountId}:role/${i.name ?? n}`, name: i.name ?? n }),
    "aws:iam/policy:Policy": (n, i) => ({ arn: `arn:aws:iam::${mockContext().accountId}:policy/${i.name ?? n}` }),
    "aws:ec2/launchTemplate:LaunchTemplate": (n) => ({ arn: arn("ec2", `launch-template/lt-${n}`), latestVersion: 1, defaultVersion: 1 }),
    "aws:autoscaling/group:Group": (n, i) => ({ arn: arn("autoscaling", `autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${i.name ?? n}`), name: i.name ?? n }),
    "aws:ecs/capacityProvider:CapacityProvider": (n, i) => ({ arn: arn("ecs", `capacity-provider/${i.name ?? n}`), name: i.name ?? n }),
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": (n) => ({ arn: arn("servicediscovery", `namespace/ns-${n}`), hostedZone: "Z0MOCKPRIVATEZONE" }),
    "aws:servicediscovery/service:Service": (n) => ({ arn: arn("servicediscovery", `service/srv-${n}`) }),
    "aws:efs/fileSystem:FileSystem": (n) => ({ arn: arn("elasticfilesystem", `file-system/fs-${n}`), dnsName: `fs-${n}.efs.${mockContext().awsRegion}.amazonaws.com` }),
    "aws:efs/accessPoint:AccessPoint": (n) => ({ arn: arn("elasticfilesystem", `access-point/fsap-${n}`) }),
    "aws:iam/instanceProfile:InstanceProfile": (n, i) => ({ arn: `arn:aws:iam::${mockContext().accountId}:instance-profile/${i.name ?? n}` }),
    "aws:kms/key:Key": (n) => ({ arn: arn("kms", `key/${n}-0000-mock`), keyId: `${n}-0000-mock` }),
    "aws:kms/alias:Alias": (n, i) => ({ arn: arn("kms", i.name ?? `alias/${n}`) }),
    "aws:secretsmanager/secret:Secret": (n, i) => ({ arn: arn("secretsmanager", `secret:${i.name ?? n}-AbCdEf`) }),
    "aws:rds/instance:Instance": (n, i) => {
        const address = `${i.identifier ?? n}.cmock123.${mockContext().awsRegion}.rds.amazonaws.com`;
        return {
            address,
            endpoint: `${address}:${i.port ?? 5432}`,
            arn: arn("rds", `db:${i.identifier ?? n}`),
            masterUserSecrets: i.manageMasterUserPassword ? [{ secretArn: arn("secretsmanager", `secret:rds!db-${n}-AbCdEf`), kmsKeyId: i.masterUserSecretKmsKeyId ?? "", secretStatus: "active" }] : [],
        };
    },
    "aws:rds/subnetGroup:SubnetGroup": (n, i) => ({ arn: arn("rds", `subgrp:${i.name ?? n}`), name: i.name ?? n }),
    "aws:rds/parameterGroup:ParameterGroup": (n, i) => ({ arn: arn("rds", `pg:${i.name ?? n}`), name: i.name ?? n }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (n, i) => ({
        arn: arn("elasticache", `replicationgroup:${i.replicationGroupId ?? n}`),
        primaryEndpointAddress: `master.${i.replicationGroupId ?? n}.mock12.use1.cache.amazonaws.com`,
        readerEndpointAddress: `replica.${i.replicationGroupId ?? n}.mock12.use1.cache.amazonaws.com`,
    }),
    "aws:elasticache/subnetGroup:SubnetGroup": (n, i) => ({ arn: arn("elasticache", `subnetgroup:${i.name ?? n}`), name: i.name ?? n }),
    "aws:elasticache/parameterGroup:ParameterGroup": (n, i) => ({ arn: arn("elasticache", `parametergroup:${i.name ?? n}`), name: i.name ?? n }),
    "aws:s3/bucket:Bucket": (n, i) => ({
        arn: `arn:aws:s3:::${i.bucket ?? n}`,
        bucketDomainName: `${i.bucket ?? n}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${i.bucket ?? n}.s3.${mockContext().awsRegion}.amazonaws.com`,
    }),
    "aws:cloudfront/distribution:Distribution": (n) => ({
        arn: `arn:aws:cloudfront::${mockContext().accountId}:distribution/E${n.length}MOCK`,
        domainName: `d${n.length}mock.cloudfront.net`,
        // CloudFront's fixed hosted zone id for alias records (AWS Route 53 docs).
        hostedZoneId: "Z2FDTNDATAQYW2",
    }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (n, i) => ({ arn: arn("cloudwatch", `alarm:${i.name ?? n}`) }),
};

/** Answers to AWS invokes (data sources), keyed by token. */
export const AWS_INVOKES: Record<string, (inputs: Record<string, any>) => Record<string, unknown>> = {
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => {
        const r = mockContext().awsRegion;
        const names = ["a", "b", "c", "d"].map((s) => `${r}${s}`);
        return { names, zoneIds: names.map((_, i) => `use1-az${i + 1}`), id: r, groupNames: [r] };
    },
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: mockContext().accountId,
        arn: `arn:aws:iam::${mockContext().accountId}:user/mock`,
        userId: "AIDAMOCK",
        id: mockContext().accountId,
    }),
    "aws:index/getRegion:getRegion": () => ({ name: mockContext().awsRegion, region: mockContext().awsRegion, id: mockContext().awsRegion, description: "mock region", endpoint: `ec2.${mockContext().awsRegion}.amazonaws.com` }),
    // The public parameter behind the ECS-optimised AL2023 AMI (x86_64 and arm64 paths).
    "aws:ssm/getParameter:getParameter": (i) => {
        const amis: Record<string, string> = {
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id": "ami-0a3c14e1ddbe7f23c",
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id": "ami-07e1aeb90edb268a3",
        };
        const value = amis[i.name];
        if (!value) throw new Error(`Mock not implemented: SSM parameter ${i.name}`);
        return { arn: arn("ssm", `parameter${i.name}`), id: i.name, name: i.name, type: "String", value, insecureValue: value, version: 61, region: mockContext().awsRegion };
    },
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" }),
};
