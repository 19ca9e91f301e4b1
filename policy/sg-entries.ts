/** Security group rules in one shape, whichever resource type carries them (inline, per-rule resources). */
import { list, num, obj, type RuleResource } from "./helpers";
import { T } from "./kit";

export interface RuleEntry { protocol: string; from?: number; to?: number; cidrs: string[]; label: string }

const cidrsOf = (e: Record<string, unknown>) => [...list(e.cidrBlocks), ...list(e.ipv6CidrBlocks)].map(String);

/**
 * Ingress or egress of a SecurityGroup (inline), a SecurityGroupIngressRule/EgressRule or a
 * SecurityGroupRule of that type, in one shape. A protocol left out counts as every protocol
 * (fail closed: a rule cannot prove a missing value harmless).
 */
export function entriesOf(r: RuleResource, direction: "ingress" | "egress"): RuleEntry[] {
    const i = r.inputs;
    if (r.type === T.sg || r.type === T.defaultSg) {
        return list(i[direction]).map(obj).map((e, k) => ({
            protocol: String(e.protocol ?? "-1"), from: num(e.fromPort), to: num(e.toPort), cidrs: cidrsOf(e), label: `${direction}[${k}]`,
        }));
    }
    if (r.type === (direction === "ingress" ? T.sgIngress : T.sgEgress)) {
        return [{ protocol: String(i.ipProtocol ?? "-1"), from: num(i.fromPort), to: num(i.toPort), cidrs: [i.cidrIpv4, i.cidrIpv6].filter((c): c is string => typeof c === "string"), label: "rule" }];
    }
    if (r.type === T.sgRule && i.type === direction) {
        return [{ protocol: String(i.protocol ?? "-1"), from: num(i.fromPort), to: num(i.toPort), cidrs: cidrsOf(i), label: "rule" }];
    }
    return [];
}

const allProtocols = (p: string) => ["-1", "all"].includes(p.toLowerCase());
/** Widest port range a single admission may span; wider is "all ports" in effect (0-65534 is not a service port). */
export const MAX_PORT_SPAN = 1024;
const portProtocol = (p: string) => ["tcp", "udp", "6", "17"].includes(p.toLowerCase());
export const allPorts = (e: RuleEntry) => allProtocols(e.protocol)
    || (portProtocol(e.protocol) && (e.to ?? 65535) - (e.from ?? 0) >= MAX_PORT_SPAN);

