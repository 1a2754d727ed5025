/**
 * Zipf-like key draws: a few shops are looked up very often, most rarely (as page views are).
 * Rank r (1-based) has weight 1/r^s; ranks are mapped to keys through a seeded shuffle so the hot
 * keys are spread over the data set rather than being the generator's first rows.
 */
import { prng } from "@xinbiao/db/seed";

export function zipfSample<T>(keys: readonly T[], draws: number, s = 1.0, seed = 7): T[] {
  const n = keys.length;
  const rnd = prng(seed);
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += 1 / (r + 1) ** s;
    cdf[r] = sum;
  }
  // Shuffle a rank → key index map (Fisher–Yates).
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const out: T[] = new Array(draws);
  for (let d = 0; d < draws; d++) {
    const u = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    out[d] = keys[perm[lo]!]!;
  }
  return out;
}

/** Share of draws that hit the k most frequent keys: reported so readers see how skewed the load was. */
export function topShare<T>(draws: readonly T[], k: number): number {
  const counts = new Map<T, number>();
  for (const d of draws) counts.set(d, (counts.get(d) ?? 0) + 1);
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, k);
  return top.reduce((a, b) => a + b, 0) / draws.length;
}
