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
import { layoutBands } from "./capture-layout.ts";
import { boxIn, visibilityOf } from "./capture-visibility.ts";
import { MAX_FRAMES, MAX_SHADOW_ROOTS, type Root, walkRoots } from "./capture-walk.ts";
import {
  CREDITCHINA_HOST,
  cleanShownName,
  EXEMPTION_SHOWN,
  GSXT_HOST,
  hostOf,
  LICENSE_LINK_TEXT,
  LICENSE_WORDS,
  NAME_SHOWN,
  OFFICIAL_LICENSE_HOST,
  ON_REQUEST,
  PERMIT_SHOWN,
  PROVINCE_CREDIT_HOST,
  STATUS_CLAIM,
  USCC_SHOWN,
} from "./rules.ts";
import type { CaptureCap, PageElement, PageKind, PageSnapshot } from "./types.ts";

export { MIN_FONT_PX } from "./capture-constants.ts";
export { visibilityOf } from "./capture-visibility.ts";

/**
 * Text nodes read per page at most. A footer license past 20,000 nodes was missed silently before
 * (issue 16); the bound is now far above real shop pages and, when reached, is reported (caps).
 */
export const MAX_TEXT_NODES = 200_000;
/** License/permit images handed to OCR at most per page (each costs a tesseract run). */
export const MAX_IMAGES = 12;

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
/** What a Xinbiao badge looks like from outside (so look-alikes are caught wherever they are served). */
const BADGE_LOOK = /信标|xinbiao/i;
/** Image hints of a license or permit photo: alt/title text, file name, the link around it. */
const LICENSE_IMG =
  /营业执照|执照|证照|亮照|yyzz|yingyezhizhao|zhizhao|business[-_ ]?licen[cs]e|\blicen[cs]e\b/i;
const PERMIT_IMG = /许可证|备案凭证|xkz|xukezheng|permit/i;

function fileName(src: string): string {
  try {
    return decodeURIComponent(new URL(src).pathname.split("/").pop() ?? "");
  } catch {
    return src;
  }
}

