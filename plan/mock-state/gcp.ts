import { mockContext } from "../mock-context";
import { mockDigest } from "./aws";

type StateFn = (name: string, inputs: Record<string, any>) => Record<string, unknown>;

/** Computed attributes GCP returns for a resource. */
export const GCP_STATE: Record<string, StateFn> = {
    "gcp:compute/network:Network": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/global/networks/${i.name ?? n}` }),
    "gcp:compute/subnetwork:Subnetwork": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/regions/${i.region}/subnetworks/${i.name ?? n}`, gatewayAddress: "10.0.0.1" }),
    "gcp:vpcaccess/connector:Connector": (n, i) => ({ selfLink: `projects/${mockContext().gcpProject}/locations/${i.region}/connectors/${i.name ?? n}`, state: "READY" }),
    // An external address is allocated by Google; a Private Service Access range keeps the one asked for.
    "gcp:compute/globalAddress:GlobalAddress": (_n, i) => ({ address: i.address ?? "34.120.10.20" }),
    "gcp:sql/databaseInstance:DatabaseInstance": (n, i) => ({
        privateIpAddress: "10.96.0.3",
        connectionName: `${mockContext().gcpProject}:${i.region}:${i.name ?? n}`,
        selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${mockContext().gcpProject}/instances/${i.name ?? n}`,
        serviceAccountEmailAddress: `p123456789012-abcdef@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
    }),
    "gcp:redis/instance:Instance": () => ({
        host: "10.96.1.4",
        // In-transit encryption moves Memorystore to port 6378.
        port: 6378,
        authString: "mock-redis-auth-string",
        serverCaCerts: [{ cert: "-----BEGIN CERTIFICATE-----\nMOCKSERVERCA\n-----END CERTIFICATE-----\n", serialNumber: "0" }],
        currentLocationId: `${mockContext().gcpRegion}-a`,
    }),
    "gcp:storage/bucket:Bucket": (n, i) => ({ url: `gs://${i.name ?? n}`, selfLink: `https://www.googleapis.com/storage/v1/b/${i.name ?? n}` }),
    "gcp:compute/backendBucket:BackendBucket": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/global/backendBuckets/${i.name ?? n}` }),
    "gcp:servicenetworking/connection:Connection": () => ({ peering: "servicenetworking-googleapis-com" }),
    "gcp:cloudrunv2/service:Service": (n, i) => ({ uri: `https://${i.name ?? n}-abcdefghij-uc.a.run.app`, uid: `${n}-uid`, latestReadyRevision: `${i.name ?? n}-00001-abc` }),
    "gcp:artifactregistry/repository:Repository": (n, i) => ({ name: i.repositoryId ?? n, registryUri: `${i.location}-docker.pkg.dev/${mockContext().gcpProject}/${i.repositoryId ?? n}` }),
    "gcp:serviceaccount/account:Account": (n, i) => ({ email: `${i.accountId ?? n}@${mockContext().gcpProject}.iam.gserviceaccount.com`, name: `projects/${mockContext().gcpProject}/serviceAccounts/${i.accountId ?? n}@${mockContext().gcpProject}.iam.gserviceaccount.com`, uniqueId: "100000000000000000001", member: `serviceAccount:${i.accountId ?? n}@${mockContext().gcpProject}.iam.gserviceaccount.com` }),
    "gcp:secretmanager/secret:Secret": (n, i) => ({ name: `projects/123456789012/secrets/${i.secretId ?? n}` }),
    // docker-build's Image: the digest of the pushed manifest, and its first tag with that digest.
    "docker-build:index:Image": (n, i) => ({ digest: mockDigest(`docker-build:${n}`), ref: `${String((i.tags ?? [""])[0]).replace(/:[^:/]+$/, "")}@${mockDigest(`docker-build:${n}`)}` }),
    "gcp:cloudrunv2/job:Job": (n, i) => ({ uid: `${n}-uid`, name: i.name ?? n }),
    "gcp:cloudscheduler/job:Job": (n, i) => ({ state: "ENABLED", name: i.name ?? n }),
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": () => ({ certificateId: 1234567890 }),
    "gcp:compute/backendService:BackendService": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/global/backendServices/${i.name ?? n}` }),
    "gcp:compute/uRLMap:URLMap": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/global/urlMaps/${i.name ?? n}`, mapId: 1234567890 }),
    "gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig": (n) => ({ uptimeCheckId: `${n}-check-id`, name: `projects/${mockContext().gcpProject}/uptimeCheckConfigs/${n}-check-id` }),
    // Certificate Manager answers each DNS authorization with the CNAME to publish (_acme-challenge.<domain>).
    "gcp:certificatemanager/dnsAuthorization:DnsAuthorization": (n, i) => ({
        dnsResourceRecords: [{ name: `_acme-challenge.${i.domain}.`, type: "CNAME", data: `${n}.1.authorize.certificatemanager.goog.` }],
    }),
    "gcp:dns/recordSet:RecordSet": (_n, i) => ({ name: i.name }),
    "gcp:monitoring/notificationChannel:NotificationChannel": (n) => ({ name: `projects/${mockContext().gcpProject}/notificationChannels/${n}` }),
};

/** Answers to GCP invokes, keyed by token. */
export const GCP_INVOKES: Record<string, (inputs: Record<string, any>) => Record<string, unknown>> = {
    "gcp:organizations/getProject:getProject": () => ({
        projectId: mockContext().gcpProject,
        number: "123456789012",
        name: mockContext().gcpProject,
        id: `projects/${mockContext().gcpProject}`,
    }),
    "gcp:organizations/getClientConfig:getClientConfig": () => ({ project: mockContext().gcpProject, region: mockContext().gcpRegion, zone: `${mockContext().gcpRegion}-a`, accessToken: "mock", id: "mock" }),
};
