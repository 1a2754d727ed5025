/**
 * UI strings, zh-CN first with English. The manifest strings live in public/_locales; the UI uses this
 * table because the options page lets a person pick the language, which browser.i18n cannot do.
 */
import {
  ALERT_TITLES,
  FACT_WORDS,
  LIST_STATUS_WORDS,
  STATE_LOOKS,
  STATE_SENTENCES,
} from "@xinbiao/db/model/presentation";

export type Lang = "zh" | "en";
export type LangSetting = "auto" | Lang;

export function resolveLang(setting: LangSetting, uiLanguage: string | undefined): Lang {
  if (setting !== "auto") return setting;
  // Chinese is the default: only an explicitly non-Chinese browser gets English.
  return !uiLanguage || /^zh\b/i.test(uiLanguage) ? "zh" : "en";
}

const STRINGS = {
  product: { zh: "信标", en: "Xinbiao" },
  loading: { zh: "查询中…", en: "checking…" },
  // State words come from the presentation module shared with badges, pages and embed (issue 13).
  notListed: STATE_LOOKS.unknown.word,
  notListedHint: STATE_SENTENCES.unknown,
  offline: { zh: "暂时无法连接信标服务", en: "cannot reach the Xinbiao service" },
  licenseShown: { zh: "已亮照", en: "license shown" },
  verified: FACT_WORDS.verified,
  notVerified: FACT_WORDS.notVerified,
  gradeShort: { zh: "{g}级", en: "grade {g}" },
  noGrade: FACT_WORDS.noGrade,
  stale: { zh: "数据已超过更新期限，可能已过期", en: "past its freshness bound: may be out of date" },
  staleOffline: {
    zh: "离线缓存，数据可能已过期（获取于 {d}）",
    en: "offline copy, may be out of date (fetched {d})",
  },
  dangerTitle: ALERT_TITLES.blacklisted,
  warningTitle: ALERT_TITLES.watch,
  listedOfflineTitle: {
    zh: "该店铺经营者在本地警示名单中（暂无法联网核实详情）",
    en: "This shop's operator is on the local warning list (details could not be fetched)",
  },
  since: { zh: "列入日期 {d}", en: "listed {d}" },
  source: { zh: "来源：{s}", en: "source: {s}" },
  dismissToday: { zh: "今日不再提示", en: "hide for today" },
  details: { zh: "详情", en: "details" },
  close: { zh: "关闭", en: "close" },
  operator: { zh: "经营者", en: "operator" },
  uscc: { zh: "统一社会信用代码", en: "unified social credit code" },
  license: { zh: "营业执照", en: "business license" },
  verification: { zh: "身份核验", en: "identity verification" },
  grade: { zh: "信用等级", en: "credit grade" },
  listsTitle: { zh: "名单状态", en: "list status" },
  noLists: { zh: "未列入黑名单或重点关注名单", en: "not on the blacklist or watch list" },
  reasons: { zh: "判断依据", en: "why" },
  publicPage: { zh: "查看完整信用档案", en: "full public record" },
  creditChina: { zh: "到信用中国查询", en: "look up on Credit China" },
  report12315: { zh: "向 12315 举报该店铺", en: "report this shop to 12315" },
  verifyRecord: { zh: "核验签名档案", en: "verify signed record" },
  verifying: { zh: "正在核验…", en: "verifying…" },
  signatureOk: { zh: "签名有效（密钥 {k}），档案签发于 {d}", en: "signature valid (key {k}), issued {d}" },
  signatureBad: {
    zh: "签名核验失败：{r}，请勿信任此数据",
    en: "signature check failed: {r} — do not trust this data",
  },
  permits: { zh: "许可证", en: "permits" },
  sources: { zh: "数据来源", en: "sources" },
  verifyPrivacy: {
    zh: "核验会向信标服务请求该经营者的档案（仅在您点击时）。",
    en: "Verifying asks the Xinbiao service for this operator's record (only when you click).",
  },
  badgeMismatch: {
    zh: "页面上的信用标识与本店不符",
    en: "the badge on this page belongs to another shop",
  },
  badgeMismatchDetail: {
    zh: "页面嵌入的信标标识绑定的是 {p} 店铺 {id}，而不是当前店铺。",
    en: "The Xinbiao badge on this page is bound to {p} shop {id}, not to this shop.",
  },
  usccOnPage: { zh: "页面展示的执照代码", en: "license code shown on the page" },
  usccOnPageHint: {
    zh: "该页面展示了统一社会信用代码 {u}（校验位正确）。点击核验可查询其信用档案。",
    en: "This page shows the credit code {u} (check digit correct). Verify to fetch its record.",
  },
  floating: { zh: "未找到店铺名称位置，标识以浮窗显示", en: "shop header not found: badge shown floating" },
  listStatus_active: LIST_STATUS_WORDS.active,
  listStatus_rectifying: LIST_STATUS_WORDS.rectifying,
  listStatus_overdue: LIST_STATUS_WORDS.overdue,
  listStatus_objected: LIST_STATUS_WORDS.objected,
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars: Record<string, string> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}

/** zh/en pair from the model (labels, reasons) in the chosen language. */
export function pick(lang: Lang, pair: { zh: string; en: string }): string {
  return pair[lang];
}
