/**
 * "显著" as a person sees it (电子商务法 §15; 市场主体登记管理条例 §36): visible without interaction
 * (capture.ts measured display/visibility/opacity/clipping/occlusion/off-screen), legible (font size and
 * contrast against the effective background), and where a visitor looks (the first screen, or the page's
 * header/footer band as laid out).
 */
import { MIN_CONTRAST, MIN_FONT_PX } from "./capture-constants.ts";
import type { PageElement } from "./types.ts";

export function isProminent(e: PageElement): boolean {
  return (
    e.visible &&
    e.fontSizePx >= MIN_FONT_PX &&
    (e.contrast == null || e.contrast >= MIN_CONTRAST) &&
    (e.inFirstViewport || e.inHeader || e.inFooter)
  );
}

export function notProminentReason(e: PageElement): { zh: string; en: string } {
  if (!e.visible) {
    const r = e.hiddenReason ?? "不可见 / hidden";
    const [zh, en] = r.includes(" / ") ? r.split(" / ", 2) : [r, r];
    return { zh: zh!, en: en ?? zh! };
  }
  if (e.fontSizePx < MIN_FONT_PX)
    return { zh: `字号 ${e.fontSizePx}px 过小`, en: `font ${e.fontSizePx}px too small` };
  if (e.contrast != null && e.contrast < MIN_CONTRAST)
    return {
      zh: `文字与背景对比度 ${e.contrast.toFixed(2)}:1 过低（至少 ${MIN_CONTRAST}:1）`,
      en: `text/background contrast ${e.contrast.toFixed(2)}:1 too low (at least ${MIN_CONTRAST}:1)`,
    };
  return {
    zh: `不在首屏（y=${e.box.y}px）且不在页面页头页脚`,
    en: `below the first viewport (y=${e.box.y}px), not in the page header/footer`,
  };
}
