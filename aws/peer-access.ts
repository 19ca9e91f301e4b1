import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { PlatformComponent } from "../components/base";
import { peerEnvNames } from "../components/env-contract";
import type { Transform } from "../components/transform";
import { admitGroup } from "./admit";
import { emptyWiring, type LinkConsumer, type LinkGrantor, type ServiceWiring } from "./wiring";

/** A service other services may call: its group, its port and the name it is found by. */
export interface PeerTarget {
    /** The target service's own security group. */
    securityGroupId: pulumi.Input<string>;
    /** Container port callers connect to. */
    port: number;
    /** Host name callers resolve (Cloud Map: `<name>.<namespace>`). */
    host: string;
    /** "http" services also get `<NAME>_URL`; "tcp" ones (Redis run as a service, ...) host and port only. */
    protocol: "http" | "tcp";
}

export interface PeerAccessArgs {
    /** Services that may be called, by name. Only consumers that `use` one are admitted (fail closed). */
    targets: Readonly<Record<string, PeerTarget>>;
    /** Per-child overrides. */
    transform?: { rule?: Transform<aws.vpc.SecurityGroupIngressRuleArgs> };
}

/**
 * Service-to-service links: the target's group admits the caller's group on the target's port
 * only, and the caller gets `<NAME>_HOST`, `<NAME>_PORT` and, for HTTP services, `<NAME>_URL`. A service nobody uses
 * admits nobody: there is no implicit "every service may call it".
 */
export class PeerAccess extends PlatformComponent implements LinkGrantor {
    private readonly args: PeerAccessArgs;

    constructor(name: string, args: PeerAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:PeerAccess", name, opts);
        this.args = args;
        this.registerOutputs({});
    }

    grant(consumer: LinkConsumer, target: string): ServiceWiring {
        const t = this.args.targets[target];
        if (!t) this.fail(`"${target}" is not a callable service (known: ${Object.keys(this.args.targets).join(", ") || "none"})`);
        admitGroup(`${this.baseName}-${consumer.name}-to-${target}`, {
            to: t.securityGroupId, from: consumer.securityGroupId, port: t.port, description: `From service ${consumer.name} to ${target}:${t.port}`,
        }, this, this.args.transform?.rule);
        const names = peerEnvNames(target);
        const w = emptyWiring();
        w.environment[names.host] = t.host;
        w.environment[names.port] = String(t.port);
        if (t.protocol === "http") w.environment[names.url] = `http://${t.host}:${t.port}`;
        return w;
    }
}
