/**
 * Highlights the evidence elements of an audit on the page: one outline box per element at the
 * position the capture measured (document coordinates), green for passing checks, red for failing
 * ones; a hidden element gets a dashed box at its position with the reason. The overlay lives in its
 * own host element and never changes the page's elements.
 */
import type { Check } from "../engine/types.ts";

export const OVERLAY_ID = "xinbiao-audit-overlay";

export function clearHighlights(doc: Document): void {
  doc.getElementById(OVERLAY_ID)?.remove();
}

export function highlight(doc: Document, checks: Check[]): number {
  clearHighlights(doc);
  const host = doc.createElement("div");
  host.id = OVERLAY_ID;
  host.setAttribute("aria-hidden", "true");
  host.style.cssText =
    "position:absolute;left:0;top:0;width:0;height:0;z-index:2147483646;pointer-events:none";
  const root = host.attachShadow({ mode: "open" });
  let n = 0;
  for (const c of checks) {
    if (c.status === "na") continue;
    for (const e of c.evidence) {
      if (!e.selector || e.box.width + e.box.height === 0) continue;
      const box = doc.createElement("div");
      const color = c.status === "fail" ? "#cf222e" : "#1a7f37";
      box.style.cssText = `position:absolute;left:${e.box.x - 3}px;top:${e.box.y - 3}px;width:${e.box.width + 6}px;height:${Math.max(e.box.height, 4) + 6}px;border:3px ${e.visible ? "solid" : "dashed"} ${color};border-radius:4px;box-sizing:border-box`;
      const tag = doc.createElement("span");
      tag.textContent = `${c.status === "fail" ? "✗" : "✓"} ${c.id}${e.hiddenReason ? ` · ${e.hiddenReason}` : ""}`;
      tag.style.cssText = `position:absolute;left:0;top:-20px;background:${color};color:#fff;font:12px/18px sans-serif;padding:0 6px;border-radius:3px;white-space:nowrap`;
      box.append(tag);
      root.append(box);
      n++;
    }
  }
  doc.body.append(host);
  return n;
}
