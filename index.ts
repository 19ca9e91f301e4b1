import * as pulumi from "@pulumi/pulumi";
import { prodWarnings } from "./stacks/checks/prod-safety";
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

const spec = loadOrFail();
// Declared prod opt-outs (allowHttp, allowExecInProd, egress: open) show in every preview and update.
for (const warning of prodWarnings(spec)) void pulumi.log.warn(warning);

export = createInfra(spec);
