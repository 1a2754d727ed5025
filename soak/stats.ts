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

/**
 * The RSS ceiling of the hold after warm-up against the ceiling reached during the warm-up: the
 * heap's sawtooth crests at the same height while nothing leaks, whichever phase a window happens to
 * catch (means over short windows compared trough with crest: +33 % one run, −15 % another).
 */
export function rssCeiling(
  rss: { t: number; kb: number }[],
  warmupS: number,
): { warmupPeakMb: number; holdPeakMb: number; growth: number } {
  const peak = (xs: { kb: number }[]) => xs.reduce((m, r) => Math.max(m, r.kb), 0);
  const warm = peak(rss.filter((r) => r.t < warmupS));
  const hold = peak(rss.filter((r) => r.t >= warmupS));
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  return {
    warmupPeakMb: mb(warm),
    holdPeakMb: mb(hold),
    growth: warm > 0 ? Math.round(((hold - warm) / warm) * 1000) / 1000 : 0,
  };
}

export type RetainedProbe = {
  t: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
};

/** Live memory (V8 heap + external) after a full collection: first probe against the last. */
export function retainedGrowth(probes: RetainedProbe[]): {
  probes: { t: number; liveMb: number; rssMb: number }[];
  growth: number | null;
} {
  const mb = (b: number) => Math.round(b / 104857.6) / 10;
  const live = (p: RetainedProbe) => p.heapUsed + p.external;
  const first = probes[0];
  const last = probes.at(-1);
  return {
    probes: probes.map((p) => ({ t: Math.round(p.t), liveMb: mb(live(p)), rssMb: mb(p.rss) })),
    growth:
      first && last && first !== last
        ? Math.round(((live(last) - live(first)) / live(first)) * 1000) / 1000
        : null,
  };
}
