import { bucketEnvName, CACHE_ENV, DATABASE_ENV, peerEnvNames, secretEnvName } from "../../components/env-contract";
import { looksSecret } from "../../policy/helpers";
import type { PlatformInput } from "../schema";

type Add = (path: (string | number)[], message: string, value?: unknown) => void;

/**
 * Hostile and sloppy input: values that would reach a shell, a DNS zone, a tag API or a container
 * definition as given. Each problem is one issue with its key path; secrets are never echoed.
 * `checkInputSafety` returns true when the input is too large to validate further (the caller
 * stops there, before any per-entry check or plan).
 */

/** Cloud Run takes at most 1000 environment variables per container (cloud.google.com/run/docs/configuring/services/environment-variables). */
export const MAX_ENV_VARS = 1000;
/**
 * Bytes of environment (names + values) per service. An ECS task definition may be 64 KiB in all
 * (Amazon ECS service quotas, "Task definition size"); half of it is left to the rest of it.
 */
export const MAX_ENV_BYTES = 32 * 1024;

/**
 * An image reference as the distribution grammar has it (github.com/distribution/reference,
 * reference.go): [registry[:port]/]path-component(/path-component)*[:tag][@algorithm:hex].
 * Path components are lowercase; nothing else (spaces, quotes, `;`, `$`, newlines) fits.
 */
const DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?";
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
export const IMAGE_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
/** Docker limits a repository name (registry + path) to 255 characters. */
const MAX_IMAGE_NAME = 255;

/** A lowercase ASCII host name: letters, digits, hyphens, 1-63 per label, 253 in all. */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** AWS tag characters: letters, digits, spaces and `_ . : / = + - @` (AWS General Reference, "Tagging your AWS resources"). */
const TAG_CHARS = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;

/** Names Cloud Run sets itself (container runtime contract): a user value is refused. */
const CLOUD_RUN_RESERVED = new Set(["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"]);


export function checkInputSafety(cfg: PlatformInput, add: Add): boolean {
    if (checkSizes(cfg, add)) return true;
    checkImages(cfg, add);
    checkDomain(cfg, add);
    checkTags(cfg, add);
    checkEnvironment(cfg, add);
    return false;
}

function checkSizes(cfg: PlatformInput, add: Add): boolean {
    let tooLarge = false;
    cfg.services.forEach((s, i) => {
        const env = Object.entries(s.environment ?? {});
        if (env.length > MAX_ENV_VARS) {
            add(["services", i, "environment"], `has ${env.length} variables; at most ${MAX_ENV_VARS} are allowed (Cloud Run's limit per container; ECS task definitions are capped at 64 KiB)`);
            tooLarge = true;
            return;
        }
        const bytes = env.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
        if (bytes > MAX_ENV_BYTES) {
            add(["services", i, "environment"], `is ${bytes} bytes; at most ${MAX_ENV_BYTES} bytes of names and values are allowed (an ECS task definition is capped at 64 KiB): move large values to a bucket or a secret`);
            tooLarge = true;
        }
    });
    return tooLarge;
}

function checkImages(cfg: PlatformInput, add: Add) {
    cfg.services.forEach((s, i) => {
        if (s.image === undefined) return;
        const name = s.image.split("@")[0].replace(/:[^/]*$/, "");
        if (!IMAGE_REFERENCE.test(s.image)) {
            add(["services", i, "image"], "is not an image reference: [registry[:port]/]name[:tag][@sha256:digest] with a lowercase name and no spaces, quotes or shell characters", s.image);
        } else if (name.length > MAX_IMAGE_NAME) {
            add(["services", i, "image"], `has a repository name of ${name.length} characters; at most ${MAX_IMAGE_NAME} are allowed`, s.image);
        }
    });
}

