/**
 * Types shared by the page capture (runs in the browser: CLI via Chromium, extension content script),
 * the pure audit engine and the report writers. Everything here is plain JSON: a snapshot crosses
 * from the page to Node, a result goes into report.json and to the results API.
 */
import type { ShopRef } from "../../adapters/types.ts";

/** A rectangle in document coordinates (CSS px, scroll offset added), measured in the browser. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type EvidenceKind =
  /** "统一社会信用代码：…" shown as text; `value` is the code as shown (checked or not). */
  | "uscc"
  /** "企业名称：…" / "经营者名称：…"; `value` is the name as shown. */
  | "name"
  /** A 营业执照 / 证照信息 / 亮照 heading or block without a code. */
  | "license_block"
  /** "登记状态：存续" or "执照有效"; `value` is the claimed status word. */
  | "status_claim"
  /** A permit (食品经营许可证 …); `value` is its kind, `extra` its number when shown. */
  | "permit"
  /** 电子商务法 §10 exemption statement of a natural-person seller. */
  | "exemption"
  /** A link to the official 亮照 system (zzlz.gsxt.gov.cn). */
  | "official_link"
  /** A platform's own 证照 / 营业执照 link. */
  | "license_link"
  /** A Xinbiao badge (embed script host or badge image); `shop`/`value` say what it is bound to. */
  | "xinbiao_badge"
  /** A link to 信用中国, a provincial credit site or 国家企业信用信息公示系统 (platform home pages). */
  | "credit_link"
  /** An image that looks like a 营业执照 photo (alt text, file name, link text); OCR decides what it says. */
  | "license_image"
  /** An image that looks like a permit photo (食品经营许可证 …). */
  | "permit_image"
  /** "营业执照信息请联系在线客服索取": the license is withheld behind a chat, not displayed (§15 asks 持续公示). */
  | "license_on_request";

/** What OCR (tesseract chi_sim, run by the CLI) read in a license or permit image. */
export type OcrReading =
  | { state: "read"; text: string; uscc: string | null; name: string | null; permitNumber?: string | null }
  /** tesseract missing, chi_sim missing, the image not downloadable: a person has to look. */
  | { state: "unavailable"; reason: string }
  /** OCR ran and found no license text. */
  | { state: "no_text"; text: string };

/** One element the capture found, with what the browser's layout says about it. */
export interface PageElement {
  kind: EvidenceKind;
  /** CSS path that finds the element again (the extension highlights it, the report names it). */
  selector: string;
  tag: string;
  /** The element's text, whitespace collapsed, at most 300 characters. */
  text: string;
  value?: string;
  extra?: string;
  href?: string;
  /** For a Xinbiao badge bound to a shop. */
  shop?: ShopRef;
  box: Box;
  /** Rendered and perceivable without interaction (display, visibility, opacity, size, clipping). */
  visible: boolean;
  /** Why not visible: "display:none on div.license-fold", "inside a closed <details>", … */
  hiddenReason?: string;
  fontSizePx: number;
  inFirstViewport: boolean;
  /** In the page's real header/footer band, found by layout (full-width block at the top/bottom), not class names. */
  inHeader: boolean;
  inFooter: boolean;
  /** WCAG 2.x contrast ratio of the text colour against the effective background; null when not measurable (image background). */
  contrast?: number | null;
  /** Where the element lives when not in the top document: "iframe#lic", "shadow(shop-license)". */
  scope?: string;
  /** Image and badge source URL (absolute). */
  src?: string;
  /** For license/permit images: what OCR read (filled in by the CLI after capture). */
  ocr?: OcrReading;
  /** For license links: the target's answer (the CLI follows same-site license links once). */
  linkStatus?: { status: number; contentType: string | null } | { error: string };
}

/** A bound the capture stopped at: reported, never silent. */
export interface CaptureCap {
  name: "text_nodes" | "frames" | "images" | "shadow_roots" | "screenshot_tiles";
  limit: number;
  reached: boolean;
  zh: string;
  en: string;
}

export type PageKind = "shop" | "platform_home" | "other";

/** What the capture hands the engine: the rendered page, reduced to the facts the checks need. */
export interface PageSnapshot {
  url: string;
  title: string;
  capturedAt: string;
  viewport: { width: number; height: number };
  documentHeight: number;
  pageKind: PageKind;
  /** Platform whose page this is (from the URL's host), also for platform home pages. */
  platform: string | null;
  shop: ShopRef | null;
  /** A USCC the page names when no shop id was found (generic adapter). */
  uscc: string | null;
  elements: PageElement[];
  /** Caps the capture applies; any with `reached` is reported as a check (capture.complete). */
  caps?: CaptureCap[];
  /** Frames seen: same-origin ones are read, cross-origin ones are listed (a person looks at them). */
  frames?: { src: string; read: boolean; reason?: string }[];
  /** How the late-render wait ended (CLI): network idle and DOM mutation quiet, within a bound. */
  settle?: { networkIdle: boolean; mutationQuiet: boolean; waitedMs: number; boundMs: number };
}

export type Severity = "critical" | "major" | "minor";
/** review: the audit cannot decide (OCR unavailable, a capture cap reached): a person has to look. */
export type CheckStatus = "pass" | "fail" | "na" | "review";
/** display: what 电子商务法 §15 asks of the page; risk: facts about the merchant shown whatever the page. */
export type CheckKind = "display" | "risk";

export interface EvidenceRef {
  selector: string;
  tag: string;
  text: string;
  box: Box;
  visible: boolean;
  hiddenReason?: string;
  src?: string;
  href?: string;
  contrast?: number;
  /** For mismatches: what the registry says and what the page shows. */
  expected?: string;
  actual?: string;
}

export interface Check {
  id: CheckId;
  /** The rule the check enforces, e.g. "电子商务法 §15；市场主体登记管理条例 §36". */
  rule?: string;
  kind: CheckKind;
  severity: Severity;
  status: CheckStatus;
  zh: string;
  en: string;
  evidence: EvidenceRef[];
}

/** A check's id, "area.name"; the registry (checks/registry.ts) is the list. */
export type CheckId = string;

/** review: no display check failed but one could not be decided (OCR unavailable, a cap reached). */
export type Outcome = "compliant" | "non_compliant" | "review" | "error";

export type ErrorCode =
  | "timeout"
  | "http_404"
  | "http_error"
  | "load_failed"
  | "crashed"
  | "not_a_shop_page"
  | "registry_unavailable"
  /** The URL answered a PDF / an image / another non-HTML type: not a shop page, its own class. */
  | "non_html_pdf"
  | "non_html_image"
  | "non_html_other";

export interface AuditError {
  code: ErrorCode;
  zh: string;
  en: string;
  httpStatus?: number;
}

/** The engine's answer for one page. */
export interface PageAudit {
  url: string;
  pageKind: PageKind;
  platform: string | null;
  shopId: string | null;
  uscc: string | null;
  merchantName: string | null;
  /** 登记机关 of the merchant (from the verified record): where a case is routed. */
  authority?: string | null;
  outcome: Outcome;
  /** Active 黑名单 / 重点关注 entries of the merchant: flagged whatever the display. */
  flags: ("black" | "watch")[];
  checks: Check[];
  error?: AuditError;
}

/** Signature verification as `verifyEnvelope` answers it, plus "absent" when there was nothing to verify. */
export type Verification = { ok: true } | { ok: false; reason: "expired" | "bad_signature" | "unknown_key" };
