/**
 * The one presentation module (issue 13 "state words that do not mislead", DESIGN §8 "Badge words"):
 * for every state a surface shows — verdicts, the states that are not verdicts (信标未收录, invalid
 * code, stale data, badge not registered for this site), license states, list kinds and statuses —
 * the words (zh-CN first, English alternative; a short word for a badge and a sentence), the colour
 * and an icon id. The SVG badge, the pages, the embed script and the extension all take their words
 * from here, so they cannot drift apart again (presentation.test.ts scans those surfaces for
 * hard-coded state words).
 *
 * Two rules the words keep:
 *  - 失信 (dishonest) is the word of the 黑名单 only. A revoked (吊销) or cancelled (注销) license
 *    makes the verdict `danger` (DESIGN §3: no lawful operator behind the shop), but it is a
 *    registration state, not a 失信 listing (国办发〔2020〕49号: a 失信 list is set only by a listing
 *    authority's decision on a legal basis; the 2018 e-commerce 黑名单 categories, 发改财金〔2018〕716号,
 *    do not include a license state), so it is shown as 执照已吊销 / 执照已注销 in the verdict colour.
 *  - A merchant we do not hold is "信标未收录 / not in Xinbiao": our database has no record of it.
 *    It never names 信用中国 or a provincial site as the one without a record, and never reads as safe.
 *  - The badge is 信标's (Xinbiao's) statement about the merchant; 信用中国 / 信用江苏 … is named only
 *    as the data source (数据来源), not as the one who painted the badge (issue 14).
 *
 * Runtime-free except plain tables and small functions: the embed script (≤ 4 KB gzipped) and the
 * extension's content script bundle this file. Colours are all ≥ 4.5:1 against white (WCAG 1.4.3);
 * colour never carries a state alone — each state has words and an icon (WCAG 1.4.1).
 */
import type { GradeLevel, LicenseStatus, ListKind, ListStatus, PublicRecord, Verdict } from "./record.ts";
import { stripUnsafeControls } from "./text.ts";

export type Lang = "zh" | "en";
export interface Words {
  zh: string;
  en: string;
}

/** A surface's colour-and-icon family: a verdict, or a state that is not a verdict. */
export type Tone = Verdict | "unknown" | "unregistered" | "invalid";

/** Icon ids; each surface draws them its own way (SVG path, DOM shapes), never as colour only. */
export type IconId =
  | "check" // ✓ trusted
  | "dot" // ● normal: nothing adverse found, which is not a recommendation
  | "exclaim" // ! caution
  | "triangle" // ⚠ warning
  | "cross" // ✕ 失信 (黑名单)
  | "void" // ⊘ license revoked / cancelled: no lawful operator, not 失信
  | "question" // ? not in Xinbiao, unavailable
  | "unlink" // ⚠ badge not registered for this site
  | "clock" // ◷ data past its freshness bound
  | "invalid"; // ✕ in grey: the badge URL itself is wrong

export interface StateLook {
  tone: Tone;
  icon: IconId;
  /** Short word for a badge or chip. */
  word: Words;
}

export const PRODUCT: Words = { zh: "信标", en: "Xinbiao" };
/** Says whose badge it is (issue 14): 信标's, not 信用中国's. */
export const BADGE_OWNER: Words = { zh: "信标信用标识", en: "Xinbiao credit badge" };
/** The regional brand is named as the data's source (数据来源), never as the badge's issuer. */
export const SOURCE_PREFIX: Words = { zh: "数据来源", en: "Data" };

export const TONE_COLORS: Record<Tone, string> = {
  trusted: "#1a7f37",
  normal: "#0a5fb4",
  caution: "#8a5a00",
  warning: "#b34700",
  danger: "#c4161c",
  unknown: "#5f6b76",
  unregistered: "#5f6b76",
  invalid: "#5f6b76",
};

