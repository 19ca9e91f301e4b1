import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { namePrefix } from "../components/naming";
import { routesAcrossClouds, type ResolvedConfig } from "../components/spec";
import { toGcpLabels } from "../components/tags";
import { route53Writer } from "../aws/dns-writer";
import { Route53Routing } from "../aws/dns-routing";
import { AwsStack } from "../aws/stack";
import { cloudDnsWriter } from "../gcp/dns-writer";
import { CloudDnsWeighted } from "../gcp/dns-routing";
import { GcpStack } from "../gcp/stack";
import { DEFAULTS } from "./defaults";

/** Stack outputs, grouped per cloud: `pulumi stack output aws`. */
export interface InfraOutputs {
    app: string;
    environment: string;
    aws?: Record<string, pulumi.Input<unknown>>;
    gcp?: Record<string, pulumi.Input<unknown>>;
    /** Every clickable URL of the stack, keyed `<cloud>` or `<cloud>.<name>`, plus `domain` (the main name) on a both-clouds stack with a domain: `pulumi stack output urls`. */
    urls?: pulumi.Output<Record<string, string>>;
}

/**
 * Collects the per-cloud `url` (one URL) and `urls` (a map or list of URLs) outputs into one flat
 * map, so a person has one place to click whatever the clouds expose. Secret inputs keep the
 * whole map secret (pulumi.all propagates secrecy).
 */
export function collectUrls(perCloud: Partial<Record<"aws" | "gcp", Record<string, pulumi.Input<unknown>> | undefined>>): pulumi.Output<Record<string, string>> {
    const entries: pulumi.Output<[string, string][]>[] = [];
    for (const cloud of ["aws", "gcp"] as const) {
        const out = perCloud[cloud];
        if (!out) continue;
        if (out.url !== undefined) entries.push(pulumi.output(out.url).apply((u): [string, string][] => (typeof u === "string" && u ? [[cloud, u]] : [])));
        if (out.urls !== undefined) {
            entries.push(pulumi.output(out.urls).apply((us) => {
                const pairs: [string, unknown][] = Array.isArray(us) ? us.map((u, i) => [String(i + 1), u]) : Object.entries(us ?? {});
                return pairs.filter((p): p is [string, string] => typeof p[1] === "string" && p[1] !== "").map(([k, u]): [string, string] => [`${cloud}.${k}`, u]);
            }));
        }
    }
    return pulumi.all(entries).apply((lists) => Object.fromEntries(lists.flat()));
}

/**
 * Builds every selected cloud for one resolved config. A function, not top-level code, so one
 * process (tests, the offline engine) can build many stacks.
 */
export function createInfra(spec: ResolvedConfig): InfraOutputs {
    const name = namePrefix(spec.naming);
    const outputs: InfraOutputs = { app: spec.name, environment: spec.environment };
    // Providers are made on first use: a Cloud DNS zone needs the GCP provider while the AWS stack is built.
    const awsProvider = once(() => new aws.Provider("aws", {
        // An explicit provider: region and default tags come from our config, not ambient settings.
        region: spec.aws!.region as aws.Region,
        defaultTags: { tags: { ...spec.tags } },
        ...spec.aws!.providerConfig,
    }));
    const gcpProvider = once(() => new gcp.Provider("gcp", {
        project: spec.gcp!.project,
        region: spec.gcp!.region,
        defaultLabels: toGcpLabels(spec.tags),
        addPulumiAttributionLabel: false,
    }));
    const d = spec.domain;
    const cloudDns = d?.dns === "clouddns" && spec.gcp ? cloudDnsWriter(d.cloudDnsZone!, spec.gcp.project, gcpProvider()) : undefined;
    let awsStack: AwsStack | undefined;
    if (spec.aws) {
        awsStack = new AwsStack(name, { spec, dns: cloudDns }, { providers: { aws: awsProvider() } });
        outputs.aws = awsStack.outputs;
    }
    let gcpStack: GcpStack | undefined;
    if (spec.gcp) {
        const zoneId = d?.dns === "route53" ? awsStack?.domain?.zoneId : undefined;
        const dns = cloudDns ?? (zoneId ? route53Writer(zoneId, awsProvider()) : undefined);
        gcpStack = new GcpStack(name, { spec, dns }, { providers: { gcp: gcpProvider() } });
        outputs.gcp = gcpStack.outputs;
    }
    if (d && awsStack && gcpStack) createDnsRouting(name, spec, awsStack, gcpStack, awsProvider, gcpProvider);
    outputs.urls = collectUrls(outputs);
    // The main name on a both-clouds stack, next to each cloud's own: which cloud answers it is `domain.routing`.
    if (d && awsStack?.entryLoadBalancer && gcpStack?.loadBalancer) outputs.urls = outputs.urls.apply((u): Record<string, string> => ({ ...u, domain: `https://${d.name}` }));
    return outputs;
}

/** Main-name records answered by both clouds (failover or weighted), in the zone's own provider. */
function createDnsRouting(name: string, spec: ResolvedConfig, awsStack: AwsStack, gcpStack: GcpStack, awsProvider: () => aws.Provider, gcpProvider: () => gcp.Provider) {
    const d = spec.domain!;
    const alb = awsStack.entryLoadBalancer;
    const glb = gcpStack.loadBalancer;
    if (!routesAcrossClouds(d) || !alb || !glb || !d.hosts.aws || !d.hosts.gcp) return;
    const names = [d.name, ...d.aliases];
    if (d.dns === "route53" && awsStack.domain?.zoneId) {
        new Route53Routing(`${name}-dns-routing`, {
            naming: spec.naming,
            zoneId: awsStack.domain.zoneId,
            names,
            mode: d.routing as "failover" | "weighted",
            primary: d.primary,
            weights: d.weights,
            healthPath: d.healthPath!,
            intervalSeconds: DEFAULTS.domain.healthCheck.intervalSeconds,
            failureThreshold: DEFAULTS.domain.healthCheck.failureThreshold,
            ttl: DEFAULTS.domain.routedTtl,
            targets: {
                aws: { host: d.hosts.aws, alias: { dnsName: alb.dnsName, zoneId: alb.zoneId } },
                gcp: { host: d.hosts.gcp, ip: glb.ipAddress },
            },
        }, { provider: awsProvider() });
    } else if (d.dns === "clouddns" && d.routing === "weighted") {
        new CloudDnsWeighted(`${name}-dns-routing`, {
            managedZone: d.cloudDnsZone!,
            project: spec.gcp!.project,
            names,
            weights: d.weights!,
            awsTarget: alb.dnsName,
            gcpTarget: d.hosts.gcp,
            ttl: DEFAULTS.domain.routedTtl,
        }, { provider: gcpProvider() });
    }
}

function once<T>(make: () => T): () => T {
    let made: T | undefined;
    return () => (made ??= make());
}
