/**
 * Tmall (and Tmall Global on tmall.hk): shops on `shop{id}.tmall.com` or a brand sub-domain
 * (`{brand}.tmall.com`, id only in the page), mobile `shop.m.tmall.com/shop/shop_index.htm?shop_id=`,
 * item pages on `detail.tmall.com/item.htm?id=` / `detail.tmall.hk/hk/item.htm?id=` that name the shop.
 */
import { microscopeShopId } from "../taobao/taobao.adapter.ts";
import { type Adapter, cleanId, firstMatch, idFromLinks, onDomain } from "../types.ts";

const NOT_SHOPS = new Set([
  "www",
  "list",
  "login",
  "pages",
  "chaoshi",
  "brand",
  "vip",
  "jx",
  "mei",
  "3c",
  "miao",
  "ju",
  "m",
  "detail",
  "detail.m",
  "shop.m",
  "cart",
  "buy",
  "help",
  "service",
  "consumer",
  "feedback",
  "rate",
]);
const SHOP_PATH = /^\/(?:index\.htm|shop\/view_shop\.htm|search\.htm|category(?:-\d+)?\.htm)?$/;

function parts(url: URL): { sub: string; hk: boolean } | null {
  const h = url.hostname.toLowerCase();
  if (h.endsWith(".tmall.com")) return { sub: h.slice(0, -".tmall.com".length), hk: false };
  if (h.endsWith(".tmall.hk")) return { sub: h.slice(0, -".tmall.hk".length), hk: true };
  return null;
}

export const tmall: Adapter = {
  id: "tmall",
  matches: (url) => onDomain(url, "tmall.com") || onDomain(url, "tmall.hk"),
  detect(url) {
    const p = parts(url);
    if (!p) return false;
    if (/^shop\d+$/.test(p.sub)) return true;
    if (p.sub === "detail" || p.sub === "detail.m") {
      return /^\/(?:hk\/)?item\.htm$/.test(url.pathname) && !!url.searchParams.get("id");
    }
    if (p.sub === "shop.m")
      return url.pathname.startsWith("/shop/shop_index.htm") && !!url.searchParams.get("shop_id");
    if (p.sub.includes(".") || NOT_SHOPS.has(p.sub)) return false;
    return SHOP_PATH.test(url.pathname);
  },
  shopKey(url, doc) {
    const sub = /^shop(\d+)\.tmall\.(?:com|hk)$/i.exec(url.hostname)?.[1];
    if (sub) return cleanId(sub);
    if (url.hostname.startsWith("shop.m.")) {
      const q = cleanId(url.searchParams.get("shop_id"));
      if (q) return q;
    }
    return (
      microscopeShopId(doc) ??
      cleanId(doc.querySelector('input[name="shopId"]')?.getAttribute("value")) ??
      cleanId(doc.querySelector("[data-shopid]")?.getAttribute("data-shopid")) ??
      idFromLinks(
        doc,
        [".slogo a[href]", ".shopLink[href]", '[class*="ShopHeader"] a[href]', "#shopExtra a[href]"],
        /\/\/shop(\d+)\.tmall\.(?:com|hk)/i,
      )
    );
  },
  anchor: (doc) =>
    firstMatch(doc, [
      ".slogo-shopname",
      '[class*="ShopHeader--shopName"]',
      ".shopLink",
      "#shopExtra .slogo",
      ".shop-name",
    ]),
  shopUrl: (id) => `https://shop${id}.tmall.com/`,
};
