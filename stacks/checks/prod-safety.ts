import type { PlatformInput } from "../schema";
import type { ResolvedConfig } from "../../components/spec";

type Add = (path: (string | number)[], message: string, value?: unknown) => void;

const isPublic = (s: PlatformInput["services"][number]) => s.expose === "public" || (s.expose === undefined && (s.routes?.length ?? 0) > 0);

/**
 * What the prod profile refuses unless the stack opts out in writing: a public app without a
 * domain (plain HTTP; opt-out platform:allowHttp) and ECS Exec (opt-out aws.allowExecInProd).
 */
export function checkProdSafety(cfg: PlatformInput, add: Add): void {
    if (cfg.environment !== "prod") return;
    if (!cfg.domain && cfg.allowHttp !== true && cfg.services.some(isPublic)) {
        add(["domain"], "is required in prod when a service is public: without it the app is served over plain HTTP. Set platform:domain: { name: app.example.com } (certificate and HTTPS on every cloud), or declare platform:allowHttp: true to accept HTTP");
    }
    if (cfg.aws?.allowExecInProd === true) return;
    cfg.services.forEach((s, i) => {
        if (s.exec === true) add(["services", i, "exec"], "opens a shell into prod tasks (ECS Exec); remove it, or declare platform:aws.allowExecInProd: true to accept it", true);
    });
}

/** The opt-outs a prod stack declared, one warning line each (printed by the plan on stderr). */
export function prodWarnings(spec: ResolvedConfig): string[] {
    if (spec.environment !== "prod") return [];
    const out: string[] = [];
    if (spec.allowHttp && !spec.domain) out.push("platform:allowHttp is true: the app is served over plain HTTP in prod (policy rule https-required-prod reports it as advisory)");
    if (spec.aws?.allowExecInProd) out.push("platform:aws.allowExecInProd is true: ECS Exec and SSM sessions on hosts are allowed in prod (policy rule exec-disabled-prod reports it as advisory)");
    if (spec.aws?.egress === "open") out.push("platform:aws.egress is open: security groups may reach any address on any port in prod (policy rule aws-sg-egress-restricted reports it as advisory)");
    return out;
}
