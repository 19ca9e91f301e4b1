/** Standard tags (AWS) / labels (GCP) carried by every taggable resource. */
export interface StandardTagInput {
    app: string;
    environment: string;
    /** Environment label used in names when it differs from the profile (seed 004: tiger). */
    stage?: string;
    /** Extra user tags from config; they never override the standard three. */
    extra?: Record<string, string>;
}

/** AWS tags: keys and values as given, standard keys last so they win. */
export function standardTags(input: StandardTagInput): Record<string, string> {
    const tags: Record<string, string> = { ...(input.extra ?? {}) };
    tags.app = input.app;
    tags.environment = input.environment;
    if (input.stage && input.stage !== input.environment) tags.stage = input.stage;
    tags["managed-by"] = "pulumi";
    return tags;
}

/** GCP labels must be lowercase, start with a letter, and use only [a-z0-9_-], max 63 chars. */
export function toGcpLabels(tags: Record<string, string>): Record<string, string> {
    const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(tags)) {
        let key = clean(k);
        if (!/^[a-z]/.test(key)) key = `k${key}`.slice(0, 63);
        labels[key] = clean(v);
    }
    return labels;
}
