import type { CloudCapabilities } from "../components/capabilities";

/**
 * What the AWS renderer (aws/stack.ts) builds. Plain data, no Pulumi import: the config layer
 * reads it to refuse, before any resource exists, a config this cloud could not honour.
 */
export const AWS_CAPABILITIES: CloudCapabilities = {
    cloud: "aws",
    stores: ["database", "cache", "bucket", "volume"],
    links: ["database", "cache", "bucket", "service", "secret", "volume"],
    permissions: ["ses", "sns"],
    protocols: ["http", "tcp"],
};
