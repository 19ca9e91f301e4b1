import type { CloudCapabilities, StoreKind } from "../../components/capabilities";
import type { ResolvedConfig } from "../../components/spec";
import { AWS_CAPABILITIES } from "../../aws/capabilities";
import { GCP_CAPABILITIES } from "../../gcp/capabilities";
import { parseKeyPath, type ConfigIssue } from "../errors";

export const CAPABILITIES: Readonly<Record<"aws" | "gcp", CloudCapabilities>> = { aws: AWS_CAPABILITIES, gcp: GCP_CAPABILITIES };

const STORE_WORDS: Record<StoreKind, string> = {
    database: "a PostgreSQL database",
    cache: "a Redis cache",
    bucket: "object storage buckets",
    volume: "file system volumes",
};

/**
 * Refuses what a selected cloud cannot build: each store once (at its own key), then each link or
 * permission whose kind the cloud does not grant. A store the cloud lacks is not repeated for every
 * link to it.
 */
export function checkCapabilities(model: ResolvedConfig): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const add = (keyPath: string, message: string, value?: unknown) =>
        issues.push({ path: parseKeyPath(keyPath), message, value, hasValue: value !== undefined });
    const stores: { kind: StoreKind; keyPath: string; value: unknown }[] = [
        ...(model.database ? [{ kind: "database" as const, keyPath: "platform:database", value: "{...}" }] : []),
        ...(model.cache ? [{ kind: "cache" as const, keyPath: "platform:cache", value: "{...}" }] : []),
        ...model.buckets.map((b, i) => ({ kind: "bucket" as const, keyPath: b.keyPath ?? `platform:buckets[${i}]`, value: b.name })),
    ];
    for (const cloud of model.clouds) {
        const can = CAPABILITIES[cloud];
        const others = model.clouds.filter((c) => c !== cloud);
        const fix = others.length > 0
            ? `remove it, or remove "${cloud}" from platform:clouds to deploy it on ${others.join(" and ")} only`
            : "remove it, or add a cloud that builds it to platform:clouds";
        for (const s of stores) {
            if (!can.stores.includes(s.kind)) add(s.keyPath, `is ${STORE_WORDS[s.kind]}, which the ${cloud} renderer does not build; ${fix}`, s.value);
        }
        for (const l of model.links) {
            const storeMissing = (l.kind === "database" || l.kind === "cache" || l.kind === "bucket") && !can.stores.includes(l.kind);
            if (storeMissing) continue;
            if (!can.links.includes(l.kind) || (l.kind === "volume" && !can.stores.includes("volume"))) {
                add(l.keyPath, `needs ${l.kind === "volume" ? STORE_WORDS.volume : `a ${l.kind} link`}, which the ${cloud} renderer does not build; ${fix}`, l.to);
            }
        }
        model.services.forEach((s, i) => {
            if (s.port !== undefined && !can.protocols.includes(s.protocol)) {
                add(`${s.keyPath ?? `platform:services[${i}]`}.protocol`, `is "${s.protocol}", which the ${cloud} renderer cannot serve (it serves ${can.protocols.join(", ")} only); ${fix}`, s.protocol);
            }
            for (const p of ["ses", "sns"] as const) {
                if (s.permissions[p] && !can.permissions.includes(p)) {
                    add(`${s.keyPath ?? `platform:services[${i}]`}.permissions.${p}`, `grants ${p.toUpperCase()} (an AWS service), which the ${cloud} renderer has no equivalent for; ${fix}`, true);
                }
            }
        });
    }
    return issues;
}
