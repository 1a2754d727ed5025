/**
 * The shop-id model (issue 14): a shop is identified by the platform's own string, exactly as the
 * platform writes it in its URLs and page data — the extension hashes `platform:shopId` from what it
 * reads on the page (extension/adapters/rules/builtin.ts), so a registered id in any other spelling
 * would be a shop no visitor's lookup can ever match.
 *
 * Taobao, Tmall, JD and Pinduoduo ids are decimal on the platforms; 1688 has two id spaces, both
 * lower-case strings: the member id (`b2b-2208…`, e.g. `winport.m.1688.com/page/index.html?memberId=
 * b2b-…`) and the desktop winport id, the host label after `shop` (`shop01219r028x733.1688.com` →
 * `01219r028x733`; not always decimal).
 *
 * Identity aliases: where a page names no shop id but another stable identity of the same shop (a
 * Taobao seller's user id, a JD vender id, a brand or vanity host label), the extension hashes
 * `{space}:{value}` (rules/builtin.ts). A platform registers that alias for its shop here, as one
 * more shop row, so a visitor on such a page gets the same record. The namespaces and value patterns
 * are the built-in rules' own, read from them, so the two cannot drift.
 */
import type { Platform } from "@xinbiao/db/model";
import { BUILTIN_RULES } from "../../../extension/adapters/rules/builtin.ts";

/** Any platform: 1–64 letters, digits, _ . - (the partner API's long-standing rule). */
export const SHOP_ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;

/** A shop key as routes accept it: a shop id, or `{space}:{value}` (an identity alias). */
export const SHOP_KEY_RE = /^(?:[a-z]{1,16}:)?[A-Za-z0-9_.-]{1,64}$/;

/** The alias namespaces of each platform with their whole-value patterns (from the built-in rules). */
const ALIASES: ReadonlyMap<string, ReadonlyMap<string, RegExp>> = new Map(
  Object.entries(BUILTIN_RULES.platforms).map(([platform, rules]) => [
    platform,
    new Map(
      ((rules as { aliases?: readonly { space: string; pattern: string }[] }).aliases ?? []).map((a) => [
        a.space,
        new RegExp(`^(?:${a.pattern})$`),
      ]),
    ),
  ]),
);

/** The alias namespaces `platform` accepts, e.g. ["seller", "host"] for taobao. */
export function aliasSpaces(platform: string): string[] {
  return [...(ALIASES.get(platform)?.keys() ?? [])];
}

/** 1688's canonical forms: the same pattern as the built-in detection rules' `idPattern`. */
const ALIBABA_1688_RE = /^(?:b2b-[0-9a-z]{4,40}|[0-9a-z]{3,40})$/;

/** null when `shopId` is a valid id of `platform`, else what is wrong (zh / en), naming the character. */
export function shopIdProblem(platform: Platform | string, shopId: string): string | null {
  const colon = shopId.indexOf(":");
  if (colon >= 0) return aliasProblem(platform, shopId.slice(0, colon), shopId.slice(colon + 1));
  if (!SHOP_ID_RE.test(shopId)) {
    const bad = [...shopId].findIndex((ch) => !/[A-Za-z0-9_.-]/.test(ch));
    const at =
      bad >= 0
        ? `（第 ${bad + 1} 个字符「${[...shopId][bad]}」） / (character ${bad + 1}: ${JSON.stringify([...shopId][bad])})`
        : "";
    return `店铺编号应为 1–64 位字母、数字或 _ . -${at} / shopId: 1–64 letters, digits, _ . -`;
  }
  if (platform === "1688") {
    const upper = [...shopId].findIndex((ch) => /[A-Z]/.test(ch));
    if (upper >= 0)
      return `1688 店铺编号按平台写法为小写：第 ${upper + 1} 个字符「${shopId[upper]}」应为「${shopId[upper]!.toLowerCase()}」 / 1688 shop ids are lower case as the platform writes them: character ${upper + 1} "${shopId[upper]}" should be "${shopId[upper]!.toLowerCase()}"`;
    // The host label is shop{id}: the id is what follows "shop" (the extension reads it so).
    if (/^shop[0-9a-z]{3,}$/.test(shopId))
      return `1688 旺铺编号不含前缀 shop：「${shopId}」应写作「${shopId.slice(4)}」 / a 1688 winport id is the host label after "shop": write ${JSON.stringify(shopId.slice(4))}`;
    if (!ALIBABA_1688_RE.test(shopId))
      return "1688 店铺编号应为会员 ID（b2b-…）或旺铺 ID（shop{id}.1688.com 中的 id） / a 1688 shop id is a member id (b2b-…) or a winport id (the {id} of shop{id}.1688.com)";
  }
  return null;
}

/** What is wrong with the alias `space:value` of `platform`, or null. */
function aliasProblem(platform: string, space: string, value: string): string | null {
  const spaces = ALIASES.get(platform);
  const pattern = spaces?.get(space);
  if (!pattern) {
    const known = aliasSpaces(platform);
    return known.length
      ? `「${space}:」不是 ${platform} 的别名空间，可用：${known.map((k) => `${k}:`).join(" ")} / "${space}:" is not an alias namespace of ${platform}; use one of ${known.map((k) => `${k}:`).join(", ")}`
      : `${platform} 没有别名空间，店铺编号不含「:」 / ${platform} has no alias namespaces: a shop id contains no ":"`;
  }
  if (!pattern.test(value)) {
    const hint =
      space === "host"
        ? "小写主机名标签，如 honor.jd.com 的 honor / a lower-case host label, e.g. honor of honor.jd.com"
        : "3–20 位数字 / 3–20 digits";
    return `别名 ${space}:「${value}」格式不对：应为${hint} / alias ${space}:${JSON.stringify(value)} is malformed`;
  }
  return null;
}
