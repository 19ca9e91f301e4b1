import * as pulumi from "@pulumi/pulumi";
import type { ResolvedService } from "../components/spec";
import type { ServiceWiring } from "./wiring";

/** A volume mounted into the container (EFS, from the volumes component). */
export interface ContainerMount {
    name: string;
    mountPath: string;
    readOnly: boolean;
}

export interface ContainerInput {
    service: ResolvedService;
    image: pulumi.Input<string>;
    wiring: ServiceWiring;
    logGroupName: pulumi.Input<string>;
    region: string;
    mounts: readonly ContainerMount[];
}

/**
 * The container definitions JSON of a task: one essential container named after the service.
 * Plain environment is the config's plus the wiring's (wiring wins); secrets are references
 * (ARNs) that ECS resolves at start, so no secret value ever appears in the task definition.
 */
export function containerDefinitions(c: ContainerInput): pulumi.Output<string> {
    const s = c.service;
    const env: Record<string, pulumi.Input<string>> = { ...s.environment, ...c.wiring.environment };
    const environment = Object.keys(env).sort().map((name) => ({ name, value: env[name] }));
    const secrets = Object.keys(c.wiring.secrets).sort().map((name) => ({ name, valueFrom: c.wiring.secrets[name] }));
    const container: Record<string, unknown> = {
        name: s.name,
        image: c.image,
        essential: true,
        portMappings: s.port === undefined ? [] : [{ name: s.name, containerPort: s.port, hostPort: s.port, protocol: "tcp" }],
        environment,
        secrets,
        readonlyRootFilesystem: s.readonlyRootFilesystem,
        mountPoints: c.mounts.map((m) => ({ sourceVolume: m.name, containerPath: m.mountPath, readOnly: m.readOnly })),
        logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": c.logGroupName, "awslogs-region": c.region, "awslogs-stream-prefix": "ecs" },
        },
        // ECS Exec sessions need an init process to reap the agent's children.
        linuxParameters: s.exec ? { initProcessEnabled: true } : undefined,
    };
    if (s.command) container.command = [...s.command];
    const hc = s.healthCheck;
    if (hc.command) {
        container.healthCheck = { command: [...hc.command], interval: hc.interval, timeout: hc.timeout, retries: hc.unhealthyThreshold, startPeriod: Math.min(hc.gracePeriod, 300) };
    }
    return pulumi.jsonStringify([container]);
}
