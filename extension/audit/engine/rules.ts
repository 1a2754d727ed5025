/**
 * The text and link patterns an audit looks for (电子商务法 §15; 市场主体登记管理条例 §36 — license
 * information "on the main page, prominently and continuously", or a link badge to it). Pure data and
 * string functions: the capture (in the page) and the engine (anywhere) share them.
 */

/** "统一社会信用代码：X…" — any 18 characters of the code alphabet and the letters often mistyped (I O S V Z), so a wrong code is still read and reported. */
export const USCC_SHOWN = /统一社会信用代码\s*[：:]?\s*([0-9A-Z]{18})(?![0-9A-Z])/;

/**
 * "企业名称：…", "经营者名称：…", "名称：…" in a license block — but not "店铺名称" / "商品名称" /
 * "品牌名称" (a shop or product name is not the business name the license carries; issue 16).
 */
export const NAME_SHOWN =
  /(?:企业名称|公司名称|经营者名称|主体名称|经营者|(?<![店铺商品牌类目称])名称)\s*[：:]\s*([^\s，,；;|｜:：。]{2,60})/;

/**
 * A natural person's line often runs straight into the §10 statement: "经营者：张三根据《中华人民共和国
 * 电子商务法》第十条…", and a license block's lines run together in textContent ("…有限公司统一社会信用
 * 代码：…"). The name ends where the statement or the next label starts.
 */
const NAME_END =
  /根据|依据|依照|按照|《|本店|本人|系自然人|属于|为自然人|（自然人|\(自然人|统一社会信用代码|登记机关|住所|类型|法定代表人|经营者|经营范围|成立日期|注册资本|登记状态|营业期限/;
export function cleanShownName(raw: string): string {
  const m = NAME_END.exec(raw);
  return (m ? raw.slice(0, m.index) : raw).trim();
}

/**
 * "营业执照信息请联系在线客服索取", "如需查看资质请咨询客服": the license is withheld behind a chat, not
 * displayed "持续公示" (电子商务法 §15).
 */
export const ON_REQUEST =
  /(营业执照|执照|证照|资质|工商)[^。！!\n]{0,16}(请|可)?(联系|咨询|询问|私信|索取|找)[^。！!\n]{0,6}(客服|卖家|店主|掌柜)|(联系|咨询|询问|私信)[^。！!\n]{0,6}(客服|卖家|店主|掌柜)[^。！!\n]{0,10}(索取|获取|查看|提供)[^。！!\n]{0,6}(营业执照|执照|证照|资质)/;

/** Headings and labels of a license display. */
export const LICENSE_WORDS = /营业执照|证照信息|执照信息|亮照|工商信息|经营者信息|资质信息/;

/** A claimed license status: "登记状态：存续", "执照有效", "经营状态：在业". */
export const STATUS_CLAIM =
  /(?:登记状态|经营状态|执照状态|状态)\s*[：:]\s*(存续|在业|在营|开业|正常|有效|吊销|已吊销|注销|已注销)|(执照有效|执照已吊销|执照已注销|已吊销|已注销)/;

/** Status words that say "valid" (a revoked/cancelled license shown with one of these is a violation). */
export const VALID_WORDS = /存续|在业|在营|开业|正常|有效/;
export const ENDED_WORDS = /吊销|注销/;

/** Permits that businesses need by scope (食品安全法 §35 食品经营许可, 药品管理法, 出版管理条例 …). */
export const PERMIT_KINDS = [
  "食品经营许可证",
  "食品生产许可证",
  "药品经营许可证",
  "医疗器械经营许可证",
  "第二类医疗器械经营备案凭证",
  "出版物经营许可证",
  "酒类流通备案登记表",
  "网络文化经营许可证",
] as const;
export const PERMIT_SHOWN = new RegExp(
  `(${PERMIT_KINDS.join("|")})(?:\\s*[（(]?[^：:0-9A-Z]{0,6}[：:]?\\s*([A-Z]{0,4}[0-9][0-9A-Z]{5,29}))?`,
);

/** 电子商务法 §10 exemption statement of a natural-person seller (EXEMPTION_STATEMENT in db/model or its gist). */
export const EXEMPTION_SHOWN =
  /电子商务法》?\s*第十条|不需要办理市场主体登记|无需办理市场主体登记|不需要办理工商登记|依法不需要办理/;

/** The official 亮照 system of SAMR: a link there is a valid link badge. */
export const OFFICIAL_LICENSE_HOST = /(^|\.)zzlz\.gsxt\.gov\.cn$/i;
/** Link text of a platform's own 证照 link. */
export const LICENSE_LINK_TEXT = /营业执照|证照信息|亮照|工商信息|资质/;

/** Platform home pages (瑞昌 意见 §(三); 国办发〔2016〕 e-commerce credit: 信用中国 and 公示系统 query links). */
export const CREDITCHINA_HOST = /(^|\.)creditchina\.gov\.cn$/i;
export const GSXT_HOST = /(^|\.)gsxt\.gov\.cn$/i;
/** Provincial and city credit portals: credit.jiangsu.gov.cn, credit.jiangxi.gov.cn, credit.ah.gov.cn, xyrc.gov.cn … */
export const PROVINCE_CREDIT_HOST = /(^|\.)(credit\.[a-z]+\.gov\.cn|xy[a-z]{1,12}\.gov\.cn)$/i;

export function hostOf(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(unwrapRedirect(new URL(href, base).href), base).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Platforms link out through their own redirectors (`https://www.jd.com/redirect?url=https%3A%2F%2F
 * www.creditchina.gov.cn`, taobao's `…/jump?target=`): the destination is the URL-valued query
 * parameter. Only http(s) values count; one level is unwrapped (a redirector chain is rare and
 * a link to a redirector that names no destination is judged by its own host).
 */
export function unwrapRedirect(href: string): string {
  try {
    const u = new URL(href);
    for (const [, v] of u.searchParams) {
      if (/^https?:\/\//i.test(v) && URL.canParse(v)) return v;
    }
    return href;
  } catch {
    return href;
  }
}

/** Collapse whitespace; names compare without spaces and with ASCII parentheses. */
export function normaliseName(s: string): string {
  return s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

/**
 * Does a name shown on the page match the registry name? Natural persons are masked in the public
 * record (PIPL; 张三 → 张*), so a masked registry name matches any shown name with the same visible
 * characters and length.
 */
export function namesMatch(shown: string, registry: string): boolean {
  const a = normaliseName(shown);
  const b = normaliseName(registry);
  if (a === b) return true;
  if (!b.includes("*") || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (b[i] !== "*" && b[i] !== a[i]) return false;
  return true;
}