export const VERDICT_LOOKS: Record<Verdict, StateLook> = {
  trusted: {
    tone: "trusted",
    icon: "check",
    word: { zh: "守信", en: "trusted" },
  },
  normal: {
    tone: "normal",
    icon: "dot",
    word: { zh: "正常", en: "normal" },
  },
  caution: {
    tone: "caution",
    icon: "exclaim",
    word: { zh: "留意", en: "caution" },
  },
  warning: {
    tone: "warning",
    icon: "triangle",
    word: { zh: "警示", en: "warning" },
  },
  danger: {
    tone: "danger",
    icon: "cross",
    word: { zh: "失信", en: "danger" },
  },
};

export type UrlError = "invalid_code" | "unsupported_platform" | "bad_request";
/** States that are not verdicts and not errors of the badge URL. */
export type NotVerdictState = "unknown" | "unregistered" | "stale" | "unavailable";
export type OtherState = NotVerdictState | UrlError;

/** States that are not verdicts. None of them is ever shown as safe. */
export const STATE_LOOKS: Record<NotVerdictState, StateLook> = {
  unknown: { tone: "unknown", icon: "question", word: { zh: "信标未收录", en: "Not in Xinbiao" } },
  unregistered: {
    tone: "unregistered",
    icon: "unlink",
    word: { zh: "未在本站登记", en: "Not registered here" },
  },
  stale: { tone: "caution", icon: "clock", word: { zh: "数据待更新", en: "data outdated" } },
  unavailable: { tone: "unknown", icon: "question", word: { zh: "信标暂不可用", en: "Xinbiao unavailable" } },
};

/** The badge URL or embed attributes are wrong; its own constant so the embed bundles only this one. */
export const BAD_BADGE_URL: StateLook = {
  tone: "invalid",
  icon: "invalid",
  word: { zh: "标识地址有误", en: "Bad badge URL" },
};

/** The badge URL itself is wrong (shields-style error badges, issue 19). */
export const URL_ERROR_LOOKS: Record<UrlError, StateLook> = {
  invalid_code: { tone: "invalid", icon: "invalid", word: { zh: "代码无效", en: "Invalid code" } },
  unsupported_platform: {
    tone: "invalid",
    icon: "invalid",
    word: { zh: "不支持的平台", en: "Unknown platform" },
  },
  bad_request: BAD_BADGE_URL,
};

/** License states (国家企业信用信息公示系统 登记状态). 吊销 / 注销 are not 失信. */
export const LICENSE_LOOKS: Record<LicenseStatus, StateLook> = {
  active: {
    tone: "normal",
    icon: "dot",
    word: { zh: "执照有效", en: "License valid" },
  },
  abnormal: {
    tone: "warning",
    icon: "triangle",
    word: { zh: "经营异常", en: "Abnormal operation" },
  },
  revoked: {
    tone: "danger",
    icon: "void",
    word: { zh: "执照已吊销", en: "License revoked" },
  },
  cancelled: {
    tone: "danger",
    icon: "void",
    word: { zh: "执照已注销", en: "License cancelled" },
  },
  exempt: {
    tone: "normal",
    icon: "dot",
    word: { zh: "免于登记", en: "Exempt from registration" },
  },
};

// Sentences: one per state, for a page, the embed body, a tooltip or a screen reader. Kept apart from
// the looks so a surface bundles only the tables it uses (the embed's 4 KB budget).

export const VERDICT_SENTENCES: Record<Verdict, Words> = {
  trusted: {
    zh: "列入红名单，信用等级 A，已完成身份核验。",
    en: "On the red list, grade A, identity verified.",
  },
  normal: { zh: "未见失信信息。", en: "No adverse record found." },
  caution: {
    zh: "有需要留意的信息：信用等级较低、未完成身份核验或数据已过期。",
    en: "Something to note: a low grade, identity not verified, or out-of-date data.",
  },
  warning: {
    zh: "经营者受到重点关注、列入经营异常名录或整改逾期，请谨慎交易。",
    en: "The operator is on the watch list, listed for abnormal operation or overdue with rectification: take care.",
  },
  danger: {
    zh: "经营者列入电子商务领域黑名单（失信），请谨慎交易。",
    en: "The operator is on the e-commerce blacklist: think twice before buying here.",
  },
};

