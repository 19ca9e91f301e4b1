/** One problem in a stack config: where (key path), what is wrong and what is allowed, and the value found. */
export interface ConfigIssue {
    /** Key path, starting with the config key: ["platform:services", 0, "port"]. */
    readonly path: readonly (string | number)[];
    /** What is allowed / what is wrong, as a sentence fragment. */
    readonly message: string;
    /** The value found, when there is one (omitted for missing keys). */
    readonly value?: unknown;
    readonly hasValue: boolean;
}

/** Renders `["platform:services", 0, "port"]` as `platform:services[0].port`. */
export function formatPath(path: readonly (string | number)[]): string {
    let out = "";
    for (const part of path) {
        if (typeof part === "number") out += `[${part}]`;
        else out += out === "" ? part : `.${part}`;
    }
    return out || "(config)";
}

function formatValue(value: unknown): string {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown by the loader when a config is invalid; carries every issue found. */
export class ConfigError extends Error {
    readonly issues: readonly ConfigIssue[];
    readonly source: string;

    constructor(source: string, issues: readonly ConfigIssue[]) {
        super(renderIssues(source, issues));
        this.name = "ConfigError";
        this.source = source;
        this.issues = issues;
    }
}

export function renderIssue(issue: ConfigIssue): string {
    const got = issue.hasValue ? ` (got ${formatValue(issue.value)})` : "";
    return `${formatPath(issue.path)}: ${issue.message}${got}`;
}

export function renderIssues(source: string, issues: readonly ConfigIssue[]): string {
    const head = `Invalid stack config ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`;
    return [head, ...issues.map((i) => `  - ${renderIssue(i)}`)].join("\n");
}

/** Exit code for invalid input (a usage error), distinct from 1 for crashes. */
export const CONFIG_ERROR_EXIT_CODE = 2;

/** Parses a model key path such as `platform:services[1].uses[0]` back into issue path parts. */
export function parseKeyPath(keyPath: string): (string | number)[] {
    const parts: (string | number)[] = [];
    for (const m of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    return parts;
}
