// Where stack files are, without the cloud SDKs: the CLI finds and validates a stack's config
// before it loads the engine, so bad input exits 2 in a fraction of the time a plan takes.
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../stacks/errors";

export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Where a stack's file is: `dev` → Pulumi.dev.yaml, `portfolio-prod` → stacks/examples/portfolio-prod.yaml, or a path. */
export function resolveStackTarget(target: string): { file: string; stackName: string } {
    if (/\.ya?ml$/.test(target)) {
        const file = path.resolve(target);
        const base = path.basename(file).replace(/\.ya?ml$/, "");
        return { file, stackName: base.replace(/^Pulumi\./, "") };
    }
    const candidates = [path.join(PROJECT_ROOT, `Pulumi.${target}.yaml`), path.join(PROJECT_ROOT, "stacks", "examples", `${target}.yaml`)];
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) {
        throw new ConfigError(`"${target}"`, [{
            path: ["(stack)"],
            message: `no stack file found; looked for ${candidates.map((c) => path.relative(process.cwd(), c)).join(" and ")}. Give a stack name or a path to a .yaml stack file`,
            hasValue: false,
        }]);
    }
    return { file, stackName: target };
}

/** Every stack file of the project: Pulumi.*.yaml and stacks/examples/*.yaml. */
export function allStackFiles(root = PROJECT_ROOT): string[] {
    const top = fs.readdirSync(root).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => path.join(root, f));
    const exDir = path.join(root, "stacks", "examples");
    const examples = fs.existsSync(exDir) ? fs.readdirSync(exDir).filter((f) => f.endsWith(".yaml")).map((f) => path.join(exDir, f)) : [];
    return [...top.sort(), ...examples.sort()];
}
