/**
 * Words for the state of a record, shared by the SVG badge, the embed script and the pages, so all
 * three say the same thing as the signed record (DESIGN §3). Colour is never the only signal: each
 * state has words and an icon (WCAG 1.4.1).
 *
 * Runtime imports only from tiny leaf modules: the embed script bundles this file and must stay small.
 */

import type {
  GradeLevel,
  LicenseStatus,
  ListKind,
  ListStatus,
  PublicRecord,
  Verdict,
} from "@xinbiao/db/model";
import { stripUnsafeControls } from "@xinbiao/db/model/text";

export type Lang = "zh" | "en";
/** A badge's tone: a verdict, or one of the two states that are not verdicts. */
export type Tone = Verdict | "unknown" | "unregistered";

/** English for the 2018 e-commerce 黑名单 categories and common 重点关注 penalties (发改财金〔2018〕716号). */
export const CATEGORY_EN: Record<string, string> = {
  失信被执行人: "judgment defaulter",
  制假售假: "counterfeit goods",
  侵犯知识产权: "IP infringement",
  刷单炒信: "fake orders/reviews",
  网络购物合同纠纷: "online purchase disputes",
  空包裹代发邮寄: "empty-parcel mailing",
  "非法采集/滥用/泄漏/倒卖个人信息": "personal data abuse",
  虚假宣传: "false advertising",
  合同违约: "breach of contract",
  诚信经营示范店: "model of honest trade",
};

export const TONE_COLORS: Record<Tone, string> = {
  // All ≥ 4.5:1 against white text (WCAG AA).
  trusted: "#1a7f37",
  normal: "#0a5fb4",
  caution: "#8a5a00",
  warning: "#b34700",
  danger: "#c4161c",
  unknown: "#5f6b76",
  unregistered: "#5f6b76",
};

export const TONE_WORDS: Record<Tone, { zh: string; en: string }> = {
  trusted: { zh: "守信", en: "trusted" },
  normal: { zh: "正常", en: "normal" },
  caution: { zh: "留意", en: "caution" },
  warning: { zh: "警示", en: "warning" },
  danger: { zh: "失信", en: "danger" },
  unknown: { zh: "未收录", en: "not listed" },
  unregistered: { zh: "未登记", en: "not registered" },
};

export const LIST_WORDS: Record<ListKind, { zh: string; en: string }> = {
  red: { zh: "红名单", en: "Red list" },
  black: { zh: "黑名单", en: "Blacklist" },
  watch: { zh: "重点关注", en: "Watch list" },
};

export const LIST_STATUS_WORDS: Record<ListStatus, { zh: string; en: string }> = {
  active: { zh: "公示中", en: "active" },
  rectifying: { zh: "整改中", en: "rectifying" },
  overdue: { zh: "整改逾期", en: "rectification overdue" },
  objected: { zh: "异议处理中", en: "objection pending" },
};

export const LICENSE_WORDS: Record<LicenseStatus, { zh: string; en: string }> = {
  active: { zh: "执照有效", en: "License valid" },
  abnormal: { zh: "经营异常", en: "Abnormal operation" },
  revoked: { zh: "执照已吊销", en: "License revoked" },
  cancelled: { zh: "执照已注销", en: "License cancelled" },
  exempt: { zh: "免于登记", en: "Exempt from registration" },
};

export const NOT_LISTED = { zh: "未收录", en: "Not listed" };
export const NOT_REGISTERED = { zh: "此标识未在本站登记", en: "Not registered for this site" };

/** Text from data made safe to draw: no bidi controls, no control characters, at most `max` chars. */
export function displayText(text: string, max = 40): string {
  const chars = [...stripUnsafeControls(text).trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

export function pick(w: { zh: string; en: string }, lang: Lang): string {
  return lang === "en" ? w.en : w.zh;
}

export function categoryText(category: string, lang: Lang): string {
  return lang === "en" ? displayText(CATEGORY_EN[category] ?? category, 20) : displayText(category, 12);
}

export function gradeText(level: GradeLevel, lang: Lang): string {
  return lang === "en" ? `Grade ${level}` : `${level}级`;
}

type StateRecord = Pick<PublicRecord, "verdict" | "license" | "lists" | "grade" | "verification" | "reasons">;

/**
 * The state in words, most serious fact first: "黑名单 · 刷单炒信", "执照已吊销", "重点关注 · 虚假宣传",
 * "经营异常", "红名单 · A级 · 已核验", "B级 · 未核验". An entry under objection says so (异议处理中).
 */
export function stateText(r: StateRecord, lang: Lang): string {
  const sep = " · ";
  const entry = (list: ListKind) => {
    const e = r.lists.find((x) => x.list === list);
    if (!e) return null;
    const parts = [pick(LIST_WORDS[list], lang), categoryText(e.category, lang)];
    if (e.status === "objected") parts.push(lang === "en" ? "objection pending" : "异议处理中");
    if (e.status === "overdue") parts.push(lang === "en" ? "overdue" : "整改逾期");
    return parts.join(sep);
  };
  if (r.verdict === "danger") {
    return entry("black") ?? pick(LICENSE_WORDS[r.license.status], lang);
  }
  if (r.verdict === "warning") {
    return entry("watch") ?? pick(LICENSE_WORDS[r.license.status], lang);
  }
  const parts: string[] = [];
  if (r.verdict === "trusted") parts.push(pick(LIST_WORDS.red, lang));
  if (r.grade) parts.push(gradeText(r.grade.level, lang));
  parts.push(
    r.verification.length > 0
      ? lang === "en"
        ? "verified"
        : "已核验"
      : lang === "en"
        ? "not verified"
        : "未核验",
  );
  if (r.reasons.some((x) => x.code === "stale_data"))
    parts.push(lang === "en" ? "data outdated" : "数据待更新");
  return parts.join(sep);
}