/** 吊销 / 注销 say they are registration states, not 失信 lists. */
export const LICENSE_SENTENCES: Record<LicenseStatus, Words> = {
  active: { zh: "营业执照在有效状态（存续）。", en: "The business license is in force." },
  abnormal: {
    zh: "列入经营异常名录（《企业经营异常名录管理暂行办法》），请谨慎交易。",
    en: "Listed for abnormal operation (SAIC Order 68): take care.",
  },
  revoked: {
    zh: "营业执照已被吊销，经营者已无合法经营资格；这是登记状态，不是失信名单。",
    en: "The business license has been revoked: the operator may no longer trade. This is a registration state, not a blacklist entry.",
  },
  cancelled: {
    zh: "营业执照已注销，该经营主体已终止；这是登记状态，不是失信名单。",
    en: "The business license has been cancelled: the business has been closed. This is a registration state, not a blacklist entry.",
  },
  exempt: {
    zh: "经营者为自然人，依《电子商务法》第十条不需要办理市场主体登记。",
    en: "The operator is a natural person who need not register (E-Commerce Law §10).",
  },
};

// One constant per sentence the embed shows, so its bundle carries only those (4 KB budget).
export const UNKNOWN_SENTENCE: Words = {
  zh: "信标尚未收录该经营者，这不代表安全或失信，请自行核实营业执照。",
  en: "Xinbiao has no record of this operator: not a sign of safety or of fault. Check the license.",
};
export const UNREGISTERED_SENTENCE: Words = {
  zh: "此标识未在本站登记，它属于别处的店铺。",
  en: "Not registered for this site: the badge belongs to a shop elsewhere.",
};
export const UNAVAILABLE_SENTENCE: Words = {
  zh: "暂时无法连接信标服务。",
  en: "The Xinbiao service cannot be reached right now.",
};

export const STATE_SENTENCES: Record<NotVerdictState, Words> = {
  unknown: UNKNOWN_SENTENCE,
  unregistered: UNREGISTERED_SENTENCE,
  stale: { zh: "数据已超过更新期限，可能已过期。", en: "Past its freshness bound: may be out of date." },
  unavailable: UNAVAILABLE_SENTENCE,
};

export const BAD_BADGE_URL_SENTENCE: Words = {
  zh: "标识的代码、平台或店铺编号有误。",
  en: "The badge's code, platform or shop id is wrong.",
};

export const URL_ERROR_SENTENCES: Record<UrlError, Words> = {
  invalid_code: {
    zh: "统一社会信用代码格式或校验位不正确（GB 32100），请核对标识地址。",
    en: "The unified social credit code is malformed or fails its check character (GB 32100): check the badge URL.",
  },
  unsupported_platform: {
    zh: "标识地址中的平台不受支持，请核对标识地址。",
    en: "The platform in the badge URL is not supported: check the badge URL.",
  },
  bad_request: BAD_BADGE_URL_SENTENCE,
};

/** List kinds, as a badge or chip says them. */
export const LIST_WORDS: Record<ListKind, Words> = {
  red: { zh: "红名单", en: "Red list" },
  black: { zh: "黑名单", en: "Blacklist" },
  watch: { zh: "重点关注", en: "Watch list" },
};

/** List kinds by their full names, for tables, reports and import messages. */
export const LIST_NAMES: Record<ListKind, Words> = {
  red: { zh: "红名单", en: "red list" },
  black: { zh: "黑名单", en: "blacklist" },
  watch: { zh: "重点关注名单", en: "watch list" },
};

