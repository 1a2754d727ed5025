/**
 * 1688: supplier shops on `shop{id}.1688.com` (the winport), their pages under `/page/…`, and offer
 * pages `detail.1688.com/offer/{id}.html` that link back to the supplier's shop.
 */
import { type Adapter, cleanId, firstMatch, idFromLinks, onDomain } from "../types.ts";

export const alibaba1688: Adapter = {
  id: "1688",
  matches: (url) => onDomain(url, "1688.com"),
  detect(url) {
    const h = url.hostname.toLowerCase();
    if (/^shop\d+\.1688\.com$/.test(h)) return true;
    if (h === "detail.1688.com" || h === "detail.m.1688.com")
      return /^\/offer\/\d+\.html$/.test(url.pathname);
    return false;
  },
  shopKey(url, doc) {
    const sub = /^shop(\d+)\.1688\.com$/i.exec(url.hostname)?.[1];
    if (sub) return cleanId(sub);
    return (
      cleanId(doc.querySelector("[data-shopid]")?.getAttribute("data-shopid")) ??
      idFromLinks(
        doc,
        [
          ".company-name a[href]",
          '[class*="companyName"] a[href]',
          ".shop-company-name a[href]",
          'a[href*=".1688.com"]',
        ],
        /\/\/shop(\d+)\.1688\.com/i,
      )
    );
  },
  anchor: (doc) =>
    firstMatch(doc, [
      ".winport-title .company-name",
      ".company-name",
      '[class*="companyName"]',
      ".shop-company-name",
    ]),
  shopUrl: (id) => `https://shop${id}.1688.com/`,
};
