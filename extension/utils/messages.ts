/**
 * Messages between the content script, the popup and the background. The content script hands the
 * background a shop ref; only the background hashes it, and only range prefixes leave the device.
 */
import type { CompactRecord, SignedEnvelope } from "@xinbiao/db/model";
import type { ShopRef } from "../adapters/types.ts";

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

export type BackgroundMessage =
  /** Local answer only (cache, prefix set): for an instant first paint. */
  | { type: "peek"; shop: ShopRef }
  | { type: "lookup"; shop: ShopRef }
  | { type: "dismiss"; shop: ShopRef }
  | { type: "record"; uscc: string }
  | { type: "search"; q: string }
  | { type: "clear-cache" };

export interface ShopState {
  detected: boolean;
  shop: ShopRef | null;
  uscc: string | null;
  result: LookupResult | null;
  badgeMismatch: ShopRef | null;
  /** The page displays the license (亮照 link, license block or a Xinbiao badge). */
  licenseShown: boolean;
}

export type TabMessage = { type: "state" };