/** Status of a list entry. 异议处理中 only once a regulator accepted the objection (issue 13). */
export const LIST_STATUS_WORDS: Record<ListStatus, Words> = {
  active: { zh: "公示中", en: "active" },
  rectifying: { zh: "整改中", en: "rectifying" },
  overdue: { zh: "整改逾期", en: "rectification overdue" },
  objected: { zh: "异议处理中", en: "objection pending" },
};

/** Where a badge appends the status after list and category, the shorter English (badges are narrow). */
const LIST_STATUS_SHORT_EN: Partial<Record<ListStatus, string>> = { overdue: "overdue" };

export function listStatusShort(status: ListStatus, lang: Lang): string {
  return lang === "en"
    ? (LIST_STATUS_SHORT_EN[status] ?? LIST_STATUS_WORDS[status].en)
    : LIST_STATUS_WORDS[status].zh;
}

export const LIST_STATUS_SENTENCES: Record<ListStatus, Words> = {
  active: { zh: "该名单记录正在公示。", en: "The entry is publicly shown." },
  rectifying: { zh: "经营者正在限期整改。", en: "The operator is rectifying within the deadline." },
  overdue: { zh: "限期整改已逾期。", en: "The rectification deadline has passed." },
  objected: {
    zh: "主管部门已受理对该记录的异议，正在处理。",
    en: "The authority has accepted an objection to this entry and is reviewing it.",
  },
};

/** Titles of the warning box (record page) and banner (extension): they name the actual reason. */
export const ALERT_TITLES = {
  blacklisted: {
    zh: "失信警示：请谨慎交易",
    en: "Danger: on the blacklist — think twice before buying here",
  },
  revoked: {
    zh: "执照已吊销：经营者已无合法经营资格",
    en: "License revoked: the operator may no longer trade",
  },
  cancelled: { zh: "执照已注销：该经营主体已终止", en: "License cancelled: the business has been closed" },
  watch: { zh: "信用提示：经营者受到重点关注", en: "Caution: the operator is on the watch list" },
  overdue: { zh: "信用提示：限期整改已逾期", en: "Caution: a rectification deadline has passed" },
  abnormal: { zh: "信用提示：经营者列入经营异常名录", en: "Caution: listed for abnormal operation" },
} satisfies Record<string, Words>;

/** Facts that appear beside a state on several surfaces. */
export const FACT_WORDS = {
  verified: { zh: "已核验", en: "verified" },
  notVerified: { zh: "未核验", en: "not verified" },
  identityVerified: { zh: "已核验身份", en: "identity verified" },
  identityNotVerified: { zh: "未核验身份", en: "not verified" },
  noGrade: { zh: "暂无等级", en: "no grade" },
} satisfies Record<string, Words>;

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

export function pick(w: Words, lang: Lang): string {
  return lang === "en" ? w.en : w.zh;
}

