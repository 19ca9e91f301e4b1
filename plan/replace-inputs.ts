/**
 * Inputs whose change makes the provider replace a stateful resource (delete, then create: the
 * data goes with the old one), per Pulumi type token. Only top-level input names of the Pulumi
 * SDK (camelCase) are listed; a change anywhere under one counts.
 *
 * Sources: the bridged providers take "forces replacement" from the upstream Terraform schema
 * (`ForceNew: true`), so each entry names the upstream resource whose schema it was read from:
 * hashicorp/terraform-provider-aws (internal/service/<svc>/<resource>.go) and
 * hashicorp/terraform-provider-google (google_<resource>), as rendered on the Pulumi registry
 * pages (https://www.pulumi.com/registry/packages/aws/api-docs/, .../gcp/api-docs/). Updatable
 * inputs are left out on purpose even where a change hurts (an RDS engineVersion upgrade, a
 * Cloud SQL databaseVersion major upgrade: both are in-place upgrades, see
 * https://cloud.google.com/sql/docs/postgres/upgrade-major-db-version-inplace).
 */
export interface ReplaceRule {
    /** Top-level inputs (Pulumi SDK names) whose change forces replacement. */
    inputs: readonly string[];
    /** Where the list comes from. */
    source: string;
}

const tfAws = (file: string, page: string) => `terraform-provider-aws ${file} (ForceNew); https://www.pulumi.com/registry/packages/aws/api-docs/${page}/`;
const tfGoogle = (resource: string, page: string) => `terraform-provider-google ${resource} (ForceNew); https://www.pulumi.com/registry/packages/gcp/api-docs/${page}/`;

export const REPLACE_INPUTS: Readonly<Record<string, ReplaceRule>> = {
    "aws:rds/instance:Instance": {
        inputs: ["identifier", "identifierPrefix", "engine", "dbName", "username", "storageEncrypted", "kmsKeyId", "availabilityZone", "characterSetName", "ncharCharacterSetName", "snapshotIdentifier", "timezone"],
        source: tfAws("internal/service/rds/instance.go", "rds/instance"),
    },
    "aws:rds/cluster:Cluster": {
        inputs: ["clusterIdentifier", "clusterIdentifierPrefix", "engine", "databaseName", "masterUsername", "storageEncrypted", "kmsKeyId", "availabilityZones", "dbSubnetGroupName", "snapshotIdentifier"],
        source: tfAws("internal/service/rds/cluster.go", "rds/cluster"),
    },
    "aws:s3/bucketV2:BucketV2": {
        inputs: ["bucket", "bucketPrefix", "objectLockEnabled"],
        source: tfAws("internal/service/s3/bucket.go", "s3/bucketv2"),
    },
    "aws:s3/bucket:Bucket": {
        inputs: ["bucket", "bucketPrefix", "objectLockEnabled"],
        source: tfAws("internal/service/s3/bucket.go", "s3/bucket"),
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        inputs: ["replicationGroupId", "subnetGroupName", "atRestEncryptionEnabled", "kmsKeyId", "port", "snapshotArns", "snapshotName"],
        source: tfAws("internal/service/elasticache/replication_group.go", "elasticache/replicationgroup"),
    },
    "aws:elasticache/cluster:Cluster": {
        inputs: ["clusterId", "engine", "subnetGroupName", "port", "snapshotArns", "snapshotName"],
        source: tfAws("internal/service/elasticache/cluster.go", "elasticache/cluster"),
    },
    "aws:efs/fileSystem:FileSystem": {
        inputs: ["creationToken", "encrypted", "kmsKeyId", "performanceMode", "availabilityZoneName"],
        source: tfAws("internal/service/efs/file_system.go", "efs/filesystem"),
    },
    "aws:ecr/repository:Repository": {
        inputs: ["name", "encryptionConfigurations"],
        source: tfAws("internal/service/ecr/repository.go", "ecr/repository"),
    },
    "aws:kms/key:Key": {
        // Rotation, policy, description and deletion window are updatable; these are not.
        inputs: ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
        source: tfAws("internal/service/kms/key.go", "kms/key"),
    },
    "aws:secretsmanager/secret:Secret": {
        inputs: ["name", "namePrefix"],
        source: tfAws("internal/service/secretsmanager/secret.go", "secretsmanager/secret"),
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        inputs: ["name", "namePrefix", "logGroupClass"],
        source: tfAws("internal/service/logs/group.go", "cloudwatch/loggroup"),
    },
    "gcp:sql/databaseInstance:DatabaseInstance": {
        inputs: ["name", "region", "project", "masterInstanceName", "encryptionKeyName"],
        source: tfGoogle("google_sql_database_instance", "sql/databaseinstance"),
    },
    "gcp:sql/database:Database": {
        inputs: ["name", "instance", "project"],
        source: tfGoogle("google_sql_database", "sql/database"),
    },
    "gcp:storage/bucket:Bucket": {
        inputs: ["name", "location", "project"],
        source: tfGoogle("google_storage_bucket", "storage/bucket"),
    },
    "gcp:redis/instance:Instance": {
        inputs: ["name", "tier", "region", "project", "locationId", "alternativeLocationId", "authorizedNetwork", "connectMode", "reservedIpRange", "customerManagedKey", "transitEncryptionMode"],
        source: tfGoogle("google_redis_instance", "redis/instance"),
    },
    "gcp:artifactregistry/repository:Repository": {
        inputs: ["repositoryId", "format", "location", "project", "kmsKeyName", "mode"],
        source: tfGoogle("google_artifact_registry_repository", "artifactregistry/repository"),
    },
    "gcp:kms/cryptoKey:CryptoKey": {
        inputs: ["name", "keyRing", "purpose", "importOnly", "skipInitialVersionCreation"],
        source: tfGoogle("google_kms_crypto_key", "kms/cryptokey"),
    },
    "gcp:secretmanager/secret:Secret": {
        inputs: ["secretId", "project", "replication"],
        source: tfGoogle("google_secret_manager_secret", "secretmanager/secret"),
    },
};

/** The replace-forcing inputs among `changedTopLevel` for a type (empty when none or unknown type). */
export function replacingInputs(type: string, changedTopLevel: readonly string[]): string[] {
    const rule = REPLACE_INPUTS[type];
    return rule ? changedTopLevel.filter((k) => rule.inputs.includes(k)) : [];
}
