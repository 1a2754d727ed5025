/**
 * Masking of natural persons' data (PIPL; SAMR Order 45 §6 on publishing enterprise information):
 * names keep the surname, ID numbers, phones and home addresses never leave the service.
 */

import { guardPublicText } from "./pii-guard.ts";

/** Two-character compound surnames; a name starting with one keeps both characters. */
const COMPOUND_SURNAMES = new Set([
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
  "令狐",
  "端木",
  "独孤",
  "南宫",
  "西门",
  "轩辕",
  "呼延",
  "澹台",
  "公冶",
  "太史",
  "申屠",
]);

/** 张三 → 张*, 欧阳娜娜 → 欧阳**, John Smith → J*** S****. */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") return "";
  const chars = [...trimmed];
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) {
    const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join("")) ? 2 : 1;
    return chars.slice(0, keep).join("") + "*".repeat(Math.max(1, chars.length - keep));
  }
  return trimmed
    .split(/\s+/)
    .map((w) => {
      const wc = [...w];
      return wc[0] + "*".repeat(Math.max(1, wc.length - 1));
    })
    .join(" ");
}

/** 18-digit 居民身份证号码 or 15-digit old form. */
export const ID_NUMBER_RE =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/** Mainland mobile numbers, optionally with +86. */
export const PHONE_RE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/g;

/** 320102199001011234 → 3201**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const local = digits.length > 11 ? digits.slice(-11) : digits;
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
}

/**
 * Scrub ID numbers, phone numbers and bank cards out of free text (scope, addresses, reasons): the one
 * public-output guard of pii-guard.ts (check digits, full-width digits, separators), kept under this
 * name for its callers.
 */
export function scrubPersonalData(text: string): string {
  return guardPublicText(text);
}

/**
 * A natural person's home address is never published (SAMR Order 45 §6): keep only the region,
 * i.e. up to the county-level unit (区/县/市 after the province/city).
 */
export function maskHomeAddress(address: string): string {
  let rest = address.trim();
  let kept = "";
  // Province (or municipality), prefecture, county: each a short run ending in its unit word.
  for (const unit of [
    /^.{1,7}?(?:省|自治区|北京市|上海市|天津市|重庆市)/u,
    /^.{1,7}?(?:市|州|盟|地区)/u,
    /^.{1,7}?(?:区|县|旗|市)/u,
  ]) {
    const m = rest.match(unit);
    if (m) {
      kept += m[0];
      rest = rest.slice(m[0].length);
    }
  }
  return `${kept}（住所已隐去）`;
}
