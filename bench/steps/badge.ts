/**
 * Step "badge": µs per SVG for our renderer (worker/src/badge/render-badge.ts) against shields.io's
 * badge-maker rendering the same label/message/colour, in this process, over the same records;
 * bytes raw and gzipped; and the size of `GET /embed.js`.
 */
import { gzipSync } from "node:zlib";
import type { PublicRecord } from "@xinbiao/db/model";
import { makeBadge } from "badge-maker";

export interface BadgeResult {
  records: number;
  oursUs: number;
  badgeMakerUs: number;
  ratio: number;
  oursBytes: number;
  oursGzipBytes: number;
  badgeMakerBytes: number;
  badgeMakerGzipBytes: number;
  /** Our label+message widths vs badge-maker's for a CJK sample: badge-maker measures CJK as Verdana fallback. */
  cjkSample: { text: string; oursSvg: string; badgeMakerSvg: string };
  embedJsBytes: number | null;
  embedJsGzipBytes: number | null;
}

function timeUs(fn: () => unknown, minMs = 1500): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let n = 0;
  const t = performance.now();
  let el = 0;
  while (el < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    el = performance.now() - t;
  }
  return (el * 1000) / n;
}

export async function measureBadge(records: PublicRecord[]): Promise<BadgeResult> {
  const { badgeContent, renderBadge } = await import("../../worker/src/badge/render-badge.ts");
  const { TONE_COLORS } = await import("../../worker/src/badge/labels.ts");
  const contents = records.map((r) => badgeContent(r, "zh"));
  let i = 0;
  const ours = () => renderBadge(contents[i++ % contents.length]!, "flat", "zh");
  let j = 0;
  const theirs = () => {
    const c = contents[j++ % contents.length]!;
    return makeBadge({ label: c.brand, message: c.text, color: TONE_COLORS[c.tone] });
  };
  const oursUs = timeUs(ours);
  const badgeMakerUs = timeUs(theirs);
  const oSvgs = contents.map((c) => renderBadge(c, "flat", "zh"));
  const tSvgs = contents.map((c) =>
    makeBadge({ label: c.brand, message: c.text, color: TONE_COLORS[c.tone] }),
  );
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  let embedJs: string | null = null;
  try {
    embedJs = (await import("../../worker/src/embed/embed.generated.ts")).EMBED_JS;
  } catch {
    embedJs = null;
  }
  const sample = contents.find((c) => c.tone === "danger") ?? contents[0]!;
  return {
    records: records.length,
    oursUs,
    badgeMakerUs,
    ratio: oursUs / badgeMakerUs,
    oursBytes: mean(oSvgs.map((s) => Buffer.byteLength(s))),
    oursGzipBytes: mean(oSvgs.map((s) => gzipSync(s).length)),
    badgeMakerBytes: mean(tSvgs.map((s) => Buffer.byteLength(s))),
    badgeMakerGzipBytes: mean(tSvgs.map((s) => gzipSync(s).length)),
    cjkSample: {
      text: `${sample.brand} | ${sample.text}`,
      oursSvg: renderBadge(sample, "flat", "zh"),
      badgeMakerSvg: makeBadge({
        label: sample.brand,
        message: sample.text,
        color: TONE_COLORS[sample.tone],
      }),
    },
    embedJsBytes: embedJs === null ? null : Buffer.byteLength(embedJs),
    embedJsGzipBytes: embedJs === null ? null : gzipSync(embedJs).length,
  };
}
