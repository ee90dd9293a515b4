/** Small statistics for benchmark samples: median, min, max. */

export interface Summary {
    median: number;
    min: number;
    max: number;
    n: number;
}

export function summarize(samples: readonly number[]): Summary {
    if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: sorted.length };
}

/** "12.3 s (11.9–13.0)" */
export function showSeconds(s: Summary): string {
    if (s.n === 0) return "-";
    const f = (ms: number): string => (ms / 1000).toFixed(1);
    return s.n > 1 ? `${f(s.median)} s (${f(s.min)}–${f(s.max)})` : `${f(s.median)} s`;
}