export function capturePage(doc: Document, win: Window, now: Date = new Date()): PageSnapshot {
  const url = new URL(doc.location?.href ?? win.location.href);
  const detection = detectShop(url, doc, true);
  const shop: ShopRef | null = detection?.shop && detection.via !== "generic" ? detection.shop : null;
  const sx = win.scrollX;
  const sy = win.scrollY;
  const bands = layoutBands(doc, win);
  const walked = walkRoots(doc, win);
  const elements: PageElement[] = [];
  const seen = new Set<string>();
  const caps: CaptureCap[] = [];

  const measure = (
    el: Element,
    root: Root,
    kind: PageElement["kind"],
    extra: Partial<PageElement>,
  ): PageElement => {
    const box = boxIn(el, root);
    const vis = visibilityOf(el, root);
    const font = Number.parseFloat(root.win.getComputedStyle(el).fontSize) || 0;
    return {
      kind,
      selector: cssPath(el),
      tag: el.tagName.toLowerCase(),
      text: clean(el.textContent),
      box,
      visible: vis.visible,
      ...(vis.reason ? { hiddenReason: vis.reason } : {}),
      contrast: vis.contrast,
      ...(root.scope ? { scope: root.scope } : {}),
      // Images carry no font; their legibility is their size (checked by visibility).
      fontSizePx: el.tagName === "IMG" ? Math.max(font, box.height >= 40 ? 12 : 0) : font,
      // The first viewport at scroll 0: what a visitor sees on arrival.
      inFirstViewport: box.y < win.innerHeight && box.y + box.height > 0 && box.x < win.innerWidth,
      inHeader: bands.headerBottom > 0 && box.y + box.height <= bands.headerBottom + 1,
      inFooter: box.y >= bands.footerTop - 1,
      ...extra,
    };
  };
  const push = (el: Element, root: Root, kind: PageElement["kind"], extra: Partial<PageElement> = {}) => {
    const key = `${kind}|${root.scope}|${cssPath(el)}|${extra.value ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    elements.push(measure(el, root, kind, extra));
  };

  // Text displays: walk text nodes of every root once (scripts and styles excluded), match each pattern.
  let count = 0;
  let textCapped = false;
  for (const root of walked.roots) {
    const start = root.root.nodeType === 9 ? (root.root as Document).body : root.root;
    if (!start) continue;
    const walker = (
      root.root.nodeType === 9 ? (root.root as Document) : root.root.ownerDocument!
    ).createTreeWalker(start, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (count >= MAX_TEXT_NODES) {
        textCapped = true;
        break;
      }
      count++;
      const parent = n.parentElement;
      if (!parent || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(parent.tagName)) continue;
      const t = n.data;
      if (!t.trim()) continue;
      // Label and value may sit in sibling elements: match against the parent's (then grandparent's) text.
      const scope = (e: Element | null) => clean(e?.textContent, 2000);
      const ctx: Element[] = parent.parentElement ? [parent, parent.parentElement] : [parent];
      const onRequest = ON_REQUEST.test(scope(parent));
      if (onRequest) push(parent, root, "license_on_request");
      if (t.includes("统一社会信用代码")) {
        for (const e of ctx) {
          const m = USCC_SHOWN.exec(scope(e));
          if (m) {
            push(holder(n, m[0].replace(/\s+/g, " ").trim()) ?? e, root, "uscc", { value: m[1] });
            break;
          }
        }
      }
      if (/名称|经营者/.test(t)) {
        for (const e of ctx) {
          const m = NAME_SHOWN.exec(scope(e));
          if (m) {
            push(e, root, "name", { value: cleanShownName(m[1]!) });
            break;
          }
        }
      }
      if (LICENSE_WORDS.test(t) && !parent.closest("a") && !onRequest) push(parent, root, "license_block");
      const status =
        STATUS_CLAIM.exec(scope(parent)) ??
        (parent.parentElement ? STATUS_CLAIM.exec(scope(parent.parentElement)) : null);
      if (status && /状态|执照|吊销|注销/.test(t))
        push(parent, root, "status_claim", { value: status[1] ?? status[2] });
      const permit = PERMIT_SHOWN.exec(t) ? (PERMIT_SHOWN.exec(scope(parent)) ?? PERMIT_SHOWN.exec(t)) : null;
      if (permit)
        push(parent, root, "permit", { value: permit[1], ...(permit[2] ? { extra: permit[2] } : {}) });
      if (EXEMPTION_SHOWN.test(t)) push(parent, root, "exemption");
    }
    if (textCapped) break;
  }
  caps.push({
    name: "text_nodes",
    limit: MAX_TEXT_NODES,
    reached: textCapped,
    zh: `文本节点达到上限 ${MAX_TEXT_NODES}，其后内容未读取`,
    en: `text-node cap ${MAX_TEXT_NODES} reached; the rest of the page was not read`,
  });
  caps.push({
    name: "frames",
    limit: MAX_FRAMES,
    reached: walked.capped.frames,
    zh: `框架数达到上限 ${MAX_FRAMES}`,
    en: `frame cap ${MAX_FRAMES} reached`,
  });
  caps.push({
    name: "shadow_roots",
    limit: MAX_SHADOW_ROOTS,
    reached: walked.capped.shadowRoots,
    zh: `影子根达到上限 ${MAX_SHADOW_ROOTS}`,
    en: `shadow-root cap ${MAX_SHADOW_ROOTS} reached`,
  });

  let images = 0;
  let imagesCapped = false;
  for (const root of walked.roots) {
    const base =
      root.root.nodeType === 9 ? (root.root as Document).baseURI : root.root.ownerDocument!.baseURI;
    // Links: the official 亮照 system, a platform 证照 link, credit portals (through redirectors too).
    for (const a of root.root.querySelectorAll<HTMLAnchorElement>("a[href]")) {
      const raw = a.getAttribute("href") ?? "";
      const abs =
        /^https?:|^\/|^[^:]*$/i.test(raw) && !raw.startsWith("#") && raw.trim()
          ? new URL(raw, base).href
          : raw;
      const host = /^https?:/i.test(abs) ? hostOf(abs, base) : null;
      const label = `${a.textContent ?? ""} ${a.getAttribute("title") ?? ""} ${a.querySelector("img")?.getAttribute("alt") ?? ""}`;
      if (host && OFFICIAL_LICENSE_HOST.test(host)) push(a, root, "official_link", { href: abs });
      else if (LICENSE_LINK_TEXT.test(label) && !ON_REQUEST.test(label))
        push(a, root, "license_link", { href: abs });
      if (host && (CREDITCHINA_HOST.test(host) || PROVINCE_CREDIT_HOST.test(host) || GSXT_HOST.test(host)))
        push(a, root, "credit_link", { href: abs, value: host });
    }

    // Xinbiao badges: the embed script (measured by the host it rendered) and the image badge — from
    // whatever origin: badge.forgery compares the origin with the configured service.
    for (const s of root.root.querySelectorAll<HTMLScriptElement>(
      "script[data-platform][data-shop], script[data-uscc]",
    )) {
      const platform = s.getAttribute("data-platform") ?? "";
      const shopId = s.getAttribute("data-shop") ?? "";
      const rendered = s.nextElementSibling?.classList.contains("xinbiao-badge")
        ? s.nextElementSibling
        : null;
      const target = rendered ?? s.parentElement ?? s;
      push(target, root, "xinbiao_badge", {
        src: s.src || (s.getAttribute("src") ?? ""),
        href: s.getAttribute("src") ?? "",
        ...(isPlatform(platform) && /^\d{3,20}$/.test(shopId) ? { shop: { platform, shopId } } : {}),
        ...(s.getAttribute("data-uscc") ? { value: s.getAttribute("data-uscc")! } : {}),
      });
    }
    for (const img of root.root.querySelectorAll<HTMLImageElement>("img")) {
      const src = img.currentSrc || img.src || "";
      const m = BADGE_IMG_SHOP.exec(src);
      const u = BADGE_IMG_USCC.exec(src);
      const hint = `${img.alt} ${img.title} ${fileName(src)} ${img.closest("a")?.textContent ?? ""} ${img.closest("a")?.getAttribute("title") ?? ""}`;
      if (m || u || BADGE_LOOK.test(`${img.alt} ${img.title}`)) {
        push(img, root, "xinbiao_badge", {
          src,
          ...(m && isPlatform(m[1]!) ? { shop: { platform: m[1]!, shopId: m[2]! } } : {}),
          ...(u ? { value: u[1]! } : {}),
        });
        continue;
      }
      const kind = LICENSE_IMG.test(hint) ? "license_image" : PERMIT_IMG.test(hint) ? "permit_image" : null;
      if (!kind || !src) continue;
      if (images >= MAX_IMAGES) {
        imagesCapped = true;
        continue;
      }
      images++;
      push(img, root, kind, { src, text: clean(`${img.alt} ${img.title}`) || fileName(src) });
    }
    // An inline SVG that says 信标 is a look-alike wherever it is.
    for (const svg of root.root.querySelectorAll("svg")) {
      if (BADGE_LOOK.test(svg.textContent ?? "") || BADGE_LOOK.test(svg.getAttribute("aria-label") ?? ""))
        push(svg, root, "xinbiao_badge", { src: "" });
    }
  }
  caps.push({
    name: "images",
    limit: MAX_IMAGES,
    reached: imagesCapped,
    zh: `疑似执照图片超过 ${MAX_IMAGES} 张，其余未识别`,
    en: `more than ${MAX_IMAGES} license-like images; the rest were not read`,
  });
  win.scrollTo(sx, sy);

  const adapter = adapterFor(url);
  return {
    url: url.href,
    title: clean(doc.title, 200),
    capturedAt: now.toISOString(),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    documentHeight: Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0),
    pageKind: pageKindOf(url, !!shop),
    platform: adapter?.id ?? null,
    shop,
    uscc: detection?.uscc ?? null,
    elements,
    caps,
    frames: walked.frames,
  };
}
