import * as assert from "assert";
import { arr, dependenciesOf, hasDependencies, isFalse, isWorld, json, num, obj, referenced, refersTo } from "../policy/helpers";
import { RULES, T, type RuleContext, type RuleResource } from "../policy/rules";
import { res } from "./support/policy-cases";

/**
 * More branch tests for the policy helpers and rules (GCP data tier, HTTPS per cloud, jobs): each
 * side of each branch, with the exact messages, so `npm run mutation` can tell a changed rule apart.
 */

const check = (id: string, r: RuleResource, env = "prod", others: RuleResource[] = [], extra: Partial<RuleContext> = {}) =>
    RULES.find((x) => x.id === id)!.check(r, { environment: env, resources: [r, ...others], ...extra });

/** A resource without a provider id: only its inputs identify it. */
const bare = (type: string, name: string, inputs: Record<string, unknown> = {}, deps?: Record<string, string[]>): RuleResource =>
    ({ type, name, inputs, urn: `urn:pulumi:test::platform::${type}::${name}`, ...(deps ? { propertyDependencies: deps } : {}) });

/** `value` wrapped in `depth` levels of objects. */
const nest = (depth: number, value: unknown): unknown => (depth === 0 ? value : { x: nest(depth - 1, value) });

const msg = (id: string, r: RuleResource, problem: string, fix: string) => `${id}: ${r.type} "${r.name}": ${problem}; fix: ${fix}`;

