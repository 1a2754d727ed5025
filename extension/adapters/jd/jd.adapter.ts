/**
 * JD: shop home pages `mall.jd.com/index-{id}.html`, mobile `shop.m.jd.com/?shopId={id}` (also
 * `/shop/home?shopId=`), and item pages `item.jd.com/{sku}.html` / `item.m.jd.com/product/{sku}.html`
 * whose shop box links to the shop's mall page (or carries a hidden `#shop_id`).
 */
import { type Adapter, cleanId, firstMatch, idFromLinks, onDomain } from "../types.ts";

const MALL_PAGE = /^\/index-(\d+)\.html$/;

export const jd: Adapter = {
  id: "jd",
  matches: (url) => onDomain(url, "jd.com"),
  detect(url) {
    const h = url.hostname.toLowerCase();
    if (h === "mall.jd.com") return MALL_PAGE.test(url.pathname);
    if (h === "shop.m.jd.com") return !!cleanId(url.searchParams.get("shopId"));
    if (h === "item.jd.com") return /^\/\d+\.html$/.test(url.pathname);
    if (h === "item.m.jd.com") return /^\/product\/\d+\.html$/.test(url.pathname);
    return false;
  },
  shopKey(url, doc) {
    const h = url.hostname.toLowerCase();
    if (h === "mall.jd.com") {
      const m = MALL_PAGE.exec(url.pathname);
      if (m) return cleanId(m[1]);
    }
    if (h === "shop.m.jd.com") return cleanId(url.searchParams.get("shopId"));
    return (
      cleanId(doc.querySelector("#shop_id")?.getAttribute("value")) ??
      cleanId(doc.querySelector("[data-shopid]")?.getAttribute("data-shopid")) ??
      idFromLinks(
        doc,
        [
          ".J-hove-wrap .name a[href]",
          ".shopName a[href]",
          "#popbox .mt a[href]",
          ".shop-name a[href]",
          'a[href*="mall.jd.com/index-"]',
        ],
        /mall\.jd\.com\/index-(\d+)\.html/i,
      ) ??
      idFromLinks(doc, ['a[href*="shop.m.jd.com"]'], /shop\.m\.jd\.com\/[^"]*[?&]shopId=(\d+)/i)
    );
  },
  anchor: (doc) =>
    firstMatch(doc, [".J-hove-wrap .name", ".shopName", "#popbox .mt h3", ".jSign .shop-name", ".shop-name"]),
  shopUrl: (id) => `https://mall.jd.com/index-${id}.html`,
};
