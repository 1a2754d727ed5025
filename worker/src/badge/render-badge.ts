/**
 * The SVG badge (亮照亮标 link badge, 电子商务法 §15), shields-style in up to three parts:
 *
 *   [信标] [icon state words, in the state's colour] [数据来源：信用江苏]
 *
 * 信标 issues the badge; the regional brand (信用中国 / 信用江苏 …) is named only as the source of the
 * data (issue 14), never drawn as the badge's owner. A state whose word already names 信标
 * ("信标未收录") is drawn without the first part, so it never reads "信标 信标未收录". Every word,
 * colour and icon comes from the presentation module (db/model/presentation.ts). Accessible
 * (role="img", aria-label, <title>) and built only through `el`, which escapes every piece of data.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import { ICON_PATHS } from "./icons.ts";
import {
  displayText,
  headline,
  type Lang,
  type OtherState,
  otherLook,
  otherSentence,
  PRODUCT,
  pick,
  type StateLook,
  sourceText,
  stateText,
  TONE_COLORS,
} from "./labels.ts";
import { el } from "./svg.ts";
import { textWidth } from "./text-width.ts";

export const BADGE_STYLES = ["flat", "large"] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

interface Metrics {
  height: number;
  font: number;
  /** The source part is set smaller: it is the footnote, the state is the message. */
  srcFont: number;
  icon: number;
  pad: number;
  gap: number;
  radius: number;
  baseline: number;
  srcBaseline: number;
}

const METRICS: Record<BadgeStyle, Metrics> = {
  flat: {
    height: 20,
    font: 12,
    srcFont: 10,
    icon: 12,
    pad: 6,
    gap: 4,
    radius: 3,
    baseline: 14.2,
    srcBaseline: 13.6,
  },
  large: {
    height: 32,
    font: 15,
    srcFont: 12,
    icon: 16,
    pad: 10,
    gap: 6,
    radius: 6,
    baseline: 21.5,
    srcBaseline: 20.4,
  },
};

const FONT = "Verdana,DejaVu Sans,Noto Sans CJK SC,PingFang SC,Microsoft YaHei,sans-serif";
const OWNER_BG = "#2f3b45";
// Source part: dark text on light grey, 12.6:1 (WCAG AA at any size).
const SOURCE_BG = "#e6eaee";
const SOURCE_INK = "#24292f";

export interface BadgeContent {
  look: StateLook;
  /** The look's colour family (also sent as X-Xinbiao-State). */
  tone: StateLook["tone"];
  /** The badge's owner as drawn in its first part: always 信标 / Xinbiao, never the data's source. */
  brand: string;
  /** The state in words, drawn in the coloured part. */
  text: string;
  /** "数据来源：信用江苏": only when there is a record whose data a regional brand published. */
  source?: string | undefined;
  /** Who the badge is about, for screen readers and the tooltip (never drawn). */
  subject?: string | undefined;
  /** For a state that is not about a record: the sentence that explains it (tooltip, screen reader). */
  sentence?: string | undefined;
}

/** What a badge says about a record, or about a merchant/shop we do not have (信标未收录, never "safe"). */
export function badgeContent(record: PublicRecord | null, lang: Lang): BadgeContent {
  if (!record) return stateContent("unknown", lang);
  const look = headline(record);
  return {
    look,
    tone: look.tone,
    brand: pick(PRODUCT, lang),
    text: stateText(record, lang),
    source: sourceText(record.region.brand, lang),
    subject: record.name,
  };
}

/** A state that is not about a record (unknown, invalid code, bad badge URL …), as a badge. */
export function stateContent(state: OtherState, lang: Lang): BadgeContent {
  const look = otherLook(state);
  const sentence = otherSentence(state);
  return {
    look,
    tone: look.tone,
    brand: pick(PRODUCT, lang),
    text: pick(look.word, lang),
    sentence: pick(sentence, lang),
  };
}

/** Whether the state's own word already says 信标 (then the owner part is left out). */
function namesOwner(c: BadgeContent, lang: Lang): boolean {
  return c.text.includes(pick(PRODUCT, lang));
}

/**
 * "信标信用标识：瑞昌…有限公司 — 黑名单 · 刷单炒信（失信）；数据来源：信用江西". A state that is not
 * about a record carries its sentence instead (there is no record page to explain it).
 */
export function badgeLabel(c: BadgeContent, lang: Lang): string {
  const en = lang === "en";
  const word = pick(c.look.word, lang);
  let s = `${en ? "Xinbiao credit badge: " : "信标信用标识："}`;
  if (c.subject) s += `${displayText(c.subject, 60)} — `;
  s += c.text;
  if (word !== c.text) s += en ? ` (${word})` : `（${word}）`;
  if (c.source) s += en ? `; ${c.source}` : `；${c.source}`;
  if (c.sentence) s += en ? `. ${c.sentence}` : `。${c.sentence}`;
  return s;
}

/** Round up to whole pixels: never less room than the text needs. */
const up = (n: number) => Math.ceil(n);

export function renderBadge(c: BadgeContent, style: BadgeStyle, lang: Lang): string {
  const m = METRICS[style];
  const owner = namesOwner(c, lang) ? "" : c.brand;
  const text = displayText(c.text, 56);
  const source = c.source ? displayText(c.source, 24) : "";
  const left = owner ? m.pad + up(textWidth(owner, m.font, true)) + m.pad : 0;
  const mid = m.pad + m.icon + m.gap + up(textWidth(text, m.font)) + m.pad;
  const right = source ? m.pad + up(textWidth(source, m.srcFont)) + m.pad : 0;
  const width = left + mid + right;
  const color = TONE_COLORS[c.look.tone];
  const label = badgeLabel(c, lang);
  const iconY = (m.height - m.icon) / 2;
  const scale = m.icon / 12;
  const r = m.radius;

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
    // The last part's colour under everything (so its rounded corners show no other colour), the
    // state's part over the middle, the owner part over the left; patches square the inner seams.
    el("rect", { width, height: m.height, rx: r, fill: source ? SOURCE_BG : color }),
    source ? el("rect", { x: left, width: mid, height: m.height, fill: color }) : null,
    owner ? el("rect", { width: left, height: m.height, rx: r, fill: OWNER_BG }) : null,
    owner ? el("rect", { x: left - r, width: r, height: m.height, fill: OWNER_BG }) : null,
    el(
      "g",
      { fill: "#fff", "font-family": FONT, "font-size": m.font },
      owner ? el("text", { x: m.pad, y: m.baseline, "font-weight": "bold" }, owner) : null,
      el("text", { x: left + m.pad + m.icon + m.gap, y: m.baseline }, text),
      source
        ? el(
            "text",
            { x: left + mid + m.pad, y: m.srcBaseline, fill: SOURCE_INK, "font-size": m.srcFont },
            source,
          )
        : null,
    ),
    el("path", {
      d: ICON_PATHS[c.look.icon],
      transform: `translate(${left + m.pad} ${iconY})${scale === 1 ? "" : ` scale(${scale.toFixed(3)})`}`,
      fill: "none",
      stroke: "#fff",
      "stroke-width": 1.6,
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
    }),
  ).markup;
}
