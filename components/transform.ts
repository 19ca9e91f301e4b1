import * as pulumi from "@pulumi/pulumi";

/**
 * A per-child override hook: either a partial args object merged over ours, or a function that
 * edits the args (and options) in place. The engine-side `transforms` option is not run by the
 * mock monitor, so we apply hooks ourselves where tests and the offline plan can see them.
 */
export type Transform<TArgs> =
    | Partial<TArgs>
    | ((args: TArgs, opts: pulumi.CustomResourceOptions, name: string) => void);

/** Applies an optional transform to a child's args and options before the child is created. */
export function applyTransform<TArgs extends object>(
    transform: Transform<TArgs> | undefined,
    name: string,
    args: TArgs,
    opts: pulumi.CustomResourceOptions,
): [string, TArgs, pulumi.CustomResourceOptions] {
    if (!transform) return [name, args, opts];
    if (typeof transform === "function") {
        transform(args, opts, name);
        return [name, args, opts];
    }
    return [name, { ...args, ...transform }, opts];
}
