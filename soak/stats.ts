/** Pure figures for the soak report: percentiles (nearest rank) and RSS growth after warm-up. */
export interface Sample {
  t: number;
  kind: string;
  ms: number;
  status: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1)! };
}

export function summarize(samples: Sample[]): Record<string, Percentiles> {
  const by = new Map<string, number[]>();
  for (const s of samples) by.set(s.kind, [...(by.get(s.kind) ?? []), s.ms]);
  return Object.fromEntries([...by.entries()].sort().map(([k, v]) => [k, percentiles(v)]));
}

/** Baseline: mean RSS over the 10 s after warm-up; final: mean over the last 10 s. */
export function rssGrowth(
  rss: { t: number; kb: number }[],
  warmupS: number,
): { baselineMb: number; finalMb: number; peakMb: number; growth: number } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const end = rss.at(-1)?.t ?? 0;
  const baseline = mean(rss.filter((r) => r.t >= warmupS && r.t < warmupS + 10).map((r) => r.kb));
  const final = mean(rss.filter((r) => r.t >= end - 10).map((r) => r.kb));
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  return {
    baselineMb: mb(baseline),
    finalMb: mb(final),
    peakMb: mb(Math.max(0, ...rss.map((r) => r.kb))),
    growth: baseline > 0 ? Math.round(((final - baseline) / baseline) * 1000) / 1000 : 0,
  };
}
