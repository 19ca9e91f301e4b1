import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface SecretsArgs {
    /** App and stage, for secret ids. */
    naming: NamingContext;
    /** Application secret names (from `secrets`). */
    names: readonly string[];
    /** Pulumi `protect` on every secret (prod profile): deleting one loses its versions. @default false */
    protect?: boolean;
    /** Resources (the Secret Manager API) the secrets wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides, applied to every secret (e.g. user-managed replication). */
    transform?: { secret?: Transform<gcp.secretmanager.SecretArgs> };
}

/**
 * One Secret Manager secret per application secret, created empty: values are added outside
 * the program (`gcloud secrets versions add`), so they never pass through Pulumi state.
 */
export class Secrets extends pulumi.ComponentResource {
    readonly byName: Readonly<Record<string, gcp.secretmanager.Secret>>;

    constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:Secrets", name, {}, opts);
        const byName: Record<string, gcp.secretmanager.Secret> = {};
        for (const secret of args.names) {
            byName[secret] = new gcp.secretmanager.Secret(...applyTransform<gcp.secretmanager.SecretArgs>(args.transform?.secret, `${name}-${secret}`, {
                secretId: physicalName(args.naming, secret, "gcp"),
                replication: { auto: {} },
            }, { parent: this, dependsOn: args.dependsOn, protect: args.protect ?? false }));
        }
        this.byName = byName;
        this.registerOutputs({});
    }
}

/** The environment variable a secret is injected as: database-url → DATABASE_URL. */
export function secretEnvName(secret: string): string {
    return secret.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
