/**
 * Whether two objections give the same grounds. A refused or rejected objection may be filed again
 * only with new grounds (objection.service.ts); a re-filing that only re-spaces, re-punctuates or
 * retouches a few characters of the refused text is the same grounds. Compared on the normalised
 * text (NFKC, case, whitespace, punctuation and symbols removed): equal, or a character-bigram
 * Dice similarity of at least SAME_GROUNDS_SIMILARITY. The refused text plus new facts of some
 * length is new grounds (a supplement is what the rule asks for), so containment alone is not "same".
 */
export const SAME_GROUNDS_SIMILARITY = 0.85;

export function normaliseGrounds(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, "");
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Sørensen–Dice coefficient over character bigrams (multiset). */
export function groundsSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseGrounds(a));
  const y = bigrams(normaliseGrounds(b));
  let total = 0;
  let common = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    common += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 1 : (2 * common) / total;
}

export function sameGrounds(a: string, b: string): boolean {
  const x = normaliseGrounds(a);
  const y = normaliseGrounds(b);
  if (x === y) return true;
  return groundsSimilarity(a, b) >= SAME_GROUNDS_SIMILARITY;
}
