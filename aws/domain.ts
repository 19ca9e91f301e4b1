import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DnsWriter } from "../components/dns";
import { applyTransform, type Transform } from "../components/transform";

export interface DomainArgs {
    /** Primary host name on the certificate, e.g. app.example.com. */
    name: string;
    /** Other host names on the certificate (aliases, per-service hosts). @default [] */
    alternativeNames?: readonly string[];
    /** Existing hosted zone id; wins over `zoneName`. */
    zoneId?: string;
    /** Hosted zone name, looked up (public zones only) unless `createZone`. */
    zoneName: string;
    /** Create the hosted zone `zoneName` (then delegate to its name servers). @default false */
    createZone?: boolean;
    /** Pulumi `protect` on a created zone. @default false */
    protect?: boolean;
    /** Writes the validation records into a zone outside Route 53 (Cloud DNS); no hosted zone is resolved then. @default Route 53 */
    records?: DnsWriter;
    /** Per-child overrides. */
    transform?: { certificate?: Transform<aws.acm.CertificateArgs> };
}

/**
 * The hosted zone (found, given or created) and an ACM certificate for every host name, validated
 * through DNS records in that zone. `certificateArn` resolves only once validation completes, so a
 * listener that uses it never holds a pending certificate.
 */
export class Domain extends pulumi.ComponentResource {
    /** Route 53 hosted zone id; unset when the zone is in Cloud DNS (`records`). */
    readonly zoneId?: pulumi.Output<string>;
    readonly certificate: aws.acm.Certificate;
    /** ARN of the validated certificate. */
    readonly certificateArn: pulumi.Output<string>;
    /** Name servers of a created zone (to delegate to); empty otherwise. */
    readonly nameServers: pulumi.Output<string[]>;

    constructor(name: string, args: DomainArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:Domain", name, {}, opts);
        const zone = args.records ? undefined : this.resolveZone(name, args);
        this.zoneId = zone?.zoneId;
        this.nameServers = zone?.nameServers ?? pulumi.output([]);

        const sans = [...new Set(args.alternativeNames ?? [])].filter((h) => h !== args.name);
        const [n, certArgs, certOpts] = applyTransform<aws.acm.CertificateArgs>(args.transform?.certificate, `${name}-cert`, {
            domainName: args.name,
            subjectAlternativeNames: sans,
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
        }, { parent: this });
        this.certificate = new aws.acm.Certificate(n, certArgs, certOpts);

        // One record per host name; the count is known at plan time (no wildcards among them).
        const written: pulumi.Resource[] = [];
        const records = [args.name, ...sans].map((host, i) => {
            const option = this.certificate.domainValidationOptions.apply((o) => {
                const hit = o.find((x) => x.domainName === host);
                if (!hit) throw new Error(`ACM returned no validation record for ${host}`);
                return hit;
            });
            if (args.records) {
                written.push(args.records.write(`${name}-validation-${i + 1}`, {
                    name: option.resourceRecordName,
                    type: option.resourceRecordType,
                    values: [option.resourceRecordValue],
                }, this));
                return option.resourceRecordName.apply((n) => n.replace(/\.$/, ""));
            }
            return new aws.route53.Record(`${name}-validation-${i + 1}`, {
                zoneId: zone!.zoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                // ACM reuses one record name per host across certificates; a rerun must not fail on it.
                allowOverwrite: true,
            }, { parent: this }).fqdn;
        });
        const validation = new aws.acm.CertificateValidation(`${name}-validation`, {
            certificateArn: this.certificate.arn,
            validationRecordFqdns: records,
        }, { parent: this, dependsOn: written });
        this.certificateArn = validation.certificateArn;
        this.registerOutputs({ zoneId: this.zoneId, certificateArn: this.certificateArn });
    }

    private resolveZone(name: string, args: DomainArgs): { zoneId: pulumi.Output<string>; nameServers: pulumi.Output<string[]> } {
        if (args.zoneId) return { zoneId: pulumi.output(args.zoneId), nameServers: pulumi.output([]) };
        if (args.createZone) {
            const zone = new aws.route53.Zone(`${name}-zone`, {
                name: args.zoneName,
                comment: `Public zone for ${args.name}`,
            }, { parent: this, protect: args.protect ?? false });
            return { zoneId: zone.zoneId, nameServers: zone.nameServers };
        }
        const found = aws.route53.getZoneOutput({ name: args.zoneName, privateZone: false }, { parent: this });
        return { zoneId: found.zoneId, nameServers: found.nameServers };
    }
}

export interface AliasRecordsArgs {
    /** Hosted zone of the records. */
    zoneId: pulumi.Input<string>;
    /** Host names pointed at the load balancer. */
    hosts: readonly string[];
    /** Load balancer DNS name. */
    targetDnsName: pulumi.Input<string>;
    /** Load balancer canonical hosted zone id. */
    targetZoneId: pulumi.Input<string>;
    /** Per-child overrides, applied to every A and AAAA record. */
    transform?: { record?: Transform<aws.route53.RecordArgs> };
}

/** A and AAAA alias records from each host name to a load balancer. */
export class AliasRecords extends pulumi.ComponentResource {
    readonly fqdns: pulumi.Output<string>[];

    constructor(name: string, args: AliasRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:aws:AliasRecords", name, {}, opts);
        this.fqdns = [];
        args.hosts.forEach((host, i) => {
            for (const type of ["A", "AAAA"] as const) {
                const [n, recordArgs, recordOpts] = applyTransform<aws.route53.RecordArgs>(args.transform?.record, `${name}-${i + 1}-${type.toLowerCase()}`, {
                    zoneId: args.zoneId,
                    name: host,
                    type,
                    aliases: [{ name: args.targetDnsName, zoneId: args.targetZoneId, evaluateTargetHealth: true }],
                }, { parent: this });
                const record = new aws.route53.Record(n, recordArgs, recordOpts);
                if (type === "A") this.fqdns.push(record.fqdn);
            }
        });
        this.registerOutputs({ fqdns: this.fqdns });
    }
}
