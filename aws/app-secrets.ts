import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NamingContext } from "../components/naming";
import { PlatformComponent } from "../components/base";
import { secretEnvName } from "../components/env-contract";
import type { SecretText } from "../components/spec";
import { applyTransform, type Transform } from "../components/transform";
import { emptyWiring, type LinkConsumer, type LinkGrantor, type ServiceWiring } from "./wiring";

export { secretEnvName };

export interface AppSecretsArgs {
    /** App and stage: secrets are named `<stage>/<app>/<name>` (seed 004's `{env}/fastapi/*`). */
    naming: NamingContext;
    /** Secret names from `platform:secrets`, e.g. ["database-url", "secret-key"]. */
    names: readonly string[];
    /** Customer-managed key the secrets are encrypted with. */
    kmsKeyArn: pulumi.Input<string>;
    /** Values from encrypted stack config, by secret name; a secret without one stays empty. @default {} */
    values?: Readonly<Record<string, SecretText>>;
    /** Days a deleted secret can be restored (0 deletes at once). @default 30 */
    recoveryWindowInDays?: number;
    /** Pulumi `protect` (prod profile). @default false */
    protect?: boolean;
    /** Per-child overrides, applied to every secret. */
    transform?: { secret?: Transform<aws.secretsmanager.SecretArgs> };
}

/** Stands in for a value the offline plan cannot decrypt (never deployed: `pulumi up` decrypts). */
export const ENCRYPTED_PLACEHOLDER = "(encrypted in stack config)";

/** Physical name of an application secret: `<stage>/<app>/<name>`. */
export function appSecretName(naming: NamingContext, name: string): string {
    return `${naming.stage}/${naming.app}/${name}`;
}

/**
 * Application secrets as Secrets Manager entries. A value comes from encrypted stack config
 * (`platform:secretValues`, a Pulumi secret end to end: encrypted in config and state, masked in
 * previews); without one the entry is created empty and the value is put outside Pulumi. A task that references a secret without a value
 * fails to start with ResourceInitializationError, which makes a forgotten value loud.
 */
export class AppSecrets extends PlatformComponent implements LinkGrantor {
    /** Secret ARN per secret name. */
    readonly arns: Readonly<Record<string, pulumi.Output<string>>>;
    private readonly kmsKeyArn: pulumi.Input<string>;

    constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:AppSecrets", name, opts);
        this.kmsKeyArn = args.kmsKeyArn;
        const arns: Record<string, pulumi.Output<string>> = {};
        for (const secretName of args.names) {
            const secret = new aws.secretsmanager.Secret(...applyTransform<aws.secretsmanager.SecretArgs>(args.transform?.secret, `${name}-${secretName}`, {
                name: appSecretName(args.naming, secretName),
                description: `Application secret ${secretName}; the value is set outside Pulumi`,
                kmsKeyId: args.kmsKeyArn,
                recoveryWindowInDays: args.recoveryWindowInDays ?? 30,
            }, { parent: this, protect: args.protect ?? false }));
            arns[secretName] = secret.arn;
            const value = args.values?.[secretName];
            if (value) {
                new aws.secretsmanager.SecretVersion(`${name}-${secretName}-value`, {
                    secretId: secret.id,
                    // Offline the config is still encrypted; the placeholder is a secret all the same.
                    secretString: pulumi.secret(value.reveal() ?? ENCRYPTED_PLACEHOLDER),
                }, { parent: this });
            }
        }
        this.arns = arns;
        this.registerOutputs({ arns: this.arns });
    }

    /** A consumer that reads one secret: injected by ECS from its ARN, decrypted with the data key. */
    grant(_consumer: LinkConsumer, secretName: string): ServiceWiring {
        const arn = this.arns[secretName];
        if (!arn) this.fail(`no secret named "${secretName}" (known: ${Object.keys(this.arns).join(", ") || "none"})`);
        const w = emptyWiring();
        w.secrets[secretEnvName(secretName)] = arn;
        w.secretArns.push(arn);
        w.kmsKeyArns.push(this.kmsKeyArn);
        return w;
    }
}
