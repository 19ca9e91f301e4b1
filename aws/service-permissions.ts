import * as pulumi from "@pulumi/pulumi";
import type { ResolvedService } from "../components/spec";
import type { TaskPolicyStatement } from "./wiring";

/**
 * Task-role statements for the `permissions` flags that need no other resource: sending email
 * through SES (any verified identity of this account and region) and publishing to SNS (SMS has
 * no topic ARN, so Publish cannot be scoped further). Bucket permissions come with the buckets,
 * from the data tier's wiring.
 */
export function permissionStatements(s: ResolvedService, region: string, accountId: pulumi.Input<string>): TaskPolicyStatement[] {
    const out: TaskPolicyStatement[] = [];
    if (s.permissions.ses) {
        out.push({ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: pulumi.interpolate`arn:aws:ses:${region}:${accountId}:identity/*` });
    }
    if (s.permissions.sns) out.push({ Effect: "Allow", Action: ["sns:Publish"], Resource: "*" });
    return out;
}