describe("policy helpers: more branches", () => {
    it("counts only an explicit false (or \"false\") as false", () => {
        assert.strictEqual(isFalse(false), true);
        assert.strictEqual(isFalse("false"), true);
        assert.strictEqual(isFalse(""), false);
        assert.strictEqual(isFalse(undefined), false);
        assert.strictEqual(isFalse(0), false);
    });

    it("reads only finite numbers", () => {
        assert.strictEqual(num(Infinity), undefined);
        assert.strictEqual(num(-Infinity), undefined);
        assert.strictEqual(num(NaN), undefined);
        assert.strictEqual(num("Infinity"), undefined);
        assert.strictEqual(num(0), 0);
        assert.strictEqual(num(" 8 "), 8);
    });

    it("reads objects only from objects or JSON objects", () => {
        assert.deepStrictEqual(obj('"abc"'), {});
        assert.deepStrictEqual(obj(5), {});
        assert.deepStrictEqual(obj("true"), {});
        assert.deepStrictEqual(obj({ a: 1 }), { a: 1 });
        assert.strictEqual(json("[1"), undefined);
        assert.strictEqual(json(5), 5);
    });

    it("keeps arrays and drops anything else", () => {
        assert.deepStrictEqual(arr([1, "a"]), [1, "a"]);
        assert.deepStrictEqual(arr('["a"]'), []);
        assert.deepStrictEqual(arr("a"), []);
        assert.deepStrictEqual(arr(undefined), []);
    });

    it("reads recorded dependencies, and tells whether any were recorded", () => {
        const withDeps = bare("t", "a", {}, { p: ["urn:1"] });
        assert.deepStrictEqual(dependenciesOf(withDeps, "p"), ["urn:1"]);
        assert.deepStrictEqual(dependenciesOf(withDeps, "q"), []);
        assert.deepStrictEqual(dependenciesOf(bare("t", "b"), "p"), []);
        assert.strictEqual(hasDependencies(withDeps), true);
        assert.strictEqual(hasDependencies(bare("t", "c", {}, {})), true);
        assert.strictEqual(hasDependencies(bare("t", "d")), false);
    });

    it("follows recorded dependencies even where no value identifies the target", () => {
        const target = bare("t", "target");
        const from = bare("t", "from", { p: "whatever" }, { p: [target.urn] });
        assert.strictEqual(refersTo(from, "p", target), true);
        assert.strictEqual(refersTo(bare("t", "from2", { p: "whatever" }, { q: [target.urn] }), "p", target), false);
        assert.strictEqual(refersTo(bare("t", "from3", { p: "whatever" }), "p", target), false);
    });

    it("identifies a resource by its id, its id/arn/bucket/name inputs, and nothing else", () => {
        assert.strictEqual(refersTo(bare("t", "f", { p: "Stryker was here" }), "p", bare("t", "no-id")), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: "" }), "p", bare("t", "no-id")), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: "i-1" }), "p", bare("t", "x", { id: "i-1" })), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: "arn:aws:x" }), "p", bare("t", "x", { arn: "arn:aws:x" })), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: "bkt" }), "p", bare("t", "x", { bucket: "bkt" })), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: "nm" }), "p", bare("t", "x", { name: "nm" })), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: "other" }), "p", bare("t", "x", { id: "i-1", arn: "a", bucket: "b", name: "n", tag: "other" })), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: "prov-id" }), "p", res("t", "prov")), true);
    });

    it("finds identifying values nested in objects and JSON text, up to six levels deep", () => {
        const target = bare("t", "x", { id: "t-id" });
        assert.strictEqual(refersTo(bare("t", "f", { p: JSON.stringify({ a: ["t-id"] }) }), "p", target), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: { a: { b: "t-id" } } }), "p", target), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: nest(6, "t-id") }), "p", target), true);
        assert.strictEqual(refersTo(bare("t", "f", { p: nest(7, "t-id") }), "p", target), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: JSON.stringify(nest(7, "t-id")) }), "p", target), false);
    });

    it("reads a string's characters or a non-string's own value never as identifying values", () => {
        // '"abc"' is JSON text of a string: the text itself counts, not its characters
        assert.strictEqual(refersTo(bare("t", "f", { p: '"abc"' }), "p", bare("t", "x", { id: "b" })), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: '"abc"' }), "p", bare("t", "x", { id: '"abc"' })), true);
        // objects, arrays and null hold no value of their own
        assert.strictEqual(refersTo(bare("t", "f", { p: [1, 2] }), "p", bare("t", "x", { id: "Stryker was here" })), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: { a: 1 } }), "p", bare("t", "x", { id: "Stryker was here" })), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: null }), "p", bare("t", "x", { id: "n" })), false);
        assert.strictEqual(refersTo(bare("t", "f", { p: 5 }), "p", bare("t", "x", { id: "5" })), false);
    });

    it("returns only the referenced resources of the asked types", () => {
        const a = bare("A", "a", { id: "a-id" });
        const b = bare("B", "b", { id: "b-id" });
        const c = bare("A", "c", { id: "c-id" });
        const from = bare("t", "from", { p: ["a-id", "b-id"] });
        assert.deepStrictEqual(referenced([a, b, c], from, "p", ["A"]).map((r) => r.name), ["a"]);
        assert.deepStrictEqual(referenced([a, b, c], from, "p", ["A", "B"]).map((r) => r.name), ["a", "b"]);
        assert.deepStrictEqual(referenced([a, b, c], from, "p", ["C"]), []);
    });

    it("reads a CIDR only when the whole value is one", () => {
        assert.strictEqual(isWorld("zz10.0.0.0/8"), true);
        assert.strictEqual(isWorld("10.0.0.0/8zz"), true);
        assert.strictEqual(isWorld("10.0.0.0/8"), false);
    });
});

