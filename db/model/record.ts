/**
 * The public record: the contract every surface shares (DESIGN §3). Only public fields; natural
 * persons masked. The worker builds it, signs it; the embed script, pages and extension read it.
 */
import { LICENSE_LOOKS, LIST_NAMES, VERDICT_LOOKS } from "./presentation.ts";
import type { Brand } from "./regions.ts";

export type MerchantKind = "enterprise" | "individual_business" | "natural_person" | "other";
export type LicenseStatus = "active" | "abnormal" | "revoked" | "cancelled" | "exempt";
export type ListKind = "red" | "black" | "watch";
export type ListStatus = "active" | "rectifying" | "overdue" | "objected";
export type GradeLevel = "A" | "B" | "C" | "D";
export type Verdict = "trusted" | "normal" | "caution" | "warning" | "danger";

export interface Reason {
  code: string;
  zh: string;
  en: string;
}

export interface PublicRecord {
  uscc: string;
  name: string;
  kind: MerchantKind;
  /** true when the code fails a GB 32100 check but is a real early pilot code in the registry. */
  pilotCode: boolean;
  region: { code: string; province: string; division: string | null; brand: Brand };
  license: {
    status: LicenseStatus;
    authority: string;
    registeredAt: string | null;
    legalRepresentative: string | null;
    address: string | null;
    scope: string | null;
    onlineOnly: boolean;
    /** 电子商务法 §10: a natural person exempt from registration shows a self-declaration instead. */
    exemptionStatement: string | null;
  };
  permits: { kind: string; number: string; authority: string; validFrom: string; validTo: string | null }[];
  verification: { platform: string; method: string; verifiedAt: string; expiresAt: string | null }[];
  grade: {
    level: GradeLevel;
    source: "official" | "computed";
    scheme: string;
    asOf: string;
    factors: string[];
  } | null;
  lists: {
    list: ListKind;
    category: string;
    authority: string;
    documentNo: string;
    listedAt: string;
    rectifyBy: string | null;
    displayUntil: string | null;
    status: ListStatus;
  }[];
  commitments: { title: string; signedAt: string; text: string }[];
  verdict: Verdict;
  reasons: Reason[];
  links: { page: string; creditChina: string; gsxt: string; report12315: string };
  updatedAt: string;
  /** Freshness bound: data older than this is `caution` (DESIGN §3). */
  freshUntil: string;
  sources: { id: string; title: string; authority: string; publishedAt: string; url: string | null }[];
}

export interface SignedEnvelope<T = PublicRecord> {
  record: T;
  signature: string;
  keyId: string;
  issuedAt: string;
  expiresAt: string;
}

// Labels come from the one presentation module, so the words cannot drift (issue 13 item 8).
export const LIST_LABELS: Record<ListKind, { zh: string; en: string }> = LIST_NAMES;

export const LICENSE_LABELS: Record<LicenseStatus, { zh: string; en: string }> = {
  active: LICENSE_LOOKS.active.word,
  abnormal: LICENSE_LOOKS.abnormal.word,
  revoked: LICENSE_LOOKS.revoked.word,
  cancelled: LICENSE_LOOKS.cancelled.word,
  exempt: LICENSE_LOOKS.exempt.word,
};

/** Verdict words. A `danger` record shows `headline()` (presentation.ts): 失信 only for a 黑名单 entry. */
export const VERDICT_LABELS: Record<Verdict, { zh: string; en: string }> = {
  trusted: VERDICT_LOOKS.trusted.word,
  normal: VERDICT_LOOKS.normal.word,
  caution: VERDICT_LOOKS.caution.word,
  warning: VERDICT_LOOKS.warning.word,
  danger: VERDICT_LOOKS.danger.word,
};

/** 电子商务法 §10 exemption statement shown for natural-person sellers without registration. */
export const EXEMPTION_STATEMENT =
  "本店经营者为自然人，依据《中华人民共和国电子商务法》第十条规定属于依法不需要办理市场主体登记的情形。";
