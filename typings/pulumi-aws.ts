// What the type check (scripts/static-check.js) reads for `@pulumi/aws`: the namespaces this project
// uses, each re-exported whole from the SDK, so their types are the SDK's own. The full index pulls in
// every one of the SDK's 300-odd namespaces (2,700 declaration files), which doubled the memory and
// time of every type check and lint. Runtime code never loads this file: Node resolves
// `@pulumi/aws` as usual. A namespace missing here fails the type check ("Property 'x' does not
// exist"): add it below. `npm run typecheck` uses the whole SDK and stays the reference.
export * from "@pulumi/aws/provider";
export * from "@pulumi/aws/types/enums";
export { getAvailabilityZones, getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
export { getCallerIdentity, getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export * as acm from "@pulumi/aws/acm";
export * as alb from "@pulumi/aws/alb";
export * as appautoscaling from "@pulumi/aws/appautoscaling";
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as cloudfront from "@pulumi/aws/cloudfront";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ebs from "@pulumi/aws/ebs";
export * as ec2 from "@pulumi/aws/ec2";
export * as ecr from "@pulumi/aws/ecr";
export * as ecs from "@pulumi/aws/ecs";
export * as efs from "@pulumi/aws/efs";
export * as elasticache from "@pulumi/aws/elasticache";
export * as elb from "@pulumi/aws/elb";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as lb from "@pulumi/aws/lb";
export * as rds from "@pulumi/aws/rds";
export * as route53 from "@pulumi/aws/route53";
export * as s3 from "@pulumi/aws/s3";
export * as scheduler from "@pulumi/aws/scheduler";
export * as secretsmanager from "@pulumi/aws/secretsmanager";
export * as servicediscovery from "@pulumi/aws/servicediscovery";
export * as sns from "@pulumi/aws/sns";
export * as ssm from "@pulumi/aws/ssm";
export * as types from "@pulumi/aws/types";
export * as vpc from "@pulumi/aws/vpc";
export * as waf from "@pulumi/aws/waf";
export * as wafv2 from "@pulumi/aws/wafv2";
