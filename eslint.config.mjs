// ESLint flat config: type-aware typescript-eslint rules on our TypeScript, Pulumi's own rules,
// and a few formatting-light checks. `npm run lint` fails on any warning. `npm run format` is
// `eslint --fix --fix-type suggestion,layout`: it applies the fixes that keep behaviour (braces,
// const, shorthand, redundant casts) and never "problem" fixes, which change what code does.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
    // Generated output, dependencies and docs are not ours to lint.
    globalIgnores(["node_modules/**", "bin/**", "docs/**", "**/*.d.ts", ".stryker-tmp/**", "reports/**"]),
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        // The plugin ships rules only (no preset), so both are enabled by hand. They catch an
        // Output<T> inside a plain template literal, which renders "Calling [toString] on an Output".
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Pulumi resources are declared for their side effect: `new aws.ec2.Route(...)` with no binding.
            "no-new": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
            // Mocha `it(...)`/`describe(...)` callbacks and Pulumi's runInPulumiStack take async
            // functions that need no await; flagging them adds noise without finding bugs.
            "@typescript-eslint/require-await": "off",
            // Formatting-light checks (no formatter is installed; these are the layout rules we enforce).
            eqeqeq: ["error", "always", { null: "ignore" }],
            curly: ["error", "multi-line"],
            "prefer-const": "error",
            "no-var": "error",
            "object-shorthand": ["error", "properties"],
            "no-useless-rename": "error",
        },
    },
    {
        // Policy rules read planned inputs, which are JSON values typed `unknown`; String(x ?? "")
        // is the intended comparison, and a non-string simply fails to match.
        files: ["policy/**/*.ts"],
        rules: { "@typescript-eslint/no-base-to-string": "off" },
    },
    {
        // The mock layer and the tests speak the SDK's own `any`-typed shapes (MockResourceArgs.inputs,
        // invoke args, JSON.parse of CLI output); typing every mock callback would add casts, not safety.
        // Product code (aws/, gcp/, components/, stacks/, policy/) keeps these rules.
        files: ["plan/**/*.ts", "test/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            // Assertion messages print whatever was thrown, Error or not.
            "@typescript-eslint/no-base-to-string": "off",
            // Assertion messages interpolate planned inputs, which are `unknown` by design.
            "@typescript-eslint/restrict-template-expressions": "off",
        },
    },
    {
        // Plain Node scripts (CommonJS) and this config file: no type information needed.
        files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
        ...tseslint.configs.disableTypeChecked,
        languageOptions: {
            sourceType: "commonjs",
            globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" },
        },
        rules: {
            ...tseslint.configs.disableTypeChecked.rules,
            "@typescript-eslint/no-require-imports": "off",
        },
    },
    {
        files: ["**/*.mjs"],
        languageOptions: { sourceType: "module" },
    },
);
