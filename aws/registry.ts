import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface LifecycleSettings {
    /** Tagged images kept (those whose tag starts with `tagPrefix`). */
    keepTagged: number;
    /** Tag prefix the keep rule applies to, e.g. "v". */
    tagPrefix: string;
    /** Days before untagged images expire. */
    untaggedExpireDays: number;
}

export interface RegistryArgs {
    /** App and stage: repository names are `<app>-<stage>-<service>`. */
    naming: NamingContext;
    /** One repository per name. */
    services: readonly string[];
    /** Lifecycle rules of every repository. */
    lifecycle: LifecycleSettings;
    /** Tags cannot be overwritten once pushed. @default false */
    immutableTags?: boolean;
    /** Pulumi `protect` on the repositories (and no force delete). @default false */
    protect?: boolean;
    /** Per-child overrides. */
    transform?: { repository?: Transform<aws.ecr.RepositoryArgs> };
}

/**
 * The ECR lifecycle policy document: expire untagged images after N days, keep only the last N
 * images whose tag starts with the prefix. Untagged first, since a lower priority number runs
 * first and untagged layers are what piles up on every push.
 */
export function lifecyclePolicy(s: LifecycleSettings): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${s.untaggedExpireDays} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: s.untaggedExpireDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the last ${s.keepTagged} images tagged ${s.tagPrefix}*`,
                selection: { tagStatus: "tagged", tagPrefixList: [s.tagPrefix], countType: "imageCountMoreThan", countNumber: s.keepTagged },
                action: { type: "expire" },
            },
        ],
    });
}

/** One private ECR repository per service: scan on push, encrypted, with lifecycle rules. */
export class Registry extends pulumi.ComponentResource {
    readonly repositories: Readonly<Record<string, aws.ecr.Repository>>;
    readonly repositoryUrls: Readonly<Record<string, pulumi.Output<string>>>;
    readonly repositoryArns: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Registry", name, {}, opts);
        const policy = lifecyclePolicy(args.lifecycle);
        const repos: Record<string, aws.ecr.Repository> = {};
        for (const service of args.services) {
            const [n, repoArgs, repoOpts] = applyTransform<aws.ecr.RepositoryArgs>(args.transform?.repository, `${name}-${service}`, {
                name: physicalName(args.naming, service),
                imageTagMutability: args.immutableTags ? "IMMUTABLE" : "MUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                // AES256 is what seed 003 asks for and costs nothing; KMS would add a key per stack.
                encryptionConfigurations: [{ encryptionType: "AES256" }],
                // A protected registry keeps its images; elsewhere `destroy` may delete them.
                forceDelete: !args.protect,
            }, { parent: this, protect: args.protect ?? false });
            const repo = new aws.ecr.Repository(n, repoArgs, repoOpts);
            new aws.ecr.LifecyclePolicy(`${name}-${service}-lifecycle`, { repository: repo.name, policy }, { parent: this });
            repos[service] = repo;
        }
        this.repositories = repos;
        this.repositoryUrls = Object.fromEntries(Object.entries(repos).map(([k, r]) => [k, r.repositoryUrl]));
        this.repositoryArns = Object.fromEntries(Object.entries(repos).map(([k, r]) => [k, r.arn]));
        this.registerOutputs({ repositoryUrls: this.repositoryUrls });
    }
}
