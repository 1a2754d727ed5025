/**
 * What the toolbar button says about a tab (issue 14, "honest coverage"): the verdict's colour and
 * symbol on a checked shop, "?" on a shop or item page the extension could not match (not checked),
 * grey for a shop the service has no record of, nothing on pages that are not shop pages. Pure: the
 * background applies it with action.setBadgeText / setBadgeBackgroundColor / setTitle per tab.
 * Colour never carries the meaning alone: each state has its own symbol and a title in words.
 */

import { VERDICT_LABELS } from "@xinbiao/db/model";
import type { Coverage } from "../entrypoints/shop.content/machine.ts";
import { type Lang, pick, t } from "./i18n.ts";
import type { Tone } from "./present.ts";

export interface ToolbarFace {
  /** Badge text on the icon ("" = none). */
  text: string;
  /** Badge background (the badge's border colour of shop-ui.css for the tone). */
  color: string;
  title: string;
}

const TONE_COLOR: Record<Tone, string> = {
  trusted: "#1a7f37",
  normal: "#0969da",
  caution: "#9a6700",
  warning: "#bc4c00",
  danger: "#cf222e",
  unknown: "#6e7781",
  loading: "#6e7781",
  error: "#6e7781",
};

/** Short symbols: Chrome shows about four characters on the icon. */
const TONE_TEXT: Record<Tone, string> = {
  trusted: "✔",
  normal: "●",
  caution: "!",
  warning: "⚠",
  danger: "⛔",
  unknown: "–",
  loading: "…",
  error: "×",
};

/** The verdicts' own labels (db/model), the other states in the badge's words (utils/i18n.ts). */
function toneWords(tone: Tone, lang: Lang): string {
  if (tone === "unknown") return t(lang, "notListed");
  if (tone === "loading") return t(lang, "loading");
  if (tone === "error") return t(lang, "offline");
  return pick(lang, VERDICT_LABELS[tone]);
}

export function toolbarFace(c: Coverage, lang: Lang): ToolbarFace {
  const product = t(lang, "product");
  // "信标：…", unless the words already name the product ("信标未收录").
  const titled = (words: string) =>
    words.startsWith(product) ? words : `${product}${lang === "zh" ? "：" : ": "}${words}`;
  switch (c.kind) {
    case "off":
      return { text: "", color: TONE_COLOR.unknown, title: product };
    case "unmatched":
      return {
        text: "?",
        color: TONE_COLOR.unknown,
        title:
          lang === "zh"
            ? `${product}：未检查 — 无法识别此页面的店铺`
            : `${product}: not checked — this page could not be matched to a shop`,
      };
    case "checking":
      return {
        text: TONE_TEXT.loading,
        color: TONE_COLOR.loading,
        title: titled(toneWords("loading", lang)),
      };
    case "shown":
      return {
        text: TONE_TEXT[c.tone],
        color: TONE_COLOR[c.tone],
        title: titled(toneWords(c.tone, lang)),
      };
  }
}
