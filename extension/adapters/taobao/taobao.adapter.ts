/**
 * Taobao: shops live on sub-domains (`shop{id}.taobao.com`, or a vanity `{name}.taobao.com` whose id
 * is only in the page), mobile shops on `shop.m.taobao.com/shop/shop_index.htm?shop_id=`, and item
 * pages (`item.taobao.com/item.htm?id=`) name their shop in the shop header.
 */
import { type Adapter, cleanId, firstMatch, idFromLinks, onDomain } from "../types.ts";

/** Taobao sub-domains that are services, not shops: never guess a shop there. */
const NOT_SHOPS = new Set([
  "www",
  "s",
  "login",
  "cart",
  "buy",
  "i",
  "trade",
  "h5",
  "world",
  "market",
  "ai",
  "uland",
  "pages",
  "rate",
  "favorite",
  "member1",
  "consumerservice",
  "jianghu",
  "guang",
  "ju",
  "ershou",
  "item",
  "shop.m",
  "m",
  "main",
  "open",
  "help",
  "service",
  "refund2",
  "bbs",
  "tb",
  "star",
]);

/** Pages of a shop sub-domain: its home, search, category and the classic view_shop page. */
const SHOP_PATH = /^\/(?:index\.htm|shop\/view_shop\.htm|search\.htm|category(?:-\d+)?\.htm)?$/;

function subdomain(url: URL): string {
  return url.hostname.toLowerCase().slice(0, -".taobao.com".length);
}

/** `meta[name=microscope-data]` carries `shopId=…` on shop and item pages of Taobao and Tmall. */
export function microscopeShopId(doc: Document): string | null {
  const meta = doc.querySelector('meta[name="microscope-data"]')?.getAttribute("content") ?? "";
  return cleanId(/(?:^|;)\s*shopId=(\d+)/.exec(meta)?.[1]);
}

export const taobao: Adapter = {
  id: "taobao",
  matches: (url) => onDomain(url, "taobao.com"),
  detect(url) {
    if (!onDomain(url, "taobao.com") || url.hostname === "taobao.com") return false;
    const sub = subdomain(url);
    if (/^shop\d+$/.test(sub)) return true;
    if (sub === "item" || sub === "item.m")
      return url.pathname.startsWith("/item.htm") && !!url.searchParams.get("id");
    if (sub === "shop.m")
      return url.pathname.startsWith("/shop/shop_index.htm") && !!url.searchParams.get("shop_id");
    if (sub.includes(".") || NOT_SHOPS.has(sub)) return false;
    return SHOP_PATH.test(url.pathname);
  },
  shopKey(url, doc) {
    const sub = /^shop(\d+)\.taobao\.com$/i.exec(url.hostname)?.[1];
    if (sub) return cleanId(sub);
    const q = cleanId(url.searchParams.get("shop_id"));
    if (q && url.hostname.startsWith("shop.m.")) return q;
    return (
      microscopeShopId(doc) ??
      cleanId(doc.querySelector("[data-shopid]")?.getAttribute("data-shopid")) ??
      idFromLinks(
        doc,
        [
          '[class*="ShopHeader"] a[href]',
          ".tb-shop-name a[href]",
          ".shop-name a[href]",
          "#J_ShopInfo a[href]",
        ],
        /\/\/shop(\d+)\.taobao\.com/i,
      )
    );
  },
  anchor: (doc) =>
    firstMatch(doc, [
      ".shop-header .shop-name",
      '[class*="ShopHeader--shopName"]',
      ".tb-shop-name",
      ".shop-name",
      "#J_ShopInfo .shop-name",
      ".shop-summary .shop-title",
    ]),
  shopUrl: (id) => `https://shop${id}.taobao.com/`,
};
