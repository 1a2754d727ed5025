/** The adapter registry: the platform adapters in match order, and the detection entry point. */
import { alibaba1688 } from "./1688/1688.adapter.ts";
import { hasEvidence, pageEvidence, sameShop } from "./generic/generic.adapter.ts";
import { jd } from "./jd/jd.adapter.ts";
import { pinduoduo } from "./pinduoduo/pinduoduo.adapter.ts";
import { taobao } from "./taobao/taobao.adapter.ts";
import { tmall } from "./tmall/tmall.adapter.ts";
import type { Adapter, PageEvidence, ShopRef } from "./types.ts";

export const ADAPTERS: readonly Adapter[] = [taobao, tmall, jd, pinduoduo, alibaba1688];

/** The adapter for a URL's host — a pure string test, the only work done on every page. */
export function adapterFor(url: URL): Adapter | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return ADAPTERS.find((a) => a.matches(url)) ?? null;
}

export interface Detection {
  /** Which adapter found the shop: a platform, or "generic" when only a page badge named it. */
  via: Adapter["id"] | "generic";
  shop: ShopRef | null;
  /** A USCC shown on the page when no shop id was found (a license block on an unknown page). */
  uscc: string | null;
  anchor: Element | null;
  evidence: PageEvidence;
  /** The page carries a Xinbiao badge bound to another shop than the one the page is. */
  badgeMismatch: ShopRef | null;
}

/**
 * Detect the shop a page is about. `anyPage` is the opt-in "all sites" mode: without it, pages that
 * no platform adapter recognises as shop pages are left alone after the URL test.
 */
export function detectShop(url: URL, doc: Document, anyPage = false): Detection | null {
  const adapter = adapterFor(url);
  const isShopPage = !!adapter?.detect(url);
  if (!isShopPage && !anyPage) return null;

  const evidence = pageEvidence(doc);
  const id = isShopPage ? adapter!.shopKey(url, doc) : null;
  if (adapter && id) {
    const shop: ShopRef = { platform: adapter.id, shopId: id };
    const badgeMismatch =
      evidence.badgeShop && !sameShop(evidence.badgeShop, shop) ? evidence.badgeShop : null;
    return {
      via: adapter.id,
      shop,
      uscc: evidence.uscc,
      anchor: adapter.anchor(doc),
      evidence,
      badgeMismatch,
    };
  }
  if (!hasEvidence(evidence)) return null;
  return {
    via: "generic",
    shop: evidence.badgeShop,
    uscc: evidence.uscc,
    anchor: adapter?.anchor(doc) ?? null,
    evidence,
    badgeMismatch: null,
  };
}
