import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { DnsWriter } from "../components/dns";
import { physicalName, type NamingContext } from "../components/naming";
import { applyTransform, type Transform } from "../components/transform";

export interface DnsAuthorizedCertificateArgs {
    /** App and stage, for physical names. */
    naming: NamingContext;
    /** Project of the certificate and map (the map reference names it). */
    project: string;
    /** Host names on the certificate, the main name first; one map entry each. */
    hosts: readonly string[];
    /** Writes each DNS authorization's CNAME into the zone holding the names (Route 53 or Cloud DNS). */
    records: DnsWriter;
    /** Resources (the Certificate Manager API) the children wait for. */
    dependsOn?: pulumi.Resource[];
    /** Per-child overrides. */
    transform?: { certificate?: Transform<gcp.certificatemanager.CertificateArgs> };
}

/**
 * A Google-managed certificate from Certificate Manager, authorized by DNS rather than by the
 * load balancer answering on the name: the `_acme-challenge` CNAME per host goes into the zone,
 * so the certificate becomes active even while DNS sends the main name to AWS, and stays valid
 * through a failover. Served through a certificate map (one entry per host) on the HTTPS proxy.
 * https://cloud.google.com/certificate-manager/docs/dns-authorizations
 */
export class DnsAuthorizedCertificate extends pulumi.ComponentResource {
    readonly certificate: gcp.certificatemanager.Certificate;
    readonly map: gcp.certificatemanager.CertificateMap;
    /** `//certificatemanager.googleapis.com/projects/…/certificateMaps/…`, the form TargetHttpsProxy.certificateMap takes. */
    readonly mapReference: pulumi.Output<string>;

    constructor(name: string, args: DnsAuthorizedCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:gcp:DnsAuthorizedCertificate", name, {}, opts);
        const childOpts = { parent: this, dependsOn: args.dependsOn };
        const authorizations = args.hosts.map((host, i) => {
            const auth = new gcp.certificatemanager.DnsAuthorization(`${name}-auth-${i + 1}`, {
                name: physicalName(args.naming, `auth-${i + 1}`, "gcp"),
                description: `DNS authorization for ${host}`,
                domain: host,
                location: "global",
            }, childOpts);
            const record = auth.dnsResourceRecords.apply((r) => {
                if (r.length === 0) throw new Error(`Certificate Manager returned no DNS record for ${host}`);
                return r[0];
            });
            args.records.write(`${name}-auth-${i + 1}-record`, { name: record.name, type: record.type, values: [record.data] }, this);
            return auth;
        });
        const [n, certArgs, certOpts] = applyTransform<gcp.certificatemanager.CertificateArgs>(args.transform?.certificate, `${name}-cert`, {
            name: physicalName(args.naming, "cert", "gcp"),
            description: `Google-managed certificate for ${args.hosts.join(", ")}`,
            scope: "DEFAULT",
            managed: { domains: [...args.hosts], dnsAuthorizations: authorizations.map((a) => a.id) },
        }, childOpts);
        this.certificate = new gcp.certificatemanager.Certificate(n, certArgs, certOpts);
        this.map = new gcp.certificatemanager.CertificateMap(`${name}-map`, {
            name: physicalName(args.naming, "cert-map", "gcp"),
            description: "Certificates served by the global load balancer",
        }, childOpts);
        args.hosts.forEach((host, i) => new gcp.certificatemanager.CertificateMapEntry(`${name}-entry-${i + 1}`, {
            name: physicalName(args.naming, `cert-entry-${i + 1}`, "gcp"),
            map: this.map.name,
            hostname: host,
            certificates: [this.certificate.id],
        }, childOpts));
        this.mapReference = pulumi.interpolate`//certificatemanager.googleapis.com/projects/${args.project}/locations/global/certificateMaps/${this.map.name}`;
        this.registerOutputs({ mapReference: this.mapReference });
    }
}
