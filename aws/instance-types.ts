// Plain facts about EC2 instance types: no Pulumi import, so the config layer can use them.

/**
 * CPU architecture of an EC2 instance type. Graviton families carry a "g" after the generation
 * digit (m7g, c6gn, t4g, r8gd); GPU families start with "g" before it (g4dn, g5), which is x86.
 */
export function instanceArchitecture(instanceType: string): "x86_64" | "arm64" {
    const family = instanceType.split(".")[0];
    return /^[a-z]+\d+[a-z]*g/.test(family) ? "arm64" : "x86_64";
}
