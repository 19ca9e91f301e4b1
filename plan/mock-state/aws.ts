import { createHash } from "crypto";
import { mockContext } from "../mock-context";

/** A realistic image digest, the same for the same resource name on every run. */
export function mockDigest(name: string): string {
    return `sha256:${createHash("sha256").update(name).digest("hex")}`;
}

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
        bucket: i.bucket ?? n,
        bucketDomainName: `${i.bucket ?? n}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${i.bucket ?? n}.s3.${mockContext().awsRegion}.amazonaws.com`,
    }),
    "aws:cloudfront/distribution:Distribution": (n) => ({
        arn: `arn:aws:cloudfront::${mockContext().accountId}:distribution/E${n.length}MOCK`,
        domainName: `d${n.length}mock.cloudfront.net`,
        // CloudFront's fixed hosted zone id for alias records (AWS Route 53 docs).
        hostedZoneId: "Z2FDTNDATAQYW2",
    }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (n, i) => ({ arn: arn("cloudwatch", `alarm:${i.name ?? n}`), name: i.name ?? n }),
    "aws:lb/loadBalancer:LoadBalancer": (n, i) => {
        const lbName = i.name ?? n;
        return {
            arn: arn("elasticloadbalancing", `loadbalancer/app/${lbName}/50dc6c495c0c9188`),
            arnSuffix: `app/${lbName}/50dc6c495c0c9188`,
            dnsName: `${lbName}-1234567890.${mockContext().awsRegion}.elb.amazonaws.com`,
            zoneId: "Z35SXDOTRQ7X7K",
        };
    },
    "aws:lb/targetGroup:TargetGroup": (n, i) => ({
        arn: arn("elasticloadbalancing", `targetgroup/${i.name ?? n}/73e2d6bc24d8a067`),
        arnSuffix: `targetgroup/${i.name ?? n}/73e2d6bc24d8a067`,
    }),
    "aws:lb/listener:Listener": (n) => ({ arn: arn("elasticloadbalancing", `listener/app/${n}/50dc6c495c0c9188/f2f7dc8efc522ab2`) }),
    "aws:lb/listenerRule:ListenerRule": (n) => ({ arn: arn("elasticloadbalancing", `listener-rule/app/${n}`) }),
    "aws:ecr/repository:Repository": (n, i) => ({
        arn: arn("ecr", `repository/${i.name ?? n}`),
        repositoryUrl: `${mockContext().accountId}.dkr.ecr.${mockContext().awsRegion}.amazonaws.com/${i.name ?? n}`,
        registryId: mockContext().accountId,
    }),
    "aws:acm/certificate:Certificate": (n, i) => ({
        arn: arn("acm", `certificate/${n}`),
        domainValidationOptions: [i.domainName, ...(i.subjectAlternativeNames ?? [])].map((d: string) => ({
            domainName: d,
            resourceRecordName: `_0123456789abcdef.${d}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: `_fedcba9876543210.acm-validations.aws.`,
        })),
    }),
    "aws:acm/certificateValidation:CertificateValidation": (_n, i) => ({ certificateArn: i.certificateArn }),
    "aws:route53/record:Record": (_n, i) => ({ fqdn: String(i.name ?? "").replace(/\.$/, "") }),
    "aws:route53/healthCheck:HealthCheck": (n) => ({ arn: `arn:aws:route53:::healthcheck/${n}` }),
    "aws:route53/zone:Zone": (n, i) => ({ zoneId: `Z0MOCK${n.length}ZONE`, arn: `arn:aws:route53:::hostedzone/${i.name}`, nameServers: ["ns-1.awsdns-00.com", "ns-2.awsdns-00.net"] }),
    "aws:ecs/service:Service": (n, i) => ({ arn: arn("ecs", `service/${i.name ?? n}`), name: i.name ?? n }),
    "aws:ecs/taskDefinition:TaskDefinition": (n, i) => ({ arn: arn("ecs", `task-definition/${i.family ?? n}:1`), revision: 1 }),
    // awsx's ecr.Image (a provider-side component) answers the pushed image by digest.
    "awsx:ecr:Image": (n, i) => ({ imageUri: `${i.repositoryUrl}@${mockDigest(`awsx:${n}`)}` }),
    "aws:scheduler/schedule:Schedule": (n, i) => ({ arn: arn("scheduler", `schedule/default/${i.name ?? n}`) }),
    "aws:sns/topic:Topic": (n, i) => ({ arn: arn("sns", i.name ?? n) }),
    "aws:wafv2/webAcl:WebAcl": (n, i) => ({ arn: arn("wafv2", `regional/webacl/${i.name ?? n}/a1b2c3`) }),
    "aws:cloudwatch/dashboard:Dashboard": (n, i) => ({ dashboardArn: `arn:aws:cloudwatch::${mockContext().accountId}:dashboard/${i.dashboardName ?? n}` }),
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
    "aws:route53/getZone:getZone": (i) => ({
        zoneId: "Z0LOOKEDUP123456",
        id: "Z0LOOKEDUP123456",
        name: String(i.name ?? "example.com").replace(/\.$/, ""),
        arn: "arn:aws:route53:::hostedzone/Z0LOOKEDUP123456",
        privateZone: false,
        nameServers: ["ns-1.awsdns-00.com", "ns-2.awsdns-00.net"],
        resourceRecordSetCount: 2,
        callerReference: "mock",
        comment: "",
        linkedServiceDescription: "",
        linkedServicePrincipal: "",
        primaryNameServer: "ns-1.awsdns-00.com",
        tags: {},
    }),
    // Elastic Load Balancing's log-delivery account for us-east-1 (ELB user guide, access logs).
    "aws:elb/getServiceAccount:getServiceAccount": (i) => ({ id: "127311923021", arn: "arn:aws:iam::127311923021:root", region: i.region }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" }),
};
