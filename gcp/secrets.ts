import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import type { SecretText } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";

export interface SecretsArgs {
    /** App and stage, for secret ids. */
    naming: NamingContext;
    /** Application secret names (from `secrets`). */
    names: readonly string[];
    /** Values from encrypted stack config, by secret name; a secret without one stays empty. @default {} */
    values?: Readonly<Record<string, SecretText>>;
    /** Resources (the Secret Manager API) the secrets wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides, applied to every secret (e.g. user-managed replication). */
    transform?: { secret?: Transform<gcp.secretmanager.SecretArgs> };
}

/**
 * One Secret Manager secret per application secret. A value from encrypted stack config
 * (`platform:secretValues`) becomes a version, a Pulumi secret end to end; without one the
 * secret stays empty and the value is added outside (`gcloud secrets versions add`).
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
            }, { parent: this, dependsOn: args.dependsOn }));
            const value = args.values?.[secret];
            if (value) {
                new gcp.secretmanager.SecretVersion(`${name}-${secret}-value`, {
                    secret: byName[secret].id,
                    // Offline the config is still encrypted; the placeholder is a secret all the same.
                    secretData: pulumi.secret(value.reveal() ?? "(encrypted in stack config)"),
                }, { parent: this });
            }
        }
        this.byName = byName;
        this.registerOutputs({});
    }
}

/** The environment variable a secret is injected as: database-url → DATABASE_URL. */
export function secretEnvName(secret: string): string {
    return secret.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}
