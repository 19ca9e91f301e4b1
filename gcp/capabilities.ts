import type { CloudCapabilities } from "../components/capabilities";

/**
 * What the GCP renderer (gcp/stack.ts) builds. Plain data, no Pulumi import: the config layer
 * reads it to refuse, before any resource exists, a config this cloud could not honour.
 */
export const GCP_CAPABILITIES: CloudCapabilities = {
    cloud: "gcp",
    stores: ["database", "cache", "bucket"],
    links: ["database", "cache", "bucket", "service", "secret"],
    permissions: [],
    // Cloud Run serves HTTP (and gRPC over HTTP/2) only.
    protocols: ["http"],
};
