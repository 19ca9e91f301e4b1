import type { LinkKind } from "./spec";

/** A store of the app model: something services use that holds state. */
export type StoreKind = "database" | "cache" | "bucket" | "volume";

/**
 * What one cloud renderer can build. A config that needs anything else on a selected cloud is a
 * config error naming the key and the cloud, never a silent drop (stacks/checks/capabilities.ts).
 */
export interface CloudCapabilities {
    readonly cloud: "aws" | "gcp";
    /** Stores the renderer creates. */
    readonly stores: readonly StoreKind[];
    /** Link kinds the renderer grants (environment, secrets, permissions, network admission). */
    readonly links: readonly LinkKind[];
    /** `services[].permissions` flags it can grant (besides buckets, which are links). */
    readonly permissions: readonly ("ses" | "sns")[];
    /** What a service's port may speak (`services[].protocol`). */
    readonly protocols: readonly ("http" | "tcp")[];
}
