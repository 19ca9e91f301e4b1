/**
 * The one registry of the Pulumi type tokens the reports and rules look at: the policy rules, the
 * cost estimate (plan/cost) and the diagram (plan/diagram.ts) name a type as `T.<name>`, never by
 * its token string. Plain data without imports, so the CrossGuard pack in this directory stays
 * self-contained (it is run, and published, from policy/ alone) while plan/ imports it.
 */
export const T = {
    // AWS network
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    // AWS load balancing
    lb: "aws:lb/loadBalancer:LoadBalancer",
    alb: "aws:alb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
    listenerRule: "aws:lb/listenerRule:ListenerRule",
    albListenerRule: "aws:alb/listenerRule:ListenerRule",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    albTargetGroup: "aws:alb/targetGroup:TargetGroup",
    cloudfront: "aws:cloudfront/distribution:Distribution",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    acmCertificate: "aws:acm/certificate:Certificate",
    route53Zone: "aws:route53/zone:Zone",
    // AWS compute
    ecsCluster: "aws:ecs/cluster:Cluster",
    ecsService: "aws:ecs/service:Service",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    asg: "aws:autoscaling/group:Group",
    scalingTarget: "aws:appautoscaling/target:Target",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    schedule: "aws:scheduler/schedule:Schedule",
    cloudMapNamespace: "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace",
    cloudMapPublicNamespace: "aws:servicediscovery/publicDnsNamespace:PublicDnsNamespace",
    cloudMapService: "aws:servicediscovery/service:Service",
    // AWS data
    rdsInstance: "aws:rds/instance:Instance",
    rdsCluster: "aws:rds/cluster:Cluster",
    cacheGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheCluster: "aws:elasticache/cluster:Cluster",
    efs: "aws:efs/fileSystem:FileSystem",
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
    // AWS security and operations
    kmsKey: "aws:kms/key:Key",
    secret: "aws:secretsmanager/secret:Secret",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    snsTopic: "aws:sns/topic:Topic",
    // GCP network
    gcpNetwork: "gcp:compute/network:Network",
    gcpSubnet: "gcp:compute/subnetwork:Subnetwork",
    connector: "gcp:vpcaccess/connector:Connector",
    routerNat: "gcp:compute/routerNat:RouterNat",
    // GCP load balancing
    globalForwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
    httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
    httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    urlMap: "gcp:compute/uRLMap:URLMap",
    backendService: "gcp:compute/backendService:BackendService",
    backendBucket: "gcp:compute/backendBucket:BackendBucket",
    neg: "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",
    securityPolicy: "gcp:compute/securityPolicy:SecurityPolicy",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    regionSslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
    managedCertificate: "gcp:compute/managedSslCertificate:ManagedSslCertificate",
    dnsZone: "gcp:dns/managedZone:ManagedZone",
    // GCP compute
    runService: "gcp:cloudrunv2/service:Service",
    runWorkerPool: "gcp:cloudrunv2/workerPool:WorkerPool",
    runJob: "gcp:cloudrunv2/job:Job",
    schedulerJob: "gcp:cloudscheduler/job:Job",
    runIamMember: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    runIamBinding: "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    runIamPolicy: "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
    // GCP data
    sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
    memorystore: "gcp:redis/instance:Instance",
    gcsBucket: "gcp:storage/bucket:Bucket",
    sqlDatabase: "gcp:sql/database:Database",
    projectIamMember: "gcp:projects/iAMMember:IAMMember",
    projectIamBinding: "gcp:projects/iAMBinding:IAMBinding",
    projectIamPolicy: "gcp:projects/iAMPolicy:IAMPolicy",
    gcsIamMember: "gcp:storage/bucketIAMMember:BucketIAMMember",
    gcsIamBinding: "gcp:storage/bucketIAMBinding:BucketIAMBinding",
    gcsAccessControl: "gcp:storage/bucketAccessControl:BucketAccessControl",
    gcsDefaultAcl: "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
    arRepo: "gcp:artifactregistry/repository:Repository",
    // GCP security and operations
    gcpKmsKey: "gcp:kms/cryptoKey:CryptoKey",
    gcpSecret: "gcp:secretmanager/secret:Secret",
    alertPolicy: "gcp:monitoring/alertPolicy:AlertPolicy",
    uptimeCheck: "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig",
    // Providers
    awsProvider: "pulumi:providers:aws",
    gcpProvider: "pulumi:providers:gcp",
} as const;

/** A registered type token. */
export type TypeToken = (typeof T)[keyof typeof T];

/** Type groups several readers share: "a load balancer", "a bucket", ... on either cloud. */
export const GROUPS = {
    awsLoadBalancers: [T.lb, T.alb],
    awsListeners: [T.listener, T.albListener],
    awsListenerRules: [T.listenerRule, T.albListenerRule],
    awsTargetGroups: [T.targetGroup, T.albTargetGroup],
    awsBuckets: [T.bucket, T.bucketV2],
    gcpForwardingRules: [T.globalForwardingRule, T.forwardingRule],
    gcpProxies: [T.httpProxy, T.httpsProxy],
    databases: [T.rdsInstance, T.rdsCluster, T.sqlInstance],
    caches: [T.cacheGroup, T.cacheCluster, T.memorystore],
    buckets: [T.bucket, T.bucketV2, T.gcsBucket],
    jobs: [T.schedule, T.runJob, T.schedulerJob],
} as const satisfies Record<string, readonly TypeToken[]>;