/** Text from data made safe to draw: no bidi controls, no control characters, at most `max` chars. */
export function displayText(text: string, max = 40): string {
  const chars = [...stripUnsafeControls(text).trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

export function categoryText(category: string, lang: Lang): string {
  return lang === "en" ? displayText(CATEGORY_EN[category] ?? category, 20) : displayText(category, 12);
}

export function gradeText(level: GradeLevel, lang: Lang): string {
  return lang === "en" ? `Grade ${level}` : `${level}级`;
}

/** The look of a state that is not a verdict. */
export function otherLook(state: OtherState): StateLook {
  return state in STATE_LOOKS ? STATE_LOOKS[state as NotVerdictState] : URL_ERROR_LOOKS[state as UrlError];
}

/** The sentence of a state that is not a verdict. */
export function otherSentence(state: OtherState): Words {
  return state in STATE_SENTENCES
    ? STATE_SENTENCES[state as NotVerdictState]
    : URL_ERROR_SENTENCES[state as UrlError];
}

/** The fields a state is told from: both the full record and the range bucket's compact one have them. */
export interface StateInput {
  verdict: Verdict;
  licenseStatus: LicenseStatus;
  lists: readonly { list: ListKind; category: string; status: ListStatus }[];
  grade: GradeLevel | null;
  verified: boolean;
  reasons: readonly { code: string }[];
}

/** The fields this module reads, from a full public record (the range bucket's compact one has them). */
export function stateOfRecord(
  r: Pick<PublicRecord, "verdict" | "license" | "lists" | "grade" | "verification" | "reasons">,
): StateInput {
  return {
    verdict: r.verdict,
    licenseStatus: r.license.status,
    lists: r.lists,
    grade: r.grade?.level ?? null,
    verified: r.verification.length > 0,
    reasons: r.reasons,
  };
}

/**
 * The headline state of a record: the verdict's look, except that a `danger` verdict without a
 * 黑名单 entry comes from the license (吊销 / 注销) and says so — never 失信.
 */
export function headline(r: Pick<StateInput, "verdict" | "licenseStatus" | "lists">): StateLook {
  if (
    r.verdict === "danger" &&
    !r.lists.some((e) => e.list === "black") &&
    (r.licenseStatus === "revoked" || r.licenseStatus === "cancelled")
  ) {
    return LICENSE_LOOKS[r.licenseStatus];
  }
  return VERDICT_LOOKS[r.verdict];
}

/** The warning box's title for a `danger` or `warning` record, most serious reason first; else null. */
export function alertTitle(r: Pick<StateInput, "verdict" | "licenseStatus" | "lists">): Words | null {
  const has = (list: ListKind) => r.lists.some((e) => e.list === list);
  if (r.verdict === "danger") {
    if (has("black")) return ALERT_TITLES.blacklisted;
    return r.licenseStatus === "cancelled" ? ALERT_TITLES.cancelled : ALERT_TITLES.revoked;
  }
  if (r.verdict !== "warning") return null;
  if (has("watch")) return ALERT_TITLES.watch;
  if (r.lists.some((e) => e.list !== "red" && e.status === "overdue")) return ALERT_TITLES.overdue;
  return ALERT_TITLES.abnormal;
}

/** True when the record's data is past its freshness bound (the verdict carries a `stale_data` reason). */
export function isStale(r: Pick<StateInput, "reasons">): boolean {
  return r.reasons.some((x) => x.code === "stale_data");
}

/**
 * The state in words, most serious fact first: "黑名单 · 刷单炒信", "执照已吊销", "重点关注 · 虚假宣传",
 * "经营异常", "红名单 · A级 · 已核验", "B级 · 未核验". An entry under objection says so (异议处理中).
 */
export function stateText(r: StateInput, lang: Lang): string {
  const sep = " · ";
  const entry = (list: ListKind) => {
    const e = r.lists.find((x) => x.list === list);
    if (!e) return null;
    const parts = [pick(LIST_WORDS[list], lang), categoryText(e.category, lang)];
    if (e.status === "objected" || e.status === "overdue") parts.push(listStatusShort(e.status, lang));
    return parts.join(sep);
  };
  if (r.verdict === "danger") return entry("black") ?? pick(LICENSE_LOOKS[r.licenseStatus].word, lang);
  if (r.verdict === "warning") return entry("watch") ?? pick(LICENSE_LOOKS[r.licenseStatus].word, lang);
  const parts: string[] = [];
  if (r.verdict === "trusted") parts.push(pick(LIST_WORDS.red, lang));
  if (r.grade) parts.push(gradeText(r.grade, lang));
  parts.push(pick(r.verified ? FACT_WORDS.verified : FACT_WORDS.notVerified, lang));
  if (isStale(r)) parts.push(pick(STATE_LOOKS.stale.word, lang));
  return parts.join(sep);
}

/** "数据来源：信用江苏" / "Data: Credit Jiangsu" — the regional brand as the source, not the issuer. */
export function sourceText(brand: Words, lang: Lang): string {
  return `${pick(SOURCE_PREFIX, lang)}${lang === "en" ? ": " : "："}${displayText(pick(brand, lang), 16)}`;
}
