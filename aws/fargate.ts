/**
 * Fargate's allowed task CPU / memory combinations (AWS ECS developer guide, "Task CPU and
 * memory"): memory in MiB for each CPU value.
 */
const FARGATE_MEMORY: Readonly<Record<number, { min: number; max: number; step: number }>> = {
    256: { min: 512, max: 2048, step: 512 }, // 512, 1024, 2048 are allowed; 1536 is not
    512: { min: 1024, max: 4096, step: 1024 },
    1024: { min: 2048, max: 8192, step: 1024 },
    2048: { min: 4096, max: 16384, step: 1024 },
    4096: { min: 8192, max: 30720, step: 1024 },
    8192: { min: 16384, max: 61440, step: 4096 },
    16384: { min: 32768, max: 122880, step: 8192 },
};

export const FARGATE_CPU_VALUES = Object.keys(FARGATE_MEMORY).map(Number);

/** Memory values (MiB) Fargate accepts for a CPU value; empty when the CPU value is not allowed. */
export function fargateMemoryOptions(cpu: number): number[] {
    const rule = FARGATE_MEMORY[cpu];
    if (!rule) return [];
    if (cpu === 256) return [512, 1024, 2048];
    const out: number[] = [];
    for (let m = rule.min; m <= rule.max; m += rule.step) out.push(m);
    return out;
}

/** Null when the pair is valid, else a sentence saying what is allowed. */
export function checkFargatePair(cpu: number, memory: number): string | null {
    const options = fargateMemoryOptions(cpu);
    if (options.length === 0) return `Fargate CPU must be one of ${FARGATE_CPU_VALUES.join(", ")} (got ${cpu})`;
    if (options.includes(memory)) return null;
    const rule = FARGATE_MEMORY[cpu];
    const allowed = cpu === 256 ? "512, 1024 or 2048" : `${rule.min} to ${rule.max} in steps of ${rule.step}`;
    return `Fargate does not offer ${cpu} CPU with ${memory} MiB; with ${cpu} CPU memory must be ${allowed}`;
}
