import * as pulumi from "@pulumi/pulumi";
import { Image, type ImageArgs } from "@pulumi/awsx/ecr";
import type { ResolvedBuild, ResolvedConfig } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";

export interface ImageBuildsArgs {
    /** What to build: a name (service or job) per build settings. */
    builds: Readonly<Record<string, ResolvedBuild>>;
    /** ECR repository URL per name (the Registry's repositories). */
    repositoryUrls: Readonly<Record<string, pulumi.Input<string>>>;
    /** Tag pushed along with the digest (platform:release); unset lets awsx pick one. */
    tag?: string;
    /** Per-child overrides. */
    transform?: { image?: Transform<ImageArgs> };
}

/**
 * Images built from source during `pulumi up` and pushed to the service's ECR repository with
 * awsx's `ecr.Image` (a provider-side component: under the offline engine it is one resource
 * with its inputs, and the mocks answer a digest). Callers run `refs[name]`, which is
 * `<repository>@sha256:<digest>`: tasks roll exactly when the image content changes, and a
 * second push of the same content is no deployment at all.
 */
export class ImageBuilds extends pulumi.ComponentResource {
    /** Image reference by digest, per name. */
    readonly refs: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: ImageBuildsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:ImageBuilds", name, {}, opts);
        const refs: Record<string, pulumi.Output<string>> = {};
        for (const [target, b] of Object.entries(args.builds)) {
            const [n, a, o] = applyTransform(args.transform?.image, `${name}-${target}`, {
                repositoryUrl: args.repositoryUrls[target],
                context: b.context,
                dockerfile: b.dockerfile,
                target: b.target,
                args: { ...b.args },
                platform: b.platform,
                imageTag: args.tag,
            }, { parent: this });
            refs[target] = new Image(n, a, o).imageUri;
        }
        this.refs = refs;
        this.registerOutputs({ refs });
    }
}

/** Names (services, then jobs) that build their image, with their build settings. */
export function buildsOf(spec: ResolvedConfig): Record<string, ResolvedBuild> {
    const out: Record<string, ResolvedBuild> = {};
    for (const s of spec.services) if (s.build) out[s.name] = s.build;
    for (const j of spec.jobs) if (j.build) out[j.name] = j.build;
    return out;
}

/** Names that need an ECR repository: services and jobs that run neither an explicit image nor another service's. */
export function repositoryNames(spec: ResolvedConfig): string[] {
    return [...spec.services.filter((s) => !s.image).map((s) => s.name), ...spec.jobs.filter((j) => !j.image && !j.imageFrom).map((j) => j.name)];
}
