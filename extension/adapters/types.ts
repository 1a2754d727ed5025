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
  /** The shop id, from the URL when it carries one, else from the page (item pages name the shop). */
  shopKey(url: URL, doc: Document): string | null;
  /** Demo/test shop URL for an id: the URL table test and the browser tests use it. */
  shopUrl?(shopId: string): string;
  /** Where the badge goes: the shop header's name, through fallback selectors; null → floating badge. */
  anchor(doc: Document): Element | null;
}

/** First element matching any selector, in order: pages change markup, so adapters list fallbacks. */
export function firstMatch(doc: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = doc.querySelector(s);
    if (el) return el;
  }
  return null;
}

/** Hostname equals `domain` or is a sub-domain of it. */
export function onDomain(url: URL, domain: string): boolean {
  const h = url.hostname.toLowerCase();
  return h === domain || h.endsWith(`.${domain}`);
}

/** Shop ids on every supported platform are decimal; anything else is not a shop id. */
export function cleanId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /^\s*(\d{3,20})\s*$/.exec(raw);
  return m ? m[1]! : null;
}

/** A shop id from links on the page that point at a shop URL of the same platform. */
export function idFromLinks(doc: ParentNode, selectors: readonly string[], pattern: RegExp): string | null {
  for (const s of selectors) {
    for (const a of doc.querySelectorAll<HTMLAnchorElement>(s)) {
      const href = a.getAttribute("href");
      if (!href) continue;
      const m = pattern.exec(href);
      if (m?.[1]) return m[1];
    }
  }
  return null;
}
