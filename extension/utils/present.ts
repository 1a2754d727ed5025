/**
 * From a lookup result to what the page shows: pure, so every state is unit-tested in both languages.
 * Colour never carries meaning alone: each tone has an icon and words.
 */
import {
  type CompactRecord,
  LICENSE_LABELS,
  LIST_LABELS,
  PLATFORM_LABELS,
  VERDICT_LABELS,
  type Verdict,
} from "@xinbiao/db/model";
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, pick, t } from "./i18n.ts";
import type { LookupResult } from "./messages.ts";

export type Tone = Verdict | "unknown" | "loading" | "error";

export const TONE_ICON: Record<Tone, string> = {
  trusted: "✔",
  normal: "●",
  caution: "!",
  warning: "⚠",
  danger: "⛔",
  unknown: "?",
  loading: "…",
  error: "?",
};

export interface BadgeView {
  tone: Tone;
  icon: string;
  brand: string;
  /** Short facts after the brand: license state, verification, grade, list state. */
  parts: string[];
  /** Verdict in words (never colour alone). */
  verdictLabel: string;
  notes: string[];
}

export interface BannerView {
  tone: "danger" | "warning";
  title: string;
  /** One line per reason: why, since when, from which source. */
  lines: string[];
}

function day(iso: string | number): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function licenseLabel(r: CompactRecord, shownOnPage: boolean, lang: Lang): string {
  // 已亮照 = a valid license that the shop page itself displays (电子商务法 §15).
  if (r.licenseStatus === "active" && shownOnPage) return t(lang, "licenseShown");
  if (r.licenseStatus === "revoked") return lang === "zh" ? "已吊销" : "revoked";
  if (r.licenseStatus === "cancelled") return lang === "zh" ? "已注销" : "cancelled";
  return pick(lang, LICENSE_LABELS[r.licenseStatus]);
}

export function listLabel(e: CompactRecord["lists"][number], lang: Lang): string {
  const kind =
    e.list === "watch" ? (lang === "zh" ? "重点关注" : "watch list") : pick(lang, LIST_LABELS[e.list]);
  return e.list === "red" ? kind : `${kind} · ${e.category}`;
}

export function badgeView(
  result: LookupResult | null,
  opts: { lang: Lang; licenseShown: boolean },
): BadgeView {
  const { lang } = opts;
  const product = t(lang, "product");
  if (!result) {
    return {
      tone: "loading",
      icon: TONE_ICON.loading,
      brand: product,
      parts: [t(lang, "loading")],
      verdictLabel: "",
      notes: [],
    };
  }
  if (result.state === "error") {
    return {
      tone: "error",
      icon: TONE_ICON.error,
      brand: product,
      parts: [t(lang, "offline")],
      verdictLabel: "",
      notes: [],
    };
  }
  if (result.state === "listed") {
    const tone = result.list === "black" ? "danger" : "warning";
    return {
      tone,
      icon: TONE_ICON[tone],
      brand: product,
      parts: [pick(lang, LIST_LABELS[result.list])],
      verdictLabel: pick(lang, VERDICT_LABELS[tone]),
      notes: [t(lang, "listedOfflineTitle")],
    };
  }
  const notes: string[] = [];
  if (result.stale) notes.push(t(lang, "staleOffline", { d: day(result.fetchedAt) }));
  if (result.state === "unknown") {
    return {
      tone: "unknown",
      icon: TONE_ICON.unknown,
      brand: product,
      parts: [t(lang, "notListed")],
      verdictLabel: t(lang, "notListed"),
      notes,
    };
  }
  const r = result.record;
  // The service marks a record past its freshness bound (DESIGN §3); say so rather than show it as current.
  if (r.reasons.some((x) => x.code === "stale_data")) notes.push(t(lang, "stale"));
  const parts = [
    licenseLabel(r, opts.licenseShown, lang),
    r.verified ? t(lang, "verified") : t(lang, "notVerified"),
    r.grade ? t(lang, "gradeShort", { g: r.grade }) : t(lang, "noGrade"),
  ];
  const listed = r.lists.filter((e) => e.list !== "red");
  const red = r.lists.filter((e) => e.list === "red");
  for (const e of listed.length ? listed : red) parts.push(listLabel(e, lang));
  return {
    tone: r.verdict,
    icon: TONE_ICON[r.verdict],
    brand: pick(lang, r.brand),
    parts,
    verdictLabel: pick(lang, VERDICT_LABELS[r.verdict]),
    notes,
  };
}

/** The warning banner: only for danger and warning, each line saying why, since when and who said so. */
export function bannerView(result: LookupResult | null, lang: Lang): BannerView | null {
  if (!result || result.dismissedToday) return null;
  if (result.state === "listed") {
    return {
      tone: result.list === "black" ? "danger" : "warning",
      title: t(lang, "listedOfflineTitle"),
      lines: [pick(lang, LIST_LABELS[result.list])],
    };
  }
  if (result.state !== "found") return null;
  const r = result.record;
  if (r.verdict !== "danger" && r.verdict !== "warning") return null;
  const lines: string[] = [];
  for (const e of r.lists) {
    if (e.list === "red") continue;
    lines.push(
      [
        listLabel(e, lang),
        t(lang, "since", { d: e.listedAt.slice(0, 10) }),
        t(lang, "source", { s: e.authority }),
        e.status !== "active" ? t(lang, `listStatus_${e.status}`) : null,
      ]
        .filter(Boolean)
        .join(" · "),
    );
  }
  for (const reason of r.reasons) {
    if (reason.code === "blacklisted" || reason.code === "watchlisted") continue;
    lines.push(pick(lang, reason));
  }
  return { tone: r.verdict, title: t(lang, r.verdict === "danger" ? "dangerTitle" : "warningTitle"), lines };
}

export function mismatchText(badge: ShopRef, lang: Lang): { title: string; detail: string } {
  return {
    title: t(lang, "badgeMismatch"),
    detail: t(lang, "badgeMismatchDetail", {
      p: pick(lang, PLATFORM_LABELS[badge.platform]),
      id: badge.shopId,
    }),
  };
}
