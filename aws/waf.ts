import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface WafArgs {
    /** App and stage, for names and metric names. */
    naming: NamingContext;
    /** ALBs the web ACL protects: label (used in child names) → ARN. */
    loadBalancers: Record<string, pulumi.Input<string>>;
    /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
    rateLimit?: number;
    /** Per-child overrides, e.g. extra rules or a different default action on the web ACL. */
    transform?: { webAcl?: Transform<aws.wafv2.WebAclArgs> };
}

/** AWS managed rule groups, in evaluation order (AWS WAF developer guide, "AWS Managed Rules rule groups list"). */
export const MANAGED_RULE_GROUPS = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"] as const;

/**
 * A regional WAFv2 web ACL: AWS managed rules (IP reputation first, as it is the cheapest to
 * evaluate, then the common rule set and known bad inputs) and a per-IP rate limit, associated
 * with each load balancer.
 */
export class Waf extends pulumi.ComponentResource {
    readonly webAcl: aws.wafv2.WebAcl;

    constructor(name: string, args: WafArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Waf", name, {}, opts);
        const metric = (suffix: string) => ({
            cloudwatchMetricsEnabled: true,
            sampledRequestsEnabled: true,
            metricName: `${physicalName(args.naming, suffix)}`.replace(/[^A-Za-z0-9_-]/g, "-"),
        });
        const managed = MANAGED_RULE_GROUPS.map((group, i) => ({
            name: group,
            priority: i + 1,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
            visibilityConfig: metric(group),
        }));
        this.webAcl = new aws.wafv2.WebAcl(...applyTransform<aws.wafv2.WebAclArgs>(args.transform?.webAcl, `${name}-acl`, {
            name: physicalName(args.naming, "web-acl"),
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            rules: [
                ...managed,
                {
                    name: "rate-limit-per-ip",
                    priority: managed.length + 1,
                    action: { block: {} },
                    statement: { rateBasedStatement: { limit: args.rateLimit ?? 2000, aggregateKeyType: "IP" } },
                    visibilityConfig: metric("rate-limit"),
                },
            ],
            visibilityConfig: metric("web-acl"),
        }, { parent: this }));
        for (const [label, arn] of Object.entries(args.loadBalancers)) {
            new aws.wafv2.WebAclAssociation(`${name}-${label}`, { resourceArn: arn, webAclArn: this.webAcl.arn }, { parent: this });
        }
        this.registerOutputs({ webAclArn: this.webAcl.arn });
    }
}
