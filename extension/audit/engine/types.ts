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
  | "credit_link";

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
  inHeader: boolean;
  inFooter: boolean;
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
}

export type Severity = "critical" | "major" | "minor";
export type CheckStatus = "pass" | "fail" | "na";
/** display: what 电子商务法 §15 asks of the page; risk: facts about the merchant shown whatever the page. */
export type CheckKind = "display" | "risk";

export interface EvidenceRef {
  selector: string;
  tag: string;
  text: string;
  box: Box;
  visible: boolean;
  hiddenReason?: string;
  /** For mismatches: what the registry says and what the page shows. */
  expected?: string;
  actual?: string;
}

export interface Check {
  id: CheckId;
  kind: CheckKind;
  severity: Severity;
  status: CheckStatus;
  zh: string;
  en: string;
  evidence: EvidenceRef[];
}

export type CheckId =
  | "license.present"
  | "license.prominent"
  | "identity.uscc"
  | "identity.name"
  | "license.status"
  | "permits.shown"
  | "exemption.statement"
  | "badge.bound"
  | "badge.signature"
  | "registry.record"
  | "lists.active"
  | "platform.creditchina"
  | "platform.province_credit"
  | "platform.gsxt";

export type Outcome = "compliant" | "non_compliant" | "error";

export type ErrorCode =
  | "timeout"
  | "http_404"
  | "http_error"
  | "load_failed"
  | "crashed"
  | "not_a_shop_page"
  | "registry_unavailable";

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
  outcome: Outcome;
  /** Active 黑名单 / 重点关注 entries of the merchant: flagged whatever the display. */
  flags: ("black" | "watch")[];
  checks: Check[];
  error?: AuditError;
}

/** Signature verification as `verifyEnvelope` answers it, plus "absent" when there was nothing to verify. */
export type Verification = { ok: true } | { ok: false; reason: "expired" | "bad_signature" | "unknown_key" };
