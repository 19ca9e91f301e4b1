import type { Category } from "./categories";

/** One seed document's own monthly cost table, as it states it (midpoints for ranges). */
export interface SeedFigure {
    seed: string;
    /** Example stack that reproduces the seed (stacks/examples/<stack>.yaml, or a reference stack). */
    stack: string;
    /** The figure as the document words it. */
    stated: string;
    /** Stated total range per cloud, USD a month. */
    aws?: readonly [number, number];
    gcp?: readonly [number, number];
    /** The document's line items by category (midpoints of ranges). */
    items?: Partial<Record<Category, number>>;
    /** Why the program's figure and the document's differ, beyond the computed gaps. */
    note: string;
}

export const SEED_FIGURES: readonly SeedFigure[] = [
    {
        seed: "000", stack: "multicloud", stated: "~$165 AWS / ~$75 GCP", aws: [165, 165], gcp: [75, 75],
        items: { NAT: 65, Fargate: 60, "Load balancer": 50, Monitoring: 10, "Cloud Run": 50, Registry: 5 },
        note: "The seed prices 2 NAT gateways, 4 tasks and 2 ALBs on AWS ($30) and $20 of Google load balancing; it leaves out the public IPv4 charge on the NAT addresses and counts Cloud Run as if instances ran all month.",
    },
    { seed: "000 (reference)", stack: "dev", stated: "~$165 AWS / ~$75 GCP (seed 000's prod-like layout)", aws: [165, 165], gcp: [75, 75], note: "The same app as seed 000 in the dev profile: one NAT gateway and one task per service instead of the seed's two and four." },
    { seed: "000 (reference)", stack: "prod", stated: "~$165 AWS / ~$75 GCP", aws: [165, 165], gcp: [75, 75], items: { NAT: 65, Fargate: 60, "Load balancer": 50, Monitoring: 10, "Cloud Run": 50, Registry: 5 }, note: "The seed 000 app in the prod profile: a NAT per AZ and two tasks per service, as the seed's table assumes; one shared ALB where the seed has two." },
    { seed: "001", stack: "ai-platform", stated: "not stated", note: "The seed gives no figure; the estimate is dominated by the EC2 capacity (ASG minimum x instance price) and the NAT gateways." },
    {
        seed: "002", stack: "saas-dev", stated: "~$50-100", aws: [50, 100],
        items: { RDS: 15, ElastiCache: 12, Fargate: 22.5, NAT: 32, "Load balancer": 16, "Data transfer": 5 },
        note: "The seed's table counts one NAT gateway and one 0.5 vCPU / 1 GB task; secrets, alarms, logs and the NAT's public IPv4 address are extra here.",
    },
    {
        seed: "002", stack: "saas-prod", stated: "~$200-400", aws: [200, 400],
        items: { RDS: 60, ElastiCache: 24, Fargate: 120, NAT: 64, "Load balancer": 16, "Data transfer": 20 },
        note: "The seed's range spans 2-10 tasks; the estimate prices the minimum task count, so it sits at the low end of the range.",
    },
    {
        seed: "003", stack: "portfolio-dev", stated: "~$115-130", aws: [115, 130],
        items: { NAT: 65, RDS: 12, ElastiCache: 12, "Load balancer": 16, Fargate: 15 },
        note: "The seed counts two NAT gateways in dev; the dev profile builds one unless the example asks for one per AZ.",
    },
    { seed: "003", stack: "portfolio-prod", stated: "not stated", note: "The seed states no prod figure." },
    {
        seed: "004", stack: "tiger", stated: "~$147", aws: [147, 147],
        items: { Fargate: 15, "Load balancer": 25, RDS: 15, ElastiCache: 12, NAT: 70, Storage: 1, "Data transfer": 9 },
        note: "The seed prices 2 NAT gateways at $35 each, one ALB ($25) although its system has no load balancer, and 100 GB of data transfer, which the estimate does not model.",
    },
    {
        seed: "004", stack: "cheetah", stated: "~$280", aws: [280, 280],
        items: { Fargate: 30, "Load balancer": 25, RDS: 60, ElastiCache: 48, NAT: 70, Storage: 2, "Data transfer": 45 },
        note: "The seed adds 500 GB of data transfer ($45), which the estimate does not model; everything else comes from the planned sizes.",
    },
];
