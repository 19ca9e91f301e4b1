import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface RegistryArgs {
    /** App and stage, for the repository id. */
    naming: NamingContext;
    /** Project, for the image URL. */
    project: string;
    /** Region the repository lives in (images are pulled from the same region as Cloud Run). */
    region: string;
    /** Most recent versions always kept. @default 10 */
    keepRecent?: number;
    /** Days before untagged versions are deleted. @default 7 */
    untaggedDays?: number;
    /** Refuse to overwrite a tag. @default false */
    immutableTags?: boolean;
    /** Pulumi `protect` (prod). @default false */
    protect?: boolean;
    /** Resources (project APIs) the repository waits for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: { repository?: Transform<gcp.artifactregistry.RepositoryArgs> };
}

/**
 * One Artifact Registry Docker repository per stack (images `<url>/<service>:<tag>`), with
 * cleanup policies and vulnerability scanning inherited from the project (Container Scanning
 * API). KEEP policies win over DELETE ones, so the newest `keepRecent` versions survive even
 * when untagged. Tagged versions past that are not deleted: a running revision may pin one.
 */
export class Registry extends pulumi.ComponentResource {
    readonly repository: gcp.artifactregistry.Repository;
    /** `<region>-docker.pkg.dev/<project>/<repository>` */
    readonly url: pulumi.Output<string>;
    readonly repositoryId: string;

    constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Registry", name, {}, opts);
        this.repositoryId = physicalName(args.naming, "images", "gcp");
        const untaggedSeconds = (args.untaggedDays ?? 7) * 86400;
        const [n, a, o] = applyTransform<gcp.artifactregistry.RepositoryArgs>(args.transform?.repository, `${name}-repo`, {
            repositoryId: this.repositoryId,
            location: args.region,
            format: "DOCKER",
            description: `Container images of ${args.naming.app} (${args.naming.stage})`,
            dockerConfig: { immutableTags: args.immutableTags ?? false },
            cleanupPolicyDryRun: false,
            cleanupPolicies: [
                { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: args.keepRecent ?? 10 } },
                { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${untaggedSeconds}s` } },
            ],
            vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        }, { parent: this, dependsOn: args.dependsOn, protect: args.protect ?? false });
        this.repository = new gcp.artifactregistry.Repository(n, a, o);
        this.url = pulumi.interpolate`${args.region}-docker.pkg.dev/${args.project}/${this.repository.repositoryId}`;
        this.registerOutputs({ url: this.url });
    }
}
