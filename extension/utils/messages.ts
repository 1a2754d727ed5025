/**
 * Messages between the content script, the popup and the background. The content script hands the
 * background a shop ref; only the background hashes it, and only range prefixes leave the device.
 */
import type { CompactRecord, Platform, SignedEnvelope } from "@xinbiao/db/model";
import type { ShopRef } from "../adapters/types.ts";
import type { Coverage } from "../entrypoints/shop.content/machine.ts";
import type { LangSetting } from "./i18n.ts";

export type LookupResult =
  | { state: "found"; record: CompactRecord; fetchedAt: number; stale: boolean; dismissedToday: boolean }
  | { state: "unknown"; fetchedAt: number; stale: boolean; dismissedToday: boolean }
  /** No bucket could be fetched, but the local prefix set lists this shop: warn anyway. */
  | { state: "listed"; list: "black" | "watch"; dismissedToday: boolean }
  | { state: "error"; dismissedToday: boolean };

export type VerifiedRecord =
  | { ok: true; envelope: SignedEnvelope }
  | { ok: false; reason: "expired" | "bad_signature" | "unknown_key" | "not_found" | "network" };

export interface SearchResult {
  uscc: string;
  name: string;
  verdict: CompactRecord["verdict"];
  brand: CompactRecord["brand"];
  grade: CompactRecord["grade"];
  licenseStatus: CompactRecord["licenseStatus"];
  page: string;
}

export type SearchResponse = { ok: true; results: SearchResult[] } | { ok: false };

/**
 * What the shop page needs from the settings, sent with the answers to "lookup" and "peek" (and to
 * "ui"): the content script reads neither storage nor i18n itself (issue 7).
 */
export interface PageUi {
  /** Resolved in the page ("auto" follows navigator.language): the worker's UI language may differ. */
  language: LangSetting;
  auditorMode: boolean;
  serviceUrl: string;
  /**
   * The detection rules the background holds (utils/rules-store.ts): the content script asks for
   * them ({ type: "rules" }) only when this differs from its built-in version.
   */
  rulesVersion?: string;
}

/** The answer to "lookup" (result never null) and "peek" (null when nothing local is known). */
export interface PageAnswer {
  result: LookupResult | null;
  ui: PageUi;
}

export type BackgroundMessage =
  /** Local answer only (cache, prefix set): for an instant first paint. Answer: PageAnswer. */
  | { type: "peek"; shop: ShopRef }
  /** Answer: PageAnswer. */
  | { type: "lookup"; shop: ShopRef }
  /** Answer: PageUi (pages that show a USCC but name no shop). */
  | { type: "ui" }
  | { type: "dismiss"; shop: ShopRef }
  | { type: "record"; uscc: string }
  | { type: "search"; q: string }
  | { type: "clear-cache" }
  /** Answer: the service's verified rules JSON when newer than the built-in ones, else null. */
  | { type: "rules" }
  /** From a content script: what its tab's toolbar icon should say (the sender names the tab). */
  | { type: "coverage"; coverage: Coverage }
  /** From the popup, after the person confirmed exactly this report. Answer: MatchReportAnswer. */
  | { type: "match-report"; report: MatchReport };

/**
 * A user-initiated report of a wrong or missed shop match (issue 14): only what the person saw in the
 * popup's preview and confirmed. No shop id, no hash; the page URL only if they ticked it.
 */
export interface MatchReport {
  kind: "missed" | "wrong";
  platform: Platform;
  /** The version of the detection rules in use, to tell a fixed redesign from a new one. */
  rulesVersion: string;
  extensionVersion: string;
  /** Only when the person ticked "include the page address". */
  pageUrl?: string;
}

export type MatchReportAnswer = { ok: true; id: string } | { ok: false; status: number; message: string };

export interface ShopState {
  detected: boolean;
  /** What the toolbar shows for this tab; "unmatched": a shop or item page whose shop we could not tell. */
  coverage: Coverage;
  /** The platform of the tab's page (the content script runs on supported platforms only). */
  platform: Platform;
  /** The page's address, from the content script (the popup has no "tabs" permission to read it).
   * It stays on the device unless the person ticks it into a match report. */
  pageUrl: string;
  /** The detection rules in use: "builtin-…" or the version of the service's signed rules. */
  rulesVersion: string;
  shop: ShopRef | null;
  uscc: string | null;
  result: LookupResult | null;
  badgeMismatch: ShopRef | null;
  /** The page displays the license (亮照 link, license block or a Xinbiao badge). */
  licenseShown: boolean;
}

export type TabMessage = { type: "state" } | { type: "ui"; ui: PageUi };
