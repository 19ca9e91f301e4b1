import * as assert from "assert";
import type { PlanResult, PlannedResource } from "../plan/engine";
import { RANDOM_STATE } from "../plan/mock-state/random";
import { bucketNamePrefix } from "../aws/bucket";
import { connectionAlarmThreshold } from "../aws/database";
import { config, ofType, one, plan } from "./support/harness";

type Json = Record<string, any>;

const SERVICES = [
    { name: "web", port: 3000, routes: ["/*"], uses: ["database", "cache", "assets"], secrets: ["secret-key"], permissions: { ses: true } },
    { name: "worker", command: ["celery", "worker"], uses: ["cache"], permissions: { sns: true, buckets: ["logs"] } },
    { name: "admin", port: 4000, routes: ["/admin/*"] },
];
const DATA = {
    "platform:services": SERVICES,
    "platform:database": {},
    "platform:cache": {},
    "platform:secrets": ["secret-key", "database-url"],
    "platform:buckets": [
        { name: "assets", cdn: true },
        { name: "logs", encryption: "aes256", lifecycle: { transitionToIaDays: 30, expireDays: 90 } },
    ],
};

const wiringOf = (p: PlanResult, service: string): Json => ((p.outputs.aws as Json).serviceWiring as Json)[service];
const inputs = (r: PlannedResource): Json => r.inputs;
const sgId = (p: PlanResult, nameIncludes: string) => `${one(p, "aws:ec2/securityGroup:SecurityGroup", nameIncludes).name}-id`;
const ingressTo = (p: PlanResult, groupId: string) =>
    ofType(p, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(inputs).filter((r) => r.securityGroupId === groupId);

describe("aws data tier", function () {
    let dev: PlanResult;
    let prod: PlanResult;
    before(async () => {
        dev = await plan(config(DATA));
        prod = await plan(config({ ...DATA, "platform:environment": "prod", "platform:allowHttp": true, "platform:release": "v1" }));
    });

    describe("database", () => {
        it("lives in the isolated subnets only and is never publicly accessible", () => {
            for (const p of [dev, prod]) {
                const group = inputs(one(p, "aws:rds/subnetGroup:SubnetGroup"));
                const isolated = ofType(p, "aws:ec2/subnet:Subnet").filter((s) => (inputs(s).tags as Json).tier === "isolated").map((s) => `${s.name}-id`);
                assert.strictEqual(isolated.length, 2);
                assert.deepStrictEqual(group.subnetIds, isolated);
                const db = inputs(one(p, "aws:rds/instance:Instance"));
                assert.strictEqual(db.publiclyAccessible, false);
                assert.strictEqual(db.dbSubnetGroupName, group.name);
            }
        });

        it("is encrypted with the stack's customer-managed key, which rotates", () => {
            const key = one(dev, "aws:kms/key:Key");
            assert.strictEqual(inputs(key).enableKeyRotation, true);
            const keyArn = `arn:aws:kms:us-east-1:123456789012:key/${key.name}-0000-mock`;
            const db = inputs(one(dev, "aws:rds/instance:Instance"));
            assert.strictEqual(db.storageEncrypted, true);
            assert.strictEqual(db.kmsKeyId, keyArn);
            assert.strictEqual(db.masterUserSecretKmsKeyId, keyArn);
            assert.strictEqual(db.performanceInsightsKmsKeyId, keyArn);
            assert.strictEqual(db.storageType, "gp3");
            assert.deepStrictEqual([db.allocatedStorage, db.maxAllocatedStorage], [20, 100]);
        });

        it("admits 5432 only from the services that use it, and has no egress", () => {
            const dbSg = one(dev, "aws:ec2/securityGroup:SecurityGroup", "data-db-sg");
            assert.deepStrictEqual(inputs(dbSg).egress, []);
            assert.strictEqual(inputs(dbSg).ingress, undefined);
            const rules = ingressTo(dev, `${dbSg.name}-id`);
            assert.deepStrictEqual(rules.map((r) => r.referencedSecurityGroupId), [sgId(dev, "services-web")]);
            assert.ok(rules.every((r) => r.fromPort === 5432 && r.toPort === 5432 && r.ipProtocol === "tcp" && r.cidrIpv4 === undefined));
            assert.deepStrictEqual(inputs(one(dev, "aws:rds/instance:Instance")).vpcSecurityGroupIds, [`${dbSg.name}-id`]);
        });

        it("lets RDS manage the master password: no password input anywhere", () => {
            const db = inputs(one(dev, "aws:rds/instance:Instance"));
            assert.strictEqual(db.manageMasterUserPassword, true);
            assert.strictEqual(db.password, undefined);
            assert.strictEqual(db.username, "app");
        });

        it("requires TLS through its parameter group for the engine family", () => {
            const pg = inputs(one(dev, "aws:rds/parameterGroup:ParameterGroup"));
            assert.strictEqual(pg.family, "postgres16");
            assert.ok((pg.parameters as Json[]).some((x) => x.name === "rds.force_ssl" && x.value === "1"));
            assert.strictEqual(inputs(one(dev, "aws:rds/instance:Instance")).parameterGroupName, pg.name);
        });

        it("has monitoring, log exports, windows and the current CA", () => {
            const db = inputs(one(dev, "aws:rds/instance:Instance"));
            assert.strictEqual(db.monitoringInterval, 60);
            assert.strictEqual(db.monitoringRoleArn, "arn:aws:iam::123456789012:role/app-dev-rds-monitoring");
            const role = inputs(one(dev, "aws:iam/role:Role", "monitoring-role"));
            assert.match(String(role.assumeRolePolicy), /monitoring\.rds\.amazonaws\.com/);
            assert.match(String(inputs(one(dev, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "monitoring-policy")).policyArn), /AmazonRDSEnhancedMonitoringRole$/);
            assert.deepStrictEqual(db.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
            assert.strictEqual(db.performanceInsightsEnabled, true);
            assert.strictEqual(db.autoMinorVersionUpgrade, true);
            assert.strictEqual(db.caCertIdentifier, "rds-ca-rsa2048-g1");
            assert.strictEqual(db.copyTagsToSnapshot, true);
            assert.deepStrictEqual([db.backupWindow, db.maintenanceWindow], ["03:00-04:00", "mon:04:00-mon:05:00"]);
        });

        it("differs by profile: Multi-AZ, retention, deletion protection, final snapshot, protect", () => {
            const d = one(dev, "aws:rds/instance:Instance");
            const p = one(prod, "aws:rds/instance:Instance");
            assert.deepStrictEqual(
                [inputs(d).multiAz, inputs(d).backupRetentionPeriod, inputs(d).deletionProtection, inputs(d).skipFinalSnapshot, inputs(d).finalSnapshotIdentifier, d.protect],
                [false, 1, false, true, undefined, false],
            );
            assert.deepStrictEqual(
                [inputs(p).multiAz, inputs(p).backupRetentionPeriod, inputs(p).deletionProtection, inputs(p).skipFinalSnapshot, inputs(p).finalSnapshotIdentifier, p.protect],
                [true, 7, true, false, "app-prod-db-final", true],
            );
            assert.deepStrictEqual([inputs(d).deleteAutomatedBackups, inputs(p).deleteAutomatedBackups], [true, false]);
        });

        it("alarms on CPU, free storage and connections, notifying the stack's alarm topic", () => {
            const alarms = ofType(dev, "aws:cloudwatch/metricAlarm:MetricAlarm").map(inputs).filter((a) => a.namespace === "AWS/RDS");
            const by = (m: string) => alarms.find((a) => a.metricName === m)!;
            assert.deepStrictEqual([by("CPUUtilization").threshold, by("CPUUtilization").comparisonOperator], [75, "GreaterThanThreshold"]);
            assert.deepStrictEqual([by("FreeStorageSpace").threshold, by("FreeStorageSpace").comparisonOperator], [2 * 1024 ** 3, "LessThanThreshold"]);
            assert.strictEqual(by("DatabaseConnections").threshold, connectionAlarmThreshold("db.t4g.micro"));
            assert.ok(alarms.every((a) => (a.dimensions as Json).DBInstanceIdentifier === "app-dev-db"));
            assert.deepStrictEqual([...new Set(alarms.map((a) => JSON.stringify(a.alarmActions)))], ['["arn:aws:sns:us-east-1:123456789012:app-dev-alerts"]']);
        });

        it("sizes the connection alarm from the class's memory (80 % of the default max_connections)", () => {
            assert.strictEqual(connectionAlarmThreshold("db.t4g.micro"), 89);
            assert.strictEqual(connectionAlarmThreshold("db.t4g.small"), 180);
            assert.ok(connectionAlarmThreshold("db.r6g.8xlarge") <= 4000);
        });

        it("takes the CPU threshold from alerts", async () => {
            const p = await plan(config({ ...DATA, "platform:alerts": { databaseCpuPercent: 60 } }));
            const cpu = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").map(inputs).find((a) => a.namespace === "AWS/RDS" && a.metricName === "CPUUtilization")!;
            assert.strictEqual(cpu.threshold, 60);
        });
    });

    describe("cache", () => {
        it("lives in the isolated subnets, admits 6379 only from its users, and has no egress", () => {
            const group = inputs(one(dev, "aws:elasticache/subnetGroup:SubnetGroup"));
            assert.deepStrictEqual(group.subnetIds, ["app-dev-network-isolated-1-id", "app-dev-network-isolated-2-id"]);
            const sg = one(dev, "aws:ec2/securityGroup:SecurityGroup", "data-cache-sg");
            assert.deepStrictEqual(inputs(sg).egress, []);
            const rules = ingressTo(dev, `${sg.name}-id`);
            assert.deepStrictEqual(rules.map((r) => r.referencedSecurityGroupId).sort(), [sgId(dev, "services-web"), sgId(dev, "services-worker")].sort());
            assert.ok(rules.every((r) => r.fromPort === 6379 && r.toPort === 6379));
            const rg = inputs(one(dev, "aws:elasticache/replicationGroup:ReplicationGroup"));
            assert.deepStrictEqual(rg.securityGroupIds, [`${sg.name}-id`]);
            assert.strictEqual(rg.subnetGroupName, group.name);
        });

        it("is encrypted at rest with the stack key and in transit with an AUTH token kept secret", () => {
            const rg = inputs(one(dev, "aws:elasticache/replicationGroup:ReplicationGroup"));
            assert.strictEqual(rg.atRestEncryptionEnabled, true);
            assert.match(String(rg.kmsKeyId), /^arn:aws:kms:.*:key\/app-dev-data-kms-key/);
            assert.strictEqual(rg.transitEncryptionEnabled, true);
            assert.strictEqual(rg.authToken, "[secret]");
            const secret = inputs(one(dev, "aws:secretsmanager/secret:Secret", "auth-secret"));
            assert.strictEqual(secret.name, "dev/app/redis-auth-token");
            assert.strictEqual(secret.kmsKeyId, rg.kmsKeyId);
            assert.strictEqual(inputs(one(dev, "aws:secretsmanager/secretVersion:SecretVersion", "auth-secret-value")).secretString, "[secret]");
        });

        it("sets the eviction policy in a parameter group of the engine family", () => {
            const pg = inputs(one(dev, "aws:elasticache/parameterGroup:ParameterGroup"));
            assert.strictEqual(pg.family, "redis7");
            assert.deepStrictEqual(pg.parameters, [{ name: "maxmemory-policy", value: "allkeys-lru" }]);
        });

        it("is one node in dev and primary + replica with failover and Multi-AZ in prod", () => {
            const d = one(dev, "aws:elasticache/replicationGroup:ReplicationGroup");
            const p = one(prod, "aws:elasticache/replicationGroup:ReplicationGroup");
            assert.deepStrictEqual([inputs(d).numCacheClusters, inputs(d).automaticFailoverEnabled, inputs(d).multiAzEnabled, d.protect], [1, false, false, false]);
            assert.deepStrictEqual([inputs(p).numCacheClusters, inputs(p).automaticFailoverEnabled, inputs(p).multiAzEnabled, p.protect], [2, true, true, true]);
            assert.deepStrictEqual([inputs(d).snapshotRetentionLimit, inputs(p).snapshotRetentionLimit], [1, 5]);
            assert.deepStrictEqual([inputs(d).finalSnapshotIdentifier, inputs(p).finalSnapshotIdentifier], [undefined, "app-prod-cache-final"]);
            assert.deepStrictEqual([inputs(p).snapshotWindow, inputs(p).maintenanceWindow], ["03:00-05:00", "sun:05:00-sun:06:00"]);
        });

        it("alarms on engine CPU, memory and evictions for every node", () => {
            const cacheAlarms = (p: PlanResult) => ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").map(inputs).filter((a) => a.namespace === "AWS/ElastiCache");
            assert.deepStrictEqual(cacheAlarms(dev).map((a) => a.metricName).sort(), ["DatabaseMemoryUsagePercentage", "EngineCPUUtilization", "Evictions"]);
            assert.strictEqual(cacheAlarms(prod).length, 6);
            assert.deepStrictEqual([...new Set(cacheAlarms(prod).map((a) => (a.dimensions as Json).CacheClusterId))].sort(), ["app-prod-cache-001", "app-prod-cache-002"]);
            const dev1 = cacheAlarms(dev);
            assert.strictEqual(dev1.find((a) => a.metricName === "EngineCPUUtilization")!.threshold, 75);
            assert.strictEqual(dev1.find((a) => a.metricName === "DatabaseMemoryUsagePercentage")!.threshold, 80);
        });
    });

    describe("secrets", () => {
        it("never puts a generated password in the plan, in inputs or outputs", () => {
            const password = RANDOM_STATE["random:index/randomPassword:RandomPassword"];
            for (const p of [dev, prod]) {
                const text = JSON.stringify(p);
                const tokens = ofType(p, "random:index/randomPassword:RandomPassword");
                assert.ok(tokens.length >= 1);
                for (const t of tokens) {
                    const value = String(password(t.name, inputs(t)).result);
                    assert.ok(value.length >= 16);
                    assert.ok(!text.includes(value), `the mock value of ${t.name} appears in the plan`);
                }
                assert.ok(!text.includes("mock-password"));
            }
        });

        it("creates each app secret empty, named <stage>/<app>/<name>, encrypted with the stack key", () => {
            const secrets = ofType(dev, "aws:secretsmanager/secret:Secret").filter((s) => s.name.includes("data-secrets-"));
            assert.deepStrictEqual(secrets.map((s) => inputs(s).name), ["dev/app/secret-key", "dev/app/database-url"]);
            assert.ok(secrets.every((s) => String(inputs(s).kmsKeyId).includes(":key/app-dev-data-kms-key")));
            const versions = ofType(dev, "aws:secretsmanager/secretVersion:SecretVersion");
            assert.deepStrictEqual(versions.map((v) => v.name), ["app-dev-data-cache-auth-secret-value"]);
            assert.ok(ofType(prod, "aws:secretsmanager/secret:Secret").every((s) => s.protect));
        });
    });

    describe("buckets", () => {
        const bucket = (p: PlanResult, b: string) => inputs(one(p, "aws:s3/bucket:Bucket", `data-${b}-bucket`));
        const policy = (p: PlanResult, b: string): Json => JSON.parse(String(inputs(one(p, "aws:s3/bucketPolicy:BucketPolicy", `data-${b}-policy`)).policy));

        it("names buckets <app>-<stage>-<bucket>-<account> and keeps long names within 63 characters", async () => {
            assert.strictEqual(bucket(dev, "assets").bucket, "app-dev-assets-123456789012");
            const long = await plan(config({ "platform:name": "averyverylongapp", "platform:stage": "stagingxyz", "platform:buckets": [{ name: "abcdefghijklmnopqrst" }] }));
            const name = String(inputs(one(long, "aws:s3/bucket:Bucket")).bucket);
            // The schema caps app (16), stage (10) and bucket (20), so the longest name fits without shortening.
            assert.strictEqual(name.length, 61);
            assert.ok(name.length <= 63, name);
            assert.match(name, /^averyverylongapp-stagingxyz-abcdefghijklmnopqrst-123456789012$/);
        });

        it("blocks public access, enforces bucket ownership and denies every request not over TLS", () => {
            for (const b of ["assets", "logs"]) {
                const block = inputs(one(dev, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `data-${b}-`));
                assert.deepStrictEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
                assert.strictEqual((inputs(one(dev, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", `data-${b}-`)).rule as Json).objectOwnership, "BucketOwnerEnforced");
                const deny = (policy(dev, b).Statement as Json[]).find((s) => s.Effect === "Deny")!;
                assert.deepStrictEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
                assert.strictEqual(deny.Principal, "*");
                assert.deepStrictEqual(deny.Resource, [`arn:aws:s3:::app-dev-${b}-123456789012`, `arn:aws:s3:::app-dev-${b}-123456789012/*`]);
                assert.ok((policy(dev, b).Statement as Json[]).every((s) => s.Effect === "Deny" || (s.Principal as Json).Service === "cloudfront.amazonaws.com"));
            }
        });

        it("encrypts with the stack key or AES256 as configured, and versions", () => {
            const enc = (b: string) => ((inputs(one(dev, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `data-${b}-`)).rules as Json[])[0]);
            assert.strictEqual(enc("assets").applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
            assert.match(enc("assets").applyServerSideEncryptionByDefault.kmsMasterKeyId, /:key\/app-dev-data-kms-key/);
            assert.deepStrictEqual(enc("logs").applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
            assert.strictEqual(ofType(dev, "aws:s3/bucketVersioning:BucketVersioning").filter((v) => (inputs(v).versioningConfiguration as Json).status === "Enabled").length, 2);
        });

        it("moves objects to Standard-IA and expires them per the lifecycle rules", () => {
            const rules = inputs(one(dev, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-logs-")).rules as Json[];
            const tiering = rules.find((r) => r.id === "tiering-and-expiry")!;
            assert.deepStrictEqual(tiering.transitions, [{ days: 30, storageClass: "STANDARD_IA" }]);
            assert.deepStrictEqual(tiering.expiration, { days: 90 });
            assert.deepStrictEqual(tiering.noncurrentVersionExpiration, { noncurrentDays: 90 });
            const assetRules = inputs(one(dev, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-assets-")).rules as Json[];
            assert.deepStrictEqual(assetRules.map((r) => r.id), ["abort-incomplete-uploads"]);
        });

        it("forceDestroy and protect follow the profile", () => {
            assert.strictEqual(bucket(dev, "logs").forceDestroy, true);
            assert.strictEqual(bucket(prod, "logs").forceDestroy, false);
            assert.ok(ofType(prod, "aws:s3/bucket:Bucket").every((b) => b.protect));
            assert.ok(ofType(dev, "aws:s3/bucket:Bucket").every((b) => !b.protect));
            assert.strictEqual(one(prod, "aws:kms/key:Key").protect, true);
        });

        it("serves a cdn bucket through CloudFront with Origin Access Control, HTTPS only, admitted by ARN", () => {
            const dist = one(dev, "aws:cloudfront/distribution:Distribution");
            const d = inputs(dist);
            const oac = one(dev, "aws:cloudfront/originAccessControl:OriginAccessControl");
            assert.deepStrictEqual([inputs(oac).signingBehavior, inputs(oac).signingProtocol, inputs(oac).originAccessControlOriginType], ["always", "sigv4", "s3"]);
            assert.deepStrictEqual(d.origins, [{ originId: "s3", domainName: "app-dev-assets-123456789012.s3.us-east-1.amazonaws.com", originAccessControlId: `${oac.name}-id` }]);
            assert.strictEqual((d.defaultCacheBehavior as Json).viewerProtocolPolicy, "redirect-to-https");
            assert.deepStrictEqual(d.viewerCertificate, { cloudfrontDefaultCertificate: true });
            const allow = (policy(dev, "assets").Statement as Json[]).find((s) => s.Effect === "Allow")!;
            assert.strictEqual(allow.Action, "s3:GetObject");
            assert.deepStrictEqual(allow.Condition, { StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::123456789012:distribution/E${dist.name.length}MOCK` } });
            assert.strictEqual(ofType(dev, "aws:cloudfront/distribution:Distribution").length, 1, "only the cdn bucket gets a distribution");
            const keyPolicy = JSON.parse(String(inputs(one(dev, "aws:kms/key:Key")).policy));
            assert.ok((keyPolicy.Statement as Json[]).some((s) => s.Principal.Service === "cloudfront.amazonaws.com" && s.Condition.StringEquals["aws:SourceAccount"] === "123456789012"));
        });
    });

    describe("wiring", () => {
        it("gives a database user its endpoint and user name as env vars and the RDS-managed password as a secret", () => {
            const w = wiringOf(dev, "web");
            assert.deepStrictEqual([w.environment.DATABASE_HOST, w.environment.DATABASE_PORT, w.environment.DATABASE_NAME], ["app-dev-db.cmock123.us-east-1.rds.amazonaws.com", "5432", "app"]);
            const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-app-dev-data-db-instance-AbCdEf";
            // The user name is config (same variable on every cloud); only the password is a secret reference.
            assert.strictEqual(w.environment.DATABASE_USERNAME, "app");
            assert.strictEqual(w.secrets.DATABASE_USERNAME, undefined);
            assert.strictEqual(w.secrets.DATABASE_PASSWORD, `${secretArn}:password::`);
            assert.ok(w.secretArns.includes(secretArn));
            assert.deepStrictEqual(w.kmsKeyArns, ["arn:aws:kms:us-east-1:123456789012:key/app-dev-data-kms-key-0000-mock"]);
        });

        it("gives cache users host, port, TLS flag and the AUTH token secret", () => {
            for (const s of ["web", "worker"]) {
                const w = wiringOf(dev, s);
                assert.deepStrictEqual([w.environment.REDIS_HOST, w.environment.REDIS_PORT, w.environment.REDIS_TLS], ["master.app-dev-cache.mock12.use1.cache.amazonaws.com", "6379", "true"]);
                assert.strictEqual(w.secrets.REDIS_AUTH_TOKEN, "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/app/redis-auth-token-AbCdEf");
            }
            assert.strictEqual(wiringOf(dev, "worker").environment.DATABASE_HOST, undefined);
            assert.strictEqual(wiringOf(dev, "worker").secrets.DATABASE_PASSWORD, undefined);
        });

        it("injects declared app secrets as UPPER_SNAKE env vars, and only those", () => {
            const w = wiringOf(dev, "web");
            assert.strictEqual(w.secrets.SECRET_KEY, "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/app/secret-key-AbCdEf");
            assert.strictEqual(w.secrets.DATABASE_URL, undefined);
            assert.strictEqual(w.secretArns.length, 3);
        });

        it("grants bucket access on that bucket only, with the key for SSE-KMS, and names it in BUCKET_<NAME>", () => {
            const web = wiringOf(dev, "web");
            assert.strictEqual(web.environment.BUCKET_ASSETS, "app-dev-assets-123456789012");
            assert.strictEqual(web.environment.BUCKET_LOGS, undefined);
            const s3 = (web.taskPolicyStatements as Json[]).filter((s) => (s.Action as string[]).some((a) => a.startsWith("s3:")));
            assert.deepStrictEqual(s3.map((s) => s.Resource), ["arn:aws:s3:::app-dev-assets-123456789012", "arn:aws:s3:::app-dev-assets-123456789012/*"]);
            assert.deepStrictEqual(s3[1].Action, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
            assert.ok((web.taskPolicyStatements as Json[]).some((s) => (s.Action as string[]).includes("kms:Decrypt")));
            const worker = wiringOf(dev, "worker");
            assert.strictEqual(worker.environment.BUCKET_LOGS, "app-dev-logs-123456789012");
            assert.ok(!(worker.taskPolicyStatements as Json[]).some((s) => (s.Action as string[]).includes("kms:Decrypt")), "AES256 bucket needs no key grant");
        });

        it("adds SES and SNS statements only to services that ask", () => {
            const actions = (s: string) => (wiringOf(dev, s).taskPolicyStatements as Json[]).flatMap((x) => x.Action as string[]);
            assert.ok(actions("web").includes("ses:SendEmail") && !actions("web").includes("sns:Publish"));
            assert.ok(actions("worker").includes("sns:Publish") && !actions("worker").includes("ses:SendEmail"));
            const ses = (wiringOf(dev, "web").taskPolicyStatements as Json[]).find((x) => (x.Action as string[]).includes("ses:SendEmail"))!;
            assert.deepStrictEqual(ses.Resource, ["arn:aws:ses:us-east-1:123456789012:identity/*"]);
        });

        it("gives a service that uses nothing nothing, and is not admitted anywhere", () => {
            assert.deepStrictEqual(wiringOf(dev, "admin"), { environment: {}, secrets: {}, secretArns: [], kmsKeyArns: [], taskPolicyStatements: [] });
            const adminSg = sgId(dev, "services-admin");
            assert.deepStrictEqual(ofType(dev, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => inputs(r).referencedSecurityGroupId === adminSg), []);
        });
    });

    it("gives CloudFront no key access when no CDN bucket is SSE-KMS", async () => {
        const p = await plan(config({ ...DATA, "platform:buckets": [{ name: "assets", cdn: true, encryption: "aes256" }, { name: "logs" }] }));
        const keyPolicy = JSON.parse(String(inputs(one(p, "aws:kms/key:Key")).policy));
        assert.deepStrictEqual((keyPolicy.Statement as Json[]).map((s) => s.Sid), ["AccountRoot"]);
        assert.strictEqual(ofType(p, "aws:cloudfront/distribution:Distribution").length, 1);
    });

    it("creates no data tier (no KMS key) for a stack without data", async () => {
        const p = await plan(config());
        assert.deepStrictEqual(ofType(p, "platform:aws:DataTier"), []);
        assert.deepStrictEqual(ofType(p, "aws:kms/key:Key"), []);
    });
});

describe("bucket names", () => {
    it("shortens an over-long prefix with a stable hash so -<account id> still fits 63 characters", () => {
        const prefix = bucketNamePrefix({ app: "a".repeat(30), stage: "production" }, "b".repeat(30));
        assert.strictEqual(prefix.length, 50);
        assert.strictEqual(prefix, bucketNamePrefix({ app: "a".repeat(30), stage: "production" }, "b".repeat(30)));
        assert.notStrictEqual(prefix, bucketNamePrefix({ app: "a".repeat(30), stage: "production" }, "b".repeat(29) + "c"));
        assert.strictEqual(bucketNamePrefix({ app: "shop", stage: "dev" }, "logs"), "shop-dev-logs");
    });
});
