import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as dockerBuild from "@pulumi/docker-build";
import type { ResolvedBuild } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";

export interface GcpImageBuildsArgs {
    /** What to build: a name (service or job) per build settings. */
    builds: Readonly<Record<string, ResolvedBuild>>;
    /** Artifact Registry repository URL, `<region>-docker.pkg.dev/<project>/<repository>`. */
    registryUrl: pulumi.Input<string>;
    /** Registry host, `<region>-docker.pkg.dev`, for the push credentials. */
    registryHost: string;
    /** Tag pushed along with the digest (platform:release); "latest" kept off immutable registries. */
    tag: string;
    /** Per-child overrides. */
    transform?: { image?: Transform<dockerBuild.ImageArgs> };
}

/**
 * Images built from source during `pulumi up` with `@pulumi/docker-build` and pushed to the
 * stack's Artifact Registry repository as `<registry>/<name>`, using the deployer's own Google
 * credentials (a short-lived access token, kept secret). `refs[name]` is the image by digest.
 */
export class GcpImageBuilds extends pulumi.ComponentResource {
    /** `<registry>/<name>@sha256:...` per name. */
    readonly refs: Readonly<Record<string, pulumi.Output<string>>>;

    constructor(name: string, args: GcpImageBuildsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:ImageBuilds", name, {}, opts);
        const token = gcp.organizations.getClientConfigOutput({ parent: this }).accessToken;
        const refs: Record<string, pulumi.Output<string>> = {};
        for (const [target, b] of Object.entries(args.builds)) {
            const repo = pulumi.interpolate`${args.registryUrl}/${target}`;
            const [n, a, o] = applyTransform<dockerBuild.ImageArgs>(args.transform?.image, `${name}-${target}`, {
                context: { location: b.context },
                dockerfile: { location: b.dockerfile },
                target: b.target,
                buildArgs: { ...b.args },
                platforms: [b.platform],
                push: true,
                tags: [pulumi.interpolate`${repo}:${args.tag}`],
                registries: [{ address: args.registryHost, username: "oauth2accesstoken", password: pulumi.secret(token) }],
            }, { parent: this });
            const image = new dockerBuild.Image(n, a, o);
            refs[target] = pulumi.interpolate`${repo}@${image.digest}`;
        }
        this.refs = refs;
        this.registerOutputs({ refs });
    }
}
