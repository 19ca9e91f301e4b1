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

// AWS components (platform:aws:*).
export { AwsStack, type AwsStackArgs } from "../aws/stack";
export { Network, type NetworkArgs } from "../aws/network";
export { Cluster, type ClusterArgs } from "../aws/cluster";
export { ServiceSecurityGroups, type ServiceSecurityGroupsArgs } from "../aws/service-security-groups";
export { emptyWiring, mergeWiring, type ServiceWiring, type TaskPolicyStatement } from "../aws/wiring";

// GCP components (platform:gcp:*).
export { GcpStack, type GcpStackArgs } from "../gcp/stack";

// Optional: our config layer, for programs that want the same validation and profiles.
export { createInfra, type InfraOutputs } from "../stacks/infra";
export { loadConfigMap, loadStackFile } from "../stacks/load";
export { ConfigError } from "../stacks/errors";
