/**
 * From a lookup result to what the page shows: pure, so every state is unit-tested in both languages.
 * Colour never carries meaning alone: each tone has an icon and words. Every state word, the headline
 * (失信 only for a 黑名单 entry; 执照已吊销 / 已注销 otherwise) and the icon id come from the
 * presentation module shared with the SVG badge, the embed and the pages (db/model/presentation.ts).
 * The badge is 信标's: the regional brand is shown as the data source (数据来源), issue 14.
 */
import { type CompactRecord, PLATFORM_LABELS, type Verdict } from "@xinbiao/db/model";
import {
  alertTitle,
  FACT_WORDS,
  gradeText,
  headline,
  type IconId,
  isStale,
  LICENSE_LOOKS,
  LIST_NAMES,
  LIST_STATUS_WORDS,
  LIST_WORDS,
  PRODUCT,
  STATE_LOOKS,
  STATE_SENTENCES,
  sourceText,
  VERDICT_LOOKS,
  type Words,
} from "@xinbiao/db/model/presentation";
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, pick, t } from "./i18n.ts";
import type { LookupResult } from "./messages.ts";

export type Tone = Verdict | "unknown" | "loading" | "error";

/** The presentation module's icon id for each tone the extension paints. */
export const TONE_ICON_ID: Record<Tone, IconId> = {
  trusted: VERDICT_LOOKS.trusted.icon,
  normal: VERDICT_LOOKS.normal.icon,
  caution: VERDICT_LOOKS.caution.icon,
  warning: VERDICT_LOOKS.warning.icon,
  danger: VERDICT_LOOKS.danger.icon,
  unknown: STATE_LOOKS.unknown.icon,
  loading: "question",
  error: STATE_LOOKS.unavailable.icon,
};

/** Text glyphs for the icon ids, where a surface needs a character (titles, tests); painters use SVG. */
const ICON_GLYPH: Record<IconId, string> = {
  check: "✔",
  dot: "●",
  exclaim: "!",
  triangle: "⚠",
  cross: "⛔",
  void: "⊘",
  question: "?",
  unlink: "⚠",
  clock: "◷",
  invalid: "✕",
};

export interface BadgeView {
  tone: Tone;
  /** Which icon to draw (tone-shapes.ts); a revoked license is `void`, not the 失信 `cross`. */
  iconId: IconId;
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
  return pick(lang, LICENSE_LOOKS[r.licenseStatus].word);
}

/** "黑名单 · 刷单炒信" / "blacklist · 刷单炒信": the short list word in Chinese, the list's name in English. */
export function listLabel(e: CompactRecord["lists"][number], lang: Lang): string {
  const kind = lang === "zh" ? LIST_WORDS[e.list].zh : LIST_NAMES[e.list].en;
  return e.list === "red" ? kind : `${kind} · ${e.category}`;
}

/** The list status in words (异议处理中 …), from the module. */
export function listStatusLabel(status: CompactRecord["lists"][number]["status"], lang: Lang): string {
  return pick(lang, LIST_STATUS_WORDS[status]);
}

function view(
  tone: Tone,
  iconId: IconId,
  brand: string,
  parts: string[],
  verdictLabel: string,
  notes: string[],
): BadgeView {
  return { tone, iconId, icon: ICON_GLYPH[iconId], brand, parts, verdictLabel, notes };
}

const words = (w: Words, lang: Lang) => pick(lang, w);

export function badgeView(
  result: LookupResult | null,
  opts: { lang: Lang; licenseShown: boolean },
): BadgeView {
  const { lang } = opts;
  const product = words(PRODUCT, lang);
  if (!result) return view("loading", TONE_ICON_ID.loading, product, [t(lang, "loading")], "", []);
  if (result.state === "error") {
    return view("error", TONE_ICON_ID.error, product, [words(STATE_SENTENCES.unavailable, lang)], "", []);
  }
  if (result.state === "listed") {
    // From the signed prefix set only: a 黑名单 hit is 失信, a 重点关注 hit is 警示.
    const tone = result.list === "black" ? "danger" : "warning";
    return view(
      tone,
      VERDICT_LOOKS[tone].icon,
      product,
      [words(LIST_WORDS[result.list], lang)],
      words(VERDICT_LOOKS[tone].word, lang),
      [t(lang, "listedOfflineTitle")],
    );
  }
  const notes: string[] = [];
  if (result.stale) notes.push(t(lang, "staleOffline", { d: day(result.fetchedAt) }));
  if (result.state === "unknown") {
    // 信标未收录: the word names whose database has no record, so it stands alone as the badge's text.
    const word = words(STATE_LOOKS.unknown.word, lang);
    return view("unknown", STATE_LOOKS.unknown.icon, word, [], "", notes);
  }
  const r = result.record;
  // The service marks a record past its freshness bound (DESIGN §3); say so rather than show it as current.
  if (isStale(r)) notes.push(words(STATE_SENTENCES.stale, lang));
  const look = headline(r);
  const licenseIsHeadline = look === LICENSE_LOOKS[r.licenseStatus];
  const parts = [
    // A revoked/cancelled license is already the headline word: not said twice.
    licenseIsHeadline ? null : licenseLabel(r, opts.licenseShown, lang),
    words(r.verified ? FACT_WORDS.verified : FACT_WORDS.notVerified, lang),
    r.grade ? gradeText(r.grade, lang) : words(FACT_WORDS.noGrade, lang),
  ].filter((x): x is string => x !== null);
  const listed = r.lists.filter((e) => e.list !== "red");
  const red = r.lists.filter((e) => e.list === "red");
  for (const e of listed.length ? listed : red) parts.push(listLabel(e, lang));
  // 信标's badge; the regional brand is where the data comes from.
  parts.push(sourceText(r.brand, lang));
  return view(r.verdict, look.icon, product, parts, words(look.word, lang), notes);
}

/** The warning banner: only for danger and warning, each line saying why, since when and who said so. */
export function bannerView(result: LookupResult | null, lang: Lang): BannerView | null {
  if (!result || result.dismissedToday) return null;
  if (result.state === "listed") {
    return {
      tone: result.list === "black" ? "danger" : "warning",
      title: t(lang, "listedOfflineTitle"),
      lines: [words(LIST_NAMES[result.list], lang)],
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
        e.status !== "active" ? listStatusLabel(e.status, lang) : null,
      ]
        .filter(Boolean)
        .join(" · "),
    );
  }
  for (const reason of r.reasons) {
    if (reason.code === "blacklisted" || reason.code === "watchlisted") continue;
    lines.push(pick(lang, reason));
  }
  // The title names the actual reason: 失信 only for a 黑名单 entry, the license state otherwise.
  const title = alertTitle(r);
  return { tone: r.verdict, title: title ? words(title, lang) : "", lines };
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
