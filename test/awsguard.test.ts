import * as assert from "assert";
import * as path from "path";
import { allStackFiles, type PlannedResource } from "../plan/engine";
import { list, obj } from "../policy/helpers";
import { cachedPlan } from "./support/plan-cache";

/**
 * Pulumi AWSGuard (@pulumi/awsguard 0.3.1, Apache-2.0) cannot run here: it needs @pulumi/aws ^4
 * and a policy analyzer, and its type checks name the old aws.elasticloadbalancingv2 tokens, so it
 * would not even see aws:lb/* resources. Its rules that apply to what this program builds are
 * reproduced below, each named as in the package (file in brackets), and run over every prod
 * stack file. Left out: account-level rules (access-keys-rotated, mfa-enabled-for-iam-console-access),
 * rules for services we do not build (API Gateway, DynamoDB, Elasticsearch, Redshift, EC2
 * instances), acm-certificate-expiration (needs the live certificate) and s3-bucket-logging-enabled
 * (S3 server access logs are not configured: see docs/security.md).
 */
type Check = (r: PlannedResource) => string | undefined;
const AWSGUARD: Record<string, { types: string[]; check: Check }> = {
    // [network.js] every HTTP listener has exactly one default action: a redirect to HTTPS.
    "alb-http-to-https-redirection": {
        types: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
        check: (r) => {
            if (String(r.inputs.protocol ?? "") !== "HTTP") return undefined;
            const actions = list(r.inputs.defaultActions).map(obj);
            if (actions.length !== 1) return `HTTP listener has ${actions.length} default actions`;
            return actions[0].type === "redirect" && obj(actions[0].redirect).protocol === "HTTPS" ? undefined : "HTTP listener does not redirect to HTTPS";
        },
    },
    // [compute.js] load balancers have access logs enabled.
    "elb-logging-enabled": { types: ["aws:lb/loadBalancer:LoadBalancer"], check: (r) => obj(r.inputs.accessLogs).enabled === true ? undefined : "access logs are not enabled" },
    // [network.js] load balancers have deletion protection.
    "elb-deletion-protection-enabled": { types: ["aws:lb/loadBalancer:LoadBalancer"], check: (r) => r.inputs.enableDeletionProtection === true ? undefined : "deletion protection is off" },
    // [database.js] backups on (retention at least 1 day, the rule's minimum).
    "rds-instance-backup-enabled": { types: ["aws:rds/instance:Instance"], check: (r) => Number(r.inputs.backupRetentionPeriod ?? 0) >= 1 ? undefined : "backups are off" },
    // [database.js]
    "rds-instance-multi-az-enabled": { types: ["aws:rds/instance:Instance"], check: (r) => r.inputs.multiAz === true ? undefined : "multiAz is not true" },
    // [database.js]
    "rds-instance-public-access": { types: ["aws:rds/instance:Instance"], check: (r) => r.inputs.publiclyAccessible === true ? "publicly accessible" : undefined },
    // [database.js]
    "rds-storage-encrypted": { types: ["aws:rds/instance:Instance"], check: (r) => r.inputs.storageEncrypted === true ? undefined : "storage is not encrypted" },
    // [storage.js]
    "efs-encrypted": { types: ["aws:efs/fileSystem:FileSystem"], check: (r) => r.inputs.encrypted === true ? undefined : "not encrypted" },
    // [security.js]
    "cmk-backing-key-rotation-enabled": { types: ["aws:kms/key:Key"], check: (r) => r.inputs.enableKeyRotation === true ? undefined : "key rotation is off" },
    // [compute.js] "encrypted-volumes", applied to the launch template's volumes (we launch no aws.ec2.Instance).
    "encrypted-volumes": {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"],
        check: (r) => list(r.inputs.blockDeviceMappings).map(obj).every((m) => String(obj(m.ebs).encrypted) === "true") ? undefined : "an EBS volume is not encrypted",
    },
    // [compute.js] "ec2-instance-no-public-ip", applied to the launch template's network interfaces.
    "ec2-instance-no-public-ip": {
        types: ["aws:ec2/launchTemplate:LaunchTemplate"],
        check: (r) => list(r.inputs.networkInterfaces).map(obj).some((n) => String(n.associatePublicIpAddress) === "true") ? "instances get a public IP" : undefined,
    },
};

describe("Pulumi AWSGuard rules (reproduced) over every prod stack file", () => {
    for (const file of allStackFiles()) {
        it(`${path.basename(file)}: no AWSGuard violation in prod`, async () => {
            const p = await cachedPlan(file);
            if (p.config.environment !== "prod") return;
            const problems = Object.entries(AWSGUARD).flatMap(([name, rule]) => p.resources
                .filter((r) => rule.types.includes(r.type))
                .flatMap((r) => { const m = rule.check(r); return m ? [`${name}: ${r.type} ${r.name}: ${m}`] : []; }));
            assert.deepStrictEqual(problems, []);
        });
    }

    it("each reproduced rule can fail", () => {
        const bad: Record<string, Record<string, unknown>> = {
            "alb-http-to-https-redirection": { protocol: "HTTP", defaultActions: [{ type: "forward" }] },
            "elb-logging-enabled": {}, "elb-deletion-protection-enabled": {}, "rds-instance-backup-enabled": { backupRetentionPeriod: 0 },
            "rds-instance-multi-az-enabled": {}, "rds-instance-public-access": { publiclyAccessible: true }, "rds-storage-encrypted": {},
            "efs-encrypted": {}, "cmk-backing-key-rotation-enabled": {}, "encrypted-volumes": { blockDeviceMappings: [{ ebs: { encrypted: "false" } }] },
            "ec2-instance-no-public-ip": { networkInterfaces: [{ associatePublicIpAddress: "true" }] },
        };
        for (const [name, rule] of Object.entries(AWSGUARD)) {
            const r = { urn: "u", type: rule.types[0], name: "x", parent: null, custom: true, protect: false, inputs: bad[name] };
            assert.ok(rule.check(r), name);
        }
    });
});
