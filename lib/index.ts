/**
 * The public entry for other Pulumi TypeScript programs: our components with their typed Args,
 * usable without our config layer.
 *
 *     import { Network, AwsStack, type ResolvedConfig } from "<path-to-platform>/lib";
 *
 * Each component is an ordinary ComponentResource: pass `{ provider }` / `{ providers }` and
 * `parent` as usual, and use its `transform` Args to change a child's args we did not foresee.
 * Sections are one line per component so new ones are added without touching the others.
 */

// Cloud-neutral kit: the resolved spec every stack component takes, names, tags, transform hooks.
export type * from "../components/spec";
export { namePrefix, physicalName, NAME_LIMITS, type NamingContext, type NameKind } from "../components/naming";
export { standardTags, toGcpLabels, type StandardTagInput } from "../components/tags";
export { applyTransform, type Transform } from "../components/transform";
export { PlatformComponent, ComponentArgsError } from "../components/base";
export * from "../components/env-contract";

// AWS components (platform:aws:*).
export { AwsStack, type AwsStackArgs } from "../aws/stack";
export { Network, type NetworkArgs } from "../aws/network";
export { Cluster, type ClusterArgs } from "../aws/cluster";
export { ServiceSecurityGroups, type ServiceSecurityGroupsArgs } from "../aws/service-security-groups";
export { emptyWiring, mergeWiring, type ServiceWiring, type TaskPolicyStatement, type LinkConsumer, type LinkGrantor, type VolumeMount } from "../aws/wiring";
export { PeerAccess, type PeerAccessArgs } from "../aws/peer-access";
export { metricAlarm, TREAT_MISSING_DATA, type AlarmSpec } from "../aws/alarm";
export { LoadBalancer, type LoadBalancerArgs } from "../aws/loadbalancer";
export { Service, type ServiceArgs } from "../aws/service";
export { Registry, type RegistryArgs } from "../aws/registry";
export { Domain, type DomainArgs, AliasRecords, type AliasRecordsArgs } from "../aws/domain";
export { Monitoring, type MonitoringArgs } from "../aws/monitoring";
export { AlarmTopic, type AlarmTopicArgs } from "../aws/alarm-topic";
export { Waf, type WafArgs } from "../aws/waf";
export { DataTier, type DataTierArgs } from "../aws/data-tier";
export { DataKey, type DataKeyArgs } from "../aws/kms";
export { Database, type DatabaseArgs } from "../aws/database";
export { Cache, type CacheArgs } from "../aws/cache";
export { Bucket, type BucketArgs } from "../aws/bucket";
export { Cdn, type CdnArgs } from "../aws/cdn";
export { AppSecrets, type AppSecretsArgs } from "../aws/app-secrets";
export { Ec2Capacity, type Ec2CapacityArgs } from "../aws/capacity";
export { ServiceDiscovery, type ServiceDiscoveryArgs } from "../aws/discovery";
export { EfsVolumes, type EfsVolumesArgs } from "../aws/efs";

// GCP components (platform:gcp:*).
export { GcpStack, type GcpStackArgs } from "../gcp/stack";
export { ProjectApis, type ProjectApisArgs } from "../gcp/apis";
export { Network as GcpNetwork, type NetworkArgs as GcpNetworkArgs } from "../gcp/network";
export { Registry as GcpRegistry, type RegistryArgs as GcpRegistryArgs } from "../gcp/registry";
export { Secrets as GcpSecrets, type SecretsArgs as GcpSecretsArgs } from "../gcp/secrets";
export { CloudRunService, type CloudRunServiceArgs } from "../gcp/cloudrun";
export { GlobalLoadBalancer, type GlobalLoadBalancerArgs } from "../gcp/loadbalancer";
export { Monitoring as GcpMonitoring, type MonitoringArgs as GcpMonitoringArgs } from "../gcp/monitoring";

// Optional: our config layer, for programs that want the same validation and profiles.
export { createInfra, type InfraOutputs } from "../stacks/infra";
export { loadConfigMap, loadStackFile } from "../stacks/load";
export { ConfigError } from "../stacks/errors";
