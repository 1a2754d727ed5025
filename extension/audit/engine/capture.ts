/**
 * The page side of an audit: reads the rendered page and measures it with the browser's layout
 * (getBoundingClientRect, computed style), so "prominent" and "visible without interaction" are facts
 * of the render, not guesses from HTML (电子商务法 §15 "显著位置，持续公示"). Runs inside the page: in
 * Chromium through the CLI (bundled by esbuild, see cli/page-bundle.ts) and in the extension's content
 * script. DOM reads only; no network, no storage.
 */

import { isPlatform } from "@xinbiao/db/model";
import { adapterFor, detectShop } from "../../adapters/index.ts";
import type { ShopRef } from "../../adapters/types.ts";
import {
  CREDITCHINA_HOST,
  EXEMPTION_SHOWN,
  GSXT_HOST,
  hostOf,
  LICENSE_LINK_TEXT,
  LICENSE_WORDS,
  NAME_SHOWN,
  OFFICIAL_LICENSE_HOST,
  PERMIT_SHOWN,
  PROVINCE_CREDIT_HOST,
  STATUS_CLAIM,
  USCC_SHOWN,
} from "./rules.ts";
import type { Box, PageElement, PageKind, PageSnapshot } from "./types.ts";

export { MIN_FONT_PX } from "./capture-constants.ts";

/** Text nodes read per page at most: enough for any shop header/footer, bounded on huge pages. */
const MAX_TEXT_NODES = 20_000;

const HEADER_SEL =
  'header, [role="banner"], [class*="header" i], [id*="header" i], [class*="shop-hd" i], [class*="shop-top" i]';
const FOOTER_SEL =
  'footer, [role="contentinfo"], [class*="footer" i], [id*="footer" i], [class*="shop-ft" i]';

function clean(s: string | null | undefined, max = 300): string {
  return (s ?? "").replace(/\s+/g, " ").trim().slice(0, max);
}

/** A CSS path that finds the element again: nearest id, then tag:nth-of-type steps. */
export function cssPath(el: Element): string {
  const parts: string[] = [];
  let e: Element | null = el;
  while (e && e.nodeType === 1 && parts.length < 12) {
    if (e.id && /^[A-Za-z][\w-]*$/.test(e.id)) {
      parts.unshift(`#${e.id}`);
      break;
    }
    const tag = e.tagName.toLowerCase();
    if (tag === "html" || tag === "body") {
      parts.unshift(tag);
      if (tag === "html") break;
      e = e.parentElement;
      continue;
    }
    let n = 1;
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === e.tagName) n++;
    parts.unshift(`${tag}:nth-of-type(${n})`);
    e = e.parentElement;
  }
  return parts.join(" > ");
}

