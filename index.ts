import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./stacks/errors";
import { createInfra } from "./stacks/infra";
import { loadConfigMap } from "./stacks/load";

function loadOrFail() {
    try {
        return loadConfigMap(pulumi.runtime.allConfig(), `of stack "${pulumi.getStack()}"`);
    } catch (e) {
        // RunError prints the message alone (no stack trace) and fails the update before any resource exists.
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
}

export = createInfra(loadOrFail());
