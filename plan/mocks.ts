import * as pulumi from "@pulumi/pulumi";
import { AWS_INVOKES, AWS_STATE } from "./mock-state/aws";
import { GCP_INVOKES, GCP_STATE } from "./mock-state/gcp";
import { RANDOM_STATE } from "./mock-state/random";

/**
 * The one mocks implementation (setMocks is global to a process, so there must be only one).
 * Resources echo their inputs plus the attributes the cloud would compute; invokes answer from
 * a table, and an invoke nobody taught us throws, so a new lookup cannot pass by accident.
 */
export const mocks: pulumi.runtime.Mocks = {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const id = `${args.name}-id`;
        const computed = (AWS_STATE[args.type] ?? GCP_STATE[args.type] ?? RANDOM_STATE[args.type])?.(args.name, args.inputs) ?? {};
        return { id, state: { ...args.inputs, ...computed, id } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const answer = AWS_INVOKES[args.token] ?? GCP_INVOKES[args.token];
        if (!answer) throw new Error(`Mock not implemented: ${args.token}`);
        return answer(args.inputs);
    },
};
