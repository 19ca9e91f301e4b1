/**
 * What every rule file shares: the Rule shape, the type tokens, the message format and the
 * `rule()` constructor that keeps a rule to its own types.
 */
import type { Enforcement, OptOutKey, RuleContext, RuleResource } from "./helpers";

export type { Enforcement, OptOutKey, RuleContext, RuleResource } from "./helpers";

export interface Rule {
    /** Stable id, used as the CrossGuard policy name. */
    readonly id: string;
    /** What the rule requires, one sentence. */
    readonly description: string;
    /** Matching public checks (checkov CKV_*, trivy AVD-*, AWS FSBP control), "" when none. */
    readonly references: string;
    /** Type tokens the rule looks at. */
    readonly types: readonly string[];
    /** "stack" when the rule needs the other resources of the stack (CrossGuard stack policy). */
    readonly scope: "resource" | "stack";
    /** Violation messages for `resource` (empty when compliant). */
    readonly check: (resource: RuleResource, context: RuleContext) => string[];
    /** "advisory" rules report without failing the pack. @default "mandatory" */
    readonly enforcement?: Enforcement;
    /** The documented stack opt-out that turns this rule's violations into advisory reports. */
    readonly optOut?: OptOutKey;
}

// ---------------------------------------------------------------- type tokens

export const T = {
    rdsInstance: "aws:rds/instance:Instance",
    rdsCluster: "aws:rds/cluster:Cluster",
    cacheGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    lb: "aws:lb/loadBalancer:LoadBalancer",
    alb: "aws:alb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    ecr: "aws:ecr/repository:Repository",
    ecrLifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    ecsService: "aws:ecs/service:Service",
    ecsCluster: "aws:ecs/cluster:Cluster",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    efs: "aws:efs/fileSystem:FileSystem",
    kmsKey: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    cloudfront: "aws:cloudfront/distribution:Distribution",
    runService: "gcp:cloudrunv2/service:Service",
    runIamMember: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    runIamBinding: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    runIamPolicy: "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    regionSslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
    httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    arRepo: "gcp:artifactregistry/repository:Repository",
    gcsBucket: "gcp:storage/bucket:Bucket",
    sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
    memorystore: "gcp:redis/instance:Instance",
    gcpKmsKey: "gcp:kms/cryptoKey:CryptoKey",
    gcpSecret: "gcp:secretmanager/secret:Secret",
    sgEgress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamPolicy: "aws:iam/policy:Policy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    role: "aws:iam/role:Role",
    roleAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    userAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    groupAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    flowLog: "aws:ec2/flowLog:FlowLog",
    vpc: "aws:ec2/vpc:Vpc",
    wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
    bucketAcl: "aws:s3/bucketAcl:BucketAcl",
    bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
    forwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
    urlMap: "gcp:compute/uRLMap:URLMap",
    backendService: "gcp:compute/backendService:BackendService",
    awsProvider: "pulumi:providers:aws",
    gcpProvider: "pulumi:providers:gcp",
} as const;

// ---------------------------------------------------------------- message helpers

/** "rule-id: type "name": problem; fix: what to change" — enough to find and fix the line. */
export function say(id: string, r: RuleResource, problem: string, fix: string): string {
    return `${id}: ${r.type} "${r.name}": ${problem}; fix: ${fix}`;
}

export const isProd = (ctx: RuleContext) => ctx.environment === "prod";

export function rule(
    id: string, description: string, references: string, types: readonly string[],
    check: Rule["check"], scope: Rule["scope"] = "resource", extra: Pick<Rule, "enforcement" | "optOut"> = {},
): Rule {
    return { id, description, references, types, scope, ...extra, check: (r, ctx) => (types.includes(r.type) ? check(r, ctx) : []) };
}