function describe(el: Element): string {
  const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/)[0] : "";
  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : cls ? `.${cls}` : ""}`;
}

/**
 * Visible without interaction? Walks up the ancestors: display:none, visibility, opacity 0, a closed
 * <details>, `hidden`, zero size, or clipped by an ancestor with overflow hidden (a collapsed panel).
 */
export function visibilityOf(el: Element, win: Window): { visible: boolean; reason?: string } {
  const rect = el.getBoundingClientRect();
  for (let e: Element | null = el; e; e = e.parentElement) {
    const cs = win.getComputedStyle(e);
    if (cs.display === "none") return { visible: false, reason: `display:none（${describe(e)}）` };
    if (cs.visibility === "hidden" || cs.visibility === "collapse")
      return { visible: false, reason: `visibility:${cs.visibility}（${describe(e)}）` };
    if (Number(cs.opacity) === 0) return { visible: false, reason: `opacity:0（${describe(e)}）` };
    if (e !== el && e.tagName === "DETAILS" && !(e as HTMLDetailsElement).open) {
      const summary: Element | null = e.querySelector(":scope > summary");
      if (!summary?.contains(el))
        return {
          visible: false,
          reason: `折叠在 <details> 中 / inside a closed <details>（${describe(e)}）`,
        };
    }
    if (e !== el && /(hidden|clip|scroll|auto)/.test(`${cs.overflowX}${cs.overflowY}`)) {
      const r = e.getBoundingClientRect();
      const overlapW = Math.min(r.right, rect.right) - Math.max(r.left, rect.left);
      const overlapH = Math.min(r.bottom, rect.bottom) - Math.max(r.top, rect.top);
      if (overlapW < 1 || overlapH < 1)
        return {
          visible: false,
          reason: `被折叠/裁切 / collapsed or clipped（${describe(e)}，${Math.round(r.height)}px）`,
        };
    }
  }
  if (rect.width < 1 || rect.height < 1) return { visible: false, reason: "尺寸为零 / zero size" };
  const docW = Math.max(win.document.documentElement.scrollWidth, win.innerWidth);
  if (rect.right + win.scrollX <= 0 || rect.bottom + win.scrollY <= 0 || rect.left + win.scrollX >= docW)
    return { visible: false, reason: "位于页面之外 / off the page" };
  return { visible: true };
}

function boxOf(el: Element, win: Window): Box {
  const r = el.getBoundingClientRect();
  return {
    x: Math.round(r.left + win.scrollX),
    y: Math.round(r.top + win.scrollY),
    width: Math.round(r.width),
    height: Math.round(r.height),
  };
}

function measure(
  el: Element,
  win: Window,
  kind: PageElement["kind"],
  extra: Partial<PageElement>,
): PageElement {
  const box = boxOf(el, win);
  const vis = visibilityOf(el, win);
  const font = Number.parseFloat(win.getComputedStyle(el).fontSize) || 0;
  return {
    kind,
    selector: cssPath(el),
    tag: el.tagName.toLowerCase(),
    text: clean(el.textContent),
    box,
    visible: vis.visible,
    ...(vis.reason ? { hiddenReason: vis.reason } : {}),
    fontSizePx: font,
    // The first viewport at scroll 0: what a visitor sees on arrival.
    inFirstViewport: box.y < win.innerHeight && box.y + box.height > 0 && box.x < win.innerWidth,
    inHeader: !!el.closest(HEADER_SEL),
    inFooter: !!el.closest(FOOTER_SEL),
    ...extra,
  };
}

/** The smallest element around a text node whose text holds the whole match (label and value). */
function holder(node: Text, needle: string): Element | null {
  let e = node.parentElement;
  while (e && !clean(e.textContent, 5000).includes(needle) && e.parentElement) e = e.parentElement;
  return e;
}

function pageKindOf(url: URL, found: boolean): PageKind {
  if (found) return "shop";
  const adapter = adapterFor(url);
  if (adapter && (url.pathname === "/" || url.pathname === "/index.html" || url.pathname === "")) {
    const sub = url.hostname.toLowerCase().split(".")[0];
    if (sub === "www" || url.hostname.split(".").length === 2) return "platform_home";
  }
  return "other";
}

const BADGE_IMG_SHOP = /\/badge\/([a-z0-9]+)\/(\d{3,20})\.svg/i;
const BADGE_IMG_USCC = /\/badge\/([0-9A-Z]{18})\.svg/;

export function capturePage(doc: Document, win: Window, now: Date = new Date()): PageSnapshot {
  const url = new URL(doc.location?.href ?? win.location.href);
  const detection = detectShop(url, doc, true);
  const shop: ShopRef | null = detection?.shop && detection.via !== "generic" ? detection.shop : null;
  const elements: PageElement[] = [];
  const seen = new Set<string>();
  const push = (el: Element, kind: PageElement["kind"], extra: Partial<PageElement> = {}) => {
    const key = `${kind}|${cssPath(el)}|${extra.value ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    elements.push(measure(el, win, kind, extra));
  };

  // Text displays: walk text nodes once (scripts and styles excluded), match each pattern.
  const body = doc.body;
  if (body) {
    const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    let count = 0;
    for (
      let n = walker.nextNode() as Text | null;
      n && count < MAX_TEXT_NODES;
      n = walker.nextNode() as Text | null
    ) {
      count++;
      const parent = n.parentElement;
      if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
      const t = n.data;
      if (!t.trim()) continue;
      // Label and value may sit in sibling elements: match against the parent's (then grandparent's) text.
      const scope = (e: Element | null) => clean(e?.textContent, 2000);
      const ctx: Element[] = parent.parentElement ? [parent, parent.parentElement] : [parent];
      if (t.includes("统一社会信用代码")) {
        for (const e of ctx) {
          const m = USCC_SHOWN.exec(scope(e));
          if (m) {
            push(holder(n, m[0].replace(/\s+/g, " ").trim()) ?? e, "uscc", { value: m[1] });
            break;
          }
        }
      }
      if (/名称|经营者/.test(t)) {
        for (const e of ctx) {
          const m = NAME_SHOWN.exec(scope(e));
          if (m) {
            push(e, "name", { value: m[1] });
            break;
          }
        }
      }
      if (LICENSE_WORDS.test(t) && !parent.closest("a")) push(parent, "license_block");
      const status =
        STATUS_CLAIM.exec(scope(parent)) ??
        (parent.parentElement ? STATUS_CLAIM.exec(scope(parent.parentElement)) : null);
      if (status && /状态|执照|吊销|注销/.test(t))
        push(parent, "status_claim", { value: status[1] ?? status[2] });
      const permit = PERMIT_SHOWN.exec(t) ? (PERMIT_SHOWN.exec(scope(parent)) ?? PERMIT_SHOWN.exec(t)) : null;
      if (permit) push(parent, "permit", { value: permit[1], ...(permit[2] ? { extra: permit[2] } : {}) });
      if (EXEMPTION_SHOWN.test(t)) push(parent, "exemption");
    }
  }

  // Links: the official 亮照 system, a platform 证照 link, credit portals.
  for (const a of doc.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const href = a.getAttribute("href") ?? "";
    const host = hostOf(href, url.href);
    const label = `${a.textContent ?? ""} ${a.getAttribute("title") ?? ""} ${a.querySelector("img")?.getAttribute("alt") ?? ""}`;
    if (host && OFFICIAL_LICENSE_HOST.test(host)) push(a, "official_link", { href });
    else if (LICENSE_LINK_TEXT.test(label)) push(a, "license_link", { href });
    if (host && (CREDITCHINA_HOST.test(host) || PROVINCE_CREDIT_HOST.test(host) || GSXT_HOST.test(host)))
      push(a, "credit_link", { href, value: host });
  }

  // Xinbiao badges: the embed script (measured by the host it rendered) and the image badge.
  for (const s of doc.querySelectorAll<HTMLScriptElement>(
    "script[data-platform][data-shop], script[data-uscc]",
  )) {
    const platform = s.getAttribute("data-platform") ?? "";
    const shopId = s.getAttribute("data-shop") ?? "";
    const rendered = s.nextElementSibling?.classList.contains("xinbiao-badge") ? s.nextElementSibling : null;
    const target = rendered ?? s.parentElement ?? s;
    push(target, "xinbiao_badge", {
      href: s.getAttribute("src") ?? "",
      ...(isPlatform(platform) && /^\d{3,20}$/.test(shopId) ? { shop: { platform, shopId } } : {}),
      ...(s.getAttribute("data-uscc") ? { value: s.getAttribute("data-uscc")! } : {}),
    });
  }
  for (const img of doc.querySelectorAll<HTMLImageElement>("img[src*='/badge/']")) {
    const src = img.getAttribute("src") ?? "";
    const m = BADGE_IMG_SHOP.exec(src);
    const u = BADGE_IMG_USCC.exec(src);
    if (!m && !u) continue;
    push(img, "xinbiao_badge", {
      href: src,
      ...(m && isPlatform(m[1]!) ? { shop: { platform: m[1]!, shopId: m[2]! } } : {}),
      ...(u ? { value: u[1]! } : {}),
    });
  }

  const adapter = adapterFor(url);
  return {
    url: url.href,
    title: clean(doc.title, 200),
    capturedAt: now.toISOString(),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    documentHeight: Math.max(doc.documentElement.scrollHeight, body?.scrollHeight ?? 0),
    pageKind: pageKindOf(url, !!shop),
    platform: adapter?.id ?? null,
    shop,
    uscc: detection?.uscc ?? null,
    elements,
  };
}
