import * as pulumi from "@pulumi/pulumi";
import type { ResolvedService } from "../components/spec";
import type { TaskPolicyStatement } from "./wiring";

/** A topic ARN from a name of this account and region, or the ARN as given. */
function topicArn(topic: string, region: string, accountId: pulumi.Input<string>): pulumi.Input<string> {
    return topic.startsWith("arn:") ? topic : pulumi.interpolate`arn:aws:sns:${region}:${accountId}:${topic}`;
}

/**
 * Task-role statements for the `permissions` flags that need no other resource. Each names its
 * resources or carries the condition that scopes it:
 * - SES: the listed identities (domains or addresses); with `ses: true`, every identity of this
 *   account and region (identity ARNs, never "*").
 * - SNS topics: the listed topic ARNs.
 * - SMS (`sns: true` or `sns.sms`): a phone number has no ARN, so Publish needs Resource "*"
 *   (SNS developer guide, "Identity-based policy examples"); the grant is limited to this region
 *   (aws:RequestedRegion) and is an explicit opt-in.
 * Bucket permissions come with the buckets, from the data tier's wiring.
 */
export function permissionStatements(s: ResolvedService, region: string, accountId: pulumi.Input<string>): TaskPolicyStatement[] {
    const out: TaskPolicyStatement[] = [];
    const p = s.permissions;
    if (p.ses) {
        const identities = p.sesIdentities ?? [];
        const resources = identities.length > 0
            ? identities.map((id) => pulumi.interpolate`arn:aws:ses:${region}:${accountId}:identity/${id}`)
            : [pulumi.interpolate`arn:aws:ses:${region}:${accountId}:identity/*`];
        out.push({ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: resources });
    }
    const topics = p.snsTopics ?? [];
    if (topics.length > 0) out.push({ Effect: "Allow", Action: ["sns:Publish"], Resource: topics.map((t) => topicArn(t, region, accountId)) });
    if (p.sms ?? p.sns) {
        out.push({ Effect: "Allow", Action: ["sns:Publish"], Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": region } } });
    }
    return out;
}
