/**
 * The generic adapter: evidence any page can carry, whatever its platform —
 *  - a Xinbiao embed badge (`<script src=…/embed.js data-platform data-shop>` or `data-uscc`, or the
 *    `<img src=…/badge/{platform}/{shopId}.svg>` fallback),
 *  - a link to the official 亮照 system (zzlz.gsxt.gov.cn) or a 营业执照 / 证照信息 link,
 *  - a 统一社会信用代码 shown in a license block (only codes that pass the GB 32100 check count, so a
 *    random 18-character string is never taken for a merchant).
 * The content script calls it only once a shop page was detected (or when the user opted in for all
 * sites), so its DOM reads never run on ordinary pages.
 */
import { isPlatform, validateUscc } from "@xinbiao/db/model";
import type { PageEvidence, ShopRef } from "../types.ts";

const USCC_CHARS = "[0-9A-HJ-NPQRTUWXY]";
const LICENSE_BLOCK = new RegExp(`统一社会信用代码\\s*[：:]?\\s*(${USCC_CHARS}{18})(?!${USCC_CHARS})`);
const BADGE_IMG_SHOP = /\/badge\/([a-z0-9]+)\/([0-9a-z-]{3,48})\.svg/i;
/**
 * Shop ids as the built-in rules define them (rules/builtin.ts `idPattern`): decimal on four
 * platforms, 1688 member ids (`b2b-…`) and winport ids as strings.
 */
function isShopId(platform: string, id: string): boolean {
  return platform === "1688" ? /^(?:b2b-[0-9a-z]{4,40}|[0-9a-z]{6,40})$/.test(id) : /^\d{3,20}$/.test(id);
}
const BADGE_IMG_USCC = new RegExp(`/badge/(${USCC_CHARS}{18})\\.svg`);
const LICENSE_LINK_TEXT = /营业执照|证照信息|亮照|工商信息|资质/;
/** Reading the whole text of a huge page is the one costly step: cap it. */
const MAX_TEXT = 200_000;

function checked(code: string | null | undefined): string | null {
  if (!code) return null;
  const r = validateUscc(code);
  return r.ok ? r.uscc : null;
}

function badgeShop(doc: Document): ShopRef | null {
  for (const s of doc.querySelectorAll("script[data-platform][data-shop]")) {
    const platform = s.getAttribute("data-platform") ?? "";
    const shopId = s.getAttribute("data-shop") ?? "";
    if (isPlatform(platform) && isShopId(platform, shopId)) return { platform, shopId };
  }
  for (const img of doc.querySelectorAll("img[src*='/badge/']")) {
    const m = BADGE_IMG_SHOP.exec(img.getAttribute("src") ?? "");
    if (m && isPlatform(m[1]!) && isShopId(m[1]!, m[2]!)) return { platform: m[1]!, shopId: m[2]! };
  }
  return null;
}

function shownUscc(doc: Document): string | null {
  for (const s of doc.querySelectorAll("script[data-uscc]")) {
    const u = checked(s.getAttribute("data-uscc"));
    if (u) return u;
  }
  for (const img of doc.querySelectorAll("img[src*='/badge/']")) {
    const u = checked(BADGE_IMG_USCC.exec(img.getAttribute("src") ?? "")?.[1]);
    if (u) return u;
  }
  const text = (doc.body?.textContent ?? "").slice(0, MAX_TEXT);
  return checked(LICENSE_BLOCK.exec(text)?.[1]);
}

function licenseLink(doc: Document): string | null {
  const zzlz = doc.querySelector<HTMLAnchorElement>('a[href*="zzlz.gsxt.gov.cn"]');
  if (zzlz) return zzlz.getAttribute("href");
  for (const a of doc.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const label = `${a.textContent ?? ""} ${a.getAttribute("title") ?? ""}`;
    if (LICENSE_LINK_TEXT.test(label)) return a.getAttribute("href");
  }
  return null;
}

export function pageEvidence(doc: Document): PageEvidence {
  return { badgeShop: badgeShop(doc), uscc: shownUscc(doc), licenseLink: licenseLink(doc) };
}

/** Any evidence at all? A page with none is not a shop page for the generic adapter. */
export function hasEvidence(e: PageEvidence): boolean {
  return !!(e.badgeShop || e.uscc || e.licenseLink);
}

/** Two shop refs name the same shop. Taobao and Tmall ids are separate spaces, so platforms must match. */
export function sameShop(a: ShopRef, b: ShopRef): boolean {
  return a.platform === b.platform && a.shopId === b.shopId;
}
