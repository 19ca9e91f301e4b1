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
    "aws:iam/instanceProfile:InstanceProfile": (n, i) => ({ arn: `arn:aws:iam::${mockContext().accountId}:instance-profile/${i.name ?? n}` }),
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
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" }),
};