function checkDomain(cfg: PlatformInput, add: Add) {
    const d = cfg.domain;
    if (!d) return;
    const zone = d.zoneName;
    const zoneOk = zone === undefined || HOSTNAME.test(zone);
    if (!zoneOk) add(["domain", "zoneName"], "is not a zone name: lowercase ASCII labels of letters, digits and hyphens separated by single dots (no '..', slashes or spaces)", zone);
    const under = (host: string) => zone === undefined || host === zone || host.endsWith(`.${zone}`);
    if (zoneOk && !under(d.name)) add(["domain", "name"], `is not in the zone ${zone}; the certificate is validated and the records are written in that zone`, d.name);
    const seen = new Set([d.name]);
    (d.aliases ?? []).forEach((alias, j) => {
        const at = ["domain", "aliases", j];
        if (alias.startsWith("*.")) add(at, "is a wildcard; list each host name the app answers on (a wildcard record would send every name in the zone to the load balancer)", alias);
        else if (!HOSTNAME.test(alias)) add(at, "is not a host name: lowercase ASCII letters, digits, hyphens and dots only (no look-alike Unicode letters, spaces or newlines)", alias);
        else if (zoneOk && !under(alias)) add(at, `is not in the zone ${zone ?? d.name}; aliases must be names of the same zone`, alias);
        else if (seen.has(alias)) add(at, "is listed twice (or repeats domain.name)", alias);
        seen.add(alias);
    });
}

function checkTags(cfg: PlatformInput, add: Add) {
    for (const [key, value] of Object.entries(cfg.tags ?? {})) {
        const at = ["tags", key];
        if (key.length < 1 || key.length > 128) add(at, "is not a valid tag key: 1 to 128 characters", key);
        else if (/^aws:/i.test(key)) add(at, 'starts with "aws:", a prefix AWS reserves for its own tags', key);
        else if (!TAG_CHARS.test(key)) add(at, "is not a valid tag key: letters, digits, spaces and _ . : / = + - @ only", key);
        if (value.length > 256) add(at, `has a value of ${value.length} characters; AWS allows 256`);
        else if (!TAG_CHARS.test(value)) add(at, "has a value with characters AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ only)", value);
    }
}

/** The variables a service's links inject (DESIGN.md table): user variables and secrets must not shadow them. */
function linkVariables(cfg: PlatformInput, s: PlatformInput["services"][number]): Map<string, string> {
    const out = new Map<string, string>();
    const buckets = new Set((cfg.buckets ?? []).map((b) => b.name));
    const services = new Set(cfg.services.map((x) => x.name));
    for (const u of s.uses ?? []) {
        if (u === "database") for (const v of Object.values(DATABASE_ENV)) out.set(v, "uses: database");
        else if (u === "cache") for (const v of Object.values(CACHE_ENV)) out.set(v, "uses: cache");
        else if (buckets.has(u)) out.set(bucketEnvName(u), `uses: ${u}`);
        else if (services.has(u)) for (const v of Object.values(peerEnvNames(u))) out.set(v, `uses: ${u}`);
    }
    for (const b of s.permissions?.buckets ?? []) out.set(bucketEnvName(b), `permissions.buckets: ${b}`);
    return out;
}

function checkEnvironment(cfg: PlatformInput, add: Add) {
    const onGcp = (cfg.clouds ?? ["aws"]).includes("gcp");
    cfg.services.forEach((s, i) => {
        const links = linkVariables(cfg, s);
        const env = s.environment ?? {};
        for (const [name, raw] of Object.entries(env)) {
            const at = ["services", i, "environment", name];
            const value = String(raw);
            const link = links.get(name);
            if (link) add(at, `is set by the link (${link}); remove it here or rename it`);
            else if (onGcp && CLOUD_RUN_RESERVED.has(name)) add(at, "is reserved by Cloud Run (container runtime contract); it is set for you");
            // The value is never echoed: it may be the credential.
            if (looksSecret(name, value)) add(at, `looks like a credential in plain text (value not shown); declare it in platform:secrets and list it in services[${i}].secrets (set its value outside the stack file)`);
        }
        (s.secrets ?? []).forEach((secret, j) => {
            const envName = secretEnvName(secret);
            const link = links.get(envName);
            if (link) add(["services", i, "secrets", j], `would be injected as ${envName}, which the link (${link}) already sets; rename the secret`, secret);
            else if (Object.prototype.hasOwnProperty.call(env, envName)) add(["services", i, "secrets", j], `would be injected as ${envName}, which environment.${envName} also sets; keep one`, secret);
        });
    });
}