describe("policy rules: GCP data tier branches", () => {
    const sql = (ip: Record<string, unknown>, backup: Record<string, unknown> = { enabled: true, pointInTimeRecoveryEnabled: true }, top: Record<string, unknown> = { deletionProtection: true }, settings: Record<string, unknown> = { deletionProtectionEnabled: true }) =>
        res(T.sqlInstance, "pg", { ...top, settings: { ...settings, ipConfiguration: ip, backupConfiguration: backup } });

    it("gcp-sql-no-public-ip: flags ipv4 unless explicitly false, and any authorized network", () => {
        const id = "gcp-sql-no-public-ip";
        const fix = "set settings.ipConfiguration.ipv4Enabled: false and privateNetwork to the VPC";
        assert.deepStrictEqual(check(id, sql({ ipv4Enabled: false })), []);
        assert.deepStrictEqual(check(id, sql({ ipv4Enabled: "false" })), []);
        assert.deepStrictEqual(check(id, sql({ ipv4Enabled: false, authorizedNetworks: [] })), []);
        const unset = sql({});
        assert.deepStrictEqual(check(id, unset), [msg(id, unset, 'ipv4Enabled is "unset (true)"', fix)]);
        const on = sql({ ipv4Enabled: true, authorizedNetworks: [{ value: "1.2.3.4/32" }] });
        assert.deepStrictEqual(check(id, on), [msg(id, on, "ipv4Enabled is true", fix), msg(id, on, "has authorizedNetworks", "remove them; clients connect over the VPC")]);
        const empty = sql({ ipv4Enabled: "" });
        assert.deepStrictEqual(check(id, empty), [msg(id, empty, 'ipv4Enabled is ""', fix)]);
    });

    it("gcp-sql-ssl-required: accepts only the TLS modes", () => {
        const id = "gcp-sql-ssl-required";
        const fix = 'set settings.ipConfiguration.sslMode: "ENCRYPTED_ONLY"';
        assert.deepStrictEqual(check(id, sql({ sslMode: "ENCRYPTED_ONLY" })), []);
        assert.deepStrictEqual(check(id, sql({ sslMode: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" })), []);
        const unset = sql({});
        assert.deepStrictEqual(check(id, unset), [msg(id, unset, "sslMode is unset (ALLOW_UNENCRYPTED_AND_ENCRYPTED)", fix)]);
        const plain = sql({ sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" });
        assert.deepStrictEqual(check(id, plain), [msg(id, plain, "sslMode is ALLOW_UNENCRYPTED_AND_ENCRYPTED", fix)]);
    });

    it("gcp-sql-backups: backups always, point-in-time recovery and deletion protection in prod only", () => {
        const id = "gcp-sql-backups";
        assert.deepStrictEqual(check(id, sql({})), []);
        const none = sql({}, {}, {}, {});
        assert.deepStrictEqual(check(id, none, "dev"), [msg(id, none, "automated backups are off", "set settings.backupConfiguration.enabled: true (database.backupRetentionDays >= 1)")]);
        assert.deepStrictEqual(check(id, none, "prod"), [
            msg(id, none, "automated backups are off", "set settings.backupConfiguration.enabled: true (database.backupRetentionDays >= 1)"),
            msg(id, none, "point-in-time recovery is off in prod", "set backupConfiguration.pointInTimeRecoveryEnabled: true"),
            msg(id, none, "deletion protection is off in prod", "set deletionProtection and settings.deletionProtectionEnabled: true"),
        ]);
        const del = "deletion protection is off in prod";
        const onlyTop = sql({}, undefined, { deletionProtection: true }, {});
        assert.deepStrictEqual(check(id, onlyTop).map((m) => m.includes(del)), [true]);
        const onlySettings = sql({}, undefined, {}, { deletionProtectionEnabled: "true" });
        assert.deepStrictEqual(check(id, onlySettings).map((m) => m.includes(del)), [true]);
        assert.deepStrictEqual(check(id, sql({}, { enabled: "true", pointInTimeRecoveryEnabled: "true" }, { deletionProtection: "true" }, { deletionProtectionEnabled: true })), []);
        assert.deepStrictEqual(check(id, sql({}, { enabled: true }), "staging"), []);
    });

    it("gcp-redis-auth and gcp-redis-tls: AUTH on and server-authenticated TLS", () => {
        const good = res(T.memorystore, "redis", { authEnabled: true, transitEncryptionMode: "SERVER_AUTHENTICATION" });
        assert.deepStrictEqual(check("gcp-redis-auth", good), []);
        assert.deepStrictEqual(check("gcp-redis-tls", good), []);
        assert.deepStrictEqual(check("gcp-redis-auth", res(T.memorystore, "redis", { authEnabled: "true" })), []);
        const bad = res(T.memorystore, "redis", {});
        assert.deepStrictEqual(check("gcp-redis-auth", bad), [msg("gcp-redis-auth", bad, "authEnabled is not true", "set authEnabled: true and read the AUTH string from Secret Manager")]);
        assert.deepStrictEqual(check("gcp-redis-tls", bad), [msg("gcp-redis-tls", bad, "transitEncryptionMode is unset (DISABLED)", 'set transitEncryptionMode: "SERVER_AUTHENTICATION"')]);
        const off = res(T.memorystore, "redis", { transitEncryptionMode: "DISABLED" });
        assert.deepStrictEqual(check("gcp-redis-tls", off), [msg("gcp-redis-tls", off, "transitEncryptionMode is DISABLED", 'set transitEncryptionMode: "SERVER_AUTHENTICATION"')]);
        assert.deepStrictEqual(check("gcp-redis-auth", res(T.sqlInstance, "not-redis", {})), []);
    });

    it("gcp-gcs-not-public: buckets enforce prevention and uniform access; grants and ACLs name no public member", () => {
        const id = "gcp-gcs-not-public";
        assert.deepStrictEqual(check(id, res(T.gcsBucket, "b", { publicAccessPrevention: "enforced", uniformBucketLevelAccess: true })), []);
        const open = res(T.gcsBucket, "b", {});
        assert.deepStrictEqual(check(id, open), [
            msg(id, open, "publicAccessPrevention is unset (inherited)", 'set publicAccessPrevention: "enforced" (serve public files through a CDN backend bucket with signed URLs)'),
            msg(id, open, "uniformBucketLevelAccess is not true (object ACLs can make objects public)", "set uniformBucketLevelAccess: true"),
        ]);
        const inherited = res(T.gcsBucket, "b", { publicAccessPrevention: "inherited", uniformBucketLevelAccess: "true" });
        assert.deepStrictEqual(check(id, inherited), [msg(id, inherited, "publicAccessPrevention is inherited", 'set publicAccessPrevention: "enforced" (serve public files through a CDN backend bucket with signed URLs)')]);
        const fix = "remove the public member; grant roles to service accounts";
        const member = res(T.gcsIamMember, "m", { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" });
        assert.deepStrictEqual(check(id, member), [msg(id, member, "grants bucket access to allUsers", fix)]);
        const binding = res(T.gcsIamBinding, "bd", { bucket: "b", role: "roles/storage.objectViewer", members: ["serviceAccount:a@p.iam.gserviceaccount.com", "allUsers", "allAuthenticatedUsers"] });
        assert.deepStrictEqual(check(id, binding), [msg(id, binding, "grants bucket access to allUsers, allAuthenticatedUsers", fix)]);
        const acl = res(T.gcsAccessControl, "acl", { bucket: "b", role: "READER", entity: "allAuthenticatedUsers" });
        assert.deepStrictEqual(check(id, acl), [msg(id, acl, "grants bucket access to allAuthenticatedUsers", fix)]);
        const both = res(T.gcsDefaultAcl, "dacl", { bucket: "b", member: "allUsers", entity: "allAuthenticatedUsers" });
        assert.deepStrictEqual(check(id, both), [msg(id, both, "grants bucket access to allUsers, allAuthenticatedUsers", fix)]);
        assert.deepStrictEqual(check(id, res(T.gcsIamMember, "sa", { bucket: "b", member: "serviceAccount:a@p.iam.gserviceaccount.com" })), []);
        assert.deepStrictEqual(check(id, res(T.gcsAccessControl, "sa-acl", { bucket: "b", entity: "user-a@example.com" })), []);
        assert.deepStrictEqual(check(id, res(T.gcsIamBinding, "none", { bucket: "b" })), []);
    });

    it("gcp-no-project-secret-accessor: reads member, binding and policy roles", () => {
        const id = "gcp-no-project-secret-accessor";
        const m = (type: string, inputs: Record<string, unknown>) => res(type, "g", { project: "p", ...inputs });
        const expect = (r: RuleResource) => [msg(id, r, "grants a Secret Manager role on the whole project", "grant roles/secretmanager.secretAccessor on each secret the identity reads (gcp.secretmanager.SecretIamMember)")];
        const admin = m(T.projectIamBinding, { role: "roles/secretmanager.admin", members: ["user:a@example.com"] });
        assert.deepStrictEqual(check(id, admin), expect(admin));
        const policy = m(T.projectIamPolicy, { policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["user:a"] }, { members: ["user:b"] }, { role: "roles/secretmanager.secretAccessor", members: ["user:c"] }] }) });
        assert.deepStrictEqual(check(id, policy), expect(policy));
        assert.deepStrictEqual(check(id, m(T.projectIamPolicy, { policyData: JSON.stringify({ bindings: [{ role: "roles/logging.logWriter" }] }) })), []);
        assert.deepStrictEqual(check(id, m(T.projectIamPolicy, { policyData: { bindings: [{ role: "roles/secretmanager.viewer" }] } })), []);
        assert.deepStrictEqual(check(id, m(T.projectIamMember, {})), []);
        assert.deepStrictEqual(check(id, m(T.projectIamMember, { role: "roles/secretmanager.secretVersionAdder" })), []);
        assert.deepStrictEqual(check(id, m(T.gcsIamMember, { role: "roles/secretmanager.admin" })), []);
    });

    it("gcp-no-primitive-roles: names every basic role granted, from a role or a policy's bindings", () => {
        const id = "gcp-no-primitive-roles";
        const fix = "grant the predefined role the identity needs (e.g. roles/cloudsql.client, roles/storage.objectUser)";
        const policy = res(T.projectIamPolicy, "pol", { policyData: { bindings: [{ role: "roles/owner" }, { role: "roles/logging.logWriter" }, {}, { role: "roles/viewer" }] } });
        assert.deepStrictEqual(check(id, policy), [msg(id, policy, "grants roles/owner, roles/viewer", fix)]);
        const policyText = res(T.projectIamPolicy, "pol2", { policyData: JSON.stringify({ bindings: [{ role: "" }, { role: "roles/editor" }] }) });
        assert.deepStrictEqual(check(id, policyText), [msg(id, policyText, "grants roles/editor", fix)]);
        for (const type of [T.gcsIamMember, T.runIamMember, T.projectIamBinding, "gcp:secretmanager/secretIamMember:SecretIamMember", "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"]) {
            const r = res(type, "x", { role: "roles/viewer" });
            assert.deepStrictEqual(check(id, r), [msg(id, r, "grants roles/viewer", fix)], type);
        }
        assert.deepStrictEqual(check(id, res(T.gcsIamMember, "ok", { role: "roles/storage.objectViewer" })), []);
        assert.deepStrictEqual(check(id, res(T.gcsIamMember, "none", {})), []);
        assert.deepStrictEqual(check(id, res(T.projectIamPolicy, "empty", {})), []);
        assert.deepStrictEqual(check(id, res(T.gcsBucket, "b", { role: "roles/owner" })), []);
    });
});

describe("policy rules: HTTPS per cloud branches", () => {
    const hc = (inputs: Record<string, unknown>) => res("aws:route53/healthCheck:HealthCheck", "hc", inputs);
    const id = "dns-health-check-https";

    it("dns-health-check-https: only where the stack serves HTTPS (an HTTPS proxy or an HTTPS listener)", () => {
        const bad = hc({ type: "HTTP", port: 80 });
        const expected = [msg(id, bad, 'type is "HTTP"', 'set type: "HTTPS" and port: 443')];
        assert.deepStrictEqual(check(id, bad, "prod", []), []);
        assert.deepStrictEqual(check(id, bad, "prod", [res(T.listener, "l80", { port: 80, protocol: "HTTP" })]), []);
        assert.deepStrictEqual(check(id, bad, "prod", [res(T.listener, "l443", { port: 443 })]), expected);
        assert.deepStrictEqual(check(id, bad, "prod", [res(T.albListener, "l", { port: 8443, protocol: "https" })]), expected);
        assert.deepStrictEqual(check(id, bad, "prod", [res(T.listener, "l80", { port: 80, protocol: "HTTP" }), res(T.listener, "l443", { port: 443, protocol: "HTTPS" })]), expected);
        assert.deepStrictEqual(check(id, bad, "prod", [res(T.httpsProxy, "p", {})]), expected);
        const unset = hc({});
        assert.deepStrictEqual(check(id, unset, "prod", [res(T.httpsProxy, "p", {})]), [msg(id, unset, "type is null", 'set type: "HTTPS" and port: 443')]);
        assert.deepStrictEqual(check(id, hc({ type: "HTTPS_STR_MATCH" }), "prod", [res(T.httpsProxy, "p", {})]), []);
        assert.deepStrictEqual(check(id, hc({ type: "HTTPS" }), "prod", [res(T.listener, "l443", { port: 443 })]), []);
    });

    it("gcp-lb-http-redirect: only with an HTTPS proxy, and only for the URL map the HTTP proxy uses", () => {
        const rid = "gcp-lb-http-redirect";
        const urlMap = "gcp:compute/uRLMap:URLMap";
        const proxy = res(T.httpProxy, "http-proxy", { urlMap: "plain-map-id" });
        const plain = res(urlMap, "plain-map", {});
        const redirect = res(urlMap, "redirect-map", { defaultUrlRedirect: { httpsRedirect: true } });
        const https = res(T.httpsProxy, "https-proxy", {});
        assert.deepStrictEqual(check(rid, proxy, "prod", [plain, redirect]), []);
        assert.deepStrictEqual(check(rid, proxy, "prod", [https, redirect]), []);
        assert.deepStrictEqual(check(rid, proxy, "prod", [https, redirect, plain]),
            [msg(rid, proxy, 'its URL map "plain-map" serves content over HTTP while the load balancer has an HTTPS proxy', "point it at a URL map with defaultUrlRedirect: { httpsRedirect: true }")]);
        const toRedirect = res(T.httpProxy, "http-proxy", { urlMap: "redirect-map-id" });
        assert.deepStrictEqual(check(rid, toRedirect, "prod", [https, plain, redirect]), []);
        const textRedirect = res(urlMap, "text-map", { defaultUrlRedirect: JSON.stringify({ httpsRedirect: "true" }) });
        assert.deepStrictEqual(check(rid, res(T.httpProxy, "p2", { urlMap: "text-map-id" }), "prod", [https, plain, textRedirect]), []);
    });

    it("gcp-https-proxy-certificate: sslCertificates or a certificate map", () => {
        const rid = "gcp-https-proxy-certificate";
        const none = res(T.httpsProxy, "p", { sslCertificates: [], certificateMap: "" });
        assert.deepStrictEqual(check(rid, none), [msg(rid, none, "names neither sslCertificates nor certificateMap", "set certificateMap (DNS-authorized, gcp/certificate.ts) or sslCertificates")]);
        assert.deepStrictEqual(check(rid, res(T.httpsProxy, "p", { sslCertificates: ["cert-id"] })), []);
        assert.deepStrictEqual(check(rid, res(T.httpsProxy, "p", { certificateMap: "m" })), []);
        assert.deepStrictEqual(check(rid, res(T.httpProxy, "p", {})), []);
    });
});

describe("policy rules: jobs branches", () => {
    it("aws-scheduler-no-public-ip: flags only an assigned public IP", () => {
        const id = "aws-scheduler-no-public-ip";
        const sched = (assignPublicIp: unknown) => res("aws:scheduler/schedule:Schedule", "s", { target: { ecsParameters: { networkConfiguration: { assignPublicIp } } } });
        const on = sched(true);
        const expected = [msg(id, on, "target.ecsParameters.networkConfiguration.assignPublicIp is true", "set assignPublicIp: false; jobs run in private subnets")];
        assert.deepStrictEqual(check(id, on), expected);
        assert.deepStrictEqual(check(id, sched("true")), expected);
        assert.deepStrictEqual(check(id, sched(false)), []);
        assert.deepStrictEqual(check(id, sched(undefined)), []);
        assert.deepStrictEqual(check(id, res("aws:scheduler/schedule:Schedule", "s2", {})), []);
    });

    const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    const rp = (policy: unknown) => res(ROLE_POLICY, "jobs", { policy });
    const id = "aws-run-task-scoped";
    const runTask = (r: RuleResource, resources: string) => msg(id, r, `ecs:RunTask on ${resources}`, "name the task definition ARN of the job");
    const passRes = (r: RuleResource, resources: string) => msg(id, r, `iam:PassRole on ${resources}`, "name the job's execution and task role ARNs");
    const passCond = (r: RuleResource) => msg(id, r, "iam:PassRole without an iam:PassedToService condition", 'add Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }');

    it("aws-run-task-scoped: ecs:RunTask needs named task definitions", () => {
        const td = "arn:aws:ecs:eu-west-1:1:task-definition/job:3";
        assert.deepStrictEqual(check(id, rp({ Statement: [{ Effect: "Allow", Action: "ecs:RunTask", Resource: td }] })), []);
        for (const action of ["ecs:RunTask", "ecs:*", "*"]) {
            const r = rp(JSON.stringify({ Statement: { Effect: "Allow", Action: [action], Resource: [td, "arn:aws:ecs:*:1:task-definition/*"] } }));
            const out = check(id, r);
            assert.strictEqual(out[0], runTask(r, `${td}, arn:aws:ecs:*:1:task-definition/*`), action);
        }
        assert.deepStrictEqual(check(id, rp({ Statement: [{ Action: "ecs:DescribeTasks", Resource: "*" }] })), []);
        assert.deepStrictEqual(check(id, rp({ Statement: [{ Action: "ecs:RunTask" }] })), []);
    });

    it("aws-run-task-scoped: iam:PassRole needs named roles and a PassedToService condition", () => {
        const roles = ["arn:aws:iam::1:role/exec", "arn:aws:iam::1:role/task"];
        const cond = { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } };
        assert.deepStrictEqual(check(id, rp({ Statement: [{ Action: "iam:PassRole", Resource: roles, Condition: cond }] })), []);
        const wild = rp({ Statement: [{ Action: "iam:PassRole", Resource: ["arn:aws:iam::1:role/exec", "arn:aws:iam::1:role/*"] }] });
        assert.deepStrictEqual(check(id, wild), [passRes(wild, "arn:aws:iam::1:role/exec, arn:aws:iam::1:role/*"), passCond(wild)]);
        const iamStar = rp({ Statement: [{ Action: ["iam:*"], Resource: roles }] });
        assert.deepStrictEqual(check(id, iamStar), [passCond(iamStar)]);
        const all = rp(JSON.stringify({ Statement: [{ Action: "*", Resource: "*", Condition: cond }] }));
        assert.deepStrictEqual(check(id, all), [runTask(all, "*"), passRes(all, "*")]);
        const otherCond = rp({ Statement: [{ Action: "iam:PassRole", Resource: roles, Condition: { StringLike: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } }] });
        assert.deepStrictEqual(check(id, otherCond), [passCond(otherCond)]);
        assert.deepStrictEqual(check(id, rp({ Statement: [{ Action: "iam:GetRole", Resource: "*" }] })), []);
        const noRes = rp({ Statement: [{ Action: "iam:PassRole" }] });
        assert.deepStrictEqual(check(id, noRes), [passCond(noRes)]);
    });

    it("aws-run-task-scoped: reads unreadable policies as no statements", () => {
        assert.deepStrictEqual(check(id, rp("{not json")), []);
        assert.deepStrictEqual(check(id, rp(undefined)), []);
        assert.deepStrictEqual(check(id, rp({})), []);
        assert.deepStrictEqual(check(id, res("aws:iam/policy:Policy", "p", { policy: { Statement: [{ Action: "*", Resource: "*" }] } })), []);
        const single = rp({ Statement: { Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/x" } });
        assert.deepStrictEqual(check(id, single), [passCond(single)]);
    });

    it("gcp-run-invoker-scoped: run roles on the whole project are flagged, others are not", () => {
        const rid = "gcp-run-invoker-scoped";
        for (const role of ["roles/run.invoker", "roles/run.developer", "roles/run.admin"]) {
            const r = res(T.projectIamMember, "inv", { project: "p", role, member: "serviceAccount:s@p.iam.gserviceaccount.com" });
            assert.deepStrictEqual(check(rid, r), [msg(rid, r, `${role} on the whole project`, "grant it on the job (cloudrunv2.JobIamMember) or service instead")], role);
        }
        assert.deepStrictEqual(check(rid, res(T.projectIamMember, "v", { role: "roles/run.viewer" })), []);
        assert.deepStrictEqual(check(rid, res(T.projectIamMember, "none", {})), []);
        assert.deepStrictEqual(check(rid, res(T.runIamMember, "svc", { role: "roles/run.invoker" })), []);
    });
});
