/**
 * The adapter contract (DESIGN §2): one pure module per platform. Pure means: given a URL and a
 * Document, answer without touching the network, storage or the extension APIs, so every adapter is
 * unit-tested against saved fixture pages.
 */
import type { Platform } from "@xinbiao/db/model";

export interface ShopRef {
  /** The platform whose `platform:shopId` hash the range API knows. */
  platform: Platform;
  shopId: string;
}

/** What the generic adapter can find on a page without a platform shop id. */
export interface PageEvidence {
  /** A Xinbiao embed badge (`<script data-platform data-shop>` or `/badge/{platform}/{id}.svg`). */
  badgeShop: ShopRef | null;
  /** A USCC the page shows (license block, `data-uscc` badge, zzlz link), already check-validated. */
  uscc: string | null;
  /** The page links to the official 亮照 system (zzlz.gsxt.gov.cn) or a license page. */
  licenseLink: string | null;
}

export interface Adapter {
  id: Platform;
  /** Cheap host test: does this adapter care about this URL at all? No DOM access. */
  matches(url: URL): boolean;
  /**
   * Is this URL a shop or item page of this platform? URL only — the content script calls it on
   * every navigation, so it must stay cheap and never read the DOM.
   */
  detect(url: URL): boolean;
  /** "shop" or "item" for a detected page, null otherwise. URL only. */
  surface(url: URL): "shop" | "item" | null;
  /**
   * The shop id, from the URL when it carries one, else from the page (item pages name the shop).
   * Null when no id can be read or two sources name different shops ("not checked").
   */
  shopKey(url: URL, doc: Document): string | null;
  /** Demo/test shop URL for an id: the URL table test and the browser tests use it. */
  shopUrl(shopId: string): string;
  /**
   * Where the badge goes: the current shop header's name, through fallback selectors; null →
   * floating badge. Queries the document on each call, so a header re-rendered in place is found.
   */
  anchor(doc: Document): Element | null;
  /** The header container to watch for in-place re-renders (attribute and text changes). */
  header(doc: Document): Element | null;
}
