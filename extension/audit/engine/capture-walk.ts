/**
 * The places a visitor's text can live: the document, every open shadow root (custom elements of shop
 * decoration), and same-origin iframes (a license page embedded in the shop home) — each with its
 * offset into top-document coordinates. Cross-origin frames cannot be read from the page: they are
 * listed so the report says so (no silent gaps). Closed shadow roots are unreachable by design.
 */

export interface Root {
  root: Document | ShadowRoot;
  /** The window whose layout measures this root's elements. */
  win: Window;
  /** "" for the top document; "iframe#lic", "shop-license(shadow)" for others (evidence names it). */
  scope: string;
  /** Offset of this root's viewport in top-document coordinates (iframes), 0 for the top and shadow roots. */
  dx: number;
  dy: number;
  /** The iframe element holding this root in the top document, for its own visibility. */
  frameEl: Element | null;
}

export const MAX_FRAMES = 20;
export const MAX_SHADOW_ROOTS = 2_000;

function label(el: Element): string {
  const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/)[0] : "";
  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : cls ? `.${cls}` : ""}`;
}

export interface Walked {
  roots: Root[];
  frames: { src: string; read: boolean; reason?: string }[];
  capped: { frames: boolean; shadowRoots: boolean };
}

/** Every root under `doc`, breadth first, bounded (bounds reported by the caller). */
export function walkRoots(doc: Document, win: Window): Walked {
  const roots: Root[] = [{ root: doc, win, scope: "", dx: 0, dy: 0, frameEl: null }];
  const frames: Walked["frames"] = [];
  const capped = { frames: false, shadowRoots: false };
  let shadows = 0;
  for (let i = 0; i < roots.length; i++) {
    const r = roots[i]!;
    const all = r.root.querySelectorAll("*");
    for (const el of all) {
      const sr = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
      if (sr) {
        if (shadows >= MAX_SHADOW_ROOTS) capped.shadowRoots = true;
        else {
          shadows++;
          roots.push({
            root: sr,
            win: r.win,
            scope: `${r.scope ? `${r.scope} >>> ` : ""}${label(el)}(shadow)`,
            dx: r.dx,
            dy: r.dy,
            frameEl: r.frameEl,
          });
        }
      }
      if (el.tagName === "IFRAME" || el.tagName === "FRAME") {
        const f = el as HTMLIFrameElement;
        const src = f.src || f.getAttribute("src") || "about:blank";
        if (frames.length >= MAX_FRAMES) {
          capped.frames = true;
          continue;
        }
        let fdoc: Document | null = null;
        try {
          fdoc = f.contentDocument;
        } catch {
          fdoc = null;
        }
        const fwin = f.contentWindow;
        if (!fdoc || !fwin || !fdoc.body) {
          frames.push({ src, read: false, reason: "跨域或未加载 / cross-origin or not loaded" });
          continue;
        }
        frames.push({ src, read: true });
        const rect = f.getBoundingClientRect();
        roots.push({
          root: fdoc,
          win: fwin,
          scope: `${r.scope ? `${r.scope} >>> ` : ""}${label(f)}`,
          dx: r.dx + rect.left + r.win.scrollX * (r.frameEl ? 0 : 1) + f.clientLeft,
          dy: r.dy + rect.top + r.win.scrollY * (r.frameEl ? 0 : 1) + f.clientTop,
          frameEl: r.frameEl ?? f,
        });
      }
    }
  }
  return { roots, frames, capped };
}

/** The parent across a shadow boundary (a shadow root's host). */
export function parentOf(e: Element): Element | null {
  if (e.parentElement) return e.parentElement;
  const p = e.parentNode as (Node & { host?: Element }) | null;
  return p && p.nodeType === 11 && p.host ? p.host : null;
}

/** `closest` across shadow boundaries. */
export function closestAcross(el: Element, sel: string): Element | null {
  for (let e: Element | null = el; e; e = parentOf(e)) if (e.matches(sel)) return e;
  return null;
}
