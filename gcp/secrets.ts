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
    /** Pulumi `protect` on every secret (prod profile): deleting one loses its versions. @default false */
    protect?: boolean;
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
            }, { parent: this, dependsOn: args.dependsOn, protect: args.protect }));
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
export { secretEnvName } from "../components/env-contract";

export interface GeneratedSecretArgs {
    /** App and stage, for the secret id. */
    naming: NamingContext;
    /** Role in the secret id: `<app>-<stage>-<role>`. */
    role: string;
    /** The generated value (a Pulumi secret); it reaches only the secret version. */
    value: pulumi.Input<string>;
    /** Pulumi `protect` on the secret (prod). */
    protect: boolean;
    /** Resources (the Secret Manager API, the value's producer) the secret waits for. */
    dependsOn?: pulumi.Resource[];
}

/**
 * A Secret Manager secret holding a value the program generated (database password, Redis AUTH
 * string, CDN signing key): services read it as a secret environment variable, never in plain text.
 * Children are named `<name>` and `<name>-version` under `parent`.
 */
export function generatedSecret(name: string, args: GeneratedSecretArgs, parent: pulumi.Resource): gcp.secretmanager.Secret {
    const secret = new gcp.secretmanager.Secret(name, {
        secretId: physicalName(args.naming, args.role, "gcp"),
        replication: { auto: {} },
    }, { parent, dependsOn: args.dependsOn, protect: args.protect });
    new gcp.secretmanager.SecretVersion(`${name}-version`, {
        secret: secret.id,
        secretData: pulumi.secret(args.value),
    }, { parent });
    return secret;
}
