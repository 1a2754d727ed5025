/**
 * Which captured elements count as the display 电子商务法 §15 asks for ("营业执照信息、与其经营业务有关
 * 的行政许可信息 … 或者上述信息的链接标识"), and which a person has to look at. Evasions seen in the
 * field (issue 16) are excluded here, once, for every check:
 *   - a "营业执照" link to `javascript:void(0)`, `#` or a dead target is no link badge;
 *   - "营业执照信息请联系在线客服索取" withholds the license, it does not display it;
 *   - a badge image or script from any origin but the configured service is not ours (a forgery);
 *   - a license photo counts when OCR read the registry's code or name in it; when OCR could not run
 *     it is undecided ("needs human review"), never "absent".
 */
import type { PublicRecord } from "@xinbiao/db/model";
import { ON_REQUEST } from "./rules.ts";
import type { PageElement } from "./types.ts";

/** `javascript:`, `#`, empty, or a target that answered an error: the link leads nowhere. */
export function deadLinkReason(e: PageElement): string | null {
  const href = (e.href ?? "").trim();
  if (!href) return "链接为空 / empty link";
  if (/^javascript:/i.test(href)) return `链接为脚本伪链接 / script pseudo-link (${href.slice(0, 40)})`;
  if (/^#/.test(href))
    return `链接只指向本页锚点 / link goes to an anchor of this page (${href.slice(0, 40)})`;
  const st = e.linkStatus;
  if (st && "error" in st) return `链接目标无法打开 / link target failed (${st.error})`;
  if (st && st.status >= 400)
    return `链接目标返回 HTTP ${st.status} / link target answered HTTP ${st.status}`;
  return null;
}

/** The badge comes from the configured service (image src or script src origin). */
export function fromService(e: PageElement, serviceOrigin: string | null): boolean {
  if (!serviceOrigin) return false;
  const src = e.src ?? e.href ?? "";
  try {
    return new URL(src).origin === new URL(serviceOrigin).origin;
  } catch {
    return false;
  }
}

export function badgeBoundKey(e: PageElement): string | null {
  if (e.shop) return `${e.shop.platform}:${e.shop.shopId}`;
  return e.value ?? null;
}

export function boundHere(b: PageElement, here: string | null, r: PublicRecord | null): boolean {
  return b.shop ? `${b.shop.platform}:${b.shop.shopId}` === here : !!r && b.value === r.uscc;
}

/**
 * OCR read a code or a name in the image: it is a license display (whether the code is the right one
 * is identity.uscc's question, so a photo of another company's license is a mismatch, not an absence).
 */
export function ocrReadLicense(e: PageElement): boolean {
  const o = e.ocr;
  return !!o && o.state === "read" && !!(o.uscc || o.name);
}

export interface DisplaySplit {
  displays: PageElement[];
  undecided: PageElement[];
}

export function splitDisplays(
  elements: PageElement[],
  ctx: { here: string | null; record: PublicRecord | null; serviceOrigin: string | null },
): DisplaySplit {
  const displays: PageElement[] = [];
  const undecided: PageElement[] = [];
  for (const e of elements) {
    switch (e.kind) {
      case "uscc":
      case "exemption":
        displays.push(e);
        break;
      case "license_block":
        if (!ON_REQUEST.test(e.text)) displays.push(e);
        break;
      case "official_link":
      case "license_link":
        if (!deadLinkReason(e)) displays.push(e);
        break;
      case "xinbiao_badge":
        if (fromService(e, ctx.serviceOrigin) && boundHere(e, ctx.here, ctx.record)) displays.push(e);
        break;
      case "license_image":
        // OCR unavailable, or it read nothing license-like: a person looks; never "absent".
        if (ocrReadLicense(e)) displays.push(e);
        else undecided.push(e);
        break;
      default:
        break;
    }
  }
  return { displays, undecided };
}
