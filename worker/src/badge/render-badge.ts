/**
 * The SVG badge (亮照亮标 link badge, 电子商务法 §15): brand by region on the left, the state in words
 * with an icon on the right, coloured by verdict. Accessible (role="img", aria-label, <title>) and
 * built only through `el`, which escapes every piece of data.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import { TONE_ICONS } from "./icons.ts";
import {
  displayText,
  type Lang,
  NOT_LISTED,
  pick,
  stateText,
  TONE_COLORS,
  TONE_WORDS,
  type Tone,
} from "./labels.ts";
import { el } from "./svg.ts";
import { textWidth } from "./text-width.ts";

export const BADGE_STYLES = ["flat", "large"] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

interface Metrics {
  height: number;
  font: number;
  icon: number;
  pad: number;
  gap: number;
  radius: number;
  baseline: number;
}

const METRICS: Record<BadgeStyle, Metrics> = {
  flat: { height: 20, font: 12, icon: 12, pad: 6, gap: 4, radius: 3, baseline: 14.2 },
  large: { height: 32, font: 15, icon: 16, pad: 10, gap: 6, radius: 6, baseline: 21.5 },
};

const FONT = "Verdana,DejaVu Sans,Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif";
const BRAND_BG = "#2f3b45";

export interface BadgeContent {
  tone: Tone;
  brand: string;
  text: string;
  /** Who the badge is about, for screen readers and the tooltip (never drawn). */
  subject?: string | undefined;
}

/** What a badge says about a record, or about a merchant/shop we do not have (never "safe"). */
export function badgeContent(record: PublicRecord | null, lang: Lang, fallbackBrand?: string): BadgeContent {
  if (!record) {
    return {
      tone: "unknown",
      brand: fallbackBrand ?? (lang === "en" ? "Credit China" : "信用中国"),
      text: pick(NOT_LISTED, lang),
    };
  }
  return {
    tone: record.verdict,
    brand: lang === "en" ? record.region.brand.en : record.region.brand.zh,
    text: stateText(record, lang),
    subject: record.name,
  };
}

export function badgeLabel(c: BadgeContent, lang: Lang): string {
  const tone = pick(TONE_WORDS[c.tone], lang);
  const head =
    c.tone === "unknown"
      ? `${c.brand}${lang === "en" ? ": " : "："}${c.text}`
      : lang === "en"
        ? `${c.brand}: ${c.text} (${tone})`
        : `${c.brand}：${c.text}（${tone}）`;
  return c.subject ? `${head} — ${displayText(c.subject, 60)}` : head;
}

/** Round up to whole pixels: never less room than the text needs. */
const up = (n: number) => Math.ceil(n);

export function renderBadge(c: BadgeContent, style: BadgeStyle, lang: Lang): string {
  const m = METRICS[style];
  const brand = displayText(c.brand, 16);
  const text = displayText(c.text, 56);
  const brandW = up(textWidth(brand, m.font, true));
  const textW = up(textWidth(text, m.font));
  const left = m.pad + brandW + m.pad;
  const right = m.pad + m.icon + m.gap + textW + m.pad;
  const width = left + right;
  const color = TONE_COLORS[c.tone];
  const label = badgeLabel(c, lang);
  const iconY = (m.height - m.icon) / 2;
  const scale = m.icon / 12;

  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height: m.height,
      viewBox: `0 0 ${width} ${m.height}`,
      role: "img",
      "aria-label": label,
      lang: lang === "en" ? "en" : "zh-CN",
    },
    el("title", {}, label),
    // Right part in the verdict colour, left part (brand) over it; the patch squares the seam.
    el("rect", { width, height: m.height, rx: m.radius, fill: color }),
    el("rect", { width: left, height: m.height, rx: m.radius, fill: BRAND_BG }),
    el("rect", { x: left - m.radius, width: m.radius, height: m.height, fill: BRAND_BG }),
    el(
      "g",
      { fill: "#fff", "font-family": FONT, "font-size": m.font },
      el("text", { x: m.pad, y: m.baseline, "font-weight": "bold" }, brand),
      el("text", { x: left + m.pad + m.icon + m.gap, y: m.baseline }, text),
    ),
    el("path", {
      d: TONE_ICONS[c.tone],
      transform: `translate(${left + m.pad} ${iconY})${scale === 1 ? "" : ` scale(${scale.toFixed(3)})`}`,
      fill: "none",
      stroke: "#fff",
      "stroke-width": 1.6,
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
    }),
  ).markup;
}
