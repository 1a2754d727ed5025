/**
 * Page language and formatting. zh-CN is the default; English with `?lang=en` or when the browser's
 * Accept-Language prefers English over Chinese. Times are shown in Asia/Shanghai (UTC+8, no DST).
 */
import type { MerchantKind } from "@xinbiao/db/model";
import type { Lang } from "../badge/labels.ts";

export interface PageLang {
  lang: Lang;
  /** The request said `?lang=`: links carry it on, so a choice sticks while browsing. */
  explicit: boolean;
}

/** Pick the language: `?lang=zh|en` wins; else the highest-q of zh/en in Accept-Language; else zh. */
export function negotiateLang(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  if (query === "en" || query === "zh") return { lang: query, explicit: true };
  let best: { lang: Lang; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const lang: Lang | null = tag.startsWith("zh") ? "zh" : tag.startsWith("en") ? "en" : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return { lang: best?.lang ?? "zh", explicit: false };
}

export function tr(lang: Lang, zh: string, en: string): string {
  return lang === "en" ? en : zh;
}

/** A link that keeps an explicit language choice. */
export function link(path: string, pl: PageLang, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params);
  if (pl.explicit) q.set("lang", pl.lang);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** `2026-11-22T04:00:00Z` → `2026-11-22 12:00`（北京时间）; a bare date stays as it is. */
export function fmtTime(iso: string, lang: Lang): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
  return `${s} ${tr(lang, "（北京时间）", "(Beijing time)")}`;
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "—";
}

export const KIND_WORDS: Record<MerchantKind, { zh: string; en: string }> = {
  enterprise: { zh: "企业", en: "Enterprise" },
  individual_business: { zh: "个体工商户", en: "Individual business" },
  natural_person: { zh: "自然人（免于登记）", en: "Natural person (exempt)" },
  other: { zh: "其他组织", en: "Other organisation" },
};
