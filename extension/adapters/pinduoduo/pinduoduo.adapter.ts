/**
 * Pinduoduo: shops are `mall_page.html?mall_id={id}` on mobile.yangkeduo.com (and the
 * mobile.pinduoduo.com alias); goods pages `goods.html?goods_id=` link to their mall page.
 */
import { type Adapter, cleanId, firstMatch, idFromLinks, onDomain } from "../types.ts";

export const pinduoduo: Adapter = {
  id: "pinduoduo",
  matches: (url) => onDomain(url, "yangkeduo.com") || onDomain(url, "pinduoduo.com"),
  detect(url) {
    if (!this.matches(url)) return false;
    if (url.pathname === "/mall_page.html") return !!cleanId(url.searchParams.get("mall_id"));
    if (/^\/goods\d?\.html$/.test(url.pathname)) return !!url.searchParams.get("goods_id");
    return false;
  },
  shopKey(url, doc) {
    if (url.pathname === "/mall_page.html") return cleanId(url.searchParams.get("mall_id"));
    return (
      cleanId(doc.querySelector("[data-mall-id]")?.getAttribute("data-mall-id")) ??
      idFromLinks(doc, ['a[href*="mall_page.html"]'], /mall_page\.html\?(?:[^"#]*&)?mall_id=(\d+)/i)
    );
  },
  anchor: (doc) =>
    firstMatch(doc, [
      ".mall-header .mall-name",
      '[class*="mall-name"]',
      ".mall-name",
      ".goods-mall-info .name",
    ]),
  shopUrl: (id) => `https://mobile.yangkeduo.com/mall_page.html?mall_id=${id}`,
};
