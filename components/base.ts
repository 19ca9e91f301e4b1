import * as pulumi from "@pulumi/pulumi";
import { applyTransform, type Transform } from "./transform";

/** A mistake in the arguments a caller gave a component: the message names the component and what to change. */
export class ComponentArgsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ComponentArgsError";
    }
}

type ResourceClass<TArgs, R> = new (name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) => R;

/**
 * What every platform component shares: its type token, children named after it
 * (`<name>-<suffix>`, so two instances never collide), per-child transform hooks, and
 * user-facing errors that name the component. Subclasses keep their own Args.
 */
export abstract class PlatformComponent extends pulumi.ComponentResource {
    /** The logical name children are prefixed with. */
    protected readonly baseName: string;
    private readonly typeToken: string;

    protected constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
        super(type, name, {}, opts);
        this.typeToken = type;
        this.baseName = name;
    }

    /** Creates a child `<name>-<suffix>`, with `transform` applied to its args and options. */
    protected child<TArgs extends object, R>(
        ctor: ResourceClass<TArgs, R>, suffix: string, args: TArgs, transform?: Transform<TArgs>, opts: pulumi.CustomResourceOptions = {},
    ): R {
        const [n, a, o] = applyTransform(transform, `${this.baseName}-${suffix}`, args, { parent: this, ...opts });
        return new ctor(n, a, o);
    }

    /** Throws an error that names this component, for arguments a caller can fix. */
    protected fail(message: string): never {
        throw new ComponentArgsError(`${this.typeToken} "${this.baseName}": ${message}`);
    }
}
