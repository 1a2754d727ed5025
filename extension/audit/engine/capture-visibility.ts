/**
 * Is a text there for a person? (电子商务法 §15 "显著位置，持续公示" — issue 16's evasions.) Measured
 * with the browser's own layout and paint order, not read from markup:
 *   - display/visibility/opacity, a closed <details>, `hidden`, zero size, across shadow boundaries and
 *     the iframe that holds the element;
 *   - the text's own boxes (Range.getClientRects): `text-indent:-9999px`, off-screen positioning,
 *     clipping by an overflow ancestor, `clip: rect(0 0 0 0)`, `clip-path: inset(50%)`, tiny scale;
 *   - contrast of the text colour against the effective background (WCAG 2.x relative luminance),
 *     composited up the ancestors; a background image makes it unmeasurable (null), not "fine";
 *   - occlusion: `elementsFromPoint` at the centre of the text's boxes, scrolled into view; anything
 *     painted above it that is opaque (a background, an image) covers it. pointer-events are forced on
 *     while sampling so a `pointer-events:none` overlay is seen too.
 */
import { INVISIBLE_CONTRAST } from "./capture-constants.ts";
import { parentOf, type Root } from "./capture-walk.ts";
import type { Box } from "./types.ts";

export function describe(el: Element): string {
  const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/)[0] : "";
  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : cls ? `.${cls}` : ""}`;
}

type Rgba = [number, number, number, number];

export function parseColor(s: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s.trim());
  if (!m) return s.trim() === "transparent" ? [0, 0, 0, 0] : null;
  const a = m[4] === undefined ? 1 : m[4].endsWith("%") ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3] + under[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const c = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
  return [c(0), c(1), c(2), a];
}

function luminance([r, g, b]: Rgba): number {
  const ch = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
}

/** WCAG 2.x contrast ratio, 1–21. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const a = luminance(fg);
  const b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * The text colour of `el` against what is painted behind it: background colours of the ancestors
 * composited over the canvas (white), the text colour and ancestor opacity composited over that.
 * null when an ancestor paints a background image first (the text sits on a picture: unmeasurable).
 */
export function contrastOf(el: Element, root: Root): number | null {
  const cs = root.win.getComputedStyle(el);
  const fg0 = parseColor(cs.color);
  if (!fg0) return null;
  const layers: Rgba[] = [];
  let opacity = 1;
  const chain: { e: Element; win: Window }[] = [];
  for (let e: Element | null = el; e; e = parentOf(e)) chain.push({ e, win: root.win });
  // The iframe's own ancestors in the top document paint behind the frame.
  for (let e: Element | null = root.frameEl; e; e = parentOf(e))
    chain.push({ e, win: e.ownerDocument.defaultView ?? root.win });
  for (const { e, win } of chain) {
    const s = win.getComputedStyle(e);
    opacity *= Number(s.opacity) || (s.opacity === "0" ? 0 : 1);
    if (s.backgroundImage && s.backgroundImage !== "none") {
      if (!layers.length) return null;
      break;
    }
    const bg = parseColor(s.backgroundColor);
    if (bg && bg[3] > 0) {
      layers.push(bg);
      if (bg[3] >= 1) break;
    }
  }
  let bg: Rgba = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i]!, bg);
  const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * opacity], bg);
  return Math.round(contrastRatio(fg, bg) * 100) / 100;
}

/** The text boxes of an element (viewport coordinates of its window), empty boxes dropped. */
export function textRects(el: Element, doc: Document): DOMRect[] {
  const range = doc.createRange();
  range.selectNodeContents(el);
  return [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
}

function paintsOpaque(e: Element, win: Window): boolean {
  const s = win.getComputedStyle(e);
  if (Number(s.opacity) < 0.5) return false;
  if (/^(IMG|VIDEO|CANVAS|IFRAME|OBJECT|EMBED|svg)$/i.test(e.tagName)) return true;
  if (s.backgroundImage && s.backgroundImage !== "none") return true;
  const bg = parseColor(s.backgroundColor);
  return !!bg && bg[3] >= 0.5;
}

/** Forces pointer-events on while sampling (a pointer-events:none overlay still covers the text). */
export function withHitTesting<T>(doc: Document, f: () => T): T {
  const st = doc.createElement("style");
  st.textContent = "*{pointer-events:auto!important}";
  (doc.head ?? doc.documentElement).appendChild(st);
  try {
    return f();
  } finally {
    st.remove();
  }
}

/**
 * What covers the element at the centre of its first text boxes, or null. The element is scrolled to
 * the middle of the viewport first (a fixed top bar does not cover the middle); the caller restores
 * the scroll position.
 */
export function occluderOf(el: Element, root: Root): string | null {
  const win = root.win;
  const doc = el.ownerDocument;
  let rects = textRects(el, doc);
  if (!rects.length) return null;
  const first = rects[0]!;
  if (first.top < 0 || first.bottom > win.innerHeight) {
    win.scrollTo(win.scrollX, Math.max(0, first.top + win.scrollY - win.innerHeight / 2));
    rects = textRects(el, doc);
  }
  const from = (root.root as DocumentOrShadowRoot).elementsFromPoint
    ? (root.root as DocumentOrShadowRoot)
    : doc;
  for (const r of rects.slice(0, 3)) {
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight) continue;
    const stack = withHitTesting(doc, () => from.elementsFromPoint(x, y));
    for (const top of stack) {
      if (top === el || el.contains(top)) break; // reached the text itself: nothing above it
      if (top.contains(el)) continue; // an ancestor: paints behind its descendants
      if (paintsOpaque(top, win)) return describe(top);
    }
  }
  return null;
}

export interface Visibility {
  visible: boolean;
  reason?: string;
  contrast: number | null;
}

/** Document box of an element of `root` (top-document coordinates). */
export function boxIn(el: Element, root: Root): Box {
  const r = el.getBoundingClientRect();
  const ox = root.frameEl ? root.dx : root.win.scrollX;
  const oy = root.frameEl ? root.dy : root.win.scrollY;
  return {
    x: Math.round(r.left + ox),
    y: Math.round(r.top + oy),
    width: Math.round(r.width),
    height: Math.round(r.height),
  };
}

function hiddenBy(e: Element, win: Window, el: Element): string | null {
  const cs = win.getComputedStyle(e);
  if (cs.display === "none") return `display:none（${describe(e)}） / display:none (${describe(e)})`;
  if (cs.visibility === "hidden" || cs.visibility === "collapse")
    return `visibility:${cs.visibility}（${describe(e)}） / visibility:${cs.visibility} (${describe(e)})`;
  if (Number(cs.opacity) === 0) return `opacity:0（${describe(e)}） / opacity:0 (${describe(e)})`;
  if (e !== el && e.tagName === "DETAILS" && !(e as HTMLDetailsElement).open) {
    const summary: Element | null = e.querySelector(":scope > summary");
    if (!summary?.contains(el))
      return `折叠在 <details> 中（${describe(e)}） / inside a closed <details> (${describe(e)})`;
  }
  if ((cs.position === "absolute" || cs.position === "fixed") && cs.clip && cs.clip !== "auto") {
    const m = /rect\(\s*([\d.]+)px[,\s]+([\d.]+)px[,\s]+([\d.]+)px[,\s]+([\d.]+)px/.exec(cs.clip);
    if (m && (Number(m[3]) - Number(m[1]) < 2 || Number(m[2]) - Number(m[4]) < 2))
      return `被 clip 裁掉（${describe(e)}） / clipped away by clip (${describe(e)})`;
  }
  if (cs.clipPath && /inset\(\s*(4[5-9]|50|[5-9]\d|100)%|circle\(\s*0/.test(cs.clipPath))
    return `被 clip-path 裁掉（${describe(e)}） / clipped away by clip-path (${describe(e)})`;
  return null;
}

/** The visibility of `el` as a person sees it; `sampleOcclusion` scrolls (the caller restores). */
export function visibilityOf(el: Element, root: Root, sampleOcclusion = true): Visibility {
  const win = root.win;
  const doc = el.ownerDocument;
  const contrast = contrastOf(el, root);
  const hide = (reason: string): Visibility => ({ visible: false, reason, contrast });
  for (let e: Element | null = el; e; e = parentOf(e)) {
    const why = hiddenBy(e, win, el);
    if (why) return hide(why);
  }
  for (let e: Element | null = root.frameEl; e; e = parentOf(e)) {
    const why = hiddenBy(e, e.ownerDocument.defaultView ?? win, e);
    if (why) return hide(`所在框架不可见：${why}`);
  }
  const rect = el.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return hide("尺寸为零 / zero size");
  const rects = textRects(el, doc);
  if (el.textContent?.trim() && !rects.length) return hide("文字没有可见的排版框 / text has no rendered box");
  const docW = Math.max(doc.documentElement.scrollWidth, win.innerWidth);
  const docH = Math.max(doc.documentElement.scrollHeight, win.innerHeight);
  const onPage = (r: DOMRect) =>
    r.right + win.scrollX > 0 &&
    r.bottom + win.scrollY > 0 &&
    r.left + win.scrollX < docW &&
    r.top + win.scrollY < docH;
  const boxes = rects.length ? rects : [rect];
  if (!boxes.some(onPage))
    return hide(
      `文字位于页面之外（x=${Math.round(boxes[0]!.left + win.scrollX)}px，如 text-indent 或负定位） / text is off the page (x=${Math.round(boxes[0]!.left + win.scrollX)}px: text-indent or negative position)`,
    );
  // Clipped by an overflow ancestor: none of the text boxes overlaps the ancestor's box.
  for (let e: Element | null = parentOf(el); e; e = parentOf(e)) {
    const cs = win.getComputedStyle(e);
    if (!/(hidden|clip|scroll|auto)/.test(`${cs.overflowX}${cs.overflowY}`)) continue;
    const r = e.getBoundingClientRect();
    const inside = boxes.some(
      (b) =>
        Math.min(r.right, b.right) - Math.max(r.left, b.left) >= 1 &&
        Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) >= 1,
    );
    if (!inside)
      return hide(
        `被折叠/裁切（${describe(e)}，${Math.round(r.height)}px） / collapsed or clipped (${describe(e)}, ${Math.round(r.height)}px)`,
      );
  }
  const h = Math.max(...boxes.map((b) => b.height));
  if (h < 6)
    return hide(
      `文字高度仅 ${h.toFixed(1)}px（缩放或极小字号） / text only ${h.toFixed(1)}px tall (scaled or tiny)`,
    );
  if (contrast != null && contrast < INVISIBLE_CONTRAST)
    return hide(
      `文字与背景几乎同色（对比度 ${contrast.toFixed(2)}:1） / text the colour of its background (contrast ${contrast.toFixed(2)}:1)`,
    );
  if (sampleOcclusion) {
    const cover = occluderOf(el, root);
    if (cover) return hide(`被 ${cover} 遮挡 / covered by ${cover}`);
  }
  return { visible: true, contrast };
}
