/**
 * The collapsed badge and the warning banner, painted with plain DOM calls (issue 7, item 6). They
 * are on every shop page; a first Preact render there cost the page's main thread about as much as all
 * the rest of the content script together (measured: ~12 ms of renderer CPU per page, mostly
 * compiling Preact's diff the first time in each fresh page). Preact renders the card only once a
 * person opens it. Same markup and classes as the Preact badge (shop-badge.tsx), so one stylesheet
 * serves both. Text only: every datum goes in through textContent or an attribute, never as HTML.
 */
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, t } from "../utils/i18n.ts";
import type { LookupResult } from "../utils/messages.ts";
import { type BadgeView, bannerView, mismatchText, type Tone } from "../utils/present.ts";
import { toneShapes } from "./tone-shapes.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The same SVG as the Preact ToneIcon. Decorative: the words beside it carry the meaning. */
export function toneIconElement(doc: Document, tone: Tone | BadgeView["iconId"], size = 14): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "xb-svg");
  for (const [tag, attrs] of toneShapes(tone)) {
    const shape = doc.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) shape.setAttribute(name, value);
    svg.append(shape);
  }
  return svg;
}

export interface BadgePaint {
  lang: Lang;
  face: { view: BadgeView; label: string; title: string };
  floating: boolean;
  /** The person clicked the badge: the caller switches to the Preact badge with its card open. */
  onOpen: () => void;
}

/** Paint the collapsed badge into `root`, replacing what was there. */
export function paintBadge(root: HTMLElement, p: BadgePaint): void {
  const doc = root.ownerDocument;
  const { view, label, title } = p.face;
  const wrap = el(doc, "div", `xb-root ${p.floating ? "xb-floating" : "xb-inline"}`);
  wrap.lang = p.lang === "zh" ? "zh-CN" : "en";
  const button = el(doc, "button", `xb-badge xb-tone-${view.tone}`);
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-label", label);
  button.title = title;
  button.dataset.tone = view.tone;
  button.addEventListener("click", p.onOpen);
  const icon = el(doc, "span", "xb-icon");
  icon.append(toneIconElement(doc, view.iconId));
  button.append(icon, el(doc, "span", "xb-brand", view.brand));
  for (const part of view.parts) button.append(el(doc, "span", "xb-part", part));
  if (view.notes.length > 0) button.append(el(doc, "span", "xb-part xb-stale", view.notes[0]));
  wrap.append(button);
  root.replaceChildren(wrap);
}

export interface BannerPaint {
  lang: Lang;
  result: LookupResult | null;
  badgeMismatch: ShopRef | null;
  onDismiss: () => void;
}

/** Whether there is anything to warn about (the banner's host is added to the page only then). */
export function hasBanner(p: Pick<BannerPaint, "lang" | "result" | "badgeMismatch">): boolean {
  return !!(p.badgeMismatch || bannerView(p.result, p.lang));
}

function bannerBlock(
  doc: Document,
  tone: "danger" | "warning",
  dataTone: string,
  extraClass: string,
  title: string,
  lines: string[],
): HTMLDivElement {
  const block = el(doc, "div", `xb-banner xb-banner-${tone}${extraClass}`);
  block.setAttribute("role", "alert");
  block.dataset.tone = dataTone;
  const icon = el(doc, "span", "xb-banner-icon");
  icon.append(toneIconElement(doc, tone, 24));
  const text = el(doc, "div", "xb-banner-text");
  const list = el(doc, "ul", "");
  for (const line of lines) list.append(el(doc, "li", "", line));
  text.append(el(doc, "strong", "", title), list);
  block.append(icon, text);
  return block;
}

/** Paint the warning banner (danger red, warning amber) and the badge-mismatch warning into `root`. */
export function paintBanner(root: HTMLElement, p: BannerPaint): void {
  const doc = root.ownerDocument;
  const banner = bannerView(p.result, p.lang);
  const mismatch = p.badgeMismatch ? mismatchText(p.badgeMismatch, p.lang) : null;
  if (!banner && !mismatch) {
    root.replaceChildren();
    return;
  }
  const wrap = el(doc, "div", "xb-banners");
  wrap.lang = p.lang === "zh" ? "zh-CN" : "en";
  if (banner) {
    const block = bannerBlock(doc, banner.tone, banner.tone, "", banner.title, banner.lines);
    const dismiss = el(doc, "button", "xb-dismiss", t(p.lang, "dismissToday"));
    dismiss.type = "button";
    dismiss.addEventListener("click", p.onDismiss);
    block.append(dismiss);
    wrap.append(block);
  }
  if (mismatch) {
    wrap.append(bannerBlock(doc, "warning", "mismatch", " xb-mismatch", mismatch.title, [mismatch.detail]));
  }
  root.replaceChildren(wrap);
}
