import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface AlarmTopicArgs {
    /** App and stage, for the topic name `<app>-<stage>-alerts`. */
    naming: NamingContext;
    /** Email address subscribed to the topic; no subscription when unset. */
    email?: string;
    /** Per-child overrides. */
    transform?: { topic?: Transform<aws.sns.TopicArgs> };
}

/**
 * The SNS topic every alarm of the stack notifies. It is created before the data tier and the
 * services so that database, cache, service and load balancer alarms all share one destination.
 */
export class AlarmTopic extends pulumi.ComponentResource {
    readonly topic: aws.sns.Topic;
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:AlarmTopic", name, {}, opts);
        // Not KMS-encrypted: CloudWatch can only publish to an encrypted topic through a customer
        // managed key whose policy admits it, and alarm payloads hold no secrets.
        this.topic = new aws.sns.Topic(...applyTransform<aws.sns.TopicArgs>(args.transform?.topic, `${name}-topic`, { name: physicalName(args.naming, "alerts") }, { parent: this }));
        this.arn = this.topic.arn;
        if (args.email) {
            new aws.sns.TopicSubscription(`${name}-email`, { topic: this.topic.arn, protocol: "email", endpoint: args.email }, { parent: this });
        }
        this.registerOutputs({ arn: this.arn });
    }
}
